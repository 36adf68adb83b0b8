/**
 * The time-respecting, amount-attributing search shared by {@link traceFunds} and
 * {@link findCorridors} (internal: not part of the public API).
 *
 * A "parcel" is an amount of money that moved along one path of transfers. Forward, a parcel that
 * arrived in an account at time t can only leave through transfers made at t or later and no later
 * than t + maxDelay; backward, a parcel that left an account at time t can only have come from
 * transfers received between t - maxDelay and t. This is the time-respecting path of temporal
 * network analysis (Holme and Saramäki, "Temporal networks", Physics Reports 519, 2012).
 *
 * Attribution (how much of a parcel each next transfer carries):
 * - proportional: shared among the eligible transfers in proportion to their amounts still
 *   unattributed (each carries `open * min(1, parcel / sum of open amounts)`);
 * - fifo: the eligible transfers in time order (forward: the earliest first; backward: the earliest
 *   receipts first) each take what is left of the parcel, up to their amount.
 * A transfer never carries more than its own amount in total across all parcels of one search (the
 * capacity still unattributed is tracked per transfer), and a parcel never hands on more than it
 * holds, so traced amounts never exceed what actually flowed. Paths never revisit an account.
 * The budget caps the number of transfers examined, so a hub with 100k transfers cannot explode
 * the search.
 *
 * Internal: these exports are for `trace-funds.ts` and `corridors.ts` only and are not re-exported
 * from the package.
 */

import type { AccountAdjacency } from "../graph/adjacency.js";
import type { Dataset } from "../model/dataset.js";

/** Settings of one search (validated by the callers). */
export interface EngineSettings {
  maxHops: number;
  maxDelayMs: number;
  minAmount: number;
  attribution: "proportional" | "fifo";
  budget: number;
}

/** The parcels of a search, column-wise. Parcel k moved through transaction `tx[k]`. */
export interface Parcels {
  /** Account the parcel is in after its transfer (forward: the payee; backward: the payer). */
  account: number[];
  tx: number[];
  amount: number[];
  hop: number[];
  parent: number[];
  /** Number of child parcels. */
  children: number[];
}

/** The outcome of {@link runTrace}. */
export interface EngineResult {
  parcels: Parcels;
  /** Transfers examined (never more than the budget). */
  examined: number;
  /** True when the budget stopped the search. */
  truncated: boolean;
  /** Amount attributed per transaction index. */
  assigned: Map<number, number>;
}

/**
 * Run a search from the given start transactions (in priority order). `stop(account, tx)` marks an
 * arrival as final (not expanded further). `assigned` may be shared between searches that must not
 * count the same money twice.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-02", amount: 6000, currency: "USD", fromAccount: "B", toAccount: "C" },
 * ] });
 * const settings = { maxHops: 8, maxDelayMs: 30 * 86_400_000, minAmount: 1, attribution: "proportional" as const, budget: 1000 };
 * const r = runTrace(dataset, buildAccountAdjacency(dataset), [0], true, settings);
 * r.parcels.amount; // [10000, 6000]: B passed 6,000 of the 10,000 on
 * r.truncated; // false
 * ```
 */
export function runTrace(
  dataset: Dataset,
  adj: AccountAdjacency,
  starts: ArrayLike<number>,
  forward: boolean,
  s: EngineSettings,
  assigned: Map<number, number> = new Map(),
  stop?: (account: number, tx: number) => boolean,
): EngineResult {
  const t = dataset.transactions;
  const time = t.time;
  const amountOf = t.baseAmount;
  const parcels: Parcels = { account: [], tx: [], amount: [], hop: [], parent: [], children: [] };
  let examined = 0;
  let truncated = false;
  const add = (tx: number, amount: number, hop: number, parent: number): number => {
    const k = parcels.tx.length;
    parcels.account.push(forward ? t.to[tx] : t.from[tx]);
    parcels.tx.push(tx);
    parcels.amount.push(amount);
    parcels.hop.push(hop);
    parcels.parent.push(parent);
    parcels.children.push(0);
    if (parent >= 0) parcels.children[parent]++;
    assigned.set(tx, (assigned.get(tx) ?? 0) + amount);
    return k;
  };
  let layer: number[] = [];
  for (let k = 0; k < starts.length; k++) {
    if (examined >= s.budget) {
      truncated = true;
      break;
    }
    examined++;
    const tx = starts[k];
    const cap = amountOf[tx] - (assigned.get(tx) ?? 0);
    if (cap < s.minAmount || cap <= 0) continue;
    layer.push(add(tx, cap, 1, -1));
  }
  const candTx: number[] = [];
  const candCap: number[] = [];
  for (let hop = 1; hop < s.maxHops && layer.length > 0 && !truncated; hop++) {
    if (s.attribution === "fifo") layer.sort((a, b) => time[parcels.tx[a]] - time[parcels.tx[b]] || parcels.tx[a] - parcels.tx[b]);
    else layer.sort((a, b) => parcels.amount[b] - parcels.amount[a] || parcels.tx[a] - parcels.tx[b]);
    const next: number[] = [];
    for (const p of layer) {
      const acc = parcels.account[p];
      const ptx = parcels.tx[p];
      if (acc < 0 || stop?.(acc, ptx)) continue;
      const t0 = time[ptx];
      const list = forward ? adj.outTx : adj.inTx;
      const lo0 = forward ? adj.outStart[acc] : adj.inStart[acc];
      const hi0 = forward ? adj.outStart[acc + 1] : adj.inStart[acc + 1];
      const winLo = forward ? t0 : t0 - s.maxDelayMs;
      const winHi = forward ? t0 + s.maxDelayMs : t0;
      let j = lowerBound(list, lo0, hi0, time, winLo);
      candTx.length = 0;
      candCap.length = 0;
      for (; j < hi0; j++) {
        const tx = list[j];
        if (time[tx] > winHi) break;
        if (examined >= s.budget) {
          truncated = true;
          break;
        }
        examined++;
        if (tx === ptx) continue;
        const nextAcc = forward ? t.to[tx] : t.from[tx];
        if (nextAcc < 0 || nextAcc === acc || onPath(parcels, p, nextAcc, forward ? t.from : t.to)) continue;
        const cap = amountOf[tx] - (assigned.get(tx) ?? 0);
        if (cap <= 0) continue;
        candTx.push(tx);
        candCap.push(cap);
      }
      if (candTx.length > 0) {
        const x = parcels.amount[p];
        if (s.attribution === "fifo") {
          let left = x;
          for (let c = 0; c < candTx.length && left > 0; c++) {
            const carry = Math.min(candCap[c], left);
            left -= carry;
            if (carry >= s.minAmount) next.push(add(candTx[c], carry, hop + 1, p));
          }
        } else {
          let total = 0;
          for (const c of candCap) total += c;
          const factor = Math.min(1, x / total);
          for (let c = 0; c < candTx.length; c++) {
            const carry = candCap[c] * factor;
            if (carry >= s.minAmount && carry > 0) next.push(add(candTx[c], carry, hop + 1, p));
          }
        }
      }
      if (truncated) break;
    }
    layer = next;
  }
  return { parcels, examined, truncated, assigned };
}

/** First position in list[lo..hi) whose transaction time is >= value. */
function lowerBound(list: Int32Array, lo: number, hi: number, time: Float64Array, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[list[mid]] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `account` is already on the path of parcel p (its accounts and the origin). */
function onPath(parcels: Parcels, p: number, account: number, originSide: Int32Array): boolean {
  let k = p;
  for (;;) {
    if (parcels.account[k] === account) return true;
    const parent = parcels.parent[k];
    if (parent < 0) return originSide[parcels.tx[k]] === account;
    k = parent;
  }
}

/**
 * The chain of parcels from the root to parcel p, in money order (forward: root first; backward:
 * p first), as transaction indices.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-02", amount: 6000, currency: "USD", fromAccount: "B", toAccount: "C" },
 * ] });
 * const settings = { maxHops: 8, maxDelayMs: 30 * 86_400_000, minAmount: 1, attribution: "proportional" as const, budget: 1000 };
 * const r = runTrace(dataset, buildAccountAdjacency(dataset), [0], true, settings);
 * parcelChain(r.parcels, 1, true); // [0, 1]: T1 then T2
 * ```
 */
export function parcelChain(parcels: Parcels, p: number, forward: boolean): number[] {
  const chain: number[] = [];
  for (let k = p; k >= 0; k = parcels.parent[k]) chain.push(parcels.tx[k]);
  if (forward) chain.reverse();
  return chain;
}

/**
 * Countries crossed by a chain of transactions (money order), consecutive repeats collapsed.
 *
 * @example
 * ```ts
 * const legs = [{ from: "TZ", to: "KE" }, { from: "KE", to: "KE" }, { from: "KE", to: "VN" }];
 * chainCountries((tx) => legs[tx], [0, 1, 2]); // ["TZ", "KE", "VN"]
 * ```
 */
export function chainCountries(countriesOf: (tx: number) => { from: string; to: string }, chain: readonly number[]): string[] {
  const out: string[] = [];
  const push = (c: string) => {
    if (c && out[out.length - 1] !== c) out.push(c);
  };
  for (let k = 0; k < chain.length; k++) {
    const c = countriesOf(chain[k]);
    if (k === 0) push(c.from);
    push(c.to);
  }
  return out;
}

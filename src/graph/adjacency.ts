import type { Dataset } from "../model/dataset.js";

/**
 * Compact adjacency of the accounts (CSR): for each account, the indices of its outgoing and
 * incoming transactions, each list sorted by time (ties by transaction index). Built once per
 * dataset in O(n log n) and cached; the working structure of the window rules, tracing and
 * Louvain at scale. Transactions with no account on a side (cash) appear only on the other side.
 */
export interface AccountAdjacency {
  /** Number of accounts. */
  readonly accounts: number;
  /** `outTx[outStart[a] .. outStart[a+1])` are account `a`'s outgoing transactions, by time. */
  readonly outStart: Int32Array;
  readonly outTx: Int32Array;
  /** `inTx[inStart[a] .. inStart[a+1])` are account `a`'s incoming transactions, by time. */
  readonly inStart: Int32Array;
  readonly inTx: Int32Array;
  /** All transaction indices sorted by time (ties by index). */
  readonly byTime: Int32Array;
}

const cache = new WeakMap<Dataset, AccountAdjacency>();

/**
 * Transaction indices sorted by time, ties broken by index (a stable, deterministic order).
 *
 * @example
 * ```ts
 * import { createDataset, sortByTime } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-03", amount: 1, currency: "USD", fromAccount: "A" },
 *   { id: "T2", date: "2024-01-01", amount: 1, currency: "USD", fromAccount: "A" },
 * ] });
 * [...sortByTime(dataset)]; // [1, 0]
 * ```
 */
export function sortByTime(dataset: Dataset): Int32Array {
  const t = dataset.transactions;
  const idx = new Int32Array(t.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const time = t.time;
  let sorted = true;
  for (let i = 1; i < idx.length; i++) {
    if (time[i] < time[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (!sorted) idx.sort((a, b) => time[a] - time[b] || a - b);
  return idx;
}

/**
 * Build (or fetch from the cache) the {@link AccountAdjacency} of a dataset.
 *
 * @example
 * ```ts
 * import { buildAccountAdjacency, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10, currency: "USD", fromAccount: "A", toAccount: "B" },
 * ] });
 * const adj = buildAccountAdjacency(dataset);
 * const a = dataset.accountIndex.get("A")!;
 * adj.outStart[a + 1] - adj.outStart[a]; // 1
 * ```
 */
export function buildAccountAdjacency(dataset: Dataset): AccountAdjacency {
  const hit = cache.get(dataset);
  if (hit) return hit;
  const n = dataset.accounts.length;
  const t = dataset.transactions;
  const byTime = sortByTime(dataset);
  const outStart = new Int32Array(n + 1);
  const inStart = new Int32Array(n + 1);
  for (let i = 0; i < t.length; i++) {
    if (t.from[i] >= 0) outStart[t.from[i] + 1]++;
    if (t.to[i] >= 0) inStart[t.to[i] + 1]++;
  }
  for (let a = 0; a < n; a++) {
    outStart[a + 1] += outStart[a];
    inStart[a + 1] += inStart[a];
  }
  const outTx = new Int32Array(outStart[n]);
  const inTx = new Int32Array(inStart[n]);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    const f = t.from[i];
    const to = t.to[i];
    if (f >= 0) outTx[outFill[f]++] = i;
    if (to >= 0) inTx[inFill[to]++] = i;
  }
  const adj: AccountAdjacency = { accounts: n, outStart, outTx, inStart, inTx, byTime };
  cache.set(dataset, adj);
  return adj;
}

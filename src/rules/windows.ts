/**
 * Private helpers of the rules: sliding windows over the time-sorted adjacency lists (two
 * pointers, O(n) per list) and formatting for explanations. Not part of the public API.
 */
import { CHANNELS, type Channel } from "../model/codes.js";
import type { RuleContext } from "./context.js";

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Channel codes (indices into CHANNELS) as a lookup table. */
export function channelMask(channels: readonly Channel[]): Uint8Array {
  const m = new Uint8Array(CHANNELS.length);
  for (const c of channels) m[CHANNELS.indexOf(c)] = 1;
  return m;
}

/** The best window of a time-sorted list: most distinct counterparties, then the largest total, then the earliest. */
export interface DistinctWindow {
  distinct: number;
  total: number;
  /** Positions in the list, inclusive. */
  l: number;
  r: number;
}

/**
 * Slide a window of `windowMs` over `list[lo..hi)` (transaction indices sorted by time) and find
 * the window with the most distinct counterparties (`other[i]`, skipping -1) among accepted
 * transactions; a counterparty counts once it has `minPer` transfers in the window. `counts` is a
 * zeroed scratch array sized to the accounts; it is zero again on return.
 */
export function bestDistinctWindow(
  list: Int32Array,
  lo: number,
  hi: number,
  ctx: RuleContext,
  other: Int32Array,
  windowMs: number,
  accept: (i: number) => boolean,
  counts: Int32Array,
  minPer = 1,
): DistinctWindow {
  const time = ctx.dataset.transactions.time;
  const amount = ctx.dataset.transactions.baseAmount;
  let l = lo;
  let distinct = 0;
  let total = 0;
  const best: DistinctWindow = { distinct: 0, total: 0, l: lo, r: lo - 1 };
  for (let r = lo; r < hi; r++) {
    const i = list[r];
    const tr = time[i];
    while (tr - time[list[l]] > windowMs) {
      const j = list[l++];
      const o = other[j];
      if (o >= 0 && accept(j)) {
        if (counts[o] === minPer) distinct--;
        counts[o]--;
        total -= amount[j];
      }
    }
    const o = other[i];
    if (o < 0 || !accept(i)) continue;
    counts[o]++;
    if (counts[o] === minPer) distinct++;
    total += amount[i];
    if (distinct > best.distinct || (distinct === best.distinct && distinct > 0 && total > best.total)) {
      best.distinct = distinct;
      best.total = total;
      best.l = l;
      best.r = r;
    }
  }
  for (; l < hi; l++) {
    const j = list[l];
    const o = other[j];
    if (o >= 0 && accept(j)) counts[o]--;
  }
  return best;
}

/** Accepted transactions of `list[l..r]` whose counterparty has at least `minPer` of them there. */
export function windowEvidence(
  list: Int32Array,
  l: number,
  r: number,
  other: Int32Array,
  accept: (i: number) => boolean,
  minPer = 1,
): { txs: number[]; parties: number[] } {
  const per = new Map<number, number>();
  for (let k = l; k <= r; k++) {
    const i = list[k];
    if (other[i] >= 0 && accept(i)) per.set(other[i], (per.get(other[i]) ?? 0) + 1);
  }
  const txs: number[] = [];
  const cps: number[] = [];
  const seen = new Set<number>();
  for (let k = l; k <= r; k++) {
    const i = list[k];
    const o = other[i];
    if (o < 0 || !accept(i) || (per.get(o) ?? 0) < minPer) continue;
    txs.push(i);
    if (!seen.has(o)) {
      seen.add(o);
      cps.push(o);
    }
  }
  return { txs, parties: cps };
}

/** "USD 12,345" (rounded to units). */
export function money(ctx: RuleContext, v: number): string {
  return `${ctx.dataset.baseCurrency} ${Math.round(v).toLocaleString("en-US")}`;
}

/** "2024-01-12". */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "ACC-TZ-01 (Kilwa Clearing & Forwarding Ltd)", or the bare id when the holder is unknown. */
export function accountLabel(ctx: RuleContext, a: number): string {
  const ds = ctx.dataset;
  const p = ds.accountHolder[a];
  const name = p >= 0 ? ds.parties[p].name : "";
  return name ? `${ds.accounts[a].id} (${name})` : ds.accounts[a].id;
}

/** `n thing` / `n things`. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Effective country code index of each side of transaction `i` (0 = unknown). */
export function sideCountries(ctx: RuleContext, i: number): [number, number] {
  const ds = ctx.dataset;
  const t = ds.transactions;
  const f = t.fromCountry[i] || (t.from[i] >= 0 ? ds.accountCountry[t.from[i]] : 0);
  const to = t.toCountry[i] || (t.to[i] >= 0 ? ds.accountCountry[t.to[i]] : 0);
  return [f, to];
}

/** Upper bound: first position in `list[lo..hi)` with time > `t`. */
export function firstAfter(list: Int32Array, lo: number, hi: number, time: Float64Array, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[list[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Account `a`'s incoming and outgoing transactions merged in time order (a self-transfer once). */
export function accountEvents(ctx: RuleContext, a: number): number[] {
  const { inStart, inTx, outStart, outTx } = ctx.adjacency;
  const time = ctx.dataset.transactions.time;
  const res: number[] = [];
  let i = inStart[a];
  let o = outStart[a];
  const iHi = inStart[a + 1];
  const oHi = outStart[a + 1];
  while (i < iHi || o < oHi) {
    if (o >= oHi || (i < iHi && (time[inTx[i]] < time[outTx[o]] || (time[inTx[i]] === time[outTx[o]] && inTx[i] <= outTx[o])))) {
      const x = inTx[i++];
      if (res.length === 0 || res[res.length - 1] !== x) res.push(x);
    } else {
      const x = outTx[o++];
      if (res.length === 0 || res[res.length - 1] !== x) res.push(x);
    }
  }
  return res;
}

/**
 * For each transaction `e` paid into an account `m`: the first position in `m`'s time-sorted
 * outgoing list whose time is at or after `e`'s, that is
 * `firstAfter(outTx, outStart[m], outStart[m + 1], time, time[e] - 0.5)`, found for all of them at
 * once by merging each account's incoming and outgoing lists (both time-sorted). 0 for
 * transactions without a receiving account.
 */
export function onwardStarts(ctx: RuleContext): Int32Array {
  const { accounts, inStart, inTx, outStart, outTx } = ctx.adjacency;
  const time = ctx.dataset.transactions.time;
  const res = new Int32Array(ctx.dataset.transactions.length);
  for (let m = 0; m < accounts; m++) {
    let q = outStart[m];
    const hi = outStart[m + 1];
    for (let k = inStart[m]; k < inStart[m + 1]; k++) {
      const e = inTx[k];
      const x = time[e] - 0.5;
      while (q < hi && time[outTx[q]] <= x) q++;
      res[e] = q;
    }
  }
  return res;
}

/**
 * Private helpers of the rules: sliding windows over the time-sorted adjacency lists (two
 * pointers, O(n) per list) and formatting for explanations. Not part of the public API.
 */
import { CHANNELS, type Channel } from "../model/codes.js";
import type { RuleContext } from "./context.js";
import type { ListSide } from "./list-columns.js";

/**
 * One hour in milliseconds.
 *
 * @example
 * ```ts
 * HOUR; // 3600000
 * 48 * HOUR === 2 * DAY; // true
 * ```
 */
export const HOUR = 3_600_000;
/**
 * One day in milliseconds.
 *
 * @example
 * ```ts
 * 7 * DAY; // 604800000: a one-week window
 * ```
 */
export const DAY = 86_400_000;

/**
 * Channel codes (indices into CHANNELS) as a lookup table.
 *
 * @example
 * ```ts
 * const cash = channelMask(["cash_deposit", "cash_withdrawal"]);
 * cash[CHANNELS.indexOf("cash_deposit")]; // 1
 * cash[CHANNELS.indexOf("wire")]; // 0
 * ```
 */
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
 * the window with the most distinct counterparties (`side.other[k]`, skipping -1) among accepted
 * transactions; a counterparty counts once it has `minPer` transfers in the window. `side` holds
 * the list's columns in list order (`outColumns`/`inColumns` for `outTx`/`inTx`), so the scan
 * reads memory in sequence. `accept(i, o)` gets the transaction and its counterparty and is
 * called once per entry. `counts` is a zeroed scratch array sized to the accounts (zero again on
 * return); `ok` a scratch array at least as long as `list`.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: ["S1", "S2", "S3", "S1"].map((s, k) => ({
 *   id: `T${k}`, date: `2024-01-0${k + 1}`, amount: 1000, currency: "USD", fromAccount: s, toAccount: "HUB",
 * })) });
 * const ctx = createRuleContext(dataset);
 * const { inStart, inTx } = ctx.adjacency;
 * const hub = dataset.accountIndex.get("HUB")!;
 * const counts = new Int32Array(ctx.adjacency.accounts);
 * const ok = new Uint8Array(inTx.length);
 * const best = bestDistinctWindow(inTx, inStart[hub], inStart[hub + 1], inColumns(ctx), 7 * DAY, () => true, counts, ok);
 * best.distinct; // 3
 * best.total; // 4000
 * ```
 */
export function bestDistinctWindow(
  list: Int32Array,
  lo: number,
  hi: number,
  side: ListSide,
  windowMs: number,
  accept: (i: number, o: number) => boolean,
  counts: Int32Array,
  ok: Uint8Array,
  minPer = 1,
): DistinctWindow {
  const { time, other, amount } = side;
  let l = lo;
  let distinct = 0;
  let total = 0;
  let bestDistinct = 0;
  let bestTotal = 0;
  let bestL = lo;
  let bestR = lo - 1;
  for (let r = lo; r < hi; r++) {
    const tr = time[r];
    // l <= r here, so ok[l] was set when l was added
    while (tr - time[l] > windowMs) {
      if (ok[l] === 1) {
        const o = other[l];
        if (counts[o] === minPer) distinct--;
        counts[o]--;
        total -= amount[l];
      }
      l++;
    }
    const o = other[r];
    if (o < 0 || !accept(list[r], o)) {
      ok[r] = 0;
      continue;
    }
    ok[r] = 1;
    counts[o]++;
    if (counts[o] === minPer) distinct++;
    total += amount[r];
    if (distinct > bestDistinct || (distinct === bestDistinct && distinct > 0 && total > bestTotal)) {
      bestDistinct = distinct;
      bestTotal = total;
      bestL = l;
      bestR = r;
    }
  }
  for (; l < hi; l++) if (ok[l] === 1) counts[other[l]]--;
  return { distinct: bestDistinct, total: bestTotal, l: bestL, r: bestR };
}

/**
 * Accepted transactions of `list[l..r]` whose counterparty has at least `minPer` of them there.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: ["S1", "S2", "S3", "S1"].map((s, k) => ({
 *   id: `T${k}`, date: `2024-01-0${k + 1}`, amount: 1000, currency: "USD", fromAccount: s, toAccount: "HUB",
 * })) });
 * const ctx = createRuleContext(dataset);
 * const { inStart, inTx } = ctx.adjacency;
 * const hub = dataset.accountIndex.get("HUB")!;
 * const { txs, parties } = windowEvidence(inTx, inStart[hub], inStart[hub + 1] - 1, dataset.transactions.from, () => true, 2);
 * txs; // [0, 3]: only S1 paid twice
 * parties.map((a) => dataset.accounts[a].id); // ["S1"]
 * ```
 */
export function windowEvidence(
  list: Int32Array,
  l: number,
  r: number,
  other: Int32Array,
  accept: (i: number, o: number) => boolean,
  minPer = 1,
): { txs: number[]; parties: number[] } {
  const per = new Map<number, number>();
  for (let k = l; k <= r; k++) {
    const i = list[k];
    if (other[i] >= 0 && accept(i, other[i])) per.set(other[i], (per.get(other[i]) ?? 0) + 1);
  }
  const txs: number[] = [];
  const cps: number[] = [];
  const seen = new Set<number>();
  for (let k = l; k <= r; k++) {
    const i = list[k];
    const o = other[i];
    if (o < 0 || !accept(i, o) || (per.get(o) ?? 0) < minPer) continue;
    txs.push(i);
    if (!seen.has(o)) {
      seen.add(o);
      cps.push(o);
    }
  }
  return { txs, parties: cps };
}

/**
 * "USD 12,345" (rounded to units).
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * money(ctx, 12345.6); // "USD 12,346"
 * ```
 */
export function money(ctx: RuleContext, v: number): string {
  return `${ctx.dataset.baseCurrency} ${Math.round(v).toLocaleString("en-US")}`;
}

/**
 * "2024-01-12".
 *
 * @example
 * ```ts
 * day(Date.UTC(2024, 0, 12, 15, 30)); // "2024-01-12"
 * ```
 */
export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * "ACC-TZ-01 (Kilwa Clearing & Forwarding Ltd)", or the bare id when the holder is unknown.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", kind: "company", name: "Kilwa Clearing & Forwarding Ltd" }],
 *   accounts: [{ id: "ACC-TZ-01", holder: "P1" }, { id: "B" }],
 *   transactions: [{ id: "T1", date: "2024-01-12", amount: 900, currency: "USD", fromAccount: "ACC-TZ-01", toAccount: "B" }],
 * });
 * const ctx = createRuleContext(dataset);
 * accountLabel(ctx, dataset.accountIndex.get("ACC-TZ-01")!); // "ACC-TZ-01 (Kilwa Clearing & Forwarding Ltd)"
 * accountLabel(ctx, dataset.accountIndex.get("B")!); // "B"
 * ```
 */
export function accountLabel(ctx: RuleContext, a: number): string {
  const ds = ctx.dataset;
  const p = ds.accountHolder[a];
  const name = p >= 0 ? ds.parties[p].name : "";
  return name ? `${ds.accounts[a].id} (${name})` : ds.accounts[a].id;
}

/**
 * `n thing` / `n things`.
 *
 * @example
 * ```ts
 * plural(1, "transfer"); // "1 transfer"
 * plural(3, "party", "parties"); // "3 parties"
 * ```
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * Effective country code index of each side of transaction `i` (0 = unknown).
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({
 *   accounts: [{ id: "A", country: "TZ" }, { id: "B", country: "VN" }],
 *   transactions: [{ id: "T1", date: "2024-01-12", amount: 900, currency: "USD", fromAccount: "A", toAccount: "B" }],
 * });
 * const [from, to] = sideCountries(createRuleContext(dataset), 0);
 * [dataset.countries[from], dataset.countries[to]]; // ["TZ", "VN"]
 * ```
 */
export function sideCountries(ctx: RuleContext, i: number): [number, number] {
  const ds = ctx.dataset;
  const t = ds.transactions;
  const f = t.fromCountry[i] || (t.from[i] >= 0 ? ds.accountCountry[t.from[i]] : 0);
  const to = t.toCountry[i] || (t.to[i] >= 0 ? ds.accountCountry[t.to[i]] : 0);
  return [f, to];
}

/**
 * Upper bound: first position in `list[lo..hi)` with time > `t`.
 *
 * @example
 * ```ts
 * const time = new Float64Array([10, 20, 20, 30]);
 * const list = new Int32Array([0, 1, 2, 3]);
 * firstAfter(list, 0, 4, time, 20); // 3: the first time after 20 is at position 3
 * ```
 */
export function firstAfter(list: Int32Array, lo: number, hi: number, time: Float64Array, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[list[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Account `a`'s incoming and outgoing transactions merged in time order (a self-transfer once).
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * accountEvents(ctx, dataset.accountIndex.get("M")!); // [0, 1]: in on Jan 1, out on Jan 2
 * ```
 */
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

/**
 * Private helper of the rules: transaction columns copied into the order of the adjacency lists,
 * and each incoming transfer's first onward position, computed once per rule run and shared by
 * the rules that need them. Not part of the public API.
 *
 * Why: the window rules walk each account's time-sorted list and read the time, amount and
 * counterparty of every entry. Read through the list (`time[outTx[q]]`) those are random reads
 * over the whole table (one cache miss each at 1M transactions); read from a copy in list order
 * (`outTime[q]`) they are sequential. The copies are made by scattering the table in index order
 * into list positions, which is a few times cheaper than gathering through the list.
 */
import type { RuleContext } from "./context.js";

/** One side of the adjacency (outgoing or incoming lists) with its columns in list order. */
export interface ListSide {
  /** Per list position: the transaction's counterparty account (`to` for out lists, `from` for in lists). */
  readonly other: Int32Array;
  /** Per list position: the transaction's time. */
  readonly time: Float64Array;
  /** Per list position: the transaction's base-currency amount. */
  readonly amount: Float64Array;
}

interface Cached {
  out?: ListSide;
  in?: ListSide;
  onward?: Int32Array;
}

// keyed by the rule context: the copies live as long as one rule run (per-run, no global state)
const cache = new WeakMap<RuleContext, Cached>();

function cached(ctx: RuleContext): Cached {
  let c = cache.get(ctx);
  if (!c) {
    c = {};
    cache.set(ctx, c);
  }
  return c;
}

function buildSide(ctx: RuleContext, list: Int32Array, otherCol: Int32Array): ListSide {
  const t = ctx.dataset.transactions;
  const n = t.length;
  // position of each transaction in the list, -1 when it is not in it (no account on that side)
  const pos = new Int32Array(n).fill(-1);
  for (let q = 0; q < list.length; q++) pos[list[q]] = q;
  const other = new Int32Array(list.length);
  const time = new Float64Array(list.length);
  const amount = new Float64Array(list.length);
  const tTime = t.time;
  const tAmount = t.baseAmount;
  for (let i = 0; i < n; i++) {
    const q = pos[i];
    if (q < 0) continue;
    other[q] = otherCol[i];
    time[q] = tTime[i];
    amount[q] = tAmount[i];
  }
  return { other, time, amount };
}

/**
 * The outgoing lists' columns in list order: for position `q` of `ctx.adjacency.outTx`, the
 * receiver (`other[q] === to[outTx[q]]`), time and base amount. Built once per context.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * const out = outColumns(ctx);
 * const m = dataset.accountIndex.get("M")!;
 * out.amount[ctx.adjacency.outStart[m]]; // 9500
 * ```
 */
export function outColumns(ctx: RuleContext): ListSide {
  const c = cached(ctx);
  if (!c.out) c.out = buildSide(ctx, ctx.adjacency.outTx, ctx.dataset.transactions.to);
  return c.out;
}

/**
 * The incoming lists' columns in list order: for position `q` of `ctx.adjacency.inTx`, the
 * sender (`other[q] === from[inTx[q]]`), time and base amount. Built once per context.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * const m = dataset.accountIndex.get("M")!;
 * inColumns(ctx).other[ctx.adjacency.inStart[m]] === dataset.accountIndex.get("X"); // true
 * ```
 */
export function inColumns(ctx: RuleContext): ListSide {
  const c = cached(ctx);
  if (!c.in) c.in = buildSide(ctx, ctx.adjacency.inTx, ctx.dataset.transactions.from);
  return c.in;
}

/**
 * For each transaction `e` paid into an account `m`: the first position in `m`'s time-sorted
 * outgoing list whose time is at or after `e`'s, that is
 * `firstAfter(outTx, outStart[m], outStart[m + 1], time, time[e] - 0.5)`, found for all of them at
 * once by merging each account's incoming and outgoing lists (both time-sorted). 0 for
 * transactions without a receiving account. Built once per context.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * ctx.adjacency.outTx[onwardStarts(ctx)[0]]; // 1: T2 is M's first payment at or after T1 arrived
 * ```
 */
export function onwardStarts(ctx: RuleContext): Int32Array {
  const c = cached(ctx);
  if (c.onward) return c.onward;
  const { accounts, inStart, inTx, outStart } = ctx.adjacency;
  const inTime = inColumns(ctx).time;
  const outTime = outColumns(ctx).time;
  const res = new Int32Array(ctx.dataset.transactions.length);
  for (let m = 0; m < accounts; m++) {
    let q = outStart[m];
    const hi = outStart[m + 1];
    for (let k = inStart[m]; k < inStart[m + 1]; k++) {
      const x = inTime[k] - 0.5;
      while (q < hi && outTime[q] <= x) q++;
      res[inTx[k]] = q;
    }
  }
  c.onward = res;
  return res;
}

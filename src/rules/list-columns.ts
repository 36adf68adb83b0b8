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
import { bandStarts, bandsToRows } from "../_lib/band-scatter.js";
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
  /** Per transaction: its position in its sender's outgoing list (-1 without a sender). */
  outPos?: Int32Array;
  onward?: Int32Array;
  onwardOut?: Int32Array;
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

/**
 * The columns of both sides in list order. The lists hold each account's transactions sorted by
 * time, ties by index (the adjacency's contract), which is the order of `byTime` restricted to
 * the account: walking `byTime` with one cursor per account places every transaction at its list
 * position without searching (and `byTime` is the identity for time-sorted input, so the reads
 * are sequential and only the writes scatter). Also records each transaction's position in its
 * sender's list (-1 without a sender) for the onward starts.
 */
function buildBoth(ctx: RuleContext, c: Cached): void {
  const t = ctx.dataset.transactions;
  const { byTime, accounts, outStart, outTx, inStart, inTx } = ctx.adjacency;
  const out = { other: new Int32Array(outTx.length), time: new Float64Array(outTx.length), amount: new Float64Array(outTx.length) };
  const inc = { other: new Int32Array(inTx.length), time: new Float64Array(inTx.length), amount: new Float64Array(inTx.length) };
  const outPos = new Int32Array(t.length);
  const { from, to } = t;
  if (outTx.length + inTx.length >= BANDED_MIN_ENTRIES) {
    scatterBanded(t, byTime, accounts, from, to, outStart, out, outPos);
    scatterBanded(t, byTime, accounts, to, from, inStart, inc, undefined);
  } else {
    const { time, baseAmount } = t;
    const outCursor = outStart.slice(0, accounts);
    const inCursor = inStart.slice(0, accounts);
    // both sides in one pass: each transaction's columns are read once
    for (let k = 0; k < byTime.length; k++) {
      const i = byTime[k];
      const f = from[i];
      const r = to[i];
      const ti = time[i];
      const am = baseAmount[i];
      if (f >= 0) {
        const q = outCursor[f]++;
        out.other[q] = r;
        out.time[q] = ti;
        out.amount[q] = am;
        outPos[i] = q;
      } else outPos[i] = -1;
      if (r >= 0) {
        const q = inCursor[r]++;
        inc.other[q] = f;
        inc.time[q] = ti;
        inc.amount[q] = am;
      }
    }
  }
  c.out = out;
  c.in = inc;
  c.outPos = outPos;
}

/** List entries (both sides) from which {@link buildBoth} scatters in two passes (below, the lists fit in the caches). */
const BANDED_MIN_ENTRIES = 1 << 21;
/** Accounts per band of the two-pass scatter. */
const BAND_SHIFT = 11;

/**
 * One side's columns in list order, written in two passes by bands of 2,048 accounts (see
 * `band-scatter.ts`): the same arrays, entry for entry, as writing each transaction (in `byTime`
 * order) straight to its list position, which is a cache miss per column once the lists are
 * larger than the caches (10M transactions: 240 MB a side). `owner` is the account whose list
 * holds the entry, `other` the counterparty; `pos` (the sender side only) receives each
 * transaction's list position, -1 without an owner.
 */
export function scatterBanded(t: RuleContext["dataset"]["transactions"], byTime: Int32Array, accounts: number, owner: Int32Array, other: Int32Array, start: Int32Array, side: ListSide, pos: Int32Array | undefined): void {
  const { time, baseAmount } = t;
  const bandFill = bandStarts(start, accounts, BAND_SHIFT);
  const total = start[accounts];
  const low = new Uint16Array(total);
  const idx = pos ? new Int32Array(total) : undefined;
  const mask = (1 << BAND_SHIFT) - 1;
  for (let k = 0; k < byTime.length; k++) {
    const i = byTime[k];
    const a = owner[i];
    if (a < 0) {
      if (pos) pos[i] = -1;
      continue;
    }
    const p = bandFill[a >> BAND_SHIFT]++;
    side.other[p] = other[i];
    side.time[p] = time[i];
    side.amount[p] = baseAmount[i];
    low[p] = a & mask;
    if (idx) idx[p] = i;
  }
  bandsToRows(start, accounts, BAND_SHIFT, low, idx ? [side.other, side.time, side.amount, idx] : [side.other, side.time, side.amount]);
  if (pos && idx) for (let q = 0; q < total; q++) pos[idx[q]] = q;
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
  if (!c.out) buildBoth(ctx, c);
  return c.out as ListSide;
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
  if (!c.in) buildBoth(ctx, c);
  return c.in as ListSide;
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
  return onward(ctx).onward as Int32Array;
}

/**
 * {@link onwardStarts} indexed by the payment's position in its sender's outgoing list instead of
 * by transaction: `onwardStartsByOut(ctx)[q] === onwardStarts(ctx)[outTx[q]]` for payments with a
 * receiver, so a scan over a sender's list reads it in sequence. Built once per context.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * const x = dataset.accountIndex.get("X")!;
 * ctx.adjacency.outTx[onwardStartsByOut(ctx)[ctx.adjacency.outStart[x]]]; // 1: T2 follows T1
 * ```
 */
export function onwardStartsByOut(ctx: RuleContext): Int32Array {
  return onward(ctx).onwardOut as Int32Array;
}

function onward(ctx: RuleContext): Cached {
  const c = cached(ctx);
  if (c.onward) return c;
  const { accounts, inStart, inTx, outStart } = ctx.adjacency;
  const inTime = inColumns(ctx).time;
  const outTime = outColumns(ctx).time;
  const outPos = c.outPos as Int32Array;
  const res = new Int32Array(ctx.dataset.transactions.length);
  const resOut = new Int32Array(outTime.length);
  for (let m = 0; m < accounts; m++) {
    let q = outStart[m];
    const hi = outStart[m + 1];
    for (let k = inStart[m]; k < inStart[m + 1]; k++) {
      const x = inTime[k] - 0.5;
      while (q < hi && outTime[q] <= x) q++;
      const e = inTx[k];
      res[e] = q;
      const p = outPos[e];
      if (p >= 0) resOut[p] = q;
    }
  }
  c.onward = res;
  c.onwardOut = resOut;
  return c;
}

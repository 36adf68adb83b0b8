import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuleContext } from "../../src/rules/context.js";
import { inColumns, onwardStarts, onwardStartsByOut, outColumns, scatterBanded } from "../../src/rules/list-columns.js";
import { bestDistinctWindow, DAY, firstAfter } from "../../src/rules/windows.js";
import { ds, tx } from "./helpers.js";

// small random transaction sets: few accounts (so lists are long and share counterparties),
// times with ties (same minute), some cash sides and self-transfers
const records = fc.array(
  fc.record({
    from: fc.integer({ min: -1, max: 5 }),
    to: fc.integer({ min: -1, max: 5 }),
    minute: fc.integer({ min: 0, max: 20 * 24 * 6 }),
    amount: fc.integer({ min: 1, max: 5000 }),
  }),
  { minLength: 1, maxLength: 60 },
);

function dataset(rs: { from: number; to: number; minute: number; amount: number }[]) {
  return ds({
    transactions: rs.map((r, k) =>
      tx(`T${k}`, new Date(Date.UTC(2024, 0, 1) + r.minute * 600_000).toISOString(), r.amount, r.from >= 0 ? `A${r.from}` : undefined, r.to >= 0 || r.from < 0 ? `A${Math.max(r.to, 0)}` : undefined),
    ),
  });
}

// the window scan as it was written before the list-ordered columns: reads through the list
function naiveBestWindow(list: Int32Array, lo: number, hi: number, time: Float64Array, amount: Float64Array, other: Int32Array, windowMs: number, accept: (i: number) => boolean, minPer: number) {
  const counts = new Map<number, number>();
  let l = lo;
  let distinct = 0;
  let total = 0;
  const best = { distinct: 0, total: 0, l: lo, r: lo - 1 };
  for (let r = lo; r < hi; r++) {
    const i = list[r];
    while (time[i] - time[list[l]] > windowMs) {
      const j = list[l++];
      const o = other[j];
      if (o >= 0 && accept(j)) {
        if (counts.get(o) === minPer) distinct--;
        counts.set(o, (counts.get(o) ?? 0) - 1);
        total -= amount[j];
      }
    }
    const o = other[i];
    if (o < 0 || !accept(i)) continue;
    counts.set(o, (counts.get(o) ?? 0) + 1);
    if (counts.get(o) === minPer) distinct++;
    total += amount[i];
    if (distinct > best.distinct || (distinct === best.distinct && distinct > 0 && total > best.total)) Object.assign(best, { distinct, total, l, r });
  }
  return best;
}

describe("list-ordered columns", () => {
  it("copy each list's counterparty, time and amount in list order, and find each transfer's onward start", () => {
    fc.assert(
      fc.property(records, (rs) => {
        const dset = dataset(rs);
        const ctx = createRuleContext(dset);
        const t = dset.transactions;
        const { outStart, outTx, inTx } = ctx.adjacency;
        const out = outColumns(ctx);
        const inc = inColumns(ctx);
        for (let q = 0; q < outTx.length; q++) {
          expect([out.other[q], out.time[q], out.amount[q]]).toEqual([t.to[outTx[q]], t.time[outTx[q]], t.baseAmount[outTx[q]]]);
        }
        for (let q = 0; q < inTx.length; q++) {
          expect([inc.other[q], inc.time[q], inc.amount[q]]).toEqual([t.from[inTx[q]], t.time[inTx[q]], t.baseAmount[inTx[q]]]);
        }
        const onward = onwardStarts(ctx);
        for (let e = 0; e < t.length; e++) {
          const m = t.to[e];
          if (m < 0) continue;
          expect(onward[e]).toBe(firstAfter(outTx, outStart[m], outStart[m + 1], t.time, t.time[e] - 0.5));
        }
        const byOut = onwardStartsByOut(ctx);
        for (let q = 0; q < outTx.length; q++) if (t.to[outTx[q]] >= 0) expect(byOut[q]).toBe(onward[outTx[q]]);
        // cached per context
        expect(outColumns(ctx)).toBe(out);
        expect(onwardStarts(ctx)).toBe(onward);
      }),
      { numRuns: 200 },
    );
  });

  it("bestDistinctWindow over the columns agrees with the scan through the list", () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 3 }), (rs, minPer, days) => {
        const dset = dataset(rs);
        const ctx = createRuleContext(dset);
        const t = dset.transactions;
        const { outStart, outTx, inStart, inTx, accounts } = ctx.adjacency;
        const accept = (i: number) => t.baseAmount[i] % 3 !== 0 && t.from[i] !== t.to[i];
        const counts = new Int32Array(accounts);
        const W = days * DAY + 3_600_000;
        for (const [list, start, side, other] of [
          [outTx, outStart, outColumns(ctx), t.to],
          [inTx, inStart, inColumns(ctx), t.from],
        ] as const) {
          const ok = new Uint8Array(list.length);
          for (let a = 0; a < accounts; a++) {
            const got = bestDistinctWindow(list, start[a], start[a + 1], side, W, (i) => accept(i), counts, ok, minPer);
            expect(got).toEqual(naiveBestWindow(list, start[a], start[a + 1], t.time, t.baseAmount, other, W, accept, minPer));
            expect(counts.every((c) => c === 0)).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("scatterBanded", () => {
  it("gives both sides' columns and the senders' list positions of the direct scatter, on many accounts (property)", () => {
    // Up to 9,000 accounts: several bands of 2,048; times out of order, cash sides.
    const many = fc.array(
      fc.record({ from: fc.integer({ min: -1, max: 9000 }), to: fc.integer({ min: -1, max: 9000 }), minute: fc.integer({ min: 0, max: 500 }), amount: fc.integer({ min: 1, max: 5000 }) }),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(many, (rs) => {
        // Every account declared, in a shuffled-looking order, so that account numbers span the bands.
        const d = ds({
          accounts: Array.from({ length: 9001 }, (_, a) => ({ id: `A${(a * 7919) % 9001}` })),
          transactions: rs.map((r, k) => tx(`T${k}`, new Date(Date.UTC(2024, 0, 1) + r.minute * 600_000).toISOString(), r.amount, r.from >= 0 ? `A${r.from}` : undefined, r.to >= 0 || r.from < 0 ? `A${Math.max(r.to, 0)}` : undefined)),
        });
        const ctx = createRuleContext(d);
        const { byTime, accounts, outStart, inStart } = ctx.adjacency;
        const t = d.transactions;
        const side = (n: number) => ({ other: new Int32Array(n), time: new Float64Array(n), amount: new Float64Array(n) });
        // Reference: each transaction straight to its list position.
        const refOut = side(outStart[accounts]);
        const refIn = side(inStart[accounts]);
        const refPos = new Int32Array(t.length);
        const oc = outStart.slice(0, accounts);
        const ic = inStart.slice(0, accounts);
        for (const i of byTime) {
          if (t.from[i] >= 0) {
            const q = oc[t.from[i]]++;
            refOut.other[q] = t.to[i];
            refOut.time[q] = t.time[i];
            refOut.amount[q] = t.baseAmount[i];
            refPos[i] = q;
          } else refPos[i] = -1;
          if (t.to[i] >= 0) {
            const q = ic[t.to[i]]++;
            refIn.other[q] = t.from[i];
            refIn.time[q] = t.time[i];
            refIn.amount[q] = t.baseAmount[i];
          }
        }
        const out = side(outStart[accounts]);
        const inc = side(inStart[accounts]);
        const pos = new Int32Array(t.length);
        scatterBanded(t, byTime, accounts, t.from, t.to, outStart, out, pos);
        scatterBanded(t, byTime, accounts, t.to, t.from, inStart, inc, undefined);
        expect(out).toEqual(refOut);
        expect(inc).toEqual(refIn);
        expect(pos).toEqual(refPos);
        // and the cached columns (the direct path at this size) agree too
        expect(outColumns(ctx)).toEqual(refOut);
        expect(inColumns(ctx)).toEqual(refIn);
      }),
      { numRuns: 40 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleRule } from "../../src/rules/cycle.js";
import { d, ds, run, tx } from "./helpers.js";

const loop = (accounts: string[], days: number[], amounts?: number[]) =>
  accounts.map((a, k) => tx(`C${k}`, d(days[k]), amounts?.[k] ?? 1000 - k * 10, a, accounts[(k + 1) % accounts.length]));

describe("cycle", () => {
  it("fires for a time-respecting loop A -> B -> C -> A of about the same amount", () => {
    const [a, ...rest] = run(ds({ transactions: loop(["A", "B", "C"], [1, 2, 3]) }), cycleRule);
    expect(rest).toEqual([]);
    expect(a.value).toBe(3);
    expect(a.accounts).toEqual(["A", "B", "C"]);
    expect(a.transactions).toEqual(["C0", "C1", "C2"]);
    expect(a.explanation).toContain("(A -> B -> C -> A)");
  });

  it("stays quiet for a refund (A -> B -> A) and for regular trade both ways between two companies", () => {
    expect(run(ds({ transactions: loop(["A", "B"], [1, 2]) }), cycleRule)).toEqual([]);
    const trade = Array.from({ length: 12 }, (_, m) => [tx(`P${m}`, d(1 + m * 30), 20000, "BUY", "SELL"), tx(`R${m}`, d(5 + m * 30), 500, "SELL", "BUY")]).flat();
    expect(run(ds({ transactions: trade }), cycleRule)).toEqual([]);
  });

  it("requires time order by default: a loop whose last hop came first is no cycle", () => {
    const rows = loop(["A", "B", "C"], [5, 6, 1]);
    expect(run(ds({ transactions: rows }), cycleRule)).toEqual([]);
    expect(run(ds({ transactions: rows }), cycleRule, { timeOrdered: false })).toHaveLength(1);
  });

  it("boundary: amounts must stay within the tolerance of the previous hop; the loop within the window", () => {
    expect(run(ds({ transactions: loop(["A", "B", "C"], [1, 2, 3], [1000, 800, 640]) }), cycleRule)).toHaveLength(1);
    expect(run(ds({ transactions: loop(["A", "B", "C"], [1, 2, 3], [1000, 799, 700]) }), cycleRule)).toEqual([]);
    expect(run(ds({ transactions: loop(["A", "B", "C"], [1, 2, 31]) }), cycleRule)).toHaveLength(1);
    expect(run(ds({ transactions: loop(["A", "B", "C"], [1, 2, 32]) }), cycleRule)).toEqual([]);
  });

  it("property: a loop is found once whatever the account names (rotation-invariant)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[A-Z]{2,4}$/), { minLength: 3, maxLength: 6 }), (names) => {
        const alerts = run(ds({ transactions: loop(names, names.map((_, k) => k + 1)) }), cycleRule);
        return alerts.length === 1 && alerts[0].value === names.length && new Set(alerts[0].accounts).size === names.length;
      }),
      { numRuns: 40 },
    );
  });
});

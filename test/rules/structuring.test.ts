import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { structuringRule } from "../../src/rules/structuring.js";
import { d, ds, run, tx } from "./helpers.js";

const deposits = (amounts: number[], every = 1) => amounts.map((a, k) => tx(`D${k}`, d(1 + k * every), a, undefined, "ACC", { channel: "cash_deposit" }));

describe("structuring", () => {
  it("fires for three cash deposits just under 10,000 within a week", () => {
    const [a] = run(ds({ transactions: deposits([9800, 9700, 9900]) }), structuringRule);
    expect(a.value).toBe(3);
    expect(a.severity).toBe("medium");
    expect(a.explanation).toContain("3 cash deposits totalling USD 29,400");
  });

  it("also counts cash withdrawals, separately", () => {
    const rows = [9500, 9600, 9700].map((a, k) => tx(`W${k}`, d(2 + k), a, "ACC", undefined, { channel: "cash_withdrawal" }));
    expect(run(ds({ transactions: rows }), structuringRule)[0].id).toBe("structuring:ACC:out:2024-01-02");
  });

  it("stays quiet for a shop banking its varying daily takings", () => {
    const takings = [2300, 15400, 7800, 30100, 4100, 12600, 9100, 5200, 22000, 3100];
    expect(run(ds({ transactions: deposits(takings) }), structuringRule)).toEqual([]);
  });

  it("boundary: exactly the threshold is not under it; 9,000 (10% below) is; two deposits do not alert; eight days apart do not", () => {
    expect(run(ds({ transactions: deposits([10000, 9700, 9900]) }), structuringRule)).toEqual([]);
    expect(run(ds({ transactions: deposits([9000, 9000, 9000]) }), structuringRule)).toHaveLength(1);
    expect(run(ds({ transactions: deposits([8999.99, 9000, 9000]) }), structuringRule)).toEqual([]);
    expect(run(ds({ transactions: deposits([9800, 9700]) }), structuringRule)).toEqual([]);
    expect(run(ds({ transactions: deposits([9800, 9700, 9900], 4) }), structuringRule)).toEqual([]);
  });

  it("property: the reporting threshold is a parameter, and the count is what lies in the band", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 100000 }), fc.integer({ min: 3, max: 8 }), (limit, n) => {
        const amounts = Array.from({ length: n }, (_, k) => limit - 1 - k);
        const alerts = run(ds({ transactions: deposits(amounts) }), structuringRule, { reportingThreshold: limit });
        return alerts.length === 1 && alerts[0].value === n;
      }),
      { numRuns: 30 },
    );
  });
});

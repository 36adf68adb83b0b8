import { describe, expect, it } from "vitest";
import { passThroughRule } from "../../src/rules/pass-through.js";
import { rapidMovementRule } from "../../src/rules/rapid-movement.js";
import { d, ds, run, tx } from "./helpers.js";

describe("pass_through", () => {
  it("fires when what arrives leaves again within days in about the same amount", () => {
    const rows = [tx("I1", d(8), 48000, "CN1", "MY1"), tx("O1", d(9), 47500, "MY1", "MZ1"), tx("I2", d(20), 38000, "CN2", "MY1"), tx("O2", d(21), 37400, "MY1", "MZ1")];
    const [a] = run(ds({ transactions: rows }), passThroughRule);
    expect(a.accounts[0]).toBe("MY1");
    expect(a.value).toBe(100);
    expect(a.transactions).toEqual(["I1", "O1", "I2", "O2"]);
  });

  it("stays quiet for regular trade: a company paid monthly that pays its suppliers other amounts later", () => {
    const rows = Array.from({ length: 6 }, (_, m) => [
      tx(`I${m}`, d(1 + m * 30), 50000, "BUYER", "CO"),
      tx(`S${m}`, d(12 + m * 30), 21000, "CO", "SUPPLIER"),
      tx(`W${m}`, d(25 + m * 30), 14000, "CO", "STAFF"),
    ]).flat();
    expect(run(ds({ transactions: rows }), passThroughRule)).toEqual([]);
  });

  it("boundary: exactly 80% passed on alerts, less does not; below the inflow minimum does not", () => {
    const rows = (kept: number) => [
      tx("I1", d(1), 8000, "X", "M"),
      tx("I2", d(1), 2000, "Y", "M"),
      tx("O1", d(2), 8000, "M", "Z"),
      ...(kept > 0 ? [] : []),
    ];
    expect(run(ds({ transactions: rows(0) }), passThroughRule)[0].value).toBe(80);
    expect(run(ds({ transactions: rows(0) }), passThroughRule, { minShare: 0.81 })).toEqual([]);
    expect(run(ds({ transactions: rows(0) }), passThroughRule, { minInflow: 10001 })).toEqual([]);
  });
});

describe("rapid_movement", () => {
  const relays = (n: number, gapHours: number) =>
    Array.from({ length: n }, (_, k) => [tx(`I${k}`, d(1 + k, 8), 5000, "X", "M"), tx(`O${k}`, d(1 + k, 8 + gapHours), 4900, "M", "Y")]).flat();

  it("fires when money repeatedly stays only hours", () => {
    const [a] = run(ds({ transactions: relays(3, 7) }), rapidMovementRule);
    expect(a.value).toBe(3);
    expect(a.accounts[0]).toBe("M");
  });

  it("stays quiet for a salary spent over the following weeks", () => {
    const rows = [tx("SAL", d(1), 3000, "EMP", "M"), ...Array.from({ length: 10 }, (_, k) => tx(`P${k}`, d(2 + k * 3), 250, "M", `SHOP${k}`))];
    expect(run(ds({ transactions: rows }), rapidMovementRule)).toEqual([]);
  });

  it("boundary: two relays do not alert; 24 hours is still rapid, 25 is not", () => {
    expect(run(ds({ transactions: relays(2, 1) }), rapidMovementRule)).toEqual([]);
    expect(run(ds({ transactions: relays(3, 14) }), rapidMovementRule)).toHaveLength(1);
    const late = Array.from({ length: 3 }, (_, k) => [tx(`I${k}`, d(1 + k * 3, 8), 5000, "X", "M"), tx(`O${k}`, d(2 + k * 3, 9), 4900, "M", "Y")]).flat();
    expect(run(ds({ transactions: late }), rapidMovementRule)).toEqual([]);
    const onTime = Array.from({ length: 3 }, (_, k) => [tx(`I${k}`, d(1 + k * 3, 8), 5000, "X", "M"), tx(`O${k}`, d(2 + k * 3, 8), 4900, "M", "Y")]).flat();
    expect(run(ds({ transactions: onTime }), rapidMovementRule)).toHaveLength(1);
  });
});

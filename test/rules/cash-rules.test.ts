import { describe, expect, it } from "vitest";
import { cashIntensiveRule } from "../../src/rules/cash-intensive.js";
import { dormantActivationRule } from "../../src/rules/dormant-activation.js";
import { roundAmountsRule } from "../../src/rules/round-amounts.js";
import { d, ds, run, tx } from "./helpers.js";

describe("round_amounts", () => {
  const cash = (amounts: number[], currency = "TZS") => amounts.map((a, k) => tx(`C${k}`, d(1 + k), a, undefined, "A", { channel: "cash_deposit", currency }));

  it("fires when an account's cash deposits are all round amounts", () => {
    const [a] = run(ds({ transactions: cash([500000, 1000000, 2000000, 700000, 300000]) }), roundAmountsRule);
    expect(a.value).toBe(5);
    expect(a.severity).toBe("low");
  });

  it("stays quiet for ordinary uneven takings and for round wire payments (rent, invoices)", () => {
    expect(run(ds({ transactions: cash([512300, 1000450, 231990, 700120, 310000]) }), roundAmountsRule)).toEqual([]);
    const wires = [1, 2, 3, 4, 5, 6].map((k) => tx(`W${k}`, d(k), 5000, "A", "B"));
    expect(run(ds({ transactions: wires }), roundAmountsRule)).toEqual([]);
  });

  it("boundary: four round amounts do not alert; a share under 80% does not", () => {
    expect(run(ds({ transactions: cash([500000, 1000000, 2000000, 700000]) }), roundAmountsRule)).toEqual([]);
    expect(run(ds({ transactions: cash([500000, 1234, 1000000, 5678, 2000000, 700000, 300000]) }), roundAmountsRule)).toEqual([]);
    expect(run(ds({ transactions: cash([500000, 1234, 1000000, 2000000, 700000, 300000]) }), roundAmountsRule)).toHaveLength(1);
  });
});

describe("dormant_activation", () => {
  it("fires when an account silent for a year moves a large sum", () => {
    const rows = [tx("T0", d(1), 50, "X", "A"), tx("T1", d(400), 20000, "Y", "A"), tx("T2", d(402), 19000, "A", "Z")];
    const [a] = run(ds({ transactions: rows }), dormantActivationRule);
    expect(a.accounts[0]).toBe("A");
    expect(a.value).toBe(39000);
    expect(a.explanation).toContain("silent for 399 days");
  });

  it("stays quiet for an account used every month, and ignores time before the data starts", () => {
    const monthly = Array.from({ length: 24 }, (_, m) => tx(`M${m}`, d(1 + m * 30), 15000, "X", "A"));
    expect(run(ds({ transactions: monthly }), dormantActivationRule)).toEqual([]);
    const oldAccount = ds({ accounts: [{ id: "A", opened: "2010-01-01" }, { id: "X" }], transactions: [tx("T1", d(1), 50000, "X", "A")] });
    expect(run(oldAccount, dormantActivationRule)).toEqual([]);
  });

  it("boundary: 179 silent days do not alert, 180 do; 10,000 alerts, less does not", () => {
    const rows = (gap: number, amt: number) => [tx("T0", d(1), 50, "X", "A"), tx("T1", d(1 + gap), amt, "Y", "A")];
    expect(run(ds({ transactions: rows(179, 20000) }), dormantActivationRule)).toEqual([]);
    expect(run(ds({ transactions: rows(180, 20000) }), dormantActivationRule)).toHaveLength(1);
    expect(run(ds({ transactions: rows(200, 10000) }), dormantActivationRule)).toHaveLength(1);
    expect(run(ds({ transactions: rows(200, 9999) }), dormantActivationRule)).toEqual([]);
  });
});

describe("cash_intensive", () => {
  const parties = [
    { id: "SHOP", kind: "company", name: "Dar Fresh Supermarket", sector: "supermarket" },
    { id: "CO", kind: "company", name: "Kilwa Clearing", sector: "customs clearing" },
  ];
  const accounts = [{ id: "S", holder: "SHOP" }, { id: "C", holder: "CO" }, { id: "X" }];
  const deposits = (acct: string, n: number, amt = 8000) => Array.from({ length: n }, (_, k) => tx(`${acct}${k}`, d(1 + k), amt, undefined, acct, { channel: "cash_deposit" }));

  it("fires for a clearing agent living on cash", () => {
    const [a] = run(ds({ parties, accounts, transactions: deposits("C", 3) }), cashIntensiveRule);
    expect(a.accounts).toEqual(["C"]);
    expect(a.value).toBe(24000);
  });

  it("stays quiet for a supermarket banking cash", () => {
    expect(run(ds({ parties, accounts, transactions: deposits("S", 30) }), cashIntensiveRule)).toEqual([]);
  });

  it("boundary: exactly 20,000 alerts, less does not; cash under 80% of the activity does not", () => {
    expect(run(ds({ parties, accounts, transactions: deposits("C", 2, 10000) }), cashIntensiveRule)).toHaveLength(1);
    expect(run(ds({ parties, accounts, transactions: deposits("C", 2, 9999) }), cashIntensiveRule)).toEqual([]);
    const mixed = [...deposits("C", 3), tx("W1", d(2), 7000, "X", "C")];
    expect(run(ds({ parties, accounts, transactions: mixed }), cashIntensiveRule)).toEqual([]);
  });
});

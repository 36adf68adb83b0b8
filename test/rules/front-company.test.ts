import { describe, expect, it } from "vitest";
import { frontCompanyRule } from "../../src/rules/front-company.js";
import { d, ds, run, tx } from "./helpers.js";

describe("front_company", () => {
  const parties = [
    { id: "C1", kind: "company", name: "Pemba Marine", birthDate: "2024-01-01", sector: "freight forwarding", address: "Plot 4, Bandari Road, Pemba" },
    { id: "C2", kind: "company", name: "Golden Dragon Trading", birthDate: "2009-01-01", address: "Plot 4 Bandari Road Pemba" },
    { id: "C3", kind: "company", name: "Old Freight Ltd", birthDate: "2001-05-01", sector: "freight forwarding" },
    { id: "Z", kind: "person", name: "Zhang Wei" },
  ];
  const accounts = [{ id: "A1", holder: "C1" }, { id: "A2", holder: "C2" }, { id: "A3", holder: "C3" }, { id: "X" }];

  it("fires for a young company with large flows that shares an address with another company", () => {
    const [a, ...rest] = run(ds({ parties, accounts, transactions: [tx("T1", d(32), 90000, "X", "A1")] }), frontCompanyRule);
    expect(rest).toEqual([]);
    expect(a.value).toBe(2);
    expect(a.parties).toEqual(["C1", "C2"]);
    expect(a.explanation).toContain("received USD 90,000 within 365 days of incorporation");
    expect(a.explanation).toContain("shares an address or phone with Golden Dragon Trading");
  });

  it("counts a shared officer and cash into a non-cash business", () => {
    const relationships = [
      { from: "Z", to: "C2", type: "owns" },
      { from: "Z", to: "C3", type: "directs" },
    ];
    const cash = Array.from({ length: 4 }, (_, k) => tx(`D${k}`, d(1 + k), 5000, undefined, "A3", { channel: "cash_deposit" }));
    const alerts = run(ds({ parties, accounts, relationships, transactions: cash }), frontCompanyRule);
    const c3 = alerts.find((a) => a.id === "front_company:C3");
    expect(c3?.value).toBe(2);
    expect(c3?.explanation).toContain("shares an officer (Zhang Wei)");
    expect(c3?.explanation).toContain("100% of its inflow is cash or mobile money though it declares freight forwarding");
  });

  it("stays quiet for an established company with ordinary flows", () => {
    const rows = Array.from({ length: 12 }, (_, m) => tx(`T${m}`, d(1 + m * 30), 40000, "X", "A3"));
    expect(run(ds({ parties, accounts, transactions: rows }), frontCompanyRule)).toEqual([]);
  });

  it("boundary: one signal does not alert; 50,000 in the first year counts, 49,999 does not", () => {
    const solo = parties.filter((p) => p.id !== "C2");
    const acc = accounts.filter((a) => a.id !== "A2");
    expect(run(ds({ parties: solo, accounts: acc, transactions: [tx("T1", d(32), 90000, "X", "A1")] }), frontCompanyRule)).toEqual([]);
    expect(run(ds({ parties, accounts, transactions: [tx("T1", d(32), 50000, "X", "A1")] }), frontCompanyRule)).toHaveLength(1);
    expect(run(ds({ parties, accounts, transactions: [tx("T1", d(32), 49999, "X", "A1")] }), frontCompanyRule)).toEqual([]);
  });
});

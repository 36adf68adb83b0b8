import { describe, expect, it } from "vitest";
import { defaultCorridors } from "../../src/rules/corridors.js";
import { highRiskCorridorRule } from "../../src/rules/high-risk-corridor.js";
import { d, ds, run, tx } from "./helpers.js";

const accounts = [
  { id: "CN1", country: "CN" },
  { id: "MY1", country: "MY" },
  { id: "TZ1", country: "TZ" },
  { id: "TZ2", country: "TZ" },
  { id: "GB1", country: "GB" },
  { id: "DE1", country: "DE" },
];

describe("high_risk_corridor", () => {
  it("fires high for a destination -> transit -> source chain (money against the goods)", () => {
    const rows = [tx("T1", d(8), 48000, "CN1", "MY1"), tx("T2", d(9), 47500, "MY1", "TZ1")];
    const [a, ...rest] = run(ds({ accounts, transactions: rows }), highRiskCorridorRule);
    expect(rest).toEqual([]);
    expect(a.value).toBe(3);
    expect(a.severity).toBe("high");
    expect(a.accounts).toEqual(["CN1", "MY1", "TZ1"]);
    expect(a.explanation).toContain("travelled CN -> MY -> TZ");
    expect(a.explanation).toContain("ivory corridor");
  });

  it("a direct destination -> source payment counts less than a multi-hop chain", () => {
    const [a] = run(ds({ accounts, transactions: [tx("T1", d(8), 48000, "CN1", "TZ1")] }), highRiskCorridorRule);
    expect(a.value).toBe(2);
    expect(a.severity).toBe("low");
  });

  it("follows domestic hops inside the source country", () => {
    const rows = [tx("T1", d(8), 48000, "CN1", "MY1"), tx("T2", d(9), 47500, "MY1", "TZ1"), tx("T3", d(10), 40000, "TZ1", "TZ2")];
    expect(run(ds({ accounts, transactions: rows }), highRiskCorridorRule)[0].value).toBe(3);
  });

  it("stays quiet for exporters paying suppliers abroad (source -> destination), Europe, and small amounts", () => {
    expect(run(ds({ accounts, transactions: [tx("T1", d(8), 48000, "TZ1", "CN1")] }), highRiskCorridorRule)).toEqual([]);
    expect(run(ds({ accounts, transactions: [tx("T1", d(8), 48000, "GB1", "DE1")] }), highRiskCorridorRule)).toEqual([]);
    expect(run(ds({ accounts, transactions: [tx("T1", d(8), 4999, "CN1", "TZ1")] }), highRiskCorridorRule)).toEqual([]);
  });

  it("boundary: the next hop must carry half of the previous one and follow within 30 days", () => {
    const chain = (amt: number, day: number) => [tx("T1", d(1), 40000, "CN1", "MY1"), tx("T2", d(day), amt, "MY1", "TZ1")];
    expect(run(ds({ accounts, transactions: chain(20000, 31) }), highRiskCorridorRule)[0]?.value).toBe(3);
    expect(run(ds({ accounts, transactions: chain(19999, 31) }), highRiskCorridorRule)).toEqual([]);
    expect(run(ds({ accounts, transactions: chain(20000, 32) }), highRiskCorridorRule)).toEqual([]);
  });

  it("corridors are data: a user's corridors replace the built-in ones", () => {
    const corridors = { ...defaultCorridors(), commodities: { custom: { source: ["DE"], transit: [], destination: ["GB"] } } };
    const alerts = run(ds({ accounts, transactions: [tx("T1", d(8), 48000, "GB1", "DE1"), tx("T2", d(8), 48000, "CN1", "TZ1")] }), highRiskCorridorRule, undefined, { corridors });
    expect(alerts.map((a) => a.accounts[0])).toEqual(["GB1"]);
  });

  it("ships corridor statistics derived from the ROUTES seizure data", () => {
    const c = defaultCorridors();
    expect(c.routes.length).toBeGreaterThan(100);
    expect(c.routes.some((r) => r.commodity === "ivory" && r.to === "CN")).toBe(true);
  });
});

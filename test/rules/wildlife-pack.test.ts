import { describe, expect, it } from "vitest";
import { mobileMoneyBurstRule } from "../../src/rules/mobile-money-burst.js";
import { officialPaymentRule } from "../../src/rules/official-payment.js";
import { thirdPartyPaymentRule } from "../../src/rules/third-party-payment.js";
import { wildlifeSectorRule } from "../../src/rules/wildlife-sector.js";
import { d, ds, run, tx } from "./helpers.js";

describe("wildlife_sector", () => {
  const parties = [
    { id: "F1", kind: "company", name: "Pemba Marine Logistics", sector: "freight forwarding" },
    { id: "F2", kind: "company", name: "Kilwa Clearing", sector: "customs clearing" },
    { id: "F3", kind: "company", name: "Safari Curios", sector: "antiques" },
    { id: "BUY", kind: "company", name: "Buyer Ltd", sector: "manufacturing" },
  ];
  const accounts = [
    { id: "A", country: "CN" },
    { id: "B1", holder: "F1", country: "MZ" },
    { id: "B2", holder: "F2", country: "TZ" },
    { id: "B3", holder: "F3", country: "KE" },
    { id: "M", holder: "BUY", country: "CN" },
    { id: "L1", holder: "F1", country: "GB" },
    { id: "L2", holder: "F2", country: "GB" },
  ];

  it("fires for an account paying several front-sector companies abroad in corridor countries", () => {
    const rows = [tx("T1", d(1), 8000, "A", "B1"), tx("T2", d(5), 7000, "A", "B2")];
    const [a] = run(ds({ parties, accounts, transactions: rows }), wildlifeSectorRule);
    expect(a.value).toBe(2);
    expect(a.explanation).toContain("(customs clearing, freight forwarding)");
  });

  it("stays quiet for regular trade with one freight forwarder, for forwarders outside corridor countries, and for a forwarder paying others", () => {
    const rows = Array.from({ length: 12 }, (_, m) => tx(`T${m}`, d(1 + m * 30), 25000, "M", "B1"));
    expect(run(ds({ parties, accounts, transactions: rows }), wildlifeSectorRule)).toEqual([]);
    const uk = [tx("T1", d(1), 8000, "A", "L1"), tx("T2", d(5), 7000, "A", "L2")];
    expect(run(ds({ parties, accounts, transactions: uk }), wildlifeSectorRule)).toEqual([]);
    expect(run(ds({ parties, accounts, transactions: uk }), wildlifeSectorRule, { corridorCountriesOnly: false })).toHaveLength(1);
    const forwarder = [tx("T1", d(1), 8000, "B1", "B2"), tx("T2", d(5), 7000, "B1", "B3")];
    expect(run(ds({ parties, accounts, transactions: forwarder }), wildlifeSectorRule)).toEqual([]);
  });

  it("boundary: 10,000 in total alerts, less does not; outside 90 days does not", () => {
    const rows = (a: number, day: number) => [tx("T1", d(1), 5000, "A", "B1"), tx("T2", d(day), a, "A", "B3")];
    expect(run(ds({ parties, accounts, transactions: rows(5000, 10) }), wildlifeSectorRule)).toHaveLength(1);
    expect(run(ds({ parties, accounts, transactions: rows(4999, 10) }), wildlifeSectorRule)).toEqual([]);
    expect(run(ds({ parties, accounts, transactions: rows(5000, 92) }), wildlifeSectorRule)).toEqual([]);
  });
});

describe("official_payment", () => {
  const parties = [
    { id: "P1", kind: "company", name: "Kilwa Clearing" },
    { id: "P2", kind: "person", name: "Hamisi Kombo", roles: ["official"] },
    { id: "GOV", kind: "organization", name: "Tanzania Ports Authority", sector: "government" },
  ];
  const accounts = [{ id: "A", holder: "P1" }, { id: "B", holder: "P2" }, { id: "B2", holder: "P2" }, { id: "G", holder: "GOV" }];

  it("fires for a private payment to an official", () => {
    const [a] = run(ds({ parties, accounts, transactions: [tx("T1", d(13), 590, "A", "B", { reference: "chai ya bandari" })] }), officialPaymentRule);
    expect(a.accounts).toEqual(["A", "B"]);
    expect(a.parties).toEqual(["P1", "P2"]);
    expect(a.explanation).toContain("with the role official");
  });

  it("stays quiet for the official's salary from the government and for transfers between the official's own accounts", () => {
    const rows = [tx("S1", d(28), 900, "G", "B", { reference: "salary" }), tx("S2", d(29), 400, "B", "B2")];
    expect(run(ds({ parties, accounts, transactions: rows }), officialPaymentRule)).toEqual([]);
  });

  it("boundary: exactly 100 alerts, 99.99 does not; it is skipped when no party has a role", () => {
    expect(run(ds({ parties, accounts, transactions: [tx("T1", d(1), 100, "A", "B")] }), officialPaymentRule)).toHaveLength(1);
    expect(run(ds({ parties, accounts, transactions: [tx("T1", d(1), 99.99, "A", "B")] }), officialPaymentRule)).toEqual([]);
  });
});

describe("mobile_money_burst", () => {
  const accounts = [
    { id: "A", country: "TZ" },
    { id: "M1", country: "TZ" },
    { id: "M2", country: "TZ" },
    { id: "M3", country: "TZ" },
    { id: "G", country: "GB" },
    { id: "G1", country: "GB" },
    { id: "G2", country: "GB" },
    { id: "G3", country: "GB" },
  ];
  const burst = (from: string, to: string[], hours = 20, amount = 900) =>
    to.map((m, k) => tx(`T${k}`, d(12, 0 + k * hours), amount, from, m, { channel: "mobile_money" }));

  it("fires for mobile-money payments to three people in a source country within hours", () => {
    const [a] = run(ds({ accounts, transactions: burst("A", ["M1", "M2", "M3"]) }), mobileMoneyBurstRule);
    expect(a.value).toBe(3);
    expect(a.explanation).toContain("in TZ paid 3 counterparties USD 2,700");
  });

  it("stays quiet outside source countries and for wire transfers", () => {
    expect(run(ds({ accounts, transactions: burst("G", ["G1", "G2", "G3"]) }), mobileMoneyBurstRule)).toEqual([]);
    const wires = burst("A", ["M1", "M2", "M3"]).map((r) => ({ ...r, channel: "wire" }));
    expect(run(ds({ accounts, transactions: wires }), mobileMoneyBurstRule)).toEqual([]);
  });

  it("boundary: two counterparties do not alert; 72 hours is a burst, 74 is not; the total must reach 1,000", () => {
    expect(run(ds({ accounts, transactions: burst("A", ["M1", "M2"]) }), mobileMoneyBurstRule)).toEqual([]);
    expect(run(ds({ accounts, transactions: burst("A", ["M1", "M2", "M3"], 36) }), mobileMoneyBurstRule)).toHaveLength(1);
    expect(run(ds({ accounts, transactions: burst("A", ["M1", "M2", "M3"], 37) }), mobileMoneyBurstRule)).toEqual([]);
    expect(run(ds({ accounts, transactions: burst("A", ["M1", "M2", "M3"], 20, 333) }), mobileMoneyBurstRule)).toEqual([]);
  });
});

describe("third_party_payment", () => {
  const parties = ["P1", "P2", "P3", "SCH"].map((id) => ({ id, kind: "person", name: id }));
  const accounts = [{ id: "A1", holder: "P1" }, { id: "A2", holder: "P2" }, { id: "A3", holder: "P3" }, { id: "A1b", holder: "P1" }, { id: "S", holder: "SCH" }];

  it("fires when one invoice of a payee is paid by two unrelated parties", () => {
    const rows = [tx("T1", d(2), 9000, "A1", "S", { reference: "INV 2024-007" }), tx("T2", d(4), 8000, "A2", "S", { reference: "inv 2024-007" })];
    const [a] = run(ds({ parties, accounts, transactions: rows }), thirdPartyPaymentRule);
    expect(a.value).toBe(2);
    expect(a.accounts).toEqual(["S", "A1", "A2"]);
  });

  it("stays quiet for school fees paid by many parents and for one buyer paying from two of its accounts", () => {
    const fees = ["A1", "A2", "A3"].map((a, k) => tx(`F${k}`, d(2 + k), 300, a, "S", { reference: "Fees term 1 2024" }));
    expect(run(ds({ parties, accounts, transactions: fees }), thirdPartyPaymentRule)).toEqual([]);
    const own = [tx("T1", d(2), 9000, "A1", "S", { reference: "INV 77" }), tx("T2", d(3), 9000, "A1b", "S", { reference: "INV 77" })];
    expect(run(ds({ parties, accounts, transactions: own }), thirdPartyPaymentRule)).toEqual([]);
  });

  it("boundary: payments more than 90 days apart are not one settlement", () => {
    const rows = (day: number) => [tx("T1", d(1), 9000, "A1", "S", { reference: "Consignment 12" }), tx("T2", d(day), 8000, "A2", "S", { reference: "consignment 12" })];
    expect(run(ds({ parties, accounts, transactions: rows(91) }), thirdPartyPaymentRule)).toHaveLength(1);
    expect(run(ds({ parties, accounts, transactions: rows(92) }), thirdPartyPaymentRule)).toEqual([]);
  });
});

describe("official_payment look-alikes", () => {
  const parties = [
    { id: "SON", kind: "person", name: "John Kombo" },
    { id: "OFF", kind: "person", name: "Hamisi Kombo", roles: ["customs"] },
    { id: "RAN", kind: "person", name: "Peter Mushi", roles: ["ranger"] },
  ];
  const accounts = [{ id: "S", holder: "SON" }, { id: "O", holder: "OFF" }, { id: "R", holder: "RAN" }];

  it("stays quiet for family support paid by a person to one official, unless persons are counted", () => {
    const dataset = ds({ parties, accounts, transactions: [tx("T1", d(3), 300, "S", "O", { reference: "kwa mama" })] });
    expect(run(dataset, officialPaymentRule)).toEqual([]);
    expect(run(dataset, officialPaymentRule, { payerKinds: ["person", "company"] })).toHaveLength(1);
  });

  it("fires for a person paying a customs officer and a ranger", () => {
    const rows = [tx("T1", d(3), 300, "S", "O", { reference: "chai" }), tx("T2", d(4), 200, "S", "R", { channel: "mobile_money" })];
    const [a] = run(ds({ parties, accounts, transactions: rows }), officialPaymentRule);
    expect(a.accounts).toEqual(["S", "O", "R"]);
    expect(a.explanation).toContain("with the role customs, ranger");
  });
});

describe("third_party_payment on behalf of another party", () => {
  const parties = [
    { id: "N1", kind: "person", name: "Li Na" },
    { id: "BUY", kind: "company", name: "Pearl River Dried Seafood Limited" },
    { id: "SUP", kind: "company", name: "Cape Marine Products" },
  ];
  const accounts = [{ id: "A1", holder: "N1" }, { id: "B", holder: "BUY" }, { id: "S", holder: "SUP" }];

  it("fires when a nominee pays a supplier on behalf of the buyer", () => {
    const [a] = run(ds({ parties, accounts, transactions: [tx("T1", d(2), 9000, "A1", "S", { reference: "on behalf of Pearl River Dried Seafood Limited" })] }), thirdPartyPaymentRule);
    expect(a.value).toBe(2);
    expect(a.explanation).toContain('by 1 party "on behalf of pearl river dried seafood limited"');
  });

  it("stays quiet when the principal pays its own bill", () => {
    const rows = [tx("T1", d(2), 9000, "B", "S", { reference: "on behalf of Pearl River Dried Seafood Limited" })];
    expect(run(ds({ parties, accounts, transactions: rows }), thirdPartyPaymentRule)).toEqual([]);
  });
});

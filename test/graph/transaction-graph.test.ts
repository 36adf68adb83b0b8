import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { buildAccountSubgraph, buildTransactionGraph } from "../../src/graph/transaction-graph.js";
import { aggregateTransfers } from "../../src/graph/transfers.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { resolveEntities } from "../../src/resolve/resolve-entities.js";

function small() {
  return createDataset({
    parties: [
      { id: "P1", kind: "person", name: "Nguyen Van Hung", id_number: "passport:VN:C4521876", country: "VN" },
      { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", id_number: "passport:VN:C4521876", country: "VN" },
      { id: "P3", kind: "company", name: "Pemba Marine Logistics Lda", country: "MZ", sector: "freight forwarding" },
    ],
    accounts: [
      { id: "VN1", holder: "P1", institution: "Vietcombank", country: "VN" },
      { id: "VN2", holder: "P2", country: "VN" },
      { id: "MZ1", holder: "P3", country: "MZ" },
      { id: "X9" },
    ],
    transactions: [
      { id: "T1", date: "2024-01-03", amount: 100, currency: "USD", from_account: "VN1", to_account: "MZ1", channel: "wire" },
      { id: "T2", date: "2024-01-01", amount: 50.5, currency: "USD", from_account: "VN1", to_account: "MZ1", channel: "hawala" },
      { id: "T3", date: "2024-01-02", amount: 20, currency: "USD", from_account: "VN2", to_account: "MZ1", channel: "wire" },
      { id: "T4", date: "2024-01-04", amount: 7, currency: "USD", to_account: "X9", channel: "cash_deposit" },
      { id: "T5", date: "2024-01-05", amount: 3, currency: "USD", from_account: "VN1", to_account: "VN2", channel: "internal" },
    ],
  }).dataset;
}

describe("buildTransactionGraph", () => {
  it("aggregates transfers between accounts with exact counts, sums, dates, channels and ids", () => {
    const ds = small();
    const g = buildTransactionGraph(ds);
    expect(g.type).toBe("directed");
    expect(g.nodes()).toEqual(["(cash)", "MZ1", "VN1", "VN2", "X9"]);
    expect(g.edges()).toEqual(["(cash)->X9", "VN1->MZ1", "VN1->VN2", "VN2->MZ1"]);
    expect(g.getEdgeAttributes("VN1->MZ1")).toEqual({
      count: 2,
      amount: 150.5,
      first: "2024-01-01T00:00:00.000Z",
      last: "2024-01-03T00:00:00.000Z",
      channels: ["wire", "hawala"],
      transactions: ["T2", "T1"],
    });
    expect(g.getNodeAttributes("VN1")).toEqual({ kind: "account", label: "VN1", holder: "P1", institution: "Vietcombank", country: "VN", accountType: "bank" });
    expect(g.getNodeAttributes("(cash)")).toEqual({ kind: "cash", label: "cash" });
  });
  it("keeps one edge per transaction with multi: true", () => {
    const g = buildTransactionGraph(small(), { multi: true });
    expect(g.multi).toBe(true);
    expect(g.size).toBe(5);
    expect(g.getEdgeAttributes("T2")).toMatchObject({ count: 1, amount: 50.5, channels: ["hawala"], transactions: ["T2"] });
    expect(g.source("T2")).toBe("VN1");
  });
  it("leaves cash out with cashNode: null, and refuses a cash key that is an account id", () => {
    const ds = small();
    expect(buildTransactionGraph(ds, { cashNode: null }).hasNode("(cash)")).toBe(false);
    expect(buildTransactionGraph(ds, { cashNode: null }).size).toBe(3);
    expect(() => buildTransactionGraph(ds, { cashNode: "VN1" })).toThrow(OptionError);
  });
  it("uses parties, or resolved entities, as nodes", () => {
    const ds = small();
    const byParty = buildTransactionGraph(ds, { nodes: "party" });
    expect(byParty.nodes()).toEqual(["(cash)", "P1", "P2", "P3", "account:X9"]);
    expect(byParty.getEdgeAttributes("P1->P2").amount).toBe(3);
    const { partyToEntity } = resolveEntities(ds);
    const byEntity = buildTransactionGraph(ds, { nodes: "party", partyToEntity });
    expect(byEntity.nodes()).toEqual(["(cash)", "E-P1", "P3", "account:X9"]);
    expect(byEntity.getNodeAttributes("E-P1")).toEqual({ kind: "entity", label: "Nguyen Van Hung", partyKind: "person", country: "VN", members: ["P1", "P2"] });
    expect(byEntity.getEdgeAttributes("E-P1->P3")).toMatchObject({ count: 3, amount: 170.5, transactions: ["T2", "T3", "T1"] });
    // A transfer between two accounts of one entity is a self-loop, so no money is lost.
    expect(byEntity.getEdgeAttributes("E-P1->E-P1").amount).toBe(3);
    expect(() => buildTransactionGraph(ds, { nodes: "bank" as "party" })).toThrow(OptionError);
  });
  it("builds the graph of a subset of accounts or of transactions", () => {
    const ds = small();
    const sub = buildAccountSubgraph(ds, ["VN1", "MZ1"]);
    expect(sub.nodes()).toEqual(["MZ1", "VN1"]);
    expect(sub.edges()).toEqual(["VN1->MZ1"]);
    const trace = buildTransactionGraph(ds, { transactions: ["T3", "T5"] });
    expect(trace.edges()).toEqual(["VN1->VN2", "VN2->MZ1"]);
    expect(trace.order).toBe(3);
  });
  it("never mutates the dataset", () => {
    const ds = small();
    const before = JSON.stringify({ a: ds.accounts, p: ds.parties, amt: [...ds.transactions.baseAmount], f: [...ds.transactions.from] });
    buildTransactionGraph(ds, { nodes: "party", partyToEntity: resolveEntities(ds).partyToEntity, multi: true });
    expect(JSON.stringify({ a: ds.accounts, p: ds.parties, amt: [...ds.transactions.baseAmount], f: [...ds.transactions.from] })).toBe(before);
  });
});

describe("money is conserved between the dataset and the transaction graph (property)", () => {
  const tx = fc.record({
    from: fc.integer({ min: -1, max: 5 }),
    to: fc.integer({ min: -1, max: 5 }),
    cents: fc.integer({ min: 1, max: 10_000_000 }),
    day: fc.integer({ min: 1, max: 28 }),
    channel: fc.constantFrom("wire", "mobile_money", "cash_deposit", "hawala"),
  });
  it("sums, counts and transaction sets match for every node mode", () => {
    fc.assert(
      fc.property(fc.array(tx, { minLength: 1, maxLength: 40 }), fc.boolean(), fc.constantFrom("account", "party") as fc.Arbitrary<"account" | "party">, (list, multi, nodes) => {
        const rows = list
          .filter((t) => t.from >= 0 || t.to >= 0)
          .map((t, i) => ({
            id: `T${i}`,
            date: `2024-02-${String(t.day).padStart(2, "0")}`,
            amount: t.cents / 100,
            currency: "USD",
            ...(t.from >= 0 ? { from_account: `A${t.from}` } : {}),
            ...(t.to >= 0 ? { to_account: `A${t.to}` } : {}),
            channel: t.channel,
          }));
        const accounts = Array.from({ length: 6 }, (_, i) => ({ id: `A${i}`, holder: `P${i % 3}` }));
        const parties = [0, 1, 2].map((i) => ({ id: `P${i}`, kind: "person", name: `Person ${i}` }));
        const { dataset } = createDataset({ parties, accounts, transactions: rows });
        const g = buildTransactionGraph(dataset, { multi, nodes });
        let cents = 0;
        let count = 0;
        const ids: string[] = [];
        g.forEachEdge((_, a) => {
          cents += Math.round(a.amount * 100);
          count += a.count;
          ids.push(...a.transactions);
        });
        const expectedCents = rows.reduce((s, r) => s + Math.round(r.amount * 100), 0);
        expect(cents).toBe(expectedCents);
        expect(count).toBe(rows.length);
        expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
        // The out-flow of every account node equals what the account paid.
        if (nodes === "account") {
          for (let a = 0; a < 6; a++) {
            const key = `A${a}`;
            const paid = rows.filter((r) => r.from_account === key).reduce((s, r) => s + Math.round(r.amount * 100), 0);
            const out = g.hasNode(key) ? g.outEdges(key).reduce((s, e) => s + Math.round(g.getEdgeAttribute(e, "amount") * 100), 0) : 0;
            expect(out).toBe(paid);
          }
        }
        const table = aggregateTransfers(dataset, { multi, nodes });
        expect(table.txIndex.length).toBe(rows.length);
      }),
      { numRuns: 100 },
    );
  });
});

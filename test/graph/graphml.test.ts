import { DirectedGraph, MultiDirectedGraph, UndirectedGraph } from "graphology";
import { parse } from "graphology-graphml";
import { describe, expect, it } from "vitest";
import { buildEntityGraph } from "../../src/graph/entity-graph.js";
import { graphMLChunks, transactionGraphMLChunks, writeGraphML } from "../../src/graph/graphml.js";
import { buildTransactionGraph } from "../../src/graph/transaction-graph.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { resolveEntities } from "../../src/resolve/resolve-entities.js";

function small() {
  return createDataset({
    parties: [{ id: "P1", kind: "company", name: 'Kilwa Clearing & Forwarding <"Ltd">', country: "TZ" }],
    accounts: [{ id: "A&1", holder: "P1" }, { id: "B" }],
    transactions: [
      { id: "T1", date: "2024-01-03", amount: 100, currency: "USD", from_account: "A&1", to_account: "B", channel: "wire" },
      { id: "T2", date: "2024-01-01", amount: 50.25, currency: "USD", from_account: "A&1", to_account: "B", channel: "hawala" },
      { id: "T3", date: "2024-01-04", amount: 7, currency: "USD", to_account: "B", channel: "cash_deposit" },
    ],
  }).dataset;
}

describe("writeGraphML", () => {
  it("writes a transaction graph that graphology-graphml reads back with the same structure and values", () => {
    const g = buildTransactionGraph(small());
    const back = parse(DirectedGraph, writeGraphML(g));
    expect(back.type).toBe("directed");
    expect(back.nodes()).toEqual(g.nodes());
    expect(back.edges()).toEqual(g.edges());
    for (const e of g.edges()) {
      expect(back.source(e)).toBe(g.source(e));
      expect(back.target(e)).toBe(g.target(e));
      const a = g.getEdgeAttributes(e);
      expect(back.getEdgeAttributes(e)).toEqual({ ...a, channels: a.channels.join(";"), transactions: a.transactions.join(";") });
    }
    for (const n of g.nodes()) expect(back.getNodeAttributes(n)).toEqual(g.getNodeAttributes(n));
  });
  it("declares typed keys in name order and escapes markup", () => {
    const xml = writeGraphML(buildTransactionGraph(small()));
    expect(xml).toContain('<key id="e0" for="edge" attr.name="amount" attr.type="double"/>');
    expect(xml).toContain('<key id="e2" for="edge" attr.name="count" attr.type="long"/>');
    expect(xml).toContain('<node id="A&amp;1">');
    const byParty = writeGraphML(buildTransactionGraph(small(), { nodes: "party" }));
    expect(byParty).toContain("<data key=\"n3\">Kilwa Clearing &amp; Forwarding &lt;&quot;Ltd&quot;&gt;</data>");
  });
  it("round-trips a multigraph, an undirected graph, booleans, graph attributes and forbidden characters", () => {
    const m = new MultiDirectedGraph();
    m.mergeNode("a");
    m.mergeNode("b", { flag: true, note: "bell\u0007 & <tag> 🐘 \ud800'q'" });
    m.addEdgeWithKey("x", "a", "b", { w: 1 });
    m.addEdgeWithKey("y", "a", "b", { w: 2.5 });
    m.setAttribute("name", "case 7");
    const back = parse(MultiDirectedGraph, writeGraphML(m));
    expect(back.multi).toBe(true);
    expect(back.edges()).toEqual(["x", "y"]);
    expect(back.getEdgeAttribute("y", "w")).toBe(2.5);
    expect(back.getNodeAttributes("b")).toEqual({ flag: true, note: "bell & <tag> 🐘 'q'" });
    expect(back.getAttribute("name")).toBe("case 7");
    const u = new UndirectedGraph();
    u.mergeEdge("p", "q");
    const ub = parse(UndirectedGraph, writeGraphML(u));
    expect(ub.type).toBe("undirected");
    expect(ub.hasEdge("p", "q")).toBe(true);
  });
  it("writes the entity graph too", () => {
    const { dataset } = createDataset({
      parties: [
        { id: "P1", kind: "person", name: "Juma", phone: "+255 713 402 118" },
        { id: "P2", kind: "person", name: "Amina", phone: "+255 713 402 118" },
      ],
    });
    const g = buildEntityGraph(dataset);
    const back = parse(MultiDirectedGraph, writeGraphML(g));
    expect(back.edges()).toEqual(g.edges());
    expect(back.getNodeAttribute("phone:+255713402118", "parties")).toBe(2);
  });
  it("streams in chunks that join to the whole document", () => {
    const g = buildTransactionGraph(small(), { multi: true });
    const chunks = [...graphMLChunks(g, { chunkSize: 64 })];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.join("")).toBe(writeGraphML(g));
  });
});

describe("transactionGraphMLChunks", () => {
  it("writes the same document as the graphology path, without building the graph", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const { partyToEntity } = resolveEntities(dataset);
    expect(partyToEntity.size).toBeGreaterThan(0);
    for (const options of [{}, { multi: true }, { nodes: "party" as const }, { nodes: "party" as const, partyToEntity, multi: true }, { accounts: ["ACC-MZ-01", "ACC-TZ-01"] }, { transactions: [] }, { cashNode: null }]) {
      expect([...transactionGraphMLChunks(dataset, options)].join("")).toBe(writeGraphML(buildTransactionGraph(dataset, options)));
    }
    const whole = createDataset({ transactions: [{ id: "T1", date: "2024-01-01", amount: 10, currency: "USD", from_account: "A", to_account: "B" }] }).dataset;
    expect([...transactionGraphMLChunks(whole)].join("")).toBe(writeGraphML(buildTransactionGraph(whole)));
    expect([...transactionGraphMLChunks(whole)].join("")).toContain('attr.name="amount" attr.type="long"');
  });
});

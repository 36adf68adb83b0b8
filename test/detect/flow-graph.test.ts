import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFlowGraph, type EdgeWeighting } from "../../src/detect/flow-graph.js";
import { weightedGraphFromEdges } from "../../src/detect/weighted-graph.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { CHANNELS } from "../../src/model/codes.js";

const PARTIES = ["P0", "P1", "P2"];

/** Random transfers among a few accounts (some held by shared parties), with cash sides, self-transfers, repeats and cards. */
const transfersArb = fc.array(
  fc.record({
    from: fc.integer({ min: -1, max: 7 }),
    to: fc.integer({ min: -1, max: 7 }),
    amount: fc.integer({ min: 1, max: 100_000 }),
    card: fc.boolean(),
  }),
  { minLength: 1, maxLength: 80 },
);

function dataset(transfers: { from: number; to: number; amount: number; card: boolean }[]) {
  const accounts = Array.from({ length: 8 }, (_, a) => ({ id: `A${a}`, ...(a % 3 === 2 ? {} : { holder: PARTIES[a % 3] }) }));
  const parties = PARTIES.map((id) => ({ id, kind: "person" as const, name: id }));
  const transactions = transfers.map((t, i) => ({
    id: `T${i}`,
    date: "2024-01-01",
    amount: t.amount,
    currency: "USD",
    channel: t.card ? ("card" as const) : ("wire" as const),
    ...(t.from >= 0 ? { fromAccount: `A${t.from}` } : {}),
    ...(t.to >= 0 ? { toAccount: `A${t.to}` } : {}),
  }));
  return createDataset({ parties, accounts, transactions }).dataset;
}

describe("buildFlowGraph", () => {
  it("builds the graph weightedGraphFromEdges builds from the weighted transfers (property)", () => {
    fc.assert(
      fc.property(
        transfersArb,
        fc.constantFrom<EdgeWeighting>("log", "amount", "count"),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom<"account" | "party">("account", "party"),
        // Scores of some accounts and parties: the risk factor of the weights (0 for everything else).
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 100 })), { maxLength: 5 }),
        (transfers, weighting, hubDegree, level, scored) => {
        const ds = dataset(transfers);
        const scores = scored.map(([k, score]) => (k < 8 ? { kind: "account" as const, id: `A${k}`, score } : { kind: "party" as const, id: PARTIES[k - 8], score }));
        const g = buildFlowGraph(ds, { weighting, hubDegree, level, relationshipWeight: 0, scores });
        // Reference: the weighting of the file header, one edge per kept transfer, then weightedGraphFromEdges.
        const t = ds.transactions;
        const node = g.accountNode;
        const counterparties = Array.from({ length: g.nodes }, () => new Set<number>());
        for (let i = 0; i < t.length; i++) {
          if (t.from[i] < 0 || t.to[i] < 0 || node[t.from[i]] === node[t.to[i]]) continue;
          counterparties[node[t.from[i]]].add(node[t.to[i]]);
          counterparties[node[t.to[i]]].add(node[t.from[i]]);
        }
        const damp = counterparties.map((s) => (s.size > hubDegree ? hubDegree / s.size : 1));
        const src: number[] = [];
        const dst: number[] = [];
        const w: number[] = [];
        for (let i = 0; i < t.length; i++) {
          if (t.from[i] < 0 || t.to[i] < 0 || node[t.from[i]] === node[t.to[i]]) continue;
          const u = node[t.from[i]];
          const v = node[t.to[i]];
          if (t.channel[i] === CHANNELS.indexOf("card") && damp[v] < 1) continue;
          const base = weighting === "amount" ? t.baseAmount[i] : weighting === "count" ? 1 : Math.log1p(t.baseAmount[i]);
          src.push(u);
          dst.push(v);
          w.push(base * damp[u] * damp[v] * (1 + 4 * Math.min(g.risk[u], g.risk[v])));
        }
        const ref = weightedGraphFromEdges(g.nodes, src, dst, w);
        expect([...g.offsets]).toEqual([...ref.offsets]);
        expect([...g.neighbors]).toEqual([...ref.neighbors]);
        expect([...g.weights]).toEqual([...ref.weights]);
        expect([...g.degree]).toEqual(counterparties.map((s) => s.size));
        },
      ),
      { numRuns: 300 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { forceLayout } from "../../src/report/force-layout.js";
import { buildLinkChart } from "../../src/report/link-chart.js";
import { fixtureCase, HOSTILE_NAME } from "./fixture.js";

describe("buildLinkChart", () => {
  it("draws the flow accounts and community members, with edges that add up the transactions", () => {
    const { dataset, results } = fixtureCase();
    const chart = buildLinkChart(results, dataset);
    expect(chart.basis).toBe("communities_and_flows");
    // Flow accounts first, in path order, then the rest of the community.
    expect(chart.nodes.map((n) => n.id)).toEqual(["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01", "ACC-TZ-01", "ACC-TZ-02"]);
    const my = chart.nodes[1];
    expect(my).toMatchObject({ label: HOSTILE_NAME, holder: "P-MY", country: "MY", community: "C1", group: 0, score: 88, rank: 1, flow: true, volume: 95500 });
    expect(my.alerts).toEqual(["A1"]);
    // The CN account gets A2 by account id, and by its holder P-CN.
    expect(chart.nodes[0].alerts).toEqual(["A2"]);
    expect(chart.nodes[4].flow).toBe(false);
    const pairs = chart.edges.map((e) => [chart.nodes[e.source].id, chart.nodes[e.target].id, e.amount, e.count, e.flow]);
    expect(pairs).toEqual([
      ["ACC-CN-01", "ACC-MY-01", 48000, 1, true],
      ["ACC-MY-01", "ACC-MZ-01", 47500, 1, true],
      ["ACC-MZ-01", "ACC-TZ-01", 46900, 1, true],
      ["ACC-TZ-01", "ACC-TZ-02", 9800, 1, false],
      ["ACC-TZ-02", "ACC-TZ-01", 1200, 1, false],
    ]);
    // Transactions per node include the cash withdrawal, by time.
    expect(chart.nodes[4].transactions.map((t) => t.id)).toEqual(["T4", "T5", "T6"]);
    expect(chart.nodes[4].transactions[1]).toMatchObject({ from: "ACC-TZ-02", to: "(cash)", channel: "cash_withdrawal", amount: 9500 });
    for (const n of chart.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(chart.width);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(chart.height);
    }
  });

  it("keeps to maxNodes and the transactions-per-node cap, keeping the largest", () => {
    const { dataset, results } = fixtureCase();
    const chart = buildLinkChart(results, dataset, { maxNodes: 2, transactionsPerNode: 1 });
    expect(chart.nodes.map((n) => n.id)).toEqual(["ACC-CN-01", "ACC-MY-01"]);
    expect(chart.nodes[1].transactions.map((t) => t.id)).toEqual(["T1"]);
    expect(chart.edges.length).toBe(1);
  });

  it("falls back to scored accounts, then to the busiest accounts", () => {
    const { dataset, results } = fixtureCase();
    const scored = buildLinkChart({ ...results, communities: [], flows: [] }, dataset);
    expect(scored.basis).toBe("scores");
    expect(scored.nodes.map((n) => n.id)).toEqual(["ACC-MY-01", "ACC-CN-01"]);
    const busy = buildLinkChart({ summary: {}, quarantine: [] }, dataset, { maxNodes: 3 });
    expect(busy.basis).toBe("volume");
    expect(busy.nodes.map((n) => n.id)).toEqual(["ACC-MY-01", "ACC-MZ-01", "ACC-TZ-01"]);
    const empty = buildLinkChart({}, createDataset({}).dataset);
    expect(empty.basis).toBe("empty");
    expect(empty.nodes).toEqual([]);
  });

  it("is deterministic and leaves its inputs alone", () => {
    const { dataset, results } = fixtureCase();
    const before = JSON.stringify(results);
    expect(JSON.stringify(buildLinkChart(results, dataset))).toBe(JSON.stringify(buildLinkChart(results, dataset)));
    expect(JSON.stringify(results)).toBe(before);
    expect(() => buildLinkChart(results, dataset, { maxNodes: -1 })).toThrow(/buildLinkChart/);
  });
});

describe("forceLayout", () => {
  it("places every node inside the drawing, the same way for the same seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 60 }), fc.integer(), (n, raw, seed) => {
        const edges = raw.filter(([a, b]) => a < n && b < n);
        const o = { seed, iterations: 50, width: 500, height: 300, margin: 20 };
        const a = forceLayout(n, edges, o);
        const b = forceLayout(n, edges, o);
        expect(a).toEqual(b);
        for (let i = 0; i < n; i++) {
          expect(a.x[i]).toBeGreaterThanOrEqual(20 - 1e-9);
          expect(a.x[i]).toBeLessThanOrEqual(480 + 1e-9);
          expect(a.y[i]).toBeGreaterThanOrEqual(20 - 1e-9);
          expect(a.y[i]).toBeLessThanOrEqual(280 + 1e-9);
          expect(Number.isFinite(a.x[i]) && Number.isFinite(a.y[i])).toBe(true);
        }
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it("puts linked nodes closer than unlinked ones", () => {
    // Two triangles joined by nothing: mean distance inside a triangle < between triangles.
    const { x, y } = forceLayout(6, [[0, 1], [1, 2], [2, 0], [3, 4], [4, 5], [5, 3]], { seed: 1 });
    const d = (i: number, j: number) => Math.hypot(x[i] - x[j], y[i] - y[j]);
    const inside = (d(0, 1) + d(1, 2) + d(0, 2) + d(3, 4) + d(4, 5) + d(3, 5)) / 6;
    const across = (d(0, 3) + d(0, 4) + d(0, 5) + d(1, 3) + d(1, 4) + d(1, 5) + d(2, 3) + d(2, 4) + d(2, 5)) / 9;
    expect(inside).toBeLessThan(across);
  });

  it("rejects edges outside the node range", () => {
    expect(() => forceLayout(2, [[0, 2]])).toThrow(/forceLayout: edge \[0, 2\]/);
  });
});

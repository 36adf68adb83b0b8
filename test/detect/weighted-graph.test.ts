import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapseGraph, compactRows, edgeRows, weightedGraphFromEdges } from "../../src/detect/weighted-graph.js";

describe("collapseGraph", () => {
  it("gives the rows of concatenating each community's member rows, then compactRows (property)", () => {
    const graphArb = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.double({ min: 0.001, max: 1000, noNaN: true })), { maxLength: 120 }),
        comm: fc.array(fc.integer({ min: 0, max: Math.max(0, Math.floor(n / 2)) }), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(graphArb, ({ n, edges, comm }) => {
        const g = weightedGraphFromEdges(
          n,
          edges.map((e) => e[0]),
          edges.map((e) => e[1]),
          edges.map((e) => e[2]),
        );
        // Labels 0..k-1 by first appearance, as Louvain hands them over.
        const map = new Map<number, number>();
        const labels = Int32Array.from(comm, (c) => {
          if (!map.has(c)) map.set(c, map.size);
          return map.get(c) as number;
        });
        const k = map.size;
        const c = collapseGraph(g, labels, k);
        // Reference: member rows concatenated in node order, then repeats merged.
        const offsets = new Int32Array(k + 1);
        const nbr: number[] = [];
        const wts: number[] = [];
        for (let x = 0; x < k; x++) {
          for (let i = 0; i < n; i++) {
            if (labels[i] !== x) continue;
            for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
              nbr.push(labels[g.neighbors[e]]);
              wts.push(g.weights[e]);
            }
          }
          offsets[x + 1] = nbr.length;
        }
        const ref = compactRows(k, offsets, Int32Array.from(nbr), Float64Array.from(wts));
        expect(c.nodes).toBe(k);
        expect([...c.offsets]).toEqual([...ref.offsets]);
        expect([...c.neighbors]).toEqual([...ref.neighbors]);
        expect([...c.weights]).toEqual([...ref.weights]);
      }),
      { numRuns: 300 },
    );
  });

  it("collapses two triangles into two nodes with self-loops", () => {
    const g = weightedGraphFromEdges(6, [0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3], [5, 5, 5, 5, 5, 5, 1]);
    const c = collapseGraph(g, Int32Array.of(0, 0, 0, 1, 1, 1), 2);
    expect([...c.neighbors]).toEqual([0, 1, 1, 0]);
    expect([...c.weights]).toEqual([30, 1, 30, 1]);
  });
});

describe("edgeRows", () => {
  it("fills the rows in two passes (by bands of rows) exactly as the direct fill, entry for entry (property)", () => {
    const arb = fc.integer({ min: 1, max: 5000 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.oneof(fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.constantFrom(0, -1, Number.POSITIVE_INFINITY, Number.NaN))), { maxLength: 400 }),
        withWeights: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ n, edges, withWeights }) => {
        const src = edges.map((e) => e[0]);
        const dst = edges.map((e) => e[1]);
        const w = edges.map((e) => e[2]);
        const direct = edgeRows(n, src, dst, w, edges.length, withWeights, Number.POSITIVE_INFINITY);
        const banded = edgeRows(n, src, dst, w, edges.length, withWeights, 0);
        expect([...banded.offsets]).toEqual([...direct.offsets]);
        expect([...banded.nbr]).toEqual([...direct.nbr]);
        expect(banded.wts && [...banded.wts]).toEqual(direct.wts && [...direct.wts]);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses an edge outside the nodes", () => {
    expect(() => edgeRows(2, [0], [2], [1], 1, true)).toThrow(/outside 0..1/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bandStarts, bandsToRows } from "../../src/_lib/band-scatter.js";

describe("bandsToRows", () => {
  it("gives the direct stable scatter of entries into rows, in every column (property)", () => {
    const arb = fc.record({
      rows: fc.integer({ min: 1, max: 300 }),
      shift: fc.integer({ min: 0, max: 6 }),
      entries: fc.array(fc.tuple(fc.nat(), fc.integer(), fc.double({ noNaN: true })), { maxLength: 400 }),
    });
    fc.assert(
      fc.property(arb, ({ rows, shift, entries }) => {
        const es = entries.map(([r, a, b]) => [r % rows, a, b] as const);
        const start = new Int32Array(rows + 1);
        for (const [r] of es) start[r + 1]++;
        for (let r = 0; r < rows; r++) start[r + 1] += start[r];
        // Reference: each entry straight to its row's next position.
        const refA = new Int32Array(es.length);
        const refB = new Float64Array(es.length);
        const cursor = start.slice(0, rows);
        for (const [r, a, b] of es) {
          const q = cursor[r]++;
          refA[q] = a;
          refB[q] = b;
        }
        // Two passes.
        const fill = bandStarts(start, rows, shift);
        const colA = new Int32Array(es.length);
        const colB = new Float64Array(es.length);
        const low = new Uint16Array(es.length);
        for (const [r, a, b] of es) {
          const p = fill[r >> shift]++;
          colA[p] = a;
          colB[p] = b;
          low[p] = r & ((1 << shift) - 1);
        }
        bandsToRows(start, rows, shift, low, [colA, colB]);
        expect(colA).toEqual(refA);
        expect(colB).toEqual(refB);
      }),
      { numRuns: 300 },
    );
  });
});

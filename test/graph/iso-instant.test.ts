import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createIsoFormatter } from "../../src/graph/iso-instant.js";

describe("createIsoFormatter", () => {
  it("gives exactly what toISOString gives, for any instant", () => {
    const iso = createIsoFormatter();
    expect(iso(Date.UTC(2024, 0, 3, 10, 5, 7, 9))).toBe("2024-01-03T10:05:07.009Z");
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ min: 0, max: 2e12, noNaN: true })), (ms) => {
        expect(iso(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 2000 },
    );
  });
});

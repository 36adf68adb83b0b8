import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixSortPairs } from "../../src/resolve/radix-sort.js";

describe("radixSortPairs", () => {
  it("orders pairs by key and keeps the input order of equal keys, as a stable comparison sort", () => {
    const key = fc.oneof(fc.nat({ max: 5 }), fc.nat({ max: 0xffff }), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const values = keys.map((_, k) => k);
        const { keys: k2, values: v2 } = radixSortPairs(Uint32Array.from(keys), Int32Array.from(values), keys.length);
        const expected = values.slice().sort((x, y) => keys[x] - keys[y] || x - y);
        return expected.every((v, k) => v2[k] === v && k2[k] === keys[v]);
      }),
    );
  });
  it("sorts only the first `length` pairs", () => {
    const { keys, values } = radixSortPairs(new Uint32Array([9, 2, 0x10000, 1, 99]), new Int32Array([0, 1, 2, 3, 4]), 4);
    expect([...keys]).toEqual([1, 2, 9, 0x10000]);
    expect([...values]).toEqual([3, 1, 0, 2]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { radixSortPairs } from "../../src/resolve/radix-sort.js";

describe("radixSortPairs", () => {
  it("orders pairs by key and keeps the input order of equal keys, as a stable comparison sort", () => {
    const key = fc.oneof(fc.nat({ max: 5 }), fc.nat({ max: 0xffff }), fc.integer({ min: 0, max: 0xffffffff }));
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), (keys) => {
        const values = keys.map((_, k) => k);
        const k2 = Uint32Array.from(keys);
        const v2 = Int32Array.from(values);
        radixSortPairs(k2, v2, keys.length, new Uint32Array(keys.length), new Int32Array(keys.length));
        const expected = values.slice().sort((x, y) => keys[x] - keys[y] || x - y);
        return expected.every((v, k) => v2[k] === v && k2[k] === keys[v]);
      }),
    );
  });
  it("sorts only the first `length` pairs", () => {
    const keys = new Uint32Array([9, 2, 0x10000, 1, 99]);
    const values = new Int32Array([0, 1, 2, 3, 4]);
    radixSortPairs(keys, values, 4, new Uint32Array(4), new Int32Array(4));
    expect([...keys]).toEqual([1, 2, 9, 0x10000, 99]);
    expect([...values]).toEqual([3, 1, 0, 2, 4]);
  });
});

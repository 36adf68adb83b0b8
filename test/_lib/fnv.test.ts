import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FNV_OFFSET, fnv1a, fnv1aPrefix } from "../../src/_lib/fnv.js";

describe("fnv1a", () => {
  it("gives the published FNV-1a 32-bit values", () => {
    // Test vectors of the reference implementation (Fowler, Noll, Vo: http://www.isthe.com/chongo/tech/comp/fnv/).
    expect(fnv1a(FNV_OFFSET, "") >>> 0).toBe(0x811c9dc5);
    expect(fnv1a(FNV_OFFSET, "a") >>> 0).toBe(0xe40c292c);
    expect(fnv1a(FNV_OFFSET, "foobar") >>> 0).toBe(0xbf9cf968);
  });
  it("continues a hash: the hash of a + b is the hash of b from the hash of a, and a prefix is a slice (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat({ max: 20 }), (a, b, n) => {
        expect(fnv1a(fnv1a(FNV_OFFSET, a), b)).toBe(fnv1a(FNV_OFFSET, a + b));
        expect(fnv1aPrefix(FNV_OFFSET, a, n)).toBe(fnv1a(FNV_OFFSET, a.slice(0, n)));
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jaro, jaroWinkler } from "../../src/resolve/jaro-winkler.js";
import { nameSimilarity } from "../../src/resolve/name-similarity.js";

describe("jaro and jaroWinkler", () => {
  it("matches the published examples (Winkler 1990)", () => {
    expect(jaro("martha", "marhta")).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler("martha", "marhta")).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler("dwayne", "duane")).toBeCloseTo(0.84, 4);
    expect(jaroWinkler("dixon", "dicksonx")).toBeCloseTo(0.8133, 4);
  });
  it("is 1 for equal strings, 0 with an empty or disjoint string", () => {
    expect(jaroWinkler("hung", "hung")).toBe(1);
    expect(jaroWinkler("", "hung")).toBe(0);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
  });
  it("is symmetric and within [0, 1]", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const s = jaroWinkler(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-12);
        expect(jaroWinkler(b, a)).toBeCloseTo(s, 12);
      }),
    );
  });
  it("respects its options", () => {
    expect(jaroWinkler("martha", "marhta", { prefixScale: 0 })).toBeCloseTo(jaro("martha", "marhta"), 12);
  });
});

describe("nameSimilarity", () => {
  it("ignores token order and a missing middle name", () => {
    expect(nameSimilarity(["hung", "nguyen"], ["hung", "nguyen", "van"])).toBe(1);
  });
  it("tolerates a typo in one token", () => {
    const s = nameSimilarity(["mrisho", "juma", "said"].sort(), ["mrisho", "jumma", "said"].sort());
    expect(s).toBeGreaterThan(0.9);
    expect(s).toBeLessThan(1);
  });
  it("charges a different given name a whole token", () => {
    expect(nameSimilarity(["hung", "nguyen"], ["nguyen", "tuan"])).toBe(0.5);
    expect(nameSimilarity([], ["a"])).toBe(0);
  });
  it("matches each token once", () => {
    expect(nameSimilarity(["wei", "wei"], ["wei", "zhang"])).toBe(0.5);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asciiTokens, PRINTABLE_ASCII } from "../../src/rules/ascii-tokens.js";

// the lexicon's general ASCII folding, as it was written with regular expressions
function regexTokens(text: string): string[] {
  const folded = text
    .toLowerCase()
    .replace(/['`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return folded === "" ? [] : folded.split(" ");
}

describe("asciiTokens", () => {
  it("agrees with the regular-expression folding on printable ASCII", () => {
    const chars = fc.constantFrom(..."aZ9 '`-_.,:;/()!@#$%^&*+=?\"\\|~{}[]<>xYs0".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 40 }), fc.string({ unit: "grapheme-ascii", maxLength: 40 })), (text) => {
        fc.pre(PRINTABLE_ASCII.test(text));
        expect(asciiTokens(text)).toEqual(regexTokens(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("without dropping quotes, agrees with the Unicode word split on printable ASCII", () => {
    const chars = fc.constantFrom(..."aZ9 '`-_.,:;/()!@#$%^&*+=?\"\\|~{}[]<>xYs0".split(""));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: chars, maxLength: 40 }), fc.string({ unit: "grapheme-ascii", maxLength: 40 })), (text) => {
        fc.pre(PRINTABLE_ASCII.test(text));
        expect(asciiTokens(text, false)).toEqual(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
      }),
      { numRuns: 2000 },
    );
  });

  it("splits references into lower-case words", () => {
    expect(asciiTokens("INV-22: Ivory (don't open)")).toEqual(["inv", "22", "ivory", "dont", "open"]);
    expect(asciiTokens("  '' ")).toEqual([]);
    expect(asciiTokens("a'`b c")).toEqual(["ab", "c"]);
  });
});

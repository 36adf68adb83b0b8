import anyAscii from "any-ascii";
import fc from "fast-check";
import { type CountryCode, getCountries, getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import { describe, expect, it } from "vitest";
import { addressKey, foldText, nameTokens } from "../../src/resolve/fold.js";
import { FoldCache } from "../../src/resolve/fold-cache.js";
import { identifierKey } from "../../src/resolve/identifier-key.js";
import { jaro } from "../../src/resolve/jaro-winkler.js";
import { nameSimilarity } from "../../src/resolve/name-similarity.js";
import { normalisePhone } from "../../src/resolve/phone.js";
import { internationalPhoneFastPath } from "../../src/resolve/phone-fast-path.js";
import { TokenSimilarity } from "../../src/resolve/token-similarity.js";

// Reference versions without the fast paths and reused buffers: the optimised code must agree exactly.

function foldTextReference(text: string): string {
  let s = text.normalize("NFKD").replace(/\p{M}+/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  if (/[^\x00-\x7f]/.test(s)) {
    let out = "";
    for (const ch of s) {
      if (ch.charCodeAt(0) < 128) out += ch;
      else if (/\p{Script=Han}/u.test(ch)) out += ` ${anyAscii(ch)} `;
      else out += anyAscii(ch);
    }
    s = out;
  }
  return s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

function jaroReference(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchedA = new Uint8Array(la);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(lb - 1, i + window); j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  return (matches / la + matches / lb + (matches - half / 2) / matches) / 3;
}

const word = fc.string({ unit: fc.constantFrom(..."abcdeilnorstu"), maxLength: 40 });
const ascii = fc.string({ unit: "binary-ascii", maxLength: 40 });

describe("fast paths of entity resolution", () => {
  it("foldText of ASCII text equals the full fold", () => {
    fc.assert(fc.property(ascii, (s) => foldText(s) === foldTextReference(s)));
    expect(foldText("  O'Brien-Smith & Co.  ")).toBe(foldTextReference("  O'Brien-Smith & Co.  "));
  });
  it("addressKey of ASCII text equals the full fold without spaces", () => {
    fc.assert(fc.property(ascii, (s) => addressKey(s) === foldTextReference(s).replace(/ /g, "")));
    expect(addressKey(" 12, Samora Ave. - Dar es Salaam ")).toBe("12samoraavedaressalaam");
  });
  it("jaro with its reused buffers equals a fresh computation, whatever the call order", () => {
    fc.assert(fc.property(fc.array(fc.tuple(word, word), { maxLength: 20 }), (pairs) => pairs.every(([a, b]) => jaro(a, b) === jaroReference(a, b))));
  });
  it("nameSimilarity gives the same score on repeated calls of different sizes", () => {
    const names = fc.array(fc.string({ unit: fc.constantFrom(..."abcdei"), minLength: 1, maxLength: 7 }), { maxLength: 9 });
    fc.assert(
      fc.property(fc.array(fc.tuple(names, names), { minLength: 1, maxLength: 10 }), (pairs) => {
        const first = pairs.map(([a, b]) => nameSimilarity(a, b));
        const again = [...pairs].reverse().map(([a, b]) => nameSimilarity(a, b)).reverse();
        return first.every((s, k) => s === again[k]);
      }),
    );
  });
  it("TokenSimilarity scores names as nameSimilarity does, with its pair table reused and grown", () => {
    const names = fc.array(fc.string({ unit: fc.constantFrom(..."abcdeiou"), minLength: 1, maxLength: 7 }), { maxLength: 6 });
    const options = fc.record({ tokenThreshold: fc.constantFrom(0.7, 0.85, 0.9, 1), minFuzzyLength: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(options, fc.array(fc.tuple(names, names), { minLength: 1, maxLength: 40 }), (o, pairs) => {
        const sim = new TokenSimilarity(o);
        // Twice: the second round reads the pair table.
        for (let round = 0; round < 2; round++) {
          for (const [a, b] of pairs) if (sim.nameSimilarity(sim.ids(a), sim.ids(b)) !== nameSimilarity(a, b, o)) return false;
        }
        return true;
      }),
    );
  });
  it("TokenSimilarity.canReach never rules out a pair of names that reaches the floor", () => {
    const names = fc.array(fc.string({ unit: fc.constantFrom(..."abcdeiou"), minLength: 1, maxLength: 7 }), { minLength: 1, maxLength: 6 });
    const options = fc.record({ tokenThreshold: fc.constantFrom(0, 0.7, 0.85, 0.9, 1), minFuzzyLength: fc.integer({ min: 1, max: 5 }) });
    const floor = fc.constantFrom(0, 0.5, 0.6, 0.75, 0.9, 0.95, 1);
    fc.assert(
      fc.property(options, floor, fc.array(fc.tuple(names, names), { minLength: 1, maxLength: 30 }), (o, f, pairs) => {
        const sim = new TokenSimilarity(o);
        return pairs.every(([a, b]) => sim.canReach(sim.ids(a), sim.ids(b), f) || nameSimilarity(a, b, o) < f);
      }),
      { numRuns: 500 },
    );
    const sim = new TokenSimilarity();
    expect(sim.canReach(sim.ids(["hung", "nguyen"]), sim.ids(["anh", "tran"]), 0.9)).toBe(false);
    expect(sim.canReach(sim.ids(["hung", "nguyen"]), sim.ids(["hung", "nguyen", "van"]), 0.9)).toBe(true);
  });
  it("FoldCache returns what nameTokens and addressKey return", () => {
    const cache = new FoldCache();
    for (const name of ["Nguyễn Văn Hùng", "Golden Dragon Trading Co., Ltd", "Mr Ali bin Ahmad", "张伟"]) {
      for (const kind of ["person", "company"] as const) {
        expect(cache.nameTokens(name, kind)).toEqual(nameTokens(name, kind));
        expect(cache.nameTokens(name, kind)).toEqual(nameTokens(name, kind));
      }
      expect(cache.addressKey(name)).toBe(addressKey(name));
    }
  });
  it("identifierKey reads every spelling of a type the same way on repeated calls", () => {
    for (let k = 0; k < 2; k++) {
      expect(identifierKey({ type: " Passport-Number ", value: "c 452-1876", country: "VN" })?.key).toBe("passport:VN:C4521876");
      expect(identifierKey({ type: "Mobile", value: "+84 90 312 4471" })?.key).toBe("+84903124471");
      expect(identifierKey({ type: "Licence", value: "ab-12" })?.key).toBe("id_number::AB12");
    }
  });
});

/** The phone reading without the fast path: libphonenumber-js on every number. */
function normalisePhoneReference(text: string, defaultCountry?: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const region = defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, region ? { defaultCountry: region } : undefined);
  if (!parsed?.isPossible()) return undefined;
  return parsed.number;
}

describe("phone fast path", () => {
  const callingCodes = [...new Set(getCountries().map((c) => getCountryCallingCode(c)))];
  // Every calling code, codes without a country (800, 870, 882), and digits that are no code at all.
  const code = fc.oneof(fc.constantFrom(...callingCodes, "800", "870", "882", "883", "979"), fc.stringMatching(/^[0-9]{1,3}$/));
  // National numbers of every length around the possible ones, some with a trunk prefix (0, 8, 1...).
  const national = fc.oneof(fc.stringMatching(/^[0-9]{0,19}$/), fc.stringMatching(/^[018][0-9]{5,12}$/));
  const spaced = (digits: string, cuts: number[], wide: boolean): string => {
    let out = "";
    for (let k = 0; k < digits.length; k++) out += (cuts.includes(k) && k > 0 ? (wide ? "  " : " ") : "") + digits[k];
    return out;
  };
  const phone = fc
    .tuple(code, national, fc.array(fc.nat(22), { maxLength: 5 }), fc.boolean(), fc.boolean())
    .map(([cc, nn, cuts, wide, gap]) => `+${gap ? " " : ""}${spaced(cc + nn, cuts, wide)}`);
  const region = fc.constantFrom(undefined, "TZ", "VN", "CN", "MZ", "US", "GB", "XX");

  it("gives libphonenumber-js's answer on generated international numbers", () => {
    fc.assert(
      fc.property(phone, region, (text, country) => normalisePhone(text, country) === normalisePhoneReference(text, country)),
      { numRuns: 10_000 },
    );
  });
  it("takes the fast path for the usual shapes and leaves the rest to the parser", () => {
    expect(internationalPhoneFastPath("+255 754 880 310")).toBe("+255754880310");
    expect(internationalPhoneFastPath("+84 90 312 4471")).toBe("+84903124471");
    expect(internationalPhoneFastPath("+255 754 880")).toBeUndefined();
    expect(internationalPhoneFastPath("0754 880 310")).toBeNull();
    expect(internationalPhoneFastPath("+1 202 555 0100")).toBeNull(); // shared calling code
    expect(internationalPhoneFastPath("+255 0754 880 310")).toBeNull(); // trunk prefix: the parser decides
    expect(normalisePhone("+255 0754 880 310")).toBe(normalisePhoneReference("+255 0754 880 310"));
  });
  it("agrees with libphonenumber-js on every phone of the bundled cases' shapes, every calling code", () => {
    for (const cc of callingCodes) {
      for (let len = 1; len <= 18; len++) {
        const text = `+${cc} ${"7".repeat(len)}`;
        expect(normalisePhone(text)).toBe(normalisePhoneReference(text));
      }
    }
  });
});

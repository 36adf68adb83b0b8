import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readAmount } from "../../src/ingest/normalise-amount.js";
import { formatInstant, readDate } from "../../src/ingest/normalise-date.js";
import { normaliseChannel, normaliseSector } from "../../src/model/codes.js";
import { countryName, normaliseCountry, normaliseCurrency } from "../../src/model/countries.js";

describe("readDate", () => {
  it("reads ISO dates and instants as UTC", () => {
    expect(readDate("2024-03-01")).toBe(Date.UTC(2024, 2, 1));
    expect(readDate("2024-03-01T10:00:00Z")).toBe(Date.UTC(2024, 2, 1, 10));
    expect(readDate("2024-03-01 10:00")).toBe(Date.UTC(2024, 2, 1, 10));
    expect(readDate("2024-03-01T10:00:00.250+03:00")).toBe(Date.UTC(2024, 2, 1, 7, 0, 0, 250));
    expect(readDate("20240301")).toBe(Date.UTC(2024, 2, 1));
  });
  it("refuses impossible dates", () => {
    for (const bad of ["2023-02-29", "2024-13-01", "2024-04-31", "2024-01-01T25:00", "yesterday", ""]) expect(readDate(bad)).toBeNaN();
    expect(readDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });
  it("reads day-first and month-first dates only when told which", () => {
    expect(readDate("03/04/2024")).toBeNaN();
    expect(readDate("03/04/2024", { dateOrder: "dmy" })).toBe(Date.UTC(2024, 3, 3));
    expect(readDate("03/04/2024", { dateOrder: "mdy" })).toBe(Date.UTC(2024, 2, 4));
    expect(readDate("31/04/2024", { dateOrder: "dmy" })).toBeNaN();
    expect(readDate("15.01.2024 14:30", { dateOrder: "dmy" })).toBe(Date.UTC(2024, 0, 15, 14, 30));
  });
  it("reads any date-fns format from the mapping", () => {
    expect(readDate("15-Jan-2024", { dateFormat: "dd-MMM-yyyy" })).toBe(Date.UTC(2024, 0, 15));
    expect(readDate("32-Jan-2024", { dateFormat: "dd-MMM-yyyy" })).toBeNaN();
  });
  it("reads plain ISO forms exactly as the regular-expression path does (property)", () => {
    // The regular-expression reading readDate used for every ISO text before its plain fast path.
    const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z)?$/;
    const oracle = (raw: string): number => {
      const m = ISO.exec(raw.trim());
      if (!m) return Number.NaN;
      const [y, mo, d, h, mi, sec] = [+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0];
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return Number.NaN;
      const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(sec, 59));
      const c = new Date(t);
      return c.getUTCFullYear() !== y || c.getUTCMonth() !== mo - 1 || c.getUTCDate() !== d ? Number.NaN : t;
    };
    const n = (lo: number, hi: number, w: number) => fc.integer({ min: lo, max: hi }).map((v) => String(v).padStart(w, "0"));
    const text = fc
      .tuple(n(0, 9999, 4), n(0, 13, 2), n(0, 32, 2), fc.constantFrom("", "T", " ", "x"), n(0, 24, 2), n(0, 60, 2), fc.constantFrom("", ":00", ":59", ":60", ":7"), fc.constantFrom("", "Z", "z", " "))
      .map(([y, mo, d, sep, h, mi, sec, z]) => (sep === "" ? `${y}-${mo}-${d}${z === " " ? " " : ""}` : `${y}-${mo}-${d}${sep}${h}:${mi}${sec}${z}`));
    fc.assert(
      fc.property(text, (s) => {
        const want = oracle(s);
        const got = readDate(s);
        return Number.isNaN(want) ? Number.isNaN(got) : got === want;
      }),
      { numRuns: 3000 },
    );
    expect(readDate("0099-01-01")).toBeNaN();
    expect(readDate("0100-03-01")).toBe(Date.parse("0100-03-01T00:00:00Z"));
  });
  it("formats midnight as a date and other times as instants", () => {
    expect(formatInstant(Date.UTC(2024, 0, 2))).toBe("2024-01-02");
    expect(formatInstant(Date.UTC(2024, 0, 2, 3))).toBe("2024-01-02T03:00:00.000Z");
  });
});

describe("readAmount", () => {
  it.each([
    ["1234.56", 1234.56],
    ["1,234.56", 1234.56],
    ["1.234,56", 1234.56],
    ["1 234,56", 1234.56],
    ["1'234.50", 1234.5],
    ["9,900", 9900],
    ["12,5", 12.5],
    ["1.234.567", 1234567],
    ["USD 9,900.00", 9900],
    ["9,900.00 USD", 9900],
    ["$250", 250],
    ["€ 1.250,00", 1250],
    ["TZS2500000", 2500000],
    ["250 ₫", 250],
    ["(100.00)", -100],
    ["-42", -42],
  ])("reads %s", (raw, value) => {
    expect(readAmount(raw)).toBeCloseTo(value, 9);
  });
  it("uses the declared decimal separator", () => {
    expect(readAmount("1,234", { decimal: "," })).toBeCloseTo(1.234);
    expect(readAmount("1.234", { decimal: "," })).toBe(1234);
    expect(readAmount("12 500,75", { decimal: "," })).toBeCloseTo(12500.75);
  });
  it("refuses what is not a number", () => {
    for (const bad of ["12O0.00", "O700.00", "700.0O", "l00", "abc", "", "1,23,4.5", "--5", "1.2.3,4,5", "XYZ 100", "100 ABC"]) expect(readAmount(bad)).toBeNaN();
  });
});

describe("codes", () => {
  it("normalises countries from codes and names", () => {
    expect(normaliseCountry("tz")).toBe("TZ");
    expect(normaliseCountry("MOZ")).toBe("MZ");
    expect(normaliseCountry("Viet Nam")).toBe("VN");
    expect(normaliseCountry("Côte d'Ivoire")).toBe("CI");
    expect(normaliseCountry("Hong Kong")).toBe("HK");
    expect(normaliseCountry("ZZ")).toBeUndefined();
    expect(normaliseCountry("Atlantis")).toBeUndefined();
    expect(countryName("MY")).toBe("Malaysia");
  });
  it("normalises currencies", () => {
    expect(normaliseCurrency("tzs")).toBe("TZS");
    expect(normaliseCurrency("USDT")).toBe("USDT");
    expect(normaliseCurrency("XYZ")).toBeUndefined();
  });
  it("normalises channels and sectors", () => {
    expect(normaliseChannel("M-Pesa")).toBe("mobile_money");
    expect(normaliseChannel("SWIFT")).toBe("wire");
    expect(normaliseChannel("__proto__")).toBeUndefined();
    expect(normaliseSector("Clearing and Forwarding")).toBe("customs_clearing");
    expect(normaliseSector("Dried seafood wholesale")).toBe("seafood");
    expect(normaliseSector("customs_clearing")).toBe("customs_clearing");
    expect(normaliseSector("Quantum widgets")).toBe("quantum_widgets");
  });
});

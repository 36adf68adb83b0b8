import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilToEpochMs, isCivilDay } from "../../src/_lib/civil-date.js";

describe("civil-date", () => {
  it("gives Date.UTC's instant for every day of years 100-9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 86_399_999 }), (y, mo, d, ms) => {
        const rolled = new Date(Date.UTC(y, mo - 1, d));
        const exists = rolled.getUTCMonth() === mo - 1 && rolled.getUTCDate() === d;
        expect(isCivilDay(y, mo, d)).toBe(exists);
        if (exists) expect(civilToEpochMs(y, mo, d, ms)).toBe(Date.UTC(y, mo - 1, d) + ms);
      }),
      { numRuns: 2000 },
    );
  });

  it("knows the leap years of the Gregorian calendar", () => {
    expect([isCivilDay(2000, 2, 29), isCivilDay(1900, 2, 29), isCivilDay(2024, 2, 29), isCivilDay(2023, 2, 29)]).toEqual([true, false, true, false]);
    expect(isCivilDay(2024, 4, 31)).toBe(false);
  });
});

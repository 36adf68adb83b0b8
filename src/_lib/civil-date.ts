// The proleptic Gregorian calendar as plain arithmetic, shared by the ISO date readers (the
// string one in normalise-date.ts and the byte one of the CSV fast path), so both give the same
// instant for the same text.

/** Days in each month of a common year, 1-based. */
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether day `d` exists in month `mo` (1-12) of year `y`.
 *
 * @example
 * ```ts
 * isCivilDay(2024, 2, 29); // true
 * isCivilDay(2023, 2, 29); // false
 * ```
 */
export function isCivilDay(y: number, mo: number, d: number): boolean {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d >= 1 && d <= (mo === 2 && leap ? 29 : MONTH_DAYS[mo]);
}

/**
 * Milliseconds since 1970-01-01T00:00Z of the start of day `y-mo-d`, plus `ms`. Days from the civil
 * calendar: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (https://howardhinnant.github.io/date_algorithms.html).
 *
 * @example
 * ```ts
 * civilToEpochMs(2024, 3, 1, 36_000_000) === Date.UTC(2024, 2, 1, 10); // true
 * ```
 */
export function civilToEpochMs(y: number, mo: number, d: number, ms: number): number {
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) * 86_400_000 + ms;
}

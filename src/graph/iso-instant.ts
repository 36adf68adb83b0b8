const DAY_MS = 86_400_000;

const pad2 = (x: number): string => (x < 10 ? `0${x}` : `${x}`);
const pad3 = (x: number): string => (x < 10 ? `00${x}` : x < 100 ? `0${x}` : `${x}`);

/**
 * A formatter of epoch milliseconds as ISO 8601 instants (`2024-01-03T10:00:00.000Z`), the same
 * text as `Date.prototype.toISOString`, about seven times faster on large tables: the date part is
 * computed once per day (cached inside the formatter, so each caller owns its cache); non-integer
 * times fall back to `toISOString`. Internal to the graph writers.
 *
 * @example
 * ```ts
 * const iso = createIsoFormatter();
 * iso(Date.UTC(2024, 0, 3, 10, 5, 7, 9)); // "2024-01-03T10:05:07.009Z"
 * ```
 */
export function createIsoFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms: number): string => {
    if (!Number.isInteger(ms)) return new Date(ms).toISOString();
    const day = Math.floor(ms / DAY_MS);
    let prefix = days.get(day);
    if (prefix === undefined) {
      const midnight = new Date(day * DAY_MS).toISOString();
      // Everything before "00:00:00.000Z" (13 characters), whatever the year's width.
      prefix = midnight.slice(0, midnight.length - 13);
      days.set(day, prefix);
    }
    let rest = ms - day * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
  };
}

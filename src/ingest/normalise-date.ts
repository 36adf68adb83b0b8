import { isValid, parse as parseWithFormat } from "date-fns";

/** How to read a date that is not ISO 8601. */
export interface DateReadOptions {
  /**
   * A date-fns format string for the source's dates, e.g. `"dd/MM/yyyy HH:mm"`. When set, it is
   * tried after ISO 8601. [default: none]
   */
  dateFormat?: string;
  /**
   * Order of day and month in slash/dot/dash dates such as `03/04/2024`: `"dmy"` (day first) or
   * `"mdy"` (month first). Without it such dates are ambiguous and refused. [default: none]
   */
  dateOrder?: "dmy" | "mdy";
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_RE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return Number.NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(t);
  // Reject impossible calendar dates such as 2024-02-30 (Date.UTC would roll them over).
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return Number.NaN;
  return t;
}

/**
 * Read a date or instant into epoch milliseconds (UTC). ISO 8601 dates and date-times (with `Z`,
 * an offset, or none, read as UTC), compact `yyyyMMdd`, day-first or month-first numeric dates
 * when `dateOrder` says which, and any date-fns `dateFormat`. Impossible dates (`2023-02-29`)
 * give `NaN`.
 *
 * @example
 * ```ts
 * import { readDate } from "wildtrace";
 * readDate("2024-03-01T10:00:00+03:00"); // 1709276400000
 * readDate("01/03/2024", { dateOrder: "dmy" }) === Date.UTC(2024, 2, 1); // true
 * Number.isNaN(readDate("2023-02-29")); // true
 * ```
 */
export function readDate(raw: string, options: DateReadOptions = {}): number {
  const s = raw.trim();
  let m = ISO_RE.exec(s);
  if (m) {
    const frac = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    let t = utc(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, frac);
    const tz = m[8];
    if (tz && tz !== "Z" && !Number.isNaN(t)) {
      const sign = tz[0] === "-" ? -1 : 1;
      const digits = tz.slice(1).replace(":", "");
      const offH = +digits.slice(0, 2);
      const offM = +digits.slice(2, 4);
      if (offH > 14 || offM > 59) return Number.NaN;
      t -= sign * (offH * 60 + offM) * 60_000;
    }
    return t;
  }
  m = COMPACT_RE.exec(s);
  if (m) return utc(+m[1], +m[2], +m[3]);
  if (options.dateFormat) {
    const d = parseWithFormat(s, options.dateFormat, new Date(2000, 0, 1));
    if (isValid(d)) {
      return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
    }
    return Number.NaN;
  }
  m = NUMERIC_RE.exec(s);
  if (m && options.dateOrder) {
    const [a, b] = [+m[1], +m[2]];
    const [day, month] = options.dateOrder === "dmy" ? [a, b] : [b, a];
    return utc(+m[3], month, day, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
  }
  return Number.NaN;
}

/**
 * Epoch milliseconds to an ISO date (`yyyy-MM-dd`) when the time is midnight UTC, else a full
 * ISO instant.
 *
 * @example
 * ```ts
 * import { formatInstant } from "wildtrace";
 * formatInstant(Date.UTC(2024, 0, 2)); // "2024-01-02"
 * ```
 */
export function formatInstant(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

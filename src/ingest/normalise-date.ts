import { isValid, parse as parseWithFormat } from "date-fns";
import { civilToEpochMs, isCivilDay } from "../_lib/civil-date.js";

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


function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Whether `s` is a day written exactly as `yyyy-MM-dd` that {@link readDate} reads (a real
 * calendar day, year 100 or later): the text `formatInstant(readDate(s)).slice(0, 10)` gives back.
 *
 * @example
 * ```ts
 * import { isPlainIsoDay } from "./normalise-date.js";
 * isPlainIsoDay("2024-02-29"); // true
 * isPlainIsoDay("2023-02-29"); // false
 * isPlainIsoDay(" 2024-02-29"); // false
 * ```
 */
export function isPlainIsoDay(s: string): boolean {
  return s.length === 10 && !Number.isNaN(readPlainIso(s));
}

/**
 * The common ISO forms without a regular expression or a `Date`: `yyyy-MM-dd`, then optionally
 * `T` or a space, `HH:mm`, optionally `:ss`, optionally `Z`; `NaN` for anything else (offsets,
 * fractions, impossible dates, years before 100), which {@link readDate} then reads the long way
 * to the same value. Days from the civil calendar: H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (https://howardhinnant.github.io/date_algorithms.html); the same arithmetic as the
 * CSV fast path's `readIsoBytes`.
 */
function readPlainIso(s: string): number {
  const n = s.length;
  if (n !== 10 && n !== 16 && n !== 17 && n !== 19 && n !== 20) return Number.NaN;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const hi = d2(s, 0);
  const lo = d2(s, 2);
  const mo = d2(s, 5);
  const d = d2(s, 8);
  if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1) return Number.NaN;
  const y = hi * 100 + lo;
  if (y < 100) return Number.NaN;
  if (!isCivilDay(y, mo, d)) return Number.NaN;
  let ms = 0;
  if (n > 10) {
    const sep = s.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58) return Number.NaN;
    const h = d2(s, 11);
    const mi = d2(s, 14);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
    let sec = 0;
    let rest = 16;
    if (n >= 19) {
      if (s.charCodeAt(16) !== 58) return Number.NaN;
      sec = d2(s, 17);
      if (sec < 0 || sec > 60) return Number.NaN;
      if (sec === 60) sec = 59; // as utc(): a leap second is read as :59
      rest = 19;
    }
    if (n === rest + 1) {
      if (s.charCodeAt(rest) !== 90) return Number.NaN; // Z
    } else if (n !== rest) return Number.NaN;
    ms = h * 3_600_000 + mi * 60_000 + sec * 1000;
  }
  return civilToEpochMs(y, mo, d, ms);
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
  const plain = readPlainIso(s);
  if (!Number.isNaN(plain)) return plain;
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

import { normaliseCurrency } from "../model/countries.js";

/** How to read amounts. */
export interface AmountReadOptions {
  /**
   * The decimal separator of the source. With `"."`, commas, spaces and apostrophes are thousands
   * separators; with `","`, dots, spaces and apostrophes are. Without it: when both `.` and `,`
   * occur the last one is the decimal separator; a lone `,` followed by exactly three digits is
   * a thousands separator, otherwise a decimal comma. [default: auto]
   */
  decimal?: "." | ",";
}

const PLAIN_RE = /^-?\d+(\.\d+)?$/;
const LEADING_CODE = /^([A-Za-z]{3})(?=[\s\d\-+.]|$)\s*/;
const TRAILING_CODE = /(?<=[\d\s.])\s*([A-Za-z]{3})$/;
const SYMBOLS = /^\p{Sc}+\s*|\s*\p{Sc}+$/gu;

function stripCurrency(raw: string): string {
  let s = raw;
  const lead = LEADING_CODE.exec(s);
  if (lead && normaliseCurrency(lead[1])) s = s.slice(lead[0].length);
  const trail = TRAILING_CODE.exec(s);
  if (trail && normaliseCurrency(trail[1])) s = s.slice(0, s.length - trail[0].length);
  return s.replace(SYMBOLS, "").trim();
}

/**
 * Read an amount written with thousands separators, decimal commas, a currency symbol or code
 * around it, or accounting parentheses for negatives. Returns `NaN` when it is not a number.
 *
 * @example
 * ```ts
 * import { readAmount } from "wildtrace";
 * readAmount("1,234.50");                     // 1234.5
 * readAmount("1.234,50");                     // 1234.5
 * readAmount("12 500,75", { decimal: "," });  // 12500.75
 * readAmount("USD 9,900");                    // 9900
 * readAmount("abc");                          // NaN
 * ```
 */
export function readAmount(raw: string, options: AmountReadOptions = {}): number {
  let s = raw.trim();
  if (options.decimal !== "," && PLAIN_RE.test(s)) return Number(s);
  let negative = false;
  if (s.startsWith("(") && s.endsWith(")")) {
    negative = true;
    s = s.slice(1, -1);
  }
  // Strip an ISO currency code or currency symbols before or after the number; any other letter
  // (a mistyped `O` for `0`) leaves the amount unreadable, so the row is quarantined.
  s = stripCurrency(s);
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  s = s.replace(/[\s\u00a0\u202f']/g, "");
  if (s === "" || /[^\d.,]/.test(s)) return Number.NaN;
  let decimal = options.decimal;
  if (!decimal) {
    const lastDot = s.lastIndexOf(".");
    const lastComma = s.lastIndexOf(",");
    if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? "." : ",";
    else if (lastComma >= 0) decimal = /^\d{1,3}(,\d{3})+$/.test(s) ? "." : ",";
    else decimal = /^\d{1,3}(\.\d{3}){2,}$/.test(s) ? "," : ".";
  }
  const thousands = decimal === "." ? "," : ".";
  const groups = s.split(thousands);
  for (let i = 1; i < groups.length; i++) {
    const g = i === groups.length - 1 ? groups[i].split(decimal)[0] : groups[i];
    if (g.length !== 3) return Number.NaN;
  }
  s = groups.join("");
  if (decimal === ",") s = s.replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) return Number.NaN;
  const v = Number(s);
  return negative ? -v : v;
}

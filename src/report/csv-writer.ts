/**
 * The one CSV writer behind every CSV file wildtrace writes (alerts, scores, Neo4j bulk import,
 * i2 Analyst's Notebook import).
 *
 * Quoting follows RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180): a cell holding a comma, a
 * double quote, a line break or leading/trailing spaces is wrapped in double quotes and its quotes
 * doubled. Text that a spreadsheet would run as a formula (a cell starting with `=`, `+`, `-`,
 * `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP's "CSV Injection" page
 * recommends (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are written as
 * numbers and are never prefixed (a negative amount stays `-5`).
 */

/** A value of a CSV cell. `null` and `undefined` give an empty cell; arrays are joined with `;`. */
export type CsvValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Options of {@link toCsv}. */
export interface CsvWriterOptions {
  /** Line terminator. [default: "\n"] */
  newline?: "\n" | "\r\n";
  /** Separator of the values of an array cell. [default: ";"] */
  listSeparator?: string;
  /** Write the header row. [default: true] */
  header?: boolean;
}

/**
 * Defaults of {@link CsvWriterOptions}.
 *
 * @example
 * ```ts
 * import { CSV_WRITER_DEFAULTS } from "wildtrace";
 * CSV_WRITER_DEFAULTS; // { newline: "\n", listSeparator: ";", header: true }
 * ```
 */
export const CSV_WRITER_DEFAULTS = Object.freeze({ newline: "\n", listSeparator: ";", header: true } as const);

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;

/**
 * Neutralise a text cell that a spreadsheet would evaluate: prefix `'` when it starts with `=`,
 * `+`, `-`, `@`, a tab or a carriage return.
 *
 * @example
 * ```ts
 * import { neutraliseFormula } from "wildtrace";
 * neutraliseFormula("=HYPERLINK(\"http://x\")"); // "'=HYPERLINK(\"http://x\")"
 * neutraliseFormula("Kilwa Clearing"); // "Kilwa Clearing"
 * ```
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Format one cell: formula-neutralised (text only) and quoted when needed.
 *
 * @example
 * ```ts
 * import { csvCell } from "wildtrace";
 * csvCell('Kilwa "Clearing", Ltd'); // '"Kilwa ""Clearing"", Ltd"'
 * csvCell(-250.5); // "-250.5"
 * csvCell("-250.5"); // "'-250.5"
 * ```
 */
export function csvCell(value: CsvValue, listSeparator: string = CSV_WRITER_DEFAULTS.listSeparator): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = neutraliseFormula(typeof value === "string" ? value : value.map(String).join(listSeparator));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Write rows as CSV text with a header row. Every CSV export of wildtrace goes through here.
 *
 * @example
 * ```ts
 * import { toCsv } from "wildtrace";
 * toCsv(["id", "name", "amount"], [["P1", "=cmd|' /C calc'!A0", 48000]]);
 * // "id,name,amount\nP1,'=cmd|' /C calc'!A0,48000\n"
 * ```
 */
export function toCsv(columns: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvWriterOptions = {}): string {
  const nl = options.newline ?? CSV_WRITER_DEFAULTS.newline;
  const sep = options.listSeparator ?? CSV_WRITER_DEFAULTS.listSeparator;
  const lines: string[] = [];
  if (options.header ?? CSV_WRITER_DEFAULTS.header) lines.push(columns.map((c) => csvCell(c, sep)).join(","));
  for (const row of rows) {
    const cells = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) cells[c] = csvCell(row[c], sep);
    lines.push(cells.join(","));
  }
  return lines.length > 0 ? lines.join(nl) + nl : "";
}

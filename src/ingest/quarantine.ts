import { StrictModeError } from "../errors.js";
import type { QuarantineEntry } from "../model/schemas.js";

/**
 * Stable quarantine codes, each with what it means.
 *
 * @example
 * ```ts
 * import { QUARANTINE_CODES } from "wildtrace";
 * QUARANTINE_CODES.invalid_date; // "a date that does not exist or cannot be read"
 * ```
 */
export const QUARANTINE_CODES = Object.freeze({
  invalid_date: "a date that does not exist or cannot be read",
  invalid_amount: "an amount that is not a number",
  non_positive_amount: "an amount of zero or below",
  missing_value: "a required field is empty",
  missing_column: "the file lacks a required column",
  unknown_currency: "a currency code that is not ISO 4217",
  unknown_country: "a country that is not ISO 3166-1",
  invalid_value: "a value outside the allowed vocabulary",
  duplicate_id: "an id already used by an earlier record",
  unknown_account: "a transaction names an account that does not exist",
  unknown_party: "a record names a party that does not exist",
  wrong_cell_count: "a CSV row with more or fewer cells than the header",
  field_too_large: "a field longer than the configured limit",
  no_fx_rate: "no exchange rate for the currency on or before the date",
  invalid_json: "a JSON record that cannot be parsed",
  malformed_file: "a file that cannot be read as its format",
  unsafe_xml: "an XML file that declares a DTD or entities (refused, never expanded)",
  wrong_root: "an XML file whose root element is not the expected one",
  no_data: "a record without the fields that make it usable",
} as const);
export type QuarantineCode = keyof typeof QUARANTINE_CODES;

/**
 * Collects quarantine entries. Counts rows (not entries) so that
 * `accepted + quarantinedRows === rowsRead` can be checked per file.
 *
 * @example
 * ```ts
 * import { Quarantine } from "wildtrace";
 * const q = new Quarantine();
 * q.add({ file: "t.csv", line: 2, field: "amount", code: "invalid_amount", message: "'abc' is not a number" });
 * q.entries.length; // 1
 * ```
 */
export class Quarantine {
  readonly entries: QuarantineEntry[] = [];
  readonly strict: boolean;
  private readonly rows = new Set<string>();
  constructor(options: { strict?: boolean } = {}) {
    this.strict = options.strict ?? false;
  }
  /** Record a problem. In strict mode, throws {@link StrictModeError} instead. */
  add(entry: QuarantineEntry): void {
    if (this.strict) throw new StrictModeError(entry);
    this.entries.push(entry);
    this.rows.add(`${entry.file}\u0000${entry.line}`);
  }
  /** Number of distinct (file, line) rows with at least one entry. */
  get quarantinedRows(): number {
    return this.rows.size;
  }
  /** Whether a given row already has an entry. */
  has(file: string, line: number): boolean {
    return this.rows.has(`${file}\u0000${line}`);
  }
}

import { z } from "zod";
import type { RecordKind } from "./fields.js";

const FileMappingSchema = z.object({
  /** File name inside the case folder that holds these records (CSV, JSON or NDJSON). */
  file: z.string().optional(),
  /** Canonical field name -> source column name. */
  columns: z.record(z.string(), z.string()).default({}),
  /** Field delimiter of a CSV source. */
  delimiter: z.string().length(1).optional(),
});

/**
 * A column mapping for sources that come with other headers: which file and which column feed
 * each canonical field, and how dates and amounts are written. Read from `mapping.json` in a
 * case folder, `--mapping FILE`, or passed to `loadCase`.
 *
 * @example
 * ```ts
 * import { ColumnMappingSchema } from "wildtrace";
 * const mapping = ColumnMappingSchema.parse({
 *   transactions: { file: "bank_export.csv", columns: { id: "TxnRef", date: "Value Date", amount: "Amount (TZS)" } },
 *   dateOrder: "dmy", decimal: ",", defaultCurrency: "TZS",
 * });
 * ```
 */
export const ColumnMappingSchema = z.object({
  transactions: FileMappingSchema.optional(),
  accounts: FileMappingSchema.optional(),
  parties: FileMappingSchema.optional(),
  relationships: FileMappingSchema.optional(),
  /** date-fns format of the source's dates, e.g. `dd/MM/yyyy HH:mm`. */
  dateFormat: z.string().optional(),
  /** Day-first or month-first numeric dates. */
  dateOrder: z.enum(["dmy", "mdy"]).optional(),
  /** Decimal separator of amounts. */
  decimal: z.enum([".", ","]).optional(),
  /** Currency for transactions whose currency cell is empty or absent. */
  defaultCurrency: z.string().optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/**
 * The source column name for a canonical field under a mapping (the field itself by default).
 *
 * @example
 * ```ts
 * import { sourceColumn } from "wildtrace";
 * const mapping = { transactions: { columns: { amount: "Amount (TZS)" } } };
 * sourceColumn(mapping, "transactions", "amount"); // "Amount (TZS)"
 * sourceColumn(mapping, "transactions", "date"); // "date"
 * ```
 */
export function sourceColumn(mapping: ColumnMapping | undefined, kind: RecordKind, field: string): string {
  const cols = mapping?.[kind]?.columns;
  return cols && Object.hasOwn(cols, field) ? cols[field] : field;
}

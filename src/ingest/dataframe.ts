/**
 * DataFrame interop for notebook users, without depending on any DataFrame library: results go
 * out as flat rows that `new DataFrame(rows)` (danfo-js) or `pd.DataFrame(rows)` take, and tables
 * come in as anything with `columns` and `values`.
 */

/** A cell of a flat row: what DataFrame libraries hold in a column. */
export type DataFrameCell = string | number | boolean | null;

/** Options of {@link toRows} and {@link toColumns}. */
export interface ToRowsOptions {
  /** How a list of scalars is written: `"join"` (one string, see `separator`) or `"json"`. [default: "join"] */
  arrays?: "join" | "json";
  /** Separator of joined lists. [default: ";"] */
  separator?: string;
  /** How a nested object is written: `"flatten"` into dotted columns (`summary.size`) or `"json"`. [default: "flatten"] */
  objects?: "flatten" | "json";
}

/**
 * Defaults of {@link ToRowsOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_TO_ROWS_OPTIONS } from "wildtrace";
 * DEFAULT_TO_ROWS_OPTIONS; // { arrays: "join", separator: ";", objects: "flatten" }
 * ```
 */
export const DEFAULT_TO_ROWS_OPTIONS: Readonly<Required<ToRowsOptions>> = Object.freeze({ arrays: "join", separator: ";", objects: "flatten" });

function isScalar(v: unknown): v is string | number | boolean | null | undefined {
  return v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function put(row: Record<string, DataFrameCell>, key: string, value: DataFrameCell): void {
  // defineProperty: a key such as "__proto__" stays a plain column.
  Object.defineProperty(row, key, { value, enumerable: true, writable: true, configurable: true });
}

function flatten(value: unknown, prefix: string, out: Map<string, DataFrameCell>, o: Required<ToRowsOptions>): void {
  if (isScalar(value)) {
    out.set(prefix, value === undefined ? null : value);
    return;
  }
  if (value instanceof Date) {
    out.set(prefix, value.toISOString());
    return;
  }
  if (Array.isArray(value)) {
    if (o.arrays === "join" && value.every((x) => isScalar(x) && x !== null && x !== undefined)) out.set(prefix, value.join(o.separator));
    else out.set(prefix, JSON.stringify(value));
    return;
  }
  if (typeof value === "object") {
    if (o.objects === "json" && prefix !== "") {
      out.set(prefix, JSON.stringify(value));
      return;
    }
    for (const k of Object.keys(value as object)) flatten((value as Record<string, unknown>)[k], prefix === "" ? k : `${prefix}.${k}`, out, o);
    return;
  }
  out.set(prefix, String(value));
}

function resolve(options: ToRowsOptions): Required<ToRowsOptions> {
  return { ...DEFAULT_TO_ROWS_OPTIONS, ...options };
}

function flatRecords(records: Iterable<unknown>, o: Required<ToRowsOptions>): { columns: string[]; flat: Map<string, DataFrameCell>[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  const flat: Map<string, DataFrameCell>[] = [];
  for (const r of records) {
    const m = new Map<string, DataFrameCell>();
    flatten(r, "", m, o);
    for (const k of m.keys()) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
    flat.push(m);
  }
  return { columns, flat };
}

/**
 * Turn a result table (alerts, scores, communities, flows...) into flat rows for a DataFrame:
 * every row has every column (in first-seen order, `null` where a record has no value), lists of
 * scalars are joined with `;`, nested objects become dotted columns. The input is not changed.
 *
 * @example
 * ```ts
 * import { toRows } from "wildtrace";
 * const rows = toRows([
 *   { id: "C1", members: ["A1", "A2"], size: 2, summary: { amount: 1200 } },
 *   { id: "C2", members: ["A3"], size: 1 },
 * ]);
 * // [{ id: "C1", members: "A1;A2", size: 2, "summary.amount": 1200 },
 * //  { id: "C2", members: "A3", size: 1, "summary.amount": null }]
 * // then, in a notebook: new DataFrame(rows)
 * ```
 */
export function toRows(records: Iterable<unknown>, options: ToRowsOptions = {}): Record<string, DataFrameCell>[] {
  const { columns, flat } = flatRecords(records, resolve(options));
  return flat.map((m) => {
    const row: Record<string, DataFrameCell> = {};
    for (const c of columns) put(row, c, m.has(c) ? m.get(c)! : null);
    return row;
  });
}

/**
 * Like {@link toRows}, as `{ columns, values }`: `new DataFrame(values, { columns })` takes it, and
 * so does every wildtrace function that accepts a table of records.
 *
 * @example
 * ```ts
 * import { toColumns } from "wildtrace";
 * toColumns([{ id: "S1", score: 87 }, { id: "S2", score: 40, rank: 2 }]);
 * // { columns: ["id", "score", "rank"], values: [["S1", 87, null], ["S2", 40, 2]] }
 * ```
 */
export function toColumns(records: Iterable<unknown>, options: ToRowsOptions = {}): { columns: string[]; values: DataFrameCell[][] } {
  const { columns, flat } = flatRecords(records, resolve(options));
  return { columns, values: flat.map((m) => columns.map((c) => (m.has(c) ? m.get(c)! : null))) };
}

/**
 * Read a DataFrame (danfo-js, or anything with `columns` and `values`) as a table of records whose
 * missing cells (`null`, `undefined`, `NaN`, which DataFrames use for gaps) are left out, so they
 * count as empty rather than as the text "NaN". Pass the result to `createDataset`.
 *
 * @example
 * ```ts
 * import { createDataset, fromDataFrame } from "wildtrace";
 * const df = { columns: ["id", "date", "amount", "currency", "from_account", "to_account"], values: [["T1", "2024-03-01", 9900, "USD", null, "A1"]] };
 * const { dataset } = createDataset({ transactions: fromDataFrame(df) });
 * dataset.transactions.length; // 1 (a cash deposit into A1)
 * ```
 */
export function fromDataFrame(frame: { columns: readonly unknown[]; values: readonly (readonly unknown[])[] | readonly unknown[] }): { columns: string[]; values: unknown[][] } {
  const columns = frame.columns.map((c) => String(c));
  const raw = frame.values as readonly unknown[];
  // A one-column Series-like frame may give a flat list of values.
  const rows = raw.map((r) => (Array.isArray(r) ? r : [r]));
  const values = rows.map((r) => columns.map((_, i) => {
    const v = r[i];
    return v === null || (typeof v === "number" && Number.isNaN(v)) ? undefined : v;
  }));
  return { columns, values };
}

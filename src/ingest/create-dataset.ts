import type { Dataset } from "../model/dataset.js";
import type { QuarantineEntry } from "../model/schemas.js";
import { DatasetBuilder, type DatasetBuilderOptions } from "./builder.js";
import type { RecordKind } from "./fields.js";
import { Quarantine } from "./quarantine.js";
import { acceptRecord, objectGetter } from "./record-sink.js";
import type { RecordReadOptions } from "./records.js";

/** A table of records: an array of objects, or anything with `columns` and `values` (a danfo-js DataFrame). */
export type RecordTable = ReadonlyArray<Record<string, unknown>> | { columns: readonly string[]; values: readonly (readonly unknown[])[] };

/** Records to build a dataset from, keyed by kind. Keys may be canonical snake_case or camelCase. */
export interface DatasetInput {
  parties?: RecordTable;
  accounts?: RecordTable;
  relationships?: RecordTable;
  transactions?: RecordTable;
}

/** Options of {@link createDataset}. */
export interface CreateDatasetOptions extends DatasetBuilderOptions, RecordReadOptions {
  /** Throw on the first problem instead of quarantining. [default: false] */
  strict?: boolean;
}

/**
 * Iterate the rows of a {@link RecordTable} as plain objects (null-prototype for column tables).
 *
 * @example
 * ```ts
 * import { tableRows } from "wildtrace";
 * [...tableRows({ columns: ["id"], values: [["T1"]] })]; // [{ id: "T1" }]
 * ```
 */
export function* tableRows(table: RecordTable): Generator<Record<string, unknown>> {
  if (Array.isArray(table)) {
    yield* table as Record<string, unknown>[];
    return;
  }
  const t = table as { columns: readonly string[]; values: readonly (readonly unknown[])[] };
  for (const row of t.values) {
    const obj: Record<string, unknown> = Object.create(null);
    for (let c = 0; c < t.columns.length; c++) obj[t.columns[c]] = row[c];
    yield obj;
  }
}

/**
 * Build a dataset from in-memory records (arrays of objects or DataFrame-like tables), with the
 * same validation and quarantine as the file loaders. The quarantine's `file` is the kind
 * (`transactions`...) and `line` the 1-based record number.
 *
 * @example
 * ```ts
 * import { createDataset } from "wildtrace";
 * const { dataset, quarantine } = createDataset({
 *   accounts: [{ id: "A", country: "TZ" }, { id: "B", country: "CN" }],
 *   transactions: [{ id: "T1", date: "2024-01-02", amount: 5000, currency: "USD", fromAccount: "B", toAccount: "A" }],
 * });
 * dataset.transactions.length; // 1
 * quarantine.length; // 0
 * ```
 */
export function createDataset(input: DatasetInput, options: CreateDatasetOptions = {}): { dataset: Dataset; quarantine: QuarantineEntry[] } {
  const q = new Quarantine({ strict: options.strict });
  const builder = new DatasetBuilder(q, options);
  const kinds: RecordKind[] = ["parties", "accounts", "relationships", "transactions"];
  for (const kind of kinds) {
    const table = input[kind];
    if (!table) continue;
    let line = 0;
    for (const row of tableRows(table)) {
      line++;
      const { get, extra } = objectGetter(kind, row);
      acceptRecord(kind, get, { file: kind, line }, builder, q, options, kind === "parties" ? extra : undefined);
    }
  }
  return { dataset: builder.build(), quarantine: q.entries };
}

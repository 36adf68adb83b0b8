import { statSync } from "node:fs";
import type { DatasetBuilder } from "./builder.js";
import type { CsvRowHandler } from "./csv-parser.js";
import { type CsvViewHandler, scanCsvFile, viewCells } from "./csv-scanner.js";
import { RECORD_FIELDS, REQUIRED_COLUMNS, type RecordKind } from "./fields.js";
import { readJsonRecordsFile } from "./json-records.js";
import { type ColumnMapping, sourceColumn } from "./mapping.js";
import type { Quarantine } from "./quarantine.js";
import { acceptRecord, objectGetter, type SourceStats } from "./record-sink.js";
import type { FieldGetter, RecordReadOptions } from "./records.js";
import { createTransactionFastPath, type TransactionFastPath } from "./transaction-fast-path.js";

/** What a table-file reader needs. */
export interface TableReadContext {
  builder: DatasetBuilder;
  quarantine: Quarantine;
  readOptions: RecordReadOptions;
  mapping?: ColumnMapping;
  /** Longest CSV field kept. [default: 1 MiB] */
  maxFieldLength?: number;
  /**
   * Read clean transaction rows straight from the file's bytes (same results, several times
   * faster); `false` sends every row through the general path. [default: true]
   */
  fastPath?: boolean;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0; // the scanner's open reports a missing file
  }
}

/**
 * The format of a table file, from its name.
 *
 * @example
 * ```ts
 * import { tableFormat } from "wildtrace";
 * tableFormat("transactions.csv"); // "csv"
 * tableFormat("parties.NDJSON"); // "ndjson"
 * tableFormat("notes.xlsx"); // undefined
 * ```
 */
export function tableFormat(name: string): "csv" | "json" | "ndjson" | undefined {
  const n = name.toLowerCase();
  if (n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt")) return "csv";
  if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) return "ndjson";
  if (n.endsWith(".json")) return "json";
  return undefined;
}

/**
 * Read one CSV, JSON-array or NDJSON file of records of one kind into the builder. Every record
 * is counted in `rowsRead`; each one is either accepted or quarantined with its line.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine, readTableFile } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * const stats = await readTableFile("case/transactions.csv", "transactions.csv", "transactions", { builder, quarantine: q, readOptions: {} });
 * console.log(stats.rowsRead);
 * ```
 */
export async function readTableFile(path: string, displayName: string, kind: RecordKind, ctx: TableReadContext): Promise<SourceStats> {
  const format = tableFormat(path) ?? "csv";
  const stats: SourceStats = { file: displayName, kind, format, rowsRead: 0 };
  const { builder, quarantine: q, readOptions } = ctx;
  if (format === "csv") {
    let header: string[] | undefined;
    let colIdx: Int32Array | undefined;
    const fieldPos = new Map<string, number>();
    let missing: string[] = [];
    let extraCols: [string, number][] = [];
    let current: string[] = [];
    const get: FieldGetter = (f) => {
      const k = fieldPos.get(f);
      if (k === undefined) return undefined;
      const c = colIdx![k];
      return c >= 0 ? current[c] : undefined;
    };
    const fields = RECORD_FIELDS[kind];
    const delimiter = ctx.mapping?.[kind]?.delimiter ?? (path.toLowerCase().endsWith(".tsv") ? "\t" : ",");
    let fast: TransactionFastPath | undefined;
    const fileBytes = kind === "transactions" ? fileSize(path) : 0;
    const onCells: CsvRowHandler = (cells, line, error) => {
      if (!header) {
        header = cells.map((c) => c.trim());
        colIdx = new Int32Array(fields.length).fill(-1);
        const used = new Set<number>();
        fields.forEach((f, k) => {
          fieldPos.set(f, k);
          const idx = header!.indexOf(sourceColumn(ctx.mapping, kind, f));
          colIdx![k] = idx;
          if (idx >= 0) used.add(idx);
        });
        missing = REQUIRED_COLUMNS[kind].filter((f) => colIdx![fieldPos.get(f)!] < 0);
        extraCols = header.map((h, i) => [h, i] as [string, number]).filter(([, i]) => !used.has(i));
        if (kind === "transactions" && missing.length === 0 && ctx.fastPath !== false) fast = createTransactionFastPath(colIdx, builder, displayName, fileBytes);
        return;
      }
      stats.rowsRead++;
      const loc = { file: displayName, line };
      if (error === "field_too_large") {
        q.add({ ...loc, field: "*", code: "field_too_large", message: `a field is longer than ${ctx.maxFieldLength ?? 1_048_576} characters: check the export or raise maxFieldLength` });
        return;
      }
      if (error === "unterminated_quote") {
        q.add({ ...loc, field: "*", code: "malformed_file", message: "a quoted field is never closed: the file may be truncated or a quote is unbalanced" });
        return;
      }
      if (missing.length > 0) {
        q.add({ ...loc, field: missing[0], code: "missing_column", message: `the header (line 1) has no '${sourceColumn(ctx.mapping, kind, missing[0])}' column: add it or map it in mapping.json` });
        return;
      }
      if (cells.length !== header.length) {
        q.add({ ...loc, field: "*", code: "wrong_cell_count", message: `the row has ${cells.length} cells but the header has ${header.length}: check for an unquoted delimiter in a value` });
        return;
      }
      current = cells;
      const extra = kind === "parties" && extraCols.length > 0 ? extraCols.map(([h, i]) => [h, cells[i]] as const) : undefined;
      acceptRecord(kind, get, loc, builder, q, readOptions, extra);
    };
    const onView: CsvViewHandler = (view, line) => {
      if (fast !== undefined && view.count === header!.length && fast(view, line)) {
        stats.rowsRead++;
        return;
      }
      onCells(viewCells(view), line, undefined);
    };
    await scanCsvFile(path, onView, onCells, { delimiter, maxFieldLength: ctx.maxFieldLength });
    return stats;
  }
  const columns = ctx.mapping?.[kind]?.columns;
  await readJsonRecordsFile(path, format === "json" ? "array" : "lines", (value, line, error) => {
    stats.rowsRead++;
    const loc = { file: displayName, line };
    if (error !== undefined) {
      q.add({ ...loc, field: "*", code: "invalid_json", message: `not valid JSON: ${error}` });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      q.add({ ...loc, field: "*", code: "invalid_json", message: "each record must be a JSON object" });
      return;
    }
    const { get, extra } = objectGetter(kind, value as Record<string, unknown>, columns);
    acceptRecord(kind, get, loc, builder, q, readOptions, kind === "parties" ? extra : undefined);
  });
  return stats;
}

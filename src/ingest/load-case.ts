import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { WildtraceError } from "../errors.js";
import { normaliseCurrency } from "../model/countries.js";
import type { Dataset } from "../model/dataset.js";
import type { ProgressHandler } from "../model/progress.js";
import type { QuarantineEntry } from "../model/schemas.js";
import { DatasetBuilder } from "./builder.js";
import { readCsvFile } from "./csv-parser.js";
import { RECORD_KINDS, type RecordKind } from "./fields.js";
import { createFxTable, type FxRate, type FxTable } from "./fx.js";
import { type ColumnMapping, ColumnMappingSchema } from "./mapping.js";
import { readAmount } from "./normalise-amount.js";
import { readDate } from "./normalise-date.js";
import { Quarantine } from "./quarantine.js";
import { readTableFile, tableFormat } from "./read-table-file.js";
import type { SourceStats } from "./record-sink.js";

/**
 * A reader for an extra file format found in a case folder (goAML XML, FtM...). It claims files
 * by name and reads them into the builder, returning their statistics.
 */
export interface CaseFileReader {
  /** Name shown in the summary, e.g. "goaml". */
  readonly format: string;
  /** Whether this reader takes the file (by name). */
  claims(fileName: string): boolean;
  /** Read the file into the builder; every record counted, each accepted or quarantined. */
  read(path: string, displayName: string, ctx: { builder: DatasetBuilder; quarantine: Quarantine; onProgress?: ProgressHandler }): Promise<SourceStats>;
}

/** Options of {@link loadCase}. */
export interface LoadCaseOptions {
  /** Column mapping, as an object or a path to a JSON file. [default: `mapping.json` in the folder, if any] */
  mapping?: ColumnMapping | string;
  /** Exchange rates. [default: `fx.csv` in the folder (`currency,date,rate`), if any] */
  fx?: FxTable;
  /** Base currency of `baseAmount`. [default: the FX table's base, else "USD"] */
  baseCurrency?: string;
  /** Throw a `StrictModeError` on the first problem instead of quarantining. [default: false] */
  strict?: boolean;
  /** See {@link DatasetBuilderOptions.unknownAccounts}. [default: "auto"] */
  unknownAccounts?: "auto" | "create" | "quarantine";
  /** Longest CSV field kept, in characters. [default: 1_048_576] */
  maxFieldLength?: number;
  /** Readers for other formats in the folder (e.g. goAML XML). [default: none] */
  readers?: readonly CaseFileReader[];
  /** Progress reports, per file. [default: none] */
  onProgress?: ProgressHandler;
}

/** The outcome of loading a case: the dataset, every quarantined problem, and counts. */
export interface CaseLoad {
  dataset: Dataset;
  quarantine: QuarantineEntry[];
  sources: SourceStats[];
  /** Rows read across all sources (header lines not counted). */
  rowsRead: number;
  /** Distinct rows with at least one quarantine entry. */
  quarantinedRows: number;
}

/**
 * Read a canonical FX table CSV (`currency,date,rate`: one unit of `currency` is worth `rate` units
 * of the base) into rates, quarantining bad rows.
 */
async function readFxFile(path: string, name: string, q: Quarantine, stats: SourceStats): Promise<FxRate[]> {
  const rates: FxRate[] = [];
  let header: string[] | undefined;
  await readCsvFile(path, (cells, line) => {
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase());
      return;
    }
    stats.rowsRead++;
    const get = (f: string) => cells[header!.indexOf(f)] ?? "";
    const cur = normaliseCurrency(get("currency"));
    const time = readDate(get("date"));
    const rate = readAmount(get("rate"));
    if (!cur) q.add({ file: name, line, field: "currency", code: "unknown_currency", message: `'${get("currency")}' is not an ISO 4217 currency code` });
    else if (Number.isNaN(time)) q.add({ file: name, line, field: "date", code: "invalid_date", message: `'${get("date")}' is not a valid ISO 8601 date` });
    else if (!(rate > 0)) q.add({ file: name, line, field: "rate", code: "invalid_amount", message: `'${get("rate")}' is not a positive rate` });
    else rates.push({ currency: cur, time, rate });
  });
  return rates;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/**
 * Load a case folder: `parties`, `accounts`, `relationships` and `transactions` as CSV, JSON or
 * NDJSON (canonical columns, or any columns with a mapping), an optional `fx.csv`, and any file an
 * extra reader claims. Nothing is lost: each row is accepted or quarantined with file, line,
 * field, code and a message that says what to fix.
 *
 * @example
 * ```ts
 * import { loadCase } from "wildtrace";
 * const { dataset, quarantine } = await loadCase("datasets/mini");
 * console.log(dataset.transactions.length, quarantine.length);
 * ```
 */
export async function loadCase(dir: string, options: LoadCaseOptions = {}): Promise<CaseLoad> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new WildtraceError("E_NO_INPUT", `loadCase: '${dir}' is not a folder: give the folder that holds the case files`);
  const files = listFiles(dir);
  let mapping: ColumnMapping | undefined;
  const mappingSource = options.mapping ?? (files.includes("mapping.json") ? join(dir, "mapping.json") : undefined);
  if (typeof mappingSource === "string") {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(mappingSource, "utf8"));
    } catch (e) {
      throw new WildtraceError("E_MAPPING", `loadCase: cannot read the column mapping '${mappingSource}': ${(e as Error).message}`);
    }
    const parsed = ColumnMappingSchema.safeParse(raw);
    if (!parsed.success) throw new WildtraceError("E_MAPPING", `loadCase: the column mapping '${mappingSource}' is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    mapping = parsed.data;
  } else if (mappingSource) mapping = ColumnMappingSchema.parse(mappingSource);

  const q = new Quarantine({ strict: options.strict });
  const sources: SourceStats[] = [];
  let fx = options.fx;
  if (!fx && files.includes("fx.csv")) {
    const stats: SourceStats = { file: "fx.csv", kind: "fx", format: "csv", rowsRead: 0 };
    const rates = await readFxFile(join(dir, "fx.csv"), "fx.csv", q, stats);
    sources.push(stats);
    fx = createFxTable(options.baseCurrency ?? "USD", rates);
  }
  const builder = new DatasetBuilder(q, { baseCurrency: options.baseCurrency, fx, unknownAccounts: options.unknownAccounts });
  const readOptions = {
    dateFormat: mapping?.dateFormat,
    dateOrder: mapping?.dateOrder,
    decimal: mapping?.decimal,
    defaultCurrency: mapping?.defaultCurrency ? normaliseCurrency(mapping.defaultCurrency) : undefined,
    sectorMemo: new Map<string, string | undefined>(),
  };
  const claimed = new Set<string>(["mapping.json", "fx.csv"]);
  const plan: [RecordKind, string][] = [];
  for (const kind of RECORD_KINDS) {
    const mapped = mapping?.[kind]?.file;
    if (mapped) {
      if (!files.includes(mapped)) throw new WildtraceError("E_NO_INPUT", `loadCase: the mapping names '${mapped}' for ${kind}, but the folder has no such file`);
      plan.push([kind, mapped]);
      claimed.add(mapped);
      continue;
    }
    for (const f of files) {
      const base = f.replace(/\.(csv|tsv|json|ndjson|jsonl)$/i, "");
      if (base === kind && tableFormat(f) && !claimed.has(f)) {
        plan.push([kind, f]);
        claimed.add(f);
      }
    }
  }
  const extras: [CaseFileReader, string][] = [];
  for (const f of files) {
    if (claimed.has(f)) continue;
    const reader = options.readers?.find((r) => r.claims(f));
    if (reader) extras.push([reader, f]);
  }
  if (plan.length === 0 && extras.length === 0) {
    throw new WildtraceError("E_NO_INPUT", `loadCase: '${dir}' holds no readable case file: expected transactions.csv (or .json/.ndjson), accounts.csv, parties.csv, relationships.csv${options.readers?.length ? ", or a file of another supported format" : ""}`);
  }
  const total = plan.length + extras.length;
  let done = 0;
  // Extra formats (reports) first: they declare accounts and parties the tables may reference.
  for (const [reader, f] of extras) {
    options.onProgress?.({ stage: "ingest", done, total, message: f });
    sources.push(await reader.read(join(dir, f), f, { builder, quarantine: q, onProgress: options.onProgress }));
    done++;
  }
  for (const [kind, f] of plan) {
    options.onProgress?.({ stage: "ingest", done, total, message: f });
    sources.push(await readTableFile(join(dir, f), f, kind, { builder, quarantine: q, readOptions, mapping, maxFieldLength: options.maxFieldLength }));
    done++;
  }
  options.onProgress?.({ stage: "ingest", done, total, message: "checking references" });
  const dataset = builder.build();
  return {
    dataset,
    quarantine: q.entries,
    sources,
    rowsRead: sources.reduce((s, x) => s + x.rowsRead, 0),
    quarantinedRows: q.quarantinedRows,
  };
}

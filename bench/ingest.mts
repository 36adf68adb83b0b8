// CSV ingest benchmark: rows per second and peak memory, each measurement in a fresh process.
//
//   npx tsx bench/ingest.mts [--sizes 100k,1M]
//
// Three measurements per size, each in its own child process so that peak memory is its own:
// - parse: the CsvParser alone over transactions.csv (cells handed to a no-op callback);
// - transactions: readTableFile of transactions.csv into a DatasetBuilder, then build()
//   (parse + normalise + columnar store + reference checks);
// - case: loadCase of the whole folder (parties, accounts, relationships, fx, transactions).

import { statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CsvParser, DatasetBuilder, loadCase, Quarantine, readCsvFile, readTableFile } from "../src/index.js";
import { benchCase, emit, parseSize, peakRssMb, runChild, secs, sizeLabel, table } from "./measure.mjs";

/** What one child measures. */
export interface IngestFigures {
  mode: "parse" | "transactions" | "case";
  rows: number;
  ms: number;
  rowsPerSec: number;
  mbPerSec: number;
  peakMb: number;
  quarantined: number;
  /** Per file of a case load, in reading order: [file, ms]. */
  files?: [string, number][];
}

async function measure(dir: string, mode: IngestFigures["mode"]): Promise<IngestFigures> {
  const path = join(dir, "transactions.csv");
  const bytes = statSync(path).size;
  const t0 = performance.now();
  let rows = 0;
  let quarantined = 0;
  let files: [string, number][] | undefined;
  if (mode === "parse") {
    let cells = 0;
    await readCsvFile(path, (c) => {
      rows++;
      cells += c.length;
    });
    rows--; // header
    if (cells === 0) throw new Error("no cells");
    void CsvParser;
  } else if (mode === "transactions") {
    const q = new Quarantine();
    const builder = new DatasetBuilder(q, { unknownAccounts: "create" });
    const stats = await readTableFile(path, "transactions.csv", "transactions", { builder, quarantine: q, readOptions: {} });
    const ds = builder.build();
    rows = stats.rowsRead;
    quarantined = q.quarantinedRows;
    if (ds.transactions.length + quarantined !== rows) throw new Error(`lost rows: ${ds.transactions.length} + ${quarantined} != ${rows}`);
  } else {
    const marks: [string, number][] = [];
    const load = await loadCase(dir, { onProgress: (e) => marks.push([e.message ?? e.stage, performance.now()]) });
    marks.push(["end", performance.now()]);
    files = marks.slice(0, -1).map(([m, t], i) => [m, Math.round(marks[i + 1][1] - t)]);
    rows = load.sources.find((s) => s.file === "transactions.csv")?.rowsRead ?? 0;
    quarantined = load.quarantinedRows;
    const txFile = files.find(([f]) => f === "transactions.csv");
    const ms = performance.now() - t0;
    const txMs = txFile ? txFile[1] : ms;
    return { mode, rows, ms, rowsPerSec: Math.round((rows / txMs) * 1000), mbPerSec: bytes / 1e6 / (txMs / 1000), peakMb: Math.round(peakRssMb()), quarantined, files };
  }
  const ms = performance.now() - t0;
  return { mode, rows, ms, rowsPerSec: Math.round((rows / ms) * 1000), mbPerSec: bytes / 1e6 / (ms / 1000), peakMb: Math.round(peakRssMb()), quarantined, files };
}

const MODES: IngestFigures["mode"][] = ["parse", "transactions", "case"];

/** Run every mode for each size in child processes and return the figures. */
export function runIngestBench(sizes: number[], log: (s: string) => void = () => {}): { size: number; figures: IngestFigures[] }[] {
  const out: { size: number; figures: IngestFigures[] }[] = [];
  for (const size of sizes) {
    const dir = benchCase(size);
    const figures: IngestFigures[] = [];
    for (const mode of MODES) {
      log(`bench ingest: ${sizeLabel(size)} ${mode}...`);
      const r = runChild<IngestFigures>(join("bench", "ingest.mts"), ["--child", dir, "--mode", mode]);
      if (!r.data) throw new Error(`bench ingest: child failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
      figures.push(r.data);
    }
    out.push({ size, figures });
  }
  return out;
}

/** The ingest results as a Markdown table. */
export function ingestTable(results: { size: number; figures: IngestFigures[] }[]): string {
  const rows: (string | number)[][] = [];
  for (const { size, figures } of results) {
    for (const f of figures) {
      const what = f.mode === "parse" ? "CSV parse only" : f.mode === "transactions" ? "transactions.csv -> columnar table" : "whole case folder (loadCase)";
      rows.push([sizeLabel(size), what, secs(f.ms), `${(f.rowsPerSec / 1e6).toFixed(2)} M`, f.mbPerSec.toFixed(0), f.peakMb, f.quarantined]);
    }
  }
  return table(["transactions", "measurement", "time (s)", "tx rows/s", "MB/s", "peak RSS (MB)", "rows quarantined"], rows);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      child: { type: "boolean", default: false },
      mode: { type: "string", default: "case" },
      sizes: { type: "string", default: "100k,1M" },
      json: { type: "boolean", default: false },
    },
  });
  if (values.child) {
    emit(await measure(positionals[0], values.mode as IngestFigures["mode"]));
  } else {
    const results = runIngestBench(values.sizes.split(",").map(parseSize), (s) => process.stderr.write(`${s}\n`));
    if (values.json) emit(results);
    else process.stdout.write(`${ingestTable(results)}\n`);
  }
}

// CSV ingest benchmark: rows per second and peak memory, each measurement in a fresh process.
//
//   npx tsx bench/ingest.mts [--sizes 100k,1M]
//
// Four measurements per size (from dist/ when built, else from the sources), each in its own
// child process so that peak memory is its own:
// - parse: the string CsvParser alone over transactions.csv (cells handed to a no-op callback);
// - scan: the byte scanner alone (scanCsvFile: records as byte ranges, no strings);
// - transactions: readTableFile of transactions.csv into a DatasetBuilder, then build()
//   (parse + normalise + columnar store + reference checks);
// - case: loadCase of the whole folder (parties, accounts, relationships, fx, transactions).

import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { benchCase, emit, parseSize, peakRssMb, ROOT, runChild, secs, sizeLabel, table } from "./measure.mjs";

// The built package when there is one (`npm run bench` builds first): what users run, one bundle
// without the TypeScript loader. The sources otherwise.
const DIST = join(ROOT, "dist", "index.js");
const lib = (existsSync(DIST) ? await import(pathToFileURL(DIST).href) : await import("../src/index.js")) as typeof import("../src/index.js");
const { CsvParser, DatasetBuilder, loadCase, Quarantine, readCsvFile, readTableFile, scanCsvFile } = lib;

/** What one child measures. */
export interface IngestFigures {
  mode: "parse" | "scan" | "transactions" | "case";
  rows: number;
  ms: number;
  /** CPU time (user + system) of the measurement. */
  cpuMs: number;
  rowsPerSec: number;
  /** Transaction rows per second of CPU time: the figure that holds on a busy machine. */
  rowsPerCpuSec: number;
  mbPerSec: number;
  peakMb: number;
  quarantined: number;
  /** Per file of a case load, in reading order: [file, wall ms, CPU ms]. */
  files?: [string, number, number][];
}

async function measure(dir: string, mode: IngestFigures["mode"]): Promise<IngestFigures> {
  const path = join(dir, "transactions.csv");
  const bytes = statSync(path).size;
  const cpu0 = process.cpuUsage();
  const cpuMs = () => {
    const c = process.cpuUsage(cpu0);
    return Math.round((c.user + c.system) / 1000);
  };
  const t0 = performance.now();
  let rows = 0;
  let quarantined = 0;
  let files: [string, number, number][] | undefined;
  if (mode === "parse") {
    let cells = 0;
    await readCsvFile(path, (c) => {
      rows++;
      cells += c.length;
    });
    rows--; // header
    if (cells === 0) throw new Error("no cells");
    void CsvParser;
  } else if (mode === "scan") {
    await scanCsvFile(
      path,
      () => {
        rows++;
      },
      () => {
        rows++;
      },
    );
    rows--; // header
  } else if (mode === "transactions") {
    const q = new Quarantine();
    const builder = new DatasetBuilder(q, { unknownAccounts: "create" });
    const stats = await readTableFile(path, "transactions.csv", "transactions", { builder, quarantine: q, readOptions: {} });
    const ds = builder.build();
    rows = stats.rowsRead;
    quarantined = q.quarantinedRows;
    if (ds.transactions.length + quarantined !== rows) throw new Error(`lost rows: ${ds.transactions.length} + ${quarantined} != ${rows}`);
  } else {
    const marks: [string, number, number][] = [];
    const load = await loadCase(dir, { onProgress: (e) => marks.push([e.message ?? e.stage, performance.now(), cpuMs()]) });
    marks.push(["end", performance.now(), cpuMs()]);
    files = marks.slice(0, -1).map(([m, t, c], i) => [m, Math.round(marks[i + 1][1] - t), marks[i + 1][2] - c]);
    rows = load.sources.find((s) => s.file === "transactions.csv")?.rowsRead ?? 0;
    quarantined = load.quarantinedRows;
    const txFile = files.find(([f]) => f === "transactions.csv");
    const ms = performance.now() - t0;
    const cpu = cpuMs();
    const txMs = txFile ? txFile[1] : ms;
    const txCpu = txFile ? txFile[2] : cpu;
    return { mode, rows, ms, cpuMs: cpu, rowsPerSec: Math.round((rows / txMs) * 1000), rowsPerCpuSec: Math.round((rows / Math.max(1, txCpu)) * 1000), mbPerSec: bytes / 1e6 / (txMs / 1000), peakMb: Math.round(peakRssMb()), quarantined, files };
  }
  const ms = performance.now() - t0;
  const cpu = cpuMs();
  return { mode, rows, ms, cpuMs: cpu, rowsPerSec: Math.round((rows / ms) * 1000), rowsPerCpuSec: Math.round((rows / Math.max(1, cpu)) * 1000), mbPerSec: bytes / 1e6 / (ms / 1000), peakMb: Math.round(peakRssMb()), quarantined, files };
}

const MODES: IngestFigures["mode"][] = ["parse", "scan", "transactions", "case"];

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
      const what = f.mode === "parse" ? "CsvParser only (a string per cell)" : f.mode === "scan" ? "byte scanner only (scanCsvFile)" : f.mode === "transactions" ? "transactions.csv -> columnar table" : "whole case folder (loadCase)";
      rows.push([sizeLabel(size), what, `${secs(f.ms)} (${secs(f.cpuMs)})`, `${(f.rowsPerSec / 1e6).toFixed(2)} M`, `${(f.rowsPerCpuSec / 1e6).toFixed(2)} M`, f.peakMb, f.quarantined]);
    }
  }
  return table(["transactions", "measurement", "wall (CPU) s", "tx rows/s, wall", "tx rows/s, CPU", "peak RSS (MB)", "rows quarantined"], rows);
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

// goAML import benchmark: transactions per second, MB per second and peak memory when reading a
// large generated goAML report (a bank's bulk STR): saxes alone (no handler work, the old
// ceiling), the saxes reading into per-transaction element trees (the reference path), the byte
// tokenizer into the same trees (what the reader uses), and the whole import: on two threads (a
// worker tokenizes, the default for large files) and on one (`worker: false`).
//
//   npx tsx bench/goaml.mts [--sizes 200k] [--detail lean,full]
//
// The reports are written once into .bench-tmp/ by the test fixture's generator
// (test/ingest/goaml-fixture.ts) and reused. Each measurement runs in its own process, so the
// peak RSS is its own.

import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { SaxesParser } from "saxes";
import { streamXmlChildrenSaxes } from "../src/ingest/xml-saxes-stream.js";
import { writeLargeGoamlReport } from "../test/ingest/goaml-fixture.js";
import { DATA_DIR, emit, parseSize, peakRssMb, ROOT, runChild, secs, sizeLabel, table } from "./measure.mjs";

// The public reader from the built package when there is one (`npm run bench` builds first), as
// users run it; the sources otherwise. The saxes reference path is internal: from the sources.
const DIST = join(ROOT, "dist", "index.js");
const lib = (existsSync(DIST) ? await import(pathToFileURL(DIST).href) : await import("../src/index.js")) as typeof import("../src/index.js");
const { DatasetBuilder, Quarantine, readGoamlFile, streamXmlFile } = lib;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "200k" },
    detail: { type: "string", default: "lean,full" },
    child: { type: "string" },
    file: { type: "string" },
  },
});

interface Result {
  mode: string;
  ms: number;
  /** CPU time (user + system) of the process during the measurement: fairer on a loaded machine. */
  cpuMs: number;
  transactions: number;
  accounts: number;
  parties: number;
  quarantined: number;
  peakMb: number;
}

async function child(mode: string, file: string): Promise<void> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let transactions = 0;
  let accounts = 0;
  let parties = 0;
  let quarantined = 0;
  if (mode === "saxes") {
    const p = new SaxesParser({ position: true });
    p.on("closetag", (tag) => {
      if (tag.name === "transaction") transactions++;
    });
    for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) p.write(chunk as string);
    p.close();
  } else if (mode === "saxes-trees") {
    await streamXmlChildrenSaxes(createReadStream(file, { highWaterMark: 1 << 20 }), { root: "report" }, (n) => {
      if (n.name === "transaction") transactions++;
    });
  } else if (mode === "trees") {
    await streamXmlFile(file, { root: "report" }, (n) => {
      if (n.name === "transaction") transactions++;
    });
  } else {
    const q = new Quarantine();
    const builder = new DatasetBuilder(q);
    await readGoamlFile(file, "bulk.xml", { builder, quarantine: q }, { worker: mode === "import" });
    const ds = builder.build();
    transactions = ds.transactions.length;
    accounts = ds.accounts.length;
    parties = ds.parties.length;
    quarantined = q.entries.length;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  emit({ mode, ms, cpuMs, transactions, accounts, parties, quarantined, peakMb: peakRssMb() } satisfies Result);
}

if (values.child) {
  await child(values.child, values.file!);
} else {
  mkdirSync(DATA_DIR, { recursive: true });
  const rows: (string | number)[][] = [];
  const all: unknown[] = [];
  for (const label of values.sizes.split(",")) {
    const n = parseSize(label);
    for (const detail of values.detail.split(",") as ("lean" | "full")[]) {
      const file = join(DATA_DIR, `goaml-${sizeLabel(n)}-${detail}.xml`);
      if (!existsSync(file)) writeLargeGoamlReport(file, { transactions: n, accounts: Math.max(1000, Math.round(n / 40)), detail });
      const mb = statSync(file).size / 1e6;
      for (const mode of ["saxes", "saxes-trees", "trees", "import-1t", "import"]) {
        const r = runChild<Result>("bench/goaml.mts", ["--child", mode, "--file", file], { maxOldSpaceMb: 4000, timeoutMs: 30 * 60_000 });
        if (!r.data) throw new Error(`bench/goaml: ${mode} on ${file} failed: ${r.stderr.slice(-2000)}`);
        const d = r.data;
        all.push({ size: n, detail, mb, ...d });
        const what = {
          saxes: "saxes alone (no handlers)",
          "saxes-trees": "saxes + element trees (reference)",
          trees: "byte tokenizer + element trees",
          "import-1t": "readGoamlFile + build, one thread (worker: false)",
          import: "readGoamlFile + build (the import, tokenized in a worker)",
        }[mode];
        rows.push([sizeLabel(n), detail, mb.toFixed(0), what ?? mode, secs(d.ms), secs(d.cpuMs), Math.round((d.transactions / d.ms) * 1000).toLocaleString("en"), Math.round((d.transactions / d.cpuMs) * 1000).toLocaleString("en"), (mb / (d.cpuMs / 1000)).toFixed(1), d.peakMb.toFixed(0), mode.startsWith("import") ? `${d.accounts} / ${d.parties} / ${d.quarantined}` : ""]);
      }
    }
  }
  process.stdout.write(
    `goAML import of a generated bulk STR (bench/goaml.mts; each row a fresh process; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores at the end, so CPU time is the fairer figure):\n\n${table(
      ["transactions", "account detail", "file (MB)", "what", "wall (s)", "CPU (s)", "transactions/s (wall)", "transactions per CPU s", "MB per CPU s", "peak RSS (MB)", "accounts / parties / quarantined"],
      rows,
    )}\n`,
  );
  emit(all);
}

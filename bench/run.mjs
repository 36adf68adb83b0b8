// `npm run bench`: every benchmark, each measurement in a fresh process, printed as Markdown.
//
//   node bench/run.mjs [--sizes 100k,1M] [--10m] [--only ingest,analyze,peer,others] [--out FILE]
//
// - ingest: CSV parse / transactions table / whole case, rows per second and peak memory;
// - analyze: the whole pipeline (loadCase + analyze with 10 traced seeds + results.json) per
//   size, plus a per-stage breakdown (not at 10M);
// - peer: the pandas + networkx notebook (bench/peer_notebook.py) on the same case folders, with
//   the system Python; skipped with a note when pandas, networkx or igraph is missing;
// - others: the other benchmark scripts in bench/ (goAML, resolution, AMLSim, communities), each
//   run as it is and its Markdown output included.
// Generated cases are kept in .bench-tmp/ (git-ignored) and reused.

import { execSync, spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BENCH_DIR, benchCase, DATA_DIR, parseSize, ROOT, runChild, secs, sizeLabel, table } from "./measure.mjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100k,1M" },
    "10m": { type: "boolean", default: false },
    only: { type: "string", default: "ingest,analyze,peer,others" },
    out: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(parseSize);
const only = new Set(values.only.split(","));
const big = values["10m"] ? [10_000_000] : [];
const log = (s) => process.stderr.write(`${s}\n`);
const sections = [];
const say = (s) => {
  sections.push(s);
  process.stdout.write(`${s}\n\n`);
};

function machine() {
  let python = "absent";
  try {
    python = execSync("/usr/bin/python3 -c \"import sys, pandas, networkx; print(sys.version.split()[0], 'pandas', pandas.__version__, 'networkx', networkx.__version__)\"", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // no system python or no pandas
  }
  return [
    `- date: ${new Date().toISOString()}`,
    `- CPU: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores (nproc)`,
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `- node ${process.version}; system python: ${python}`,
    `- load average at start (1, 5, 15 min): ${loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")}`,
  ].join("\n");
}

say(`# wildtrace benchmarks\n\n${machine()}`);

/** "wall (CPU)" seconds of a stage [name, wall ms, CPU ms]. */
function cell(st) {
  return st ? `${secs(st[1])} (${secs(st[2])})` : "-";
}

function childJson(script, args, opts) {
  const r = runChild(join("bench", script), args, opts);
  if (!r.data) log(`bench: ${script} ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr.slice(-3000)}`);
  return r.data;
}

let pipeline = [];
if (only.has("ingest")) {
  log("== ingest");
  const res = childJson("ingest.mts", ["--json", "--sizes", [...sizes, ...big].map(sizeLabel).join(",")], { maxOldSpaceMb: 2000, timeoutMs: 60 * 60_000 });
  if (res) {
    const rows = [];
    for (const { size, figures } of res) {
      for (const f of figures) {
        const what = f.mode === "parse" ? "CsvParser only (a string per cell)" : f.mode === "scan" ? "byte scanner only (scanCsvFile)" : f.mode === "transactions" ? "transactions.csv -> columnar table" : "whole case folder (loadCase)";
        rows.push([sizeLabel(size), what, `${secs(f.ms)} (${secs(f.cpuMs)})`, `${(f.rowsPerSec / 1e6).toFixed(2)} M`, `${(f.rowsPerCpuSec / 1e6).toFixed(2)} M`, f.peakMb, f.quarantined]);
      }
    }
    say(`## CSV ingest\n\nTransaction rows per second count the transactions file only (time between the loader's progress events); "CPU" divides by the process's CPU time, the figure that holds on a shared machine.\n\n${table(["transactions", "measurement", "wall (CPU) s", "tx rows/s, wall", "tx rows/s, CPU", "peak RSS (MB)", "rows quarantined"], rows)}`);
  }
}

if (only.has("analyze")) {
  log("== analyze");
  const res = childJson("analyze.mts", ["--json", "--sizes", sizes.map(sizeLabel).join(",")], { timeoutMs: 2 * 60 * 60_000 });
  const resBig = big.length ? childJson("analyze.mts", ["--json", "--pipeline-only", "--sizes", big.map(sizeLabel).join(",")], { timeoutMs: 3 * 60 * 60_000 }) : [];
  pipeline = [...(res ?? []), ...(resBig ?? [])];
  const runs = pipeline.map((r) => ({ size: r.size, f: r.figures.find((f) => f.mode === "pipeline") })).filter((r) => r.f);
  if (runs.length) {
    const names = [...new Set(runs.flatMap((r) => r.f.stages.map(([n]) => n)))];
    const rows = [["accounts / parties", ...runs.map((r) => `${r.f.accounts} / ${r.f.parties}`)]];
    for (const n of names) rows.push([n, ...runs.map((r) => cell(r.f.stages.find(([s]) => s === n)))]);
    rows.push(["**total wall time (s)**", ...runs.map((r) => `**${secs(r.f.totalMs)}**`)]);
    if (runs.some((r) => r.f.runsMs)) rows.push(["total of each run, in order (s): the median run is shown", ...runs.map((r) => (r.f.runsMs ?? [r.f.totalMs]).map(secs).join(", "))]);
    rows.push(["CPU time, user + system (s)", ...runs.map((r) => secs(r.f.cpuMs))]);
    rows.push(["**peak RSS (MB)**", ...runs.map((r) => `**${r.f.peakMb}**`)]);
    rows.push(["microseconds per transaction", ...runs.map((r) => ((r.f.totalMs * 1000) / r.f.transactions).toFixed(1))]);
    rows.push(["alerts / communities / flows", ...runs.map((r) => `${r.f.alerts} / ${r.f.communities} / ${r.f.flows}`)]);
    const two = runs.map((r) => pipeline.find((x) => x.size === r.size)?.figures.find((f) => f.mode === "pipeline-2t"));
    if (two.some(Boolean)) rows.push(["total with `analyzeParallel` on two threads: wall (CPU) s, peak MB", ...two.map((f) => (f ? `${secs(f.totalMs)} (${secs(f.cpuMs)}), ${f.peakMb}` : "-"))]);
    const cli = runs.map((r) => pipeline.find((x) => x.size === r.size)?.figures.find((f) => f.mode === "cli"));
    if (cli.some(Boolean)) {
      rows.push(["`wildtrace analyze` CLI, all outputs: wall (CPU) s", ...cli.map((f) => (f ? `${secs(f.totalMs)} (${secs(f.cpuMs)})` : "-"))]);
      rows.push(["`wildtrace analyze` CLI: peak RSS (MB)", ...cli.map((f) => (f ? f.peakMb : "-"))]);
    }
    say(`## Whole pipeline (loadCase + analyze + results.json)\n\n${table(["stage: wall (CPU) s", ...runs.map((r) => `${sizeLabel(r.size)} transactions`)], rows)}`);
  }
  const st = pipeline.map((r) => ({ size: r.size, f: r.figures.find((f) => f.mode === "stages") })).filter((r) => r.f);
  if (st.length) {
    const names = [...new Set(st.flatMap((r) => r.f.stages.map(([n]) => n)))];
    const rows = names.map((n) => [n, ...st.map((r) => cell(r.f.stages.find(([s]) => s === n)))]);
    rows.push(["peak RSS (MB)", ...st.map((r) => r.f.peakMb)]);
    say(`## Stages called one by one (hot spots)\n\n${table(["stage: wall (CPU) s", ...st.map((r) => `${sizeLabel(r.size)} transactions`)], rows)}`);
  }
}

if (only.has("analyze")) {
  // Detection quality of the same runs: the pipeline child wrote .bench-tmp/results-N.json.
  for (const { size } of pipeline) {
    const f = pipeline.find((x) => x.size === size)?.figures.find((g) => g.mode === "pipeline");
    if (!f) continue;
    const results = join(DATA_DIR, `results-${f.transactions}.json`);
    const truth = join(benchCase(size), "truth.json");
    if (!existsSync(results) || !existsSync(truth)) continue;
    const r = spawnSync(process.execPath, ["--import", "tsx", join("src", "cli", "bin.ts"), "evaluate", results, truth, "--markdown"], { cwd: ROOT, encoding: "utf8" });
    if (r.status === 0) say(`## Detection quality at ${sizeLabel(size)} transactions (\`wildtrace evaluate\` against the generator's truth.json)\n\n${r.stdout.trim()}`);
  }
}

if (only.has("peer")) {
  log("== peer");
  const probe = spawnSync("/usr/bin/python3", ["-c", "import pandas, networkx"], { encoding: "utf8" });
  if (probe.status !== 0) {
    say("## pandas + networkx peer\n\nSkipped: the system Python (/usr/bin/python3) lacks pandas or networkx. Install the Debian packages `python3-pandas python3-networkx python3-igraph` to run it.");
  } else {
    const rows = [];
    const results = [];
    for (const size of sizes) {
      const dir = benchCase(size);
      log(`bench peer: ${sizeLabel(size)}...`);
      const r = spawnSync("/usr/bin/python3", [join(BENCH_DIR, "peer_notebook.py"), dir], { cwd: ROOT, encoding: "utf8", timeout: 2 * 60 * 60_000, maxBuffer: 16 << 20 });
      const line = (r.stdout ?? "").split("\n").find((l) => l.startsWith("BENCH "));
      if (!line) {
        log(`bench peer failed: ${(r.stderr ?? "").slice(-2000)}`);
        continue;
      }
      const p = JSON.parse(line.slice(6));
      results.push({ size, p });
    }
    const names = [...new Set(results.flatMap((r) => Object.keys(r.p.steps)))];
    for (const n of names) rows.push([n, ...results.map((r) => (r.p.steps[n] === undefined ? "-" : r.p.steps[n].toFixed(2)))]);
    rows.push(["**total (s)**", ...results.map((r) => `**${r.p.total.toFixed(2)}**`)]);
    rows.push(["CPU time (s)", ...results.map((r) => (r.p.cpu === undefined ? "-" : r.p.cpu.toFixed(2)))]);
    rows.push(["without networkx Louvain (igraph's instead) (s)", ...results.map((r) => (r.p.total - (r.p.steps["louvain (networkx)"] ?? 0)).toFixed(2))]);
    rows.push(["**peak RSS (MB)**", ...results.map((r) => `**${r.p.peakMb.toFixed(0)}**`)]);
    rows.push(["Louvain modularity networkx / igraph", ...results.map((r) => `${r.p.louvain_networkx?.modularity.toFixed(3) ?? "-"} / ${r.p.louvain_igraph?.modularity.toFixed(3) ?? "-"}`)]);
    rows.push(["accounts flagged fan-in / fan-out / structuring", ...results.map((r) => `${r.p.flagged.fan_in} / ${r.p.flagged.fan_out} / ${r.p.flagged.structuring}`)]);
    const cmp = [];
    for (const { size, p } of results) {
      const ours = pipeline.find((x) => x.size === size)?.figures.find((f) => f.mode === "pipeline");
      if (!ours) continue;
      const withIgraph = p.total - (p.steps["louvain (networkx)"] ?? 0);
      cmp.push([
        sizeLabel(size),
        `${secs(ours.totalMs)} (${secs(ours.cpuMs)})`,
        `${p.total.toFixed(2)} (${p.cpu === undefined ? "-" : p.cpu.toFixed(2)})`,
        `${(p.total / (ours.totalMs / 1000)).toFixed(1)}x`,
        p.cpu === undefined ? "-" : `${(p.cpu / (ours.cpuMs / 1000)).toFixed(1)}x`,
        withIgraph.toFixed(2),
        `${(withIgraph / (ours.totalMs / 1000)).toFixed(1)}x`,
        ours.peakMb,
        p.peakMb.toFixed(0),
      ]);
    }
    const versions = results[0]?.p.versions;
    say(
      `## pandas + networkx peer (bench/peer_notebook.py)\n\nIngest, account graph, Louvain and three 7-day window rules (fan-in, fan-out, structuring) on the same case folders${versions ? ` (python ${versions.python}, pandas ${versions.pandas}, networkx ${versions.networkx}, igraph ${versions.igraph})` : ""}.\n\n${table(["step (s)", ...results.map((r) => `${sizeLabel(r.size)} transactions`)], rows)}${
        cmp.length
          ? `\n\nwildtrace's whole pipeline (far more work: resolution, 20 rules, scores, communities, tracing, corridors, results.json) against the notebook:\n\n${table(["transactions", "wildtrace wall (CPU) s", "notebook wall (CPU) s", "speed-up, wall", "speed-up, CPU", "notebook with igraph Louvain, wall s", "speed-up, wall", "wildtrace peak MB", "notebook peak MB"], cmp)}`
          : ""
      }`,
    );
  }
}

if (only.has("others")) {
  for (const script of ["goaml.mts", "resolve.mts", "amlsim.mts", "communities.mts"]) {
    if (!existsSync(join(BENCH_DIR, script))) {
      say(`## bench/${script}\n\nNot present in this checkout.`);
      continue;
    }
    log(`== ${script}`);
    const r = runChild(join("bench", script), [], { timeoutMs: 60 * 60_000 });
    const body = r.stdout
      .split("\n")
      .filter((l) => !l.startsWith("BENCH "))
      .join("\n")
      .trim();
    say(`## bench/${script}\n\n${r.status === 0 ? body : `Failed (${r.status ?? r.signal}):\n\n\`\`\`\n${r.stderr.slice(-2000)}\n\`\`\``}`);
  }
}

say(
  `Load average at the end (1, 5, 15 min): ${loadavg()
    .map((x) => x.toFixed(1))
    .join(", ")}`,
);
if (values.out) writeFileSync(values.out, `${sections.join("\n\n")}\n`);

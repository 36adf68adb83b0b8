// Shared helpers of the benchmark scripts: peak memory, child processes, sizes and tables.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = dirname(BENCH_DIR);
/** Generated data lives here (ignored by git). */
export const DATA_DIR = join(ROOT, ".bench-tmp");

/** Peak resident memory of this process in MB: VmHWM from /proc, else resourceUsage().maxRSS. */
export function peakRssMb() {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS / 1024;
}

/** "100k" -> 100000, "1M" -> 1000000, "2.5m" -> 2500000. */
export function parseSize(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s.trim());
  if (!m) throw new Error(`bench: cannot read size '${s}' (use 100k, 1M, 10M)`);
  const mult = m[2] === "" ? 1 : m[2].toLowerCase() === "k" ? 1e3 : 1e6;
  return Math.round(Number(m[1]) * mult);
}

/** 1000000 -> "1M", 100000 -> "100k". */
export function sizeLabel(n) {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}

/**
 * The benchmark case for a size, written once by the project's generator (`bench/make-case.mts`)
 * and reused: 10 transactions per background account by default, i.e. 100k accounts for 1M
 * transactions, the issue's upper bound.
 */
export function benchCase(transactions, accounts) {
  const dir = join(DATA_DIR, `case-${sizeLabel(transactions)}${accounts ? `-${sizeLabel(accounts)}acc` : ""}`);
  const args = [dir, "--transactions", String(transactions), ...(accounts ? ["--accounts", String(accounts)] : [])];
  const r = runChild(join("bench", "make-case.mts"), args, { maxOldSpaceMb: 8000 });
  if (!r.data) throw new Error(`bench: generating ${dir} failed: ${r.stderr.slice(-2000)}`);
  if (!r.data.reused) process.stderr.write(`bench: generated ${dir} in ${r.data.seconds.toFixed(1)} s\n`);
  return dir;
}

/**
 * Run a script in a fresh Node process (TypeScript through tsx) and return the object it printed
 * on its last `BENCH {json}` line, plus its exit status and captured output.
 */
export function runChild(script, args, { maxOldSpaceMb = 7000, timeoutMs = 30 * 60_000 } = {}) {
  const nodeArgs = [`--max-old-space-size=${maxOldSpaceMb}`];
  if (script.endsWith(".mts") || script.endsWith(".ts")) nodeArgs.push("--import", "tsx");
  const res = spawnSync(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 << 20 });
  const lines = (res.stdout ?? "").split("\n");
  let data;
  for (const l of lines) if (l.startsWith("BENCH ")) data = JSON.parse(l.slice(6));
  return { status: res.status, signal: res.signal, data, stdout: res.stdout ?? "", stderr: res.stderr ?? "" };
}

/** Print one result line for the parent process to pick up. */
export function emit(obj) {
  process.stdout.write(`BENCH ${JSON.stringify(obj)}\n`);
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const out = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const r of rows) out.push(`| ${r.join(" | ")} |`);
  return out.join("\n");
}

/** Seconds with two decimals. */
export function secs(ms) {
  return (ms / 1000).toFixed(2);
}

// Preloaded (`node --import ./bench/peak-at-exit.mjs ...`) into a command the benchmarks run as it
// is (the CLI): on exit, prints its peak memory and CPU time on stderr as `BENCH {json}`.

import { readFileSync } from "node:fs";

process.on("exit", () => {
  let peakMb = process.resourceUsage().maxRSS / 1024;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) peakMb = Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  const cpu = process.cpuUsage();
  process.stderr.write(`\nBENCH ${JSON.stringify({ peakMb: Math.round(peakMb), cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`);
});

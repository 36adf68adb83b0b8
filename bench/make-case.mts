// Generate (once) the benchmark case for a size with the project's own generator (src/generate):
// planted schemes over a seeded background population, plus truth.json for the evaluation.
//
//   npx tsx bench/make-case.mts OUT_DIR --transactions 1000000 [--accounts N] [--seed 1]

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { generateCase } from "../src/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { transactions: { type: "string", default: "100000" }, accounts: { type: "string" }, seed: { type: "string", default: "1" } },
});
const out = positionals[0];
const params = { transactions: Number(values.transactions), accounts: values.accounts ? Number(values.accounts) : undefined, seed: Number(values.seed) };
const stamp = JSON.stringify({ generator: "src/generate", ...params });
const stampPath = join(out, ".bench-params.json");
if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp) {
  process.stdout.write(`BENCH ${JSON.stringify({ dir: out, reused: true })}\n`);
} else {
  const t0 = performance.now();
  generateCase({ out, ...params });
  writeFileSync(stampPath, stamp);
  process.stdout.write(`BENCH ${JSON.stringify({ dir: out, reused: false, seconds: (performance.now() - t0) / 1000 })}\n`);
}

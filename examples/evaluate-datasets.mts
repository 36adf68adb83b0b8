/**
 * Grade the default rule settings on every bundled case that has a truth.json, the way
 * datasets/README.md reports it: analyse, trace the money from the three highest-scored accounts
 * (no peeking at the truth), then compare with the answer key.
 *
 * Run: npx tsx examples/evaluate-datasets.mts [--markdown]
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, evaluateResults, formatEvaluation, loadCase } from "../src/index.js";

const markdown = process.argv.includes("--markdown");
const root = new URL("../datasets/", import.meta.url).pathname;
for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  if (!existsSync(join(dir, "truth.json"))) continue;
  const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
  const load = await loadCase(dir);
  const results = analyze(load, { traceTop: 3 });
  const top = results.summary.detect.flows.seeds;
  const ev = evaluateResults(results, truth);
  console.log(`${markdown ? "### " : "== "}${name} (seed ${truth.seed}, ${load.dataset.transactions.length} transactions, ${truth.transactions.length} planted, difficulty ${truth.options.difficulty})\n`);
  console.log(formatEvaluation(ev, { format: markdown ? "markdown" : "text" }));
  console.log(`${markdown ? "- " : ""}Traced from the three highest-scored accounts: ${top.join(", ")}.\n`);
}

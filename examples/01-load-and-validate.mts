/**
 * Lesson 1: load a case and read the quarantine.
 *
 * A case folder holds the bank's records as CSV files. wildtrace reads every row; a row it cannot
 * trust (an impossible date, a letter in an amount, an unknown currency or account, an id seen
 * twice) is not dropped silently and does not stop the load: it goes to the quarantine with the
 * file, line, field and what to fix. The flagship case has a few such rows on purpose.
 *
 * Run: npx tsx examples/01-load-and-validate.mts
 */
import { readFileSync } from "node:fs";
import { loadCase, summariseLoad } from "../src/index.js";

const CASE = new URL("../datasets/ivory-tz-my-cn/", import.meta.url).pathname;

console.log("Lesson 1: load and validate\n");
const load = await loadCase(CASE);
const summary = summariseLoad(load);
console.log(`Read ${summary.rowsRead} rows from ${summary.sources.length} files:`);
for (const s of summary.sources) console.log(`  ${s.file.padEnd(18)} ${String(s.rowsRead).padStart(6)} rows, ${String(s.accepted).padStart(6)} accepted, ${s.quarantined} quarantined`);
console.log(`\nThe case: ${summary.transactions} transactions between ${summary.accounts} accounts of ${summary.parties} parties,`);
console.log(`from ${summary.period?.start.slice(0, 10)} to ${summary.period?.end.slice(0, 10)}, worth ${Math.round(summary.totalAmount).toLocaleString("en-US")} ${summary.baseCurrency} in all.`);
console.log(`Channels: ${Object.entries(summary.channels).map(([c, n]) => `${c} ${n}`).join(", ")}.`);

console.log(`\n${summary.quarantined} rows went to the quarantine (${summary.quarantineEntries} problems). Grouped by problem:`);
const byCode = new Map<string, number>();
for (const q of load.quarantine) byCode.set(q.code, (byCode.get(q.code) ?? 0) + 1);
for (const [code, n] of [...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${code.padEnd(22)} ${n}`);

console.log("\nThe first three, as an analyst would read them to the bank:");
for (const q of load.quarantine.slice(0, 3)) console.log(`  ${q.file} line ${q.line}, field '${q.field}': ${q.message}`);

// The generator wrote these rows on purpose and listed them in truth.json: check none was missed.
const truth = JSON.parse(readFileSync(`${CASE}truth.json`, "utf8")) as { dirty: { line: number; problem: string }[] };
const quarantinedLines = new Set(load.quarantine.filter((q) => q.file === "transactions.csv").map((q) => q.line));
const caught = truth.dirty.filter((d) => quarantinedLines.has(d.line)).length;
console.log(`\nThe answer key planted ${truth.dirty.length} bad rows in transactions.csv; the quarantine holds ${caught} of them.`);
console.log("Lesson: nothing is lost. Every bad row is listed with where it is and what to fix; the rest of the case loads.");
if (caught !== truth.dirty.length) process.exitCode = 1;

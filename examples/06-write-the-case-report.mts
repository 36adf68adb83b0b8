/**
 * Lesson 6: write the case report.
 *
 * The whole pipeline in one call (`analyze`: load checks, entity resolution, typologies, scores,
 * communities, money traces, corridors), then the report an FIU analyst hands on: a self-contained
 * HTML file with a link chart, the same in Markdown, results.json for other tools, and a goAML
 * STR draft for the transactions of the strongest alert.
 *
 * Run: npx tsx examples/06-write-the-case-report.mts   (writes into out/lesson-06/)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyze, exportGoamlReport, findTransaction, loadCase, renderHtmlReport, renderMarkdownReport, serializeResults } from "../src/index.js";

const CASE = new URL("../datasets/ivory-tz-my-cn/", import.meta.url).pathname;
const OUT = new URL("../out/lesson-06/", import.meta.url).pathname;
console.log("Lesson 6: write the case report\n");
const load = await loadCase(CASE);
// Trace the money of the three highest-scored accounts too, then write everything.
const results = analyze(load, { seed: 42, traceTop: 3 });
const top = results.scores.filter((s) => s.kind === "account").slice(0, 3);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "results.json"), serializeResults(results));
writeFileSync(join(OUT, "report.html"), renderHtmlReport(results, load.dataset, { title: "Ivory case (training data)" }));
writeFileSync(join(OUT, "report.md"), renderMarkdownReport(results, load.dataset, { title: "Ivory case (training data)" }));

const alerts = results.alerts;
const strongest = alerts[0];
const txIndices = strongest.transactions.map((id) => findTransaction(load.dataset, id)).filter((i) => i >= 0);
const xml = exportGoamlReport(load.dataset, { transactions: txIndices }, { reportCode: "STR", reason: strongest.explanation, indicators: [strongest.typology] });
writeFileSync(join(OUT, "str-draft.xml"), xml);

console.log(`Wrote ${OUT}report.html (open it in a browser, it works offline), report.md, results.json and str-draft.xml.`);
console.log(`\n${alerts.length} alerts, ${results.communities.length} communities, ${results.flows.length} traced paths, ${results.corridors.length} corridors.`);
console.log("\nWhat to read first:");
console.log(`  1. The top account, ${top[0].id} (score ${top[0].score}, ${top[0].reasons.length} alerts).`);
console.log(`  2. The strongest alert: ${strongest.explanation}`);
const corridors = results.corridors;
if (corridors.length > 0) console.log(`  3. The largest corridor: ${corridors[0].countries.join(" > ")}, ${Math.round(corridors[0].amount).toLocaleString("en-US")} USD.`);
console.log("\nLesson: every number in the report traces back to records (alert -> transactions -> rows of the CSV); the STR draft carries them to the FIU.");
if (!xml.startsWith("<?xml")) process.exitCode = 1;

import type { Evaluation } from "./evaluate-results.js";

/** Options of {@link formatEvaluation}. */
export interface FormatEvaluationOptions {
  /** A Markdown table (for READMEs) or plain aligned text (for a terminal). [default: "text"] */
  format?: "text" | "markdown";
}

const pct = (x: number | null): string => (x === null ? "-" : `${Math.round(x * 100)}%`);

/**
 * Render an evaluation as a table a trainer can read: one row per typology, then ranking,
 * communities, tracing and duplicates.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { analyze, evaluateResults, formatEvaluation, loadCase } from "wildtrace";
 * const results = analyze(await loadCase("datasets/pangolin-ng-sg-vn"));
 * const truth = JSON.parse(readFileSync("datasets/pangolin-ng-sg-vn/truth.json", "utf8"));
 * console.log(formatEvaluation(evaluateResults(results, truth), { format: "markdown" }));
 * ```
 */
export function formatEvaluation(ev: Evaluation, options: FormatEvaluationOptions = {}): string {
  const md = options.format === "markdown";
  const header = ["typology", "alerts", "planted acc.", "acc. recall", "acc. precision", "planted tx", "tx recall", "tx precision", "hits on any scheme"];
  const rows = ev.typologies.map((t) => [t.typology, String(t.alerts), String(t.plantedAccounts), pct(t.accountRecall), pct(t.accountPrecision), String(t.plantedTransactions), pct(t.transactionRecall), pct(t.transactionPrecision), pct(t.plantedPrecision)]);
  rows.push(["(all alerts)", String(ev.overall.alerts), String(ev.ranking.plantedAccounts), pct(ev.overall.accountRecall), pct(ev.overall.accountPrecision), "", pct(ev.overall.transactionRecall), pct(ev.overall.transactionPrecision), ""]);
  const lines: string[] = [];
  if (md) {
    lines.push(`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
    for (const r of rows) lines.push(`| ${r.join(" | ")} |`);
  } else {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    lines.push(fmt(header));
    for (const r of rows) lines.push(fmt(r));
  }
  const k = Object.entries(ev.ranking.precisionAtK)
    .map(([kk, v]) => `P@${kk} ${pct(v)}`)
    .join(", ");
  const bullet = md ? "- " : "";
  lines.push("");
  lines.push(`${bullet}Ranking: ${ev.ranking.scoredPlanted}/${ev.ranking.plantedAccounts} planted accounts scored; mean rank ${ev.ranking.meanRank ?? "-"}, median ${ev.ranking.medianRank ?? "-"}; ${k}.`);
  lines.push(`${bullet}Communities (best Jaccard per scheme): ${ev.communities.schemes.map((s) => `${s.scheme} ${s.jaccard.toFixed(2)} (holds ${pct(s.coverage)} of the network in ${s.size} accounts)`).join(", ") || "-"}; mean ${ev.communities.meanJaccard === null ? "-" : ev.communities.meanJaccard.toFixed(2)}.`);
  lines.push(`${bullet}Tracing: ${ev.trace.flows} flows, ${ev.trace.seedsTraced}/${ev.trace.traceSeeds} planted seeds traced, reach ${pct(ev.trace.reach)} of planted accounts (${ev.trace.schemes.map((s) => `${s.scheme} ${pct(s.reach)}`).join(", ")}).`);
  lines.push(`${bullet}Duplicate identities merged: ${ev.duplicates.merged}/${ev.duplicates.planted}.`);
  return lines.join("\n");
}

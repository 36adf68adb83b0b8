import { createHash } from "node:crypto";
import type { Dataset } from "../model/dataset.js";
import { type BriefSubject, buildCaseBrief, type CaseBrief, type CaseBriefOptions } from "./case-brief.js";
import { formatAmount, escapeHtml as h, jsonForScript } from "./escape.js";
import { renderFlowTimelineSvg } from "./flow-timeline.js";
import { COMMUNITY_COLOURS, renderLinkChartSvg } from "./svg-chart.js";
import { VIEWER_SCRIPT } from "./viewer-script.js";

/** Options of {@link renderHtmlReport}: those of {@link CaseBriefOptions}. */
export type HtmlReportOptions = CaseBriefOptions;

const CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --bg: #f5f7fa; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 Helvetica, Arial, sans-serif; color: var(--ink); background: var(--bg); }
header { background: #102a43; color: #fff; padding: 18px 28px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; color: #bcccdc; }
main { padding: 16px 28px 40px; max-width: 1500px; margin: 0 auto; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 16px 0; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 16px; margin: 0 0 8px; word-break: break-word; }
h4 { font-size: 13px; margin: 14px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.wt-facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; margin: 0; }
.wt-facts div { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; }
.wt-facts dt { font-size: 11px; color: var(--muted); text-transform: uppercase; }
.wt-facts dd { margin: 2px 0 0; font-weight: bold; word-break: break-word; }
.wt-chart-wrap { display: grid; grid-template-columns: minmax(0, 3fr) minmax(340px, 2fr); gap: 14px; }
.wt-chart { width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; cursor: grab; touch-action: none; }
.wt-node { cursor: pointer; outline: none; }
.wt-node:focus circle, .wt-node.wt-selected circle { stroke: #111 !important; stroke-width: 4px !important; }
.wt-chart.wt-focus .wt-node:not(.wt-near) { opacity: .25; }
.wt-chart.wt-focus .wt-edge:not(.wt-near) { opacity: .12; }
#wt-details { border: 1px solid var(--line); border-radius: 4px; padding: 12px; max-height: 700px; overflow: auto; }
#wt-details dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; }
#wt-details dt { color: var(--muted); }
#wt-details dd { margin: 0; word-break: break-word; }
.wt-legend { display: flex; flex-wrap: wrap; gap: 12px; font-size: 12px; color: var(--muted); margin: 8px 0 0; padding: 0; list-style: none; }
.wt-legend i { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 4px; vertical-align: -1px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; word-break: break-word; }
th { background: var(--bg); font-weight: 600; }
.wt-num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.wt-muted { color: var(--muted); }
.wt-sev { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 11px; text-transform: uppercase; color: #fff; background: #7b8794; }
.wt-sev-high { background: #b00020; } .wt-sev-medium { background: #c05621; } .wt-sev-low { background: #52606d; }
.wt-alerts { list-style: none; padding: 0; margin: 0; } .wt-alerts li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.wt-tx { font-size: 12px; } .wt-tx td { word-break: normal; overflow-wrap: anywhere; } .wt-nowrap { white-space: nowrap; }
.wt-out { color: #b00020; } .wt-in { color: #067647; }
.wt-link { cursor: pointer; } .wt-link:hover { background: #eef6fc; }
button { font: inherit; padding: 2px 10px; }
.wt-timeline svg { width: 100%; height: auto; }
@media print { .wt-chart-wrap { display: block; } #wt-details { max-height: none; } button { display: none; } }
`;

function table(head: string[], rows: string[][], numeric: ReadonlySet<number> = new Set(), rowAttrs: string[] = []): string {
  if (rows.length === 0) return `<p class="wt-muted">None.</p>`;
  const th = head.map((x, i) => `<th${numeric.has(i) ? ' class="wt-num"' : ""}>${h(x)}</th>`).join("");
  const body = rows.map((r, k) => `<tr${rowAttrs[k] ?? ""}>${r.map((c, i) => `<td${numeric.has(i) ? ' class="wt-num"' : ""}>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function subjectRows(subjects: BriefSubject[]): { rows: string[][]; attrs: string[] } {
  return {
    rows: subjects.map((s) => [String(s.rank), h(s.kind), h(s.id), h(s.label), h(s.country), String(s.score), h(s.rules.join(", ")), h(s.why)]),
    attrs: subjects.map((s) => (s.kind === "account" ? ` data-account="${h(s.id)}"` : "")),
  };
}

function chartData(brief: CaseBrief): unknown {
  const wanted = new Set(brief.chart.nodes.flatMap((n) => n.alerts));
  const alerts = brief.results.alerts
    .filter((a) => wanted.has(a.id))
    .map((a) => ({ id: a.id, rule: a.rule, typology: a.typology, severity: a.severity, score: a.score, explanation: a.explanation }));
  return {
    currency: brief.currency,
    nodes: brief.chart.nodes.map(({ x: _x, y: _y, r: _r, ...rest }) => rest),
    edges: brief.chart.edges,
    alerts,
  };
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("base64");

/**
 * Render the case report as ONE self-contained HTML file: summary, an interactive link chart of
 * the top communities and traced flows (server-drawn SVG with a precomputed seeded layout; click
 * an account to see its alerts, details and transactions), ranked subjects with their reasons,
 * alerts, a timeline of the flows, corridors, resolved entities and the quarantine summary.
 * Nothing is fetched: styles, script and data are inline, and a Content-Security-Policy forbids
 * every network request. Data is embedded as JSON with `<` escaped, and every text from the data
 * is escaped, so a party named `<script>` is shown, not run. Pure: returns the text.
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { analyze, loadCase, renderHtmlReport } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * writeFileSync("out/report.html", renderHtmlReport(analyze(load), load.dataset, { title: "Operation Tembo" }));
 * ```
 */
export function renderHtmlReport(results: unknown, dataset: Dataset, options: HtmlReportOptions = {}): string {
  return htmlFromBrief(buildCaseBrief(results, dataset, options));
}

/**
 * The HTML case report of a brief already built (see {@link renderHtmlReport}); with
 * {@link markdownFromBrief}, renders both reports from one {@link buildCaseBrief}.
 *
 * @example
 * ```ts
 * import { analyze, buildCaseBrief, htmlFromBrief, loadCase, markdownFromBrief } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const brief = buildCaseBrief(analyze(load), load.dataset);
 * const html = htmlFromBrief(brief);
 * const md = markdownFromBrief(brief, { chartHref: "report-chart.svg" });
 * ```
 */
export function htmlFromBrief(b: CaseBrief): string {
  const script = VIEWER_SCRIPT;
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${sha256(script)}'; base-uri 'none'; form-action 'none'`;
  const subjects = subjectRows(b.subjects);
  const groups = [...new Set(b.chart.nodes.filter((n) => n.group >= 0).map((n) => n.group))].sort((x, y) => x - y);
  const legend = [
    ...groups.map((g) => `<li><i style="background:${COMMUNITY_COLOURS[g % COMMUNITY_COLOURS.length]}"></i>community ${h(b.chart.nodes.find((n) => n.group === g)?.community ?? "")}</li>`),
    `<li><i style="background:#9AA5B1"></i>no community drawn</li>`,
    `<li><i style="background:#fff;border:2px solid #222"></i>on a traced flow</li>`,
    `<li><i style="background:#fff;border:2px solid #B00020"></i>score 70 or more</li>`,
    `<li><i style="background:#D55E00;border-radius:0;height:4px"></i>traced flow</li>`,
  ].join("");
  const basis: Record<string, string> = {
    communities_and_flows: "the accounts on the traced flows and the best-scored members of the top communities",
    scores: "the best-scored accounts (no community or traced flow in the results)",
    volume: "the busiest accounts by value (no scores, communities or flows in the results)",
    empty: "no account",
  };
  const alertRows = b.alerts.map((a) => [
    `<span class="wt-sev wt-sev-${h(a.severity)}">${h(a.severity)}</span>`,
    String(a.score),
    h(a.rule),
    h(a.typology),
    h(a.explanation),
    h([...a.accounts, ...a.parties].slice(0, 8).join(", ") + (a.accounts.length + a.parties.length > 8 ? " …" : "")),
    h(a.start ? `${a.start.slice(0, 10)}${a.end && a.end.slice(0, 10) !== a.start.slice(0, 10) ? ` to ${a.end.slice(0, 10)}` : ""}` : ""),
  ]);
  const flowRows = b.flows.map((f) => [
    h(f.direction),
    h(f.seed),
    h(f.path.join(" → ")),
    h(f.countries.join("-")),
    formatAmount(f.amount),
    String(f.transactions.length),
    h(f.start ? f.start.slice(0, 10) : ""),
    h(f.end ? f.end.slice(0, 10) : ""),
  ]);
  const corridorRows = b.corridors.map((c) => [h(c.countries.join(" → ")), formatAmount(c.amount), String(c.count), h(c.examples.slice(0, 2).map((p) => p.join(" → ")).join("; "))]);
  const entityRows = b.entities.map((e) => [h(e.id), h(e.names.join(" / ")), h(e.members.join(", ")), String(e.score), h([...new Set(e.evidence.map((x) => x.rule))].join(", "))]);
  const qRows = b.quarantine.groups.map((g) => [h(g.file), h(g.code), h(g.field), String(g.count), h(g.lines.join(", ") + (g.count > g.lines.length ? ", …" : "")), h(g.example)]);
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="wildtrace">
<link rel="icon" href="data:,">
<title>${h(b.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${h(b.title)}</h1><p>wildtrace case report${b.generatedAt ? ` · generated ${h(b.generatedAt)}` : ""} · amounts in ${h(b.currency)}</p></header>
<main>
<section id="summary"><h2>Summary</h2>
<dl class="wt-facts">${b.facts.map(([k, v]) => `<div><dt>${h(k)}</dt><dd>${h(v)}</dd></div>`).join("")}</dl>
</section>
<section id="chart"><h2>Link chart</h2>
<p class="wt-muted">${h(`${b.chart.nodes.length} accounts and ${b.chart.edges.length} links: ${basis[b.chart.basis]}. Click an account to see its alerts and transactions; wheel to zoom, drag to pan.`)} <button type="button" id="wt-reset">Reset view</button></p>
<div class="wt-chart-wrap">
<div>${renderLinkChartSvg(b.chart, { interactive: true })}
<ul class="wt-legend">${legend}</ul></div>
<aside id="wt-details" aria-live="polite"><p class="wt-muted">Select an account on the chart.</p></aside>
</div>
</section>
<section id="subjects"><h2>Ranked subjects</h2>
${table(["Rank", "Kind", "Id", "Name", "Country", "Score", "Reasons", "Why"], subjects.rows, new Set([0, 5]), subjects.attrs)}
</section>
<section id="alerts"><h2>Alerts</h2>
<p class="wt-muted">${h(`${b.alertCount} alerts; ${b.alerts.length < b.alertCount ? `the ${b.alerts.length} highest-scoring` : "all"} listed.`)}</p>
${b.rules.ran.length > 0 ? `<p class="wt-muted">Rules run: ${h(b.rules.ran.join(", "))}.</p>` : ""}
${b.rules.skipped.length > 0 ? `<p class="wt-muted">Rules skipped: ${h(b.rules.skipped.map((k) => `${k.rule} (${k.reason})`).join("; "))}.</p>` : ""}
${table(["Severity", "Score", "Rule", "Typology", "Explanation", "Subjects", "When"], alertRows, new Set([1]))}
</section>
<section id="flows"><h2>Traced flows</h2>
<div class="wt-timeline">${renderFlowTimelineSvg(b.flows, { currency: b.currency })}</div>
${table(["Direction", "Seed", "Path", "Countries", `Amount (${b.currency})`, "Transactions", "Start", "End"], flowRows, new Set([4, 5]))}
</section>
<section id="corridors"><h2>Corridors</h2>
${table(["Countries", `Amount (${b.currency})`, "Flows", "Examples"], corridorRows, new Set([1, 2]))}
</section>
<section id="entities"><h2>Resolved entities</h2>
${table(["Entity", "Names", "Parties", "Score", "Evidence"], entityRows, new Set([3]))}
</section>
<section id="quarantine"><h2>Quarantine</h2>
<p>${h(`${b.quarantine.rows} rows put aside, ${b.quarantine.entries} problems. Nothing is dropped silently: each problem names its file, line and field.`)}</p>
${table(["File", "Problem", "Field", "Count", "Lines", "Example"], qRows, new Set([3]))}
</section>
</main>
<script type="application/json" id="wt-data">${jsonForScript(chartData(b))}</script>
<script>${script}</script>
</body>
</html>
`;
  return html;
}

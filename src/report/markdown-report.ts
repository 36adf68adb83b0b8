import type { Dataset } from "../model/dataset.js";
import { buildCaseBrief, type CaseBrief, type CaseBriefOptions } from "./case-brief.js";
import { formatAmount, escapeMarkdown as m } from "./escape.js";
import { renderLinkChartSvg } from "./svg-chart.js";

/** Options of {@link renderMarkdownReport}. */
export interface MarkdownReportOptions extends CaseBriefOptions {
  /**
   * Where the static SVG link chart is: a relative link such as `report-chart.svg` (write
   * {@link renderLinkChartSvg} there), or none to inline the `<svg>` in the Markdown.
   * [default: none (inline)]
   */
  chartHref?: string;
}

function table(head: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  if (rows.length === 0) return "_None._\n";
  const sep = head.map((_, i) => (right.has(i) ? "---:" : "---"));
  return [`| ${head.map(m).join(" | ")} |`, `| ${sep.join(" | ")} |`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n") + "\n";
}

/**
 * Render the case report as Markdown for a dissemination note: the same brief as the HTML report
 * (summary, ranked subjects with reasons, alerts, traced flows, corridors, resolved entities,
 * quarantine) with a static SVG link chart, inlined or linked. Every text from the data is
 * escaped (HTML-significant characters as entities, Markdown punctuation with backslashes).
 *
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { analyze, buildLinkChart, loadCase, renderLinkChartSvg, renderMarkdownReport } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const results = analyze(load);
 * writeFileSync("out/report-chart.svg", renderLinkChartSvg(buildLinkChart(results, load.dataset)));
 * writeFileSync("out/report.md", renderMarkdownReport(results, load.dataset, { chartHref: "report-chart.svg" }));
 * ```
 */
export function renderMarkdownReport(results: unknown, dataset: Dataset, options: MarkdownReportOptions = {}): string {
  return markdownFromBrief(buildCaseBrief(results, dataset, options), options);
}

/**
 * The Markdown case report of a brief already built (see {@link renderMarkdownReport}); only
 * `chartHref` is read from the options, the rest went into the brief.
 *
 * @example
 * ```ts
 * import { analyze, buildCaseBrief, loadCase, markdownFromBrief, renderLinkChartSvg } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const brief = buildCaseBrief(analyze(load), load.dataset);
 * const md = markdownFromBrief(brief, { chartHref: "report-chart.svg" });
 * const svg = renderLinkChartSvg(brief.chart); // the file md links to
 * ```
 */
export function markdownFromBrief(b: CaseBrief, options: Pick<MarkdownReportOptions, "chartHref"> = {}): string {
  const out: string[] = [];
  out.push(`# ${m(b.title)}\n`);
  out.push(`wildtrace case report${b.generatedAt ? ` · generated ${m(b.generatedAt)}` : ""} · amounts in ${m(b.currency)}\n`);
  out.push("## Summary\n");
  out.push(table(["Fact", "Value"], b.facts.map(([k, v]) => [m(k), m(v)])));
  out.push("## Link chart\n");
  out.push(
    `${m(`${b.chart.nodes.length} accounts and ${b.chart.edges.length} links.`)} Circles are accounts (size: value moved; colour: community; dark ring: on a traced flow; red ring: score 70 or more); arrows add up the payments between two accounts, traced flows in orange.\n`,
  );
  if (options.chartHref) out.push(`![Link chart](${encodeURI(options.chartHref).replace(/[()]/g, (c) => (c === "(" ? "%28" : "%29"))})\n`);
  else out.push(`<div>\n${renderLinkChartSvg(b.chart).replace(/\n/g, " ")}\n</div>\n`);
  if (b.chart.nodes.length > 0) {
    out.push(
      table(
        ["Account", "Holder", "Country", "Score", "Alerts", `Value in and out (${b.currency})`],
        [...b.chart.nodes]
          .sort((x, y) => y.score - x.score || y.volume - x.volume || (x.id < y.id ? -1 : 1))
          .slice(0, 30)
          .map((n) => [m(n.id), m(n.label), m(n.country), String(n.score), String(n.alerts.length), formatAmount(n.volume)]),
        new Set([3, 4, 5]),
      ),
    );
  }
  out.push("## Ranked subjects\n");
  out.push(
    table(
      ["Rank", "Kind", "Id", "Name", "Country", "Score", "Reasons", "Why"],
      b.subjects.map((s) => [String(s.rank), m(s.kind), m(s.id), m(s.label), m(s.country), String(s.score), m(s.rules.join(", ")), m(s.why)]),
      new Set([0, 5]),
    ),
  );
  out.push("## Alerts\n");
  out.push(`${m(`${b.alertCount} alerts (${b.severities.high} high, ${b.severities.medium} medium, ${b.severities.low} low); ${b.alerts.length < b.alertCount ? `the ${b.alerts.length} highest-scoring` : "all"} listed.`)}\n`);
  if (b.rules.ran.length > 0) out.push(`Rules run: ${m(b.rules.ran.join(", "))}.\n`);
  if (b.rules.skipped.length > 0) out.push(`Rules skipped: ${m(b.rules.skipped.map((k) => `${k.rule} (${k.reason})`).join("; "))}.\n`);
  out.push(
    table(
      ["Severity", "Score", "Rule", "Typology", "Explanation", "Subjects"],
      b.alerts.map((a) => [m(a.severity), String(a.score), m(a.rule), m(a.typology), m(a.explanation), m([...a.accounts, ...a.parties].slice(0, 8).join(", "))]),
      new Set([1]),
    ),
  );
  out.push("## Traced flows\n");
  out.push(
    table(
      ["Direction", "Path", "Countries", `Amount (${b.currency})`, "Start", "End"],
      b.flows.map((f) => [m(f.direction), m(f.path.join(" → ")), m(f.countries.join("-")), formatAmount(f.amount), m(f.start?.slice(0, 10) ?? ""), m(f.end?.slice(0, 10) ?? "")]),
      new Set([3]),
    ),
  );
  out.push("## Corridors\n");
  out.push(table(["Countries", `Amount (${b.currency})`, "Flows"], b.corridors.map((c) => [m(c.countries.join(" → ")), formatAmount(c.amount), String(c.count)]), new Set([1, 2])));
  out.push("## Resolved entities\n");
  out.push(table(["Entity", "Names", "Parties", "Score"], b.entities.map((e) => [m(e.id), m(e.names.join(" / ")), m(e.members.join(", ")), String(e.score)]), new Set([3])));
  out.push("## Quarantine\n");
  out.push(`${m(`${b.quarantine.rows} rows put aside, ${b.quarantine.entries} problems.`)}\n`);
  out.push(
    table(
      ["File", "Problem", "Field", "Count", "Lines", "Example"],
      b.quarantine.groups.map((g) => [m(g.file), m(g.code), m(g.field), String(g.count), m(g.lines.join(", ")), m(g.example)]),
      new Set([3]),
    ),
  );
  return out.join("\n");
}

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildCaseBrief } from "../../src/report/case-brief.js";
import { escapeMarkdown, jsonForScript } from "../../src/report/escape.js";
import { htmlFromBrief, renderHtmlReport } from "../../src/report/html-report.js";
import { buildLinkChart } from "../../src/report/link-chart.js";
import { markdownFromBrief, renderMarkdownReport } from "../../src/report/markdown-report.js";
import { renderLinkChartSvg } from "../../src/report/svg-chart.js";
import { FORMULA_NAME, fixtureCase, HOSTILE_NAME } from "./fixture.js";

describe("renderHtmlReport", () => {
  it("is one self-contained file: no URL is fetched, the script is pinned by the CSP hash", () => {
    const { dataset, results } = fixtureCase();
    const html = renderHtmlReport(results, dataset);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/href="(?!data:|#|url\(#)/i);
    expect(html).not.toMatch(/@import|url\((?!#)/i);
    // The only URLs in attributes are the SVG namespace names (identifiers, never fetched); the
    // fixture's hostile name holds a URL, which may only appear as text.
    expect([...html.matchAll(/=\s*"(https?:[^"]*)"/g)].map((m) => m[1]).filter((u) => u !== "http://www.w3.org/2000/svg")).toEqual([]);
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1];
    const hash = createHash("sha256").update(script).digest("base64");
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)![1].replaceAll("&#39;", "'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
  });

  it("escapes every text from the data; no value can close the data block", () => {
    const { dataset, results } = fixtureCase();
    const html = renderHtmlReport(results, dataset, { title: HOSTILE_NAME });
    expect(html).not.toContain(HOSTILE_NAME);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html.match(/<script/g)!.length).toBe(2);
    expect(html.match(/<\/script>/g)!.length).toBe(2);
    const data = html.match(/<script type="application\/json" id="wt-data">([\s\S]*?)<\/script>/)![1];
    expect(data).not.toContain("<");
    const parsed = JSON.parse(data);
    expect(parsed.nodes.find((n: { id: string }) => n.id === "ACC-MY-01").label).toBe(HOSTILE_NAME);
    expect(parsed.nodes.find((n: { id: string }) => n.id === "ACC-TZ-01").label).toBe(FORMULA_NAME);
  });

  it("shows the summary, ranked subjects with reasons, alerts, flows, corridors, entities and quarantine", () => {
    const { dataset, results } = fixtureCase();
    const html = renderHtmlReport(results, dataset);
    for (const id of ["summary", "chart", "subjects", "alerts", "flows", "corridors", "entities", "quarantine"]) expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain("2 run, 1 skipped");
    expect(html).toContain("Rules run: pass_through, high_risk_corridor.");
    expect(html).toContain("watchlist_link (no watchlist given)");
    expect(html).toMatch(/<tr data-account="ACC-MY-01"><td class="wt-num">1<\/td>/);
    expect(html).toContain("pass_through");
    expect(html).toContain("CN → MY → MZ → TZ");
    expect(html).toContain("1 rows put aside, 1 problems");
    expect(html).toContain("invalid_amount");
    expect((html.match(/class="wt-node"/g) ?? []).length).toBe(5);
  });

  it("gives byte-identical output for the same input, and does not mutate it", () => {
    const { dataset, results } = fixtureCase();
    const before = JSON.stringify(results);
    expect(renderHtmlReport(results, dataset)).toBe(renderHtmlReport(results, dataset));
    const brief = buildCaseBrief(results, dataset);
    expect(htmlFromBrief(brief)).toBe(renderHtmlReport(results, dataset));
    expect(markdownFromBrief(brief, { chartHref: "c.svg" })).toBe(renderMarkdownReport(results, dataset, { chartHref: "c.svg" }));
    expect(JSON.stringify(results)).toBe(before);
  });

  it("renders a case with nothing but a summary (a stage that did not run leaves its block empty)", () => {
    const { dataset } = fixtureCase();
    const html = renderHtmlReport({ schemaVersion: 1, summary: { transactions: 6 }, quarantine: [] }, dataset);
    expect(html).toContain("the busiest accounts by value");
    expect(html).toContain("<p class=\"wt-muted\">None.</p>");
  });

  it("throws a typed error naming the function on results that break the contract", () => {
    const { dataset } = fixtureCase();
    expect(() => renderHtmlReport({ alerts: [{ id: "A1", severity: "urgent" }] }, dataset)).toThrow(/buildCaseBrief: the results object/);
  });
});

describe("jsonForScript", () => {
  it("escapes <, >, & and line separators so that the JSON parses back to the same value", () => {
    const value = { a: "</script><!-- \u2028 \u2029 & >" };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("renderMarkdownReport", () => {
  it("writes the brief with an inline static SVG chart, escaping data", () => {
    const { dataset, results } = fixtureCase();
    const md = renderMarkdownReport(results, dataset);
    expect(md).toContain("# Case report");
    expect(md).toContain("<div>\n<svg xmlns=");
    expect(md).not.toContain(HOSTILE_NAME);
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(md).toContain("## Ranked subjects");
    expect(md).toContain("| 1 | account | ACC-MY-01 |");
    expect(md).toContain("O'Neil \"Bwana\" Mkapa; DROP TABLE");
    const svg = md.slice(md.indexOf("<svg"), md.indexOf("</svg>") + 6);
    expect(svg).not.toContain("<script");
  });

  it("links the chart instead when given a file name", () => {
    const { dataset, results } = fixtureCase();
    const md = renderMarkdownReport(results, dataset, { chartHref: "report chart (1).svg" });
    expect(md).toContain("![Link chart](report%20chart%20%281%29.svg)");
    expect(md).not.toContain("<svg");
  });
});

describe("escapeMarkdown", () => {
  it("keeps a table cell one cell and one line, and markup inert", () => {
    expect(escapeMarkdown("a | b\nc")).toBe("a \\| b c");
    expect(escapeMarkdown("*bold* _it_ [x](http://e) `code` <b>&")).toBe("\\*bold\\* \\_it\\_ \\[x\\](http://e) \\`code\\` &lt;b&gt;&amp;");
    expect(escapeMarkdown("# not a heading")).toBe("\\# not a heading");
    expect(escapeMarkdown("- not a list")).toBe("\\- not a list");
  });
});

describe("renderLinkChartSvg", () => {
  it("draws every node and edge of the chart, with escaped labels", () => {
    const { dataset, results } = fixtureCase();
    const chart = buildLinkChart(results, dataset);
    const svg = renderLinkChartSvg(chart, { interactive: true });
    expect((svg.match(/<circle /g) ?? []).length).toBe(chart.nodes.length);
    expect((svg.match(/class="wt-edge"/g) ?? []).length).toBe(chart.edges.length);
    expect(svg).not.toContain("<script");
    expect(renderLinkChartSvg({ ...chart, nodes: [], edges: [] })).toContain("No accounts to draw.");
  });
});

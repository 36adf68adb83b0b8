import { escapeHtml, formatAmount } from "./escape.js";
import type { LinkChart } from "./link-chart.js";

/** Options of {@link renderLinkChartSvg}. */
export interface LinkChartSvgOptions {
  /** Add the hooks the HTML report's script uses (classes, `data-i`, `tabindex`). [default: false] */
  interactive?: boolean;
  /** Most node labels written under the nodes (best-scored and flow accounts first). [default: 30] */
  maxLabels?: number;
  /** Longest label, in characters, before it is cut with "…". [default: 22] */
  labelLength?: number;
}

/**
 * Defaults of {@link LinkChartSvgOptions}.
 *
 * @example
 * ```ts
 * import { LINK_CHART_SVG_DEFAULTS } from "wildtrace";
 * LINK_CHART_SVG_DEFAULTS; // { interactive: false, maxLabels: 30, labelLength: 22 }
 * ```
 */
export const LINK_CHART_SVG_DEFAULTS = Object.freeze({ interactive: false, maxLabels: 30, labelLength: 22 });

/**
 * Okabe and Ito's colour-blind-safe palette (Color Universal Design, 2008), one colour per community.
 *
 * @example
 * ```ts
 * import { COMMUNITY_COLOURS } from "wildtrace";
 * const colour = (community: number) => COMMUNITY_COLOURS[community % COMMUNITY_COLOURS.length];
 * colour(0); // "#0072B2"
 * ```
 */
export const COMMUNITY_COLOURS = Object.freeze(["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288"]);
const NO_GROUP = "#9AA5B1";
const FLOW_EDGE = "#D55E00";
const EDGE = "#8896A5";

function cut(text: string, n: number): string {
  const chars = [...text];
  return chars.length > n ? `${chars.slice(0, n - 1).join("")}…` : text;
}

const r1 = (v: number): string => String(Math.round(v * 10) / 10);

/**
 * Draw a link chart as a standalone SVG document fragment (presentation attributes only, no
 * scripts, no external references): accounts as circles sized by volume and coloured by
 * community, a thick dark ring on accounts on traced flows and a red ring on high scores; edges
 * as arrows whose width grows with the amount, traced flows in vermilion. Every text from the
 * data is escaped.
 *
 * @example
 * ```ts
 * import { analyze, buildLinkChart, loadCase, renderLinkChartSvg } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const svg = renderLinkChartSvg(buildLinkChart(analyze(load), load.dataset)); // "<svg xmlns=..."
 * ```
 */
export function renderLinkChartSvg(chart: LinkChart, options: LinkChartSvgOptions = {}): string {
  const o = { ...LINK_CHART_SVG_DEFAULTS, ...options };
  const { nodes, edges, width, height } = chart;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Link chart: ${nodes.length} accounts, ${edges.length} links"${o.interactive ? ' id="wt-chart" class="wt-chart"' : ""} font-family="Helvetica, Arial, sans-serif">`,
  );
  out.push(
    `<defs><marker id="wt-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${EDGE}"/></marker><marker id="wt-arrow-flow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="${FLOW_EDGE}"/></marker></defs>`,
  );
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  if (nodes.length === 0) {
    out.push(`<text x="${width / 2}" y="${height / 2}" text-anchor="middle" font-size="16" fill="#555555">No accounts to draw.</text></svg>`);
    return out.join("\n");
  }
  const pairs = new Set(edges.map((e) => e.source * nodes.length + e.target));
  const maxAmount = Math.max(1, ...edges.map((e) => e.amount));
  out.push(`<g${o.interactive ? ' class="wt-edges"' : ""}>`);
  edges.forEach((e, k) => {
    const a = nodes[e.source];
    const b = nodes[e.target];
    const stroke = e.flow ? FLOW_EDGE : EDGE;
    const w = 1 + 4 * Math.sqrt(e.amount / maxAmount);
    const title = `<title>${escapeHtml(`${a.id} → ${b.id}: ${e.count} transaction${e.count === 1 ? "" : "s"}, ${formatAmount(e.amount)} ${chart.currency}`)}</title>`;
    const hooks = o.interactive ? ` class="wt-edge" data-e="${k}" data-s="${e.source}" data-t="${e.target}"` : "";
    if (e.source === e.target) {
      const d = `M${r1(a.x)},${r1(a.y - a.r)}c${r1(-a.r * 2.5)},${r1(-a.r * 3)} ${r1(a.r * 2.5)},${r1(-a.r * 3)} 0,0`;
      out.push(`<path${hooks} d="${d}" fill="none" stroke="${stroke}" stroke-width="${r1(w)}" stroke-opacity="0.8">${title}</path>`);
      return;
    }
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.sqrt(dx * dx + dy * dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const sx = a.x + ux * a.r;
    const sy = a.y + uy * a.r;
    const tx = b.x - ux * (b.r + 2);
    const ty = b.y - uy * (b.r + 2);
    const curved = pairs.has(e.target * nodes.length + e.source);
    const bend = curved ? Math.min(30, len / 5) : 0;
    const cx = (sx + tx) / 2 - uy * bend;
    const cy = (sy + ty) / 2 + ux * bend;
    const d = curved ? `M${r1(sx)},${r1(sy)}Q${r1(cx)},${r1(cy)} ${r1(tx)},${r1(ty)}` : `M${r1(sx)},${r1(sy)}L${r1(tx)},${r1(ty)}`;
    out.push(
      `<path${hooks} d="${d}" fill="none" stroke="${stroke}" stroke-width="${r1(w)}" stroke-opacity="0.8" marker-end="url(#${e.flow ? "wt-arrow-flow" : "wt-arrow"})">${title}</path>`,
    );
  });
  out.push("</g>");
  const labelled = new Set(
    nodes
      .map((n, i) => ({ n, i }))
      .sort((p, q) => Number(q.n.flow) - Number(p.n.flow) || q.n.score - p.n.score || q.n.volume - p.n.volume || p.i - q.i)
      .slice(0, o.maxLabels)
      .map((p) => p.i),
  );
  out.push(`<g${o.interactive ? ' class="wt-nodes"' : ""}>`);
  nodes.forEach((n, i) => {
    const fill = n.group >= 0 ? COMMUNITY_COLOURS[n.group % COMMUNITY_COLOURS.length] : NO_GROUP;
    const ring = n.score >= 70 ? ' stroke="#B00020" stroke-width="3"' : n.flow ? ' stroke="#222222" stroke-width="2.5"' : ' stroke="#ffffff" stroke-width="1.5"';
    const summary = `${n.label} (${n.id}${n.country ? `, ${n.country}` : ""})${n.score > 0 ? `, score ${n.score}` : ""}${n.alerts.length > 0 ? `, ${n.alerts.length} alert${n.alerts.length === 1 ? "" : "s"}` : ""}`;
    const hooks = o.interactive ? ` class="wt-node" data-i="${i}" tabindex="0" role="button" aria-label="${escapeHtml(summary)}"` : "";
    out.push(`<g${hooks}>`);
    out.push(`<circle cx="${r1(n.x)}" cy="${r1(n.y)}" r="${r1(n.r)}" fill="${fill}"${ring}/>`);
    if (labelled.has(i)) {
      out.push(`<text x="${r1(n.x)}" y="${r1(n.y + n.r + 12)}" text-anchor="middle" font-size="11" fill="#1F2933" pointer-events="none">${escapeHtml(cut(n.label, o.labelLength))}</text>`);
    }
    out.push(`<title>${escapeHtml(summary)}</title></g>`);
  });
  out.push("</g></svg>");
  return out.join("\n");
}

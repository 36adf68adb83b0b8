import type { CaseFlow } from "./case-results.js";
import { escapeHtml, formatAmount } from "./escape.js";

/** Options of {@link renderFlowTimelineSvg}. */
export interface FlowTimelineOptions {
  /** Most flows drawn (in the given order). [default: 20] */
  maxFlows?: number;
  /** Width of the drawing. [default: 1000] */
  width?: number;
  /** Base currency shown with the amounts. [default: "USD"] */
  currency?: string;
}

/**
 * Defaults of {@link FlowTimelineOptions}.
 *
 * @example
 * ```ts
 * import { FLOW_TIMELINE_DEFAULTS } from "wildtrace";
 * FLOW_TIMELINE_DEFAULTS; // { maxFlows: 20, width: 1000, currency: "USD" }
 * ```
 */
export const FLOW_TIMELINE_DEFAULTS = Object.freeze({ maxFlows: 20, width: 1000, currency: "USD" });

const DAY = 86_400_000;

/**
 * Draw traced flows on a time axis: one row per flow, a bar from its first to its last
 * transaction (a dot when they are the same day), labelled with its path and amount; forward
 * traces in vermilion, backward in blue. Month ticks are computed from the data, so the picture
 * depends only on the flows.
 *
 * @example
 * ```ts
 * import { renderFlowTimelineSvg } from "wildtrace";
 * const svg = renderFlowTimelineSvg([{ seed: "ACC-CN-01", direction: "forward", path: ["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01"],
 *   transactions: ["T0001", "T0002"], amount: 47500, countries: ["CN", "MY", "MZ"], start: "2024-01-08T09:15:00.000Z", end: "2024-01-09T14:02:00.000Z" }]);
 * ```
 */
export function renderFlowTimelineSvg(flows: readonly CaseFlow[], options: FlowTimelineOptions = {}): string {
  const o = { ...FLOW_TIMELINE_DEFAULTS, ...options };
  const rows = flows.filter((f) => f.start && f.end && !Number.isNaN(Date.parse(f.start)) && !Number.isNaN(Date.parse(f.end))).slice(0, o.maxFlows);
  const rowH = 34;
  const top = 30;
  const left = 20;
  const right = 20;
  const height = top + Math.max(1, rows.length) * rowH + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${o.width} ${height}" width="${o.width}" height="${height}" role="img" aria-label="Timeline of ${rows.length} traced flows" font-family="Helvetica, Arial, sans-serif">`,
    `<rect x="0" y="0" width="${o.width}" height="${height}" fill="#ffffff"/>`,
  ];
  if (rows.length === 0) {
    out.push(`<text x="${o.width / 2}" y="${top + 10}" text-anchor="middle" font-size="13" fill="#555555">No traced flows.</text></svg>`);
    return out.join("\n");
  }
  let t0 = Math.min(...rows.map((f) => Date.parse(f.start!)));
  let t1 = Math.max(...rows.map((f) => Date.parse(f.end!)));
  if (t1 - t0 < DAY) {
    t0 -= DAY / 2;
    t1 += DAY / 2;
  }
  const span = t1 - t0;
  const w = o.width - left - right;
  const px = (t: number): number => Math.round((left + ((t - t0) / span) * w) * 10) / 10;
  const first = new Date(t0);
  let tick = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
  const months: number[] = [];
  while (tick <= t1 && months.length < 60) {
    months.push(tick);
    const d = new Date(tick);
    tick = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  const step = Math.max(1, Math.ceil(months.length / 12));
  months.forEach((m, i) => {
    if (i % step !== 0) return;
    const x = px(m);
    out.push(`<line x1="${x}" y1="${top - 8}" x2="${x}" y2="${height - 16}" stroke="#E4E7EB"/>`);
    out.push(`<text x="${x}" y="${top - 12}" font-size="10" fill="#52606D" text-anchor="middle">${new Date(m).toISOString().slice(0, 7)}</text>`);
  });
  rows.forEach((f, i) => {
    const y = top + i * rowH + rowH / 2;
    const a = px(Date.parse(f.start!));
    const b = Math.max(px(Date.parse(f.end!)), a + 4);
    const colour = f.direction === "forward" ? "#D55E00" : "#0072B2";
    const label = `${f.path.join(" → ")} · ${formatAmount(f.amount)} ${o.currency}${f.countries.length > 0 ? ` · ${f.countries.join("-")}` : ""}`;
    const title = `${f.direction} from ${f.seed}: ${label}, ${f.start!.slice(0, 10)} to ${f.end!.slice(0, 10)}`;
    out.push(`<g><rect x="${a}" y="${y + 2}" width="${Math.round((b - a) * 10) / 10}" height="9" rx="3" fill="${colour}"/>`);
    const textX = Math.max(left, Math.min(a, o.width - right - 560));
    out.push(`<text x="${Math.round(textX * 10) / 10}" y="${y - 4}" font-size="10.5" fill="#1F2933">${escapeHtml(label.length > 110 ? `${label.slice(0, 109)}…` : label)}</text>`);
    out.push(`<title>${escapeHtml(title)}</title></g>`);
  });
  out.push("</svg>");
  return out.join("\n");
}

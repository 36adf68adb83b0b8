import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import { type CaseAlert, type CaseCorridor, type CaseEntity, type CaseFlow, type CaseResults, parseCaseResults } from "./case-results.js";
import { formatAmount } from "./escape.js";
import { buildLinkChart, type LinkChart, type LinkChartOptions } from "./link-chart.js";
import { subjectLabel } from "./results-csv.js";

/** Options of {@link buildCaseBrief} and of the HTML and Markdown reports. */
export interface CaseBriefOptions {
  /** Title of the report. [default: "Case report"] */
  title?: string;
  /** Ranked subjects listed. [default: 25] */
  maxSubjects?: number;
  /** Alerts listed (highest score first). [default: 50] */
  maxAlerts?: number;
  /** Resolved entities listed. [default: 25] */
  maxEntities?: number;
  /** Corridors listed. [default: 15] */
  maxCorridors?: number;
  /** Traced flows listed and drawn on the timeline. [default: 20] */
  maxFlows?: number;
  /** Quarantine groups (file and problem) listed. [default: 30] */
  maxQuarantineGroups?: number;
  /** Options of the link chart. [default: see LINK_CHART_DEFAULTS] */
  chart?: LinkChartOptions;
  /** A date or instant printed as "generated". [default: none, so that the same input gives the same bytes] */
  generatedAt?: string;
}

/**
 * Defaults of {@link CaseBriefOptions}.
 *
 * @example
 * ```ts
 * import { CASE_BRIEF_DEFAULTS } from "wildtrace";
 * CASE_BRIEF_DEFAULTS.maxSubjects; // 25
 * ```
 */
export const CASE_BRIEF_DEFAULTS = Object.freeze({
  title: "Case report",
  maxSubjects: 25,
  maxAlerts: 50,
  maxEntities: 25,
  maxCorridors: 15,
  maxFlows: 20,
  maxQuarantineGroups: 30,
});

/** A ranked subject with the reasons for its score. */
export interface BriefSubject {
  rank: number;
  kind: "account" | "party";
  id: string;
  label: string;
  country: string;
  score: number;
  /** Rule names behind the score, most frequent first. */
  rules: string[];
  /** Alert ids behind the score. */
  reasons: string[];
  /** The explanation of the highest-scoring alert behind the score. */
  why: string;
}

/** Problems of one kind in one file, counted. */
export interface BriefQuarantineGroup {
  file: string;
  code: string;
  field: string;
  count: number;
  /** Lines of the first few. */
  lines: number[];
  /** The first message. */
  example: string;
}

/** Everything the case report shows, computed once for the HTML and the Markdown. */
export interface CaseBrief {
  title: string;
  generatedAt?: string;
  currency: string;
  /** Label and value rows of the summary. */
  facts: [string, string][];
  subjects: BriefSubject[];
  alerts: CaseAlert[];
  alertCount: number;
  severities: { high: number; medium: number; low: number };
  flows: CaseFlow[];
  corridors: CaseCorridor[];
  entities: (CaseEntity & { names: string[] })[];
  quarantine: { rows: number; entries: number; groups: BriefQuarantineGroup[] };
  /** The rules that ran, and those skipped with the reason (from `summary.rules`). */
  rules: { ran: string[]; skipped: { rule: string; reason: string }[] };
  chart: LinkChart;
  results: CaseResults;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/**
 * Gather what a case report shows: the summary facts, ranked subjects with their reasons, the top
 * alerts, flows, corridors, resolved entities, the quarantine grouped by file and problem, and the
 * link chart. Pure: the HTML and Markdown renderers only format it.
 *
 * @example
 * ```ts
 * import { analyze, buildCaseBrief, loadCase } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const brief = buildCaseBrief(analyze(load), load.dataset);
 * brief.facts[0]; // ["Transactions", "..."]
 * ```
 */
export function buildCaseBrief(results: unknown, dataset: Dataset, options: CaseBriefOptions = {}): CaseBrief {
  const o = { ...CASE_BRIEF_DEFAULTS, ...options };
  for (const k of ["maxSubjects", "maxAlerts", "maxEntities", "maxCorridors", "maxFlows", "maxQuarantineGroups"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new OptionError("buildCaseBrief", `\`${k}\` must be a non-negative integer`);
  }
  const r = parseCaseResults(results, "buildCaseBrief");
  const s = r.summary;
  const currency = typeof s.baseCurrency === "string" ? s.baseCurrency : dataset.baseCurrency;
  const alertById = new Map(r.alerts.map((a) => [a.id, a]));
  const severities = { high: 0, medium: 0, low: 0 };
  for (const a of r.alerts) severities[a.severity]++;
  const period = s.period as { start?: string; end?: string } | null | undefined;
  const facts: [string, string][] = [
    ["Transactions", String(num(s.transactions ?? dataset.transactions.length))],
    ["Accounts", String(num(s.accounts ?? dataset.accounts.length))],
    ["Parties", String(num(s.parties ?? dataset.parties.length))],
    ["Relationships", String(num(s.relationships ?? dataset.relationships.length))],
    ["Reports (STR/SAR)", String(num(s.reports ?? dataset.reports.length))],
    ["Period", period?.start && period.end ? `${period.start.slice(0, 10)} to ${period.end.slice(0, 10)}` : "none"],
    ["Total value", `${formatAmount(num(s.totalAmount))} ${currency}`],
    ["Rows read", String(num(s.rowsRead))],
    ["Rows quarantined", String(num(s.quarantined))],
    ["Alerts", `${r.alerts.length} (${severities.high} high, ${severities.medium} medium, ${severities.low} low)`],
    ["Scored subjects", String(r.scores.length)],
    ["Communities", String(r.communities.length)],
    ["Traced flows", String(r.flows.length)],
    ["Resolved entities", String(r.entities.length)],
  ];
  const rules = s.rules as { ran?: unknown[]; skipped?: { rule?: unknown; reason?: unknown }[] } | undefined;
  const rulesRun = rules && Array.isArray(rules.ran) ? rules.ran.map(String) : [];
  const rulesSkipped = rules && Array.isArray(rules.skipped) ? rules.skipped.map((k) => ({ rule: String(k.rule), reason: String(k.reason) })) : [];
  if (rules) facts.push(["Rules run", `${rulesRun.length} run, ${rulesSkipped.length} skipped`]);
  const subjects: BriefSubject[] = r.scores.slice(0, o.maxSubjects).map((sc) => {
    const { label, country } = subjectLabel(dataset, sc.kind, sc.id);
    const counts = new Map<string, number>();
    let best: CaseAlert | undefined;
    for (const id of sc.reasons) {
      const a = alertById.get(id);
      if (!a) continue;
      counts.set(a.rule, (counts.get(a.rule) ?? 0) + 1);
      if (!best || a.score > best.score || (a.score === best.score && a.id < best.id)) best = a;
    }
    const ruleNames = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, c]) => (c > 1 ? `${k} ×${c}` : k));
    return { rank: sc.rank, kind: sc.kind, id: sc.id, label, country, score: sc.score, rules: ruleNames, reasons: sc.reasons, why: best?.explanation ?? "" };
  });
  const alerts = [...r.alerts].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, o.maxAlerts);
  const entities = r.entities.slice(0, o.maxEntities).map((e) => ({
    ...e,
    names: e.members.map((m) => {
      const i = dataset.partyIndex.get(m);
      return i === undefined ? m : dataset.parties[i].name;
    }),
  }));
  const groups = new Map<string, BriefQuarantineGroup>();
  const quarantinedLines = new Set<string>();
  for (const q of r.quarantine) {
    quarantinedLines.add(`${q.file}\u0000${q.line}`);
    const key = `${q.file}\u0000${q.code}\u0000${q.field}`;
    const g = groups.get(key);
    if (g) {
      g.count++;
      if (g.lines.length < 10) g.lines.push(q.line);
    } else groups.set(key, { file: q.file, code: q.code, field: q.field, count: 1, lines: [q.line], example: q.message });
  }
  return {
    title: o.title,
    ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}),
    currency,
    facts,
    subjects,
    alerts,
    alertCount: r.alerts.length,
    severities,
    flows: r.flows.slice(0, o.maxFlows),
    corridors: r.corridors.slice(0, o.maxCorridors),
    entities,
    quarantine: {
      rows: typeof s.quarantined === "number" ? s.quarantined : quarantinedLines.size,
      entries: r.quarantine.length,
      groups: [...groups.values()].slice(0, o.maxQuarantineGroups),
    },
    rules: { ran: rulesRun, skipped: rulesSkipped },
    chart: buildLinkChart(r, dataset, { maxFlows: o.maxFlows, ...o.chart }),
    results: r,
  };
}

import type { AlertRef } from "./detect/communities.js";
import type { RiskScore } from "./detect/flow-graph.js";
import { type DetectOptions, runDetect } from "./detect/run-detect.js";
import type { CaseLoad } from "./ingest/load-case.js";
import type { ProgressHandler } from "./model/progress.js";
import type { QuarantineEntry } from "./model/schemas.js";
import { type ResolveOptions, resolveEntities } from "./resolve/resolve-entities.js";
import { type ResultsSummary, summariseLoad } from "./report/summary.js";
import type { Rule } from "./rules/rule.js";
import { runRules } from "./rules/run-rules.js";
import { scoreAlerts } from "./rules/scores.js";

/** Version of the results.json contract (see README, "results.json"). */
export const RESULTS_SCHEMA_VERSION = 1;

/** Options of {@link analyze}. Each stage documents its own defaults. */
export interface AnalyzeOptions {
  /** Seed for every randomised step (Louvain). [default: 42] */
  seed?: number;
  /** Progress reports from every stage. [default: none] */
  onProgress?: ProgressHandler;
  /** Entity resolution thresholds (see `ResolveOptions`). [default: RESOLVE_DEFAULTS] */
  resolve?: ResolveOptions;
  /** Account or party ids whose money to trace (results.json `flows`). [default: none] */
  trace?: readonly string[];
  /** Rules configuration: per-rule params and enabled flags, typology weights, watchlist (see `RulesConfigSchema`). [default: {}] */
  rules?: unknown;
  /** The rules to run. [default: defaultRules()] */
  ruleSet?: readonly Rule[];
  /** Communities, tracing and corridor options (see `DetectOptions`). [default: their defaults] */
  detect?: Pick<DetectOptions, "communities" | "tracing" | "corridors">;
}

/**
 * The results of an analysis, as written to `results.json`. Keys appear in this order; arrays are
 * sorted so that the same input and seed give byte-identical files.
 */
export interface AnalysisResults {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  summary: ResultsSummary;
  quarantine: QuarantineEntry[];
  [key: string]: unknown;
}

/**
 * Run the analysis on a loaded case and return the results (no I/O).
 *
 * @example
 * ```ts
 * import { analyze, loadCase } from "wildtrace";
 * const results = analyze(await loadCase("datasets/mini"), { seed: 7 });
 * console.log(results.summary.transactions);
 * ```
 */
export function analyze(load: CaseLoad, options: AnalyzeOptions = {}): AnalysisResults {
  void options;
  const results: AnalysisResults = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    summary: summariseLoad(load),
    quarantine: sortQuarantine(load),
  };
  const resolution = resolveEntities(load.dataset, options.resolve);
  results.summary.resolution = resolution.stats;
  results.entities = resolution.entities;
  // Rules stage: alerts and the scores that combine them (entities let a party's score span its records).
  const rules = runRules(load.dataset, { rules: options.ruleSet, config: options.rules, entities: resolution.entities });
  results.summary.rules = { ran: rules.ran, skipped: rules.skipped, alerts: rules.alerts.length };
  results.alerts = rules.alerts;
  results.scores = scoreAlerts(load.dataset, rules.alerts, { weights: rules.config.weights, scoring: rules.config.scoring, entities: resolution.entities });
  // Detect stage (communities, flows, corridors): keep it last, it reads the rules' alerts and scores.
  const detect = runDetect(load.dataset, {
    ...options.detect,
    seed: options.seed ?? 42,
    trace: options.trace,
    alerts: Array.isArray(results.alerts) ? (results.alerts as AlertRef[]) : undefined,
    scores: Array.isArray(results.scores) ? (results.scores as RiskScore[]) : undefined,
    entities: resolution.entities,
    onProgress: options.onProgress,
  });
  results.summary.detect = detect.summary;
  results.communities = detect.communities;
  results.flows = detect.flows;
  results.corridors = detect.corridors;
  return results;
}

/** Quarantine entries ordered by source (in reading order), then line, then field. */
function sortQuarantine(load: CaseLoad): QuarantineEntry[] {
  const order = new Map(load.sources.map((s, i) => [s.file, i]));
  return [...load.quarantine].sort(
    (a, b) => (order.get(a.file) ?? 1e9) - (order.get(b.file) ?? 1e9) || a.file.localeCompare(b.file) || a.line - b.line || a.field.localeCompare(b.field),
  );
}

/**
 * Serialise results as the text of `results.json` (two-space indented, trailing newline).
 *
 * @example
 * ```ts
 * import { analyze, loadCase, serializeResults } from "wildtrace";
 * const text = serializeResults(analyze(await loadCase("datasets/mini")));
 * ```
 */
export function serializeResults(results: AnalysisResults): string {
  return `${JSON.stringify(results, null, 2)}\n`;
}

import type { Community } from "./detect/communities.js";
import type { Corridor } from "./detect/corridors.js";
import { type DetectOptions, type DetectResults, runDetect } from "./detect/run-detect.js";
import type { FlowPath } from "./detect/trace-funds.js";
import { OptionError } from "./errors.js";
import type { CaseLoad } from "./ingest/load-case.js";
import type { ProgressHandler } from "./model/progress.js";
import type { QuarantineEntry } from "./model/schemas.js";
import { type ResultsSummary, summariseLoad } from "./report/summary.js";
import type { ResolvedEntity } from "./resolve/entity.js";
import { type Resolution, type ResolveOptions, type ResolveStats, resolveEntities } from "./resolve/resolve-entities.js";
import type { Rule } from "./rules/rule.js";
import { type RunRulesResult, runRules, type SkippedRule } from "./rules/run-rules.js";
import { type Score, scoreAlerts } from "./rules/scores.js";
import type { Alert } from "./rules/types.js";

/**
 * Version of the results.json contract (see README, "results.json").
 *
 * @example
 * ```ts
 * import { analyze, loadCase, RESULTS_SCHEMA_VERSION } from "wildtrace";
 * const results = analyze(await loadCase("datasets/mini"));
 * results.schemaVersion === RESULTS_SCHEMA_VERSION; // true (1)
 * ```
 */
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
  /**
   * Also trace the money of the N highest-scored accounts (after the rules ran), so that a first
   * run already shows where the riskiest money came from and went. [default: 0]
   */
  traceTop?: number;
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
  summary: ResultsSummary & {
    resolution: ResolveStats;
    rules: { ran: string[]; skipped: SkippedRule[]; alerts: number };
    detect: DetectResults["summary"];
  };
  quarantine: QuarantineEntry[];
  /** Resolved parties (clusters of two or more records), with the evidence for each merge. */
  entities: ResolvedEntity[];
  alerts: Alert[];
  scores: Score[];
  communities: Community[];
  flows: FlowPath[];
  corridors: Corridor[];
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
  checkAnalyzeOptions(options, "analyze");
  const dataset = load.dataset;
  const progress = options.onProgress;
  progress?.({ stage: "resolve", done: 0, total: dataset.parties.length });
  const resolution = resolveEntities(dataset, { ...options.resolve, onProgress: progress });
  // Rules stage: alerts and the scores that combine them (entities let a party's score span its records).
  const rules = runRules(dataset, { rules: options.ruleSet, config: options.rules, entities: resolution.entities, onProgress: progress });
  return finishAnalysis(load, options, resolution, rules);
}

/** Throws {@link OptionError} (naming `fn`) on options that {@link analyze} cannot use. */
export function checkAnalyzeOptions(options: AnalyzeOptions, fn: string): void {
  const traceTop = options.traceTop ?? 0;
  if (!Number.isInteger(traceTop) || traceTop < 0) throw new OptionError(fn, `traceTop must be a whole number >= 0, got ${traceTop}`);
}

/**
 * The stages after the rules: scores, the seeds to trace, detect, and the results in their
 * documented order. Shared by {@link analyze} and `analyzeParallel`, so both give identical results.
 */
export function finishAnalysis(load: CaseLoad, options: AnalyzeOptions, resolution: Resolution, rules: RunRulesResult): AnalysisResults {
  const dataset = load.dataset;
  const progress = options.onProgress;
  const traceTop = options.traceTop ?? 0;
  progress?.({ stage: "scores", done: 0, total: rules.alerts.length });
  const scores = scoreAlerts(dataset, rules.alerts, { weights: rules.config.weights, scoring: rules.config.scoring, entities: resolution.entities });
  const trace = [...(options.trace ?? [])];
  if (traceTop > 0) {
    for (const s of scores) {
      if (trace.length >= (options.trace?.length ?? 0) + traceTop) break;
      if (s.kind === "account" && !trace.includes(s.id)) trace.push(s.id);
    }
  }
  // Detect stage (communities, flows, corridors): last, it reads the rules' alerts and scores.
  const detect = runDetect(dataset, {
    ...options.detect,
    seed: options.seed ?? 42,
    trace,
    alerts: rules.alerts,
    scores,
    entities: resolution.entities,
    onProgress: progress,
  });
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    summary: {
      ...summariseLoad(load),
      resolution: resolution.stats,
      rules: { ran: rules.ran, skipped: rules.skipped, alerts: rules.alerts.length },
      detect: detect.summary,
    },
    quarantine: sortQuarantine(load),
    entities: resolution.entities,
    alerts: rules.alerts,
    scores,
    communities: detect.communities,
    flows: detect.flows,
    corridors: detect.corridors,
  };
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

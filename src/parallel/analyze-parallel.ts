import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { type AnalysisResults, type AnalyzeOptions, analyze, checkAnalyzeOptions, finishAnalysis } from "../analyze.js";
import { OptionError } from "../errors.js";
import type { CaseLoad } from "../ingest/load-case.js";
import type { Dataset } from "../model/dataset.js";
import type { ProgressEvent } from "../model/progress.js";
import { type Resolution, resolveEntities } from "../resolve/resolve-entities.js";
import { parseRulesConfig, type RulesConfig } from "../rules/config.js";
import { defaultRules } from "../rules/default-rules.js";
import type { Rule } from "../rules/rule.js";
import { type RunRulesResult, resolveRules, runRules, type SkippedRule } from "../rules/run-rules.js";
import type { Alert } from "../rules/types.js";
import type { ResolveWorkerInput } from "./resolve-worker.js";
import { startWorker } from "./worker-entry.js";

/**
 * Built-in rules that read the resolved entities (`ctx.partyEntity`, `ctx.entities`). They run on
 * the main thread once resolution is done; every other built-in rule runs while a worker thread
 * resolves (see {@link analyzeParallel}). `test/parallel` checks this list against the rules' sources.
 *
 * @example
 * ```ts
 * import { ENTITY_RULES } from "wildtrace";
 * ENTITY_RULES.has("front_company"); // true
 * ENTITY_RULES.has("fan_in"); // false
 * ```
 */
export const ENTITY_RULES: ReadonlySet<string> = new Set(["scatter_gather", "third_party_payment", "official_payment", "front_company", "watchlist_link"]);

/** Options of {@link analyzeParallel}: those of `analyze`, and how many threads to use. */
export interface AnalyzeParallelOptions extends AnalyzeOptions {
  /**
   * 2: a worker thread resolves entities while the calling thread runs the rules that do not
   * need them; 1: everything on the calling thread (the result is then simply `analyze`'s).
   * [default: 2 on a machine with 4 or more cores, else 1: on 2 cores V8's garbage collector
   * already keeps the second core busy and a worker measured no faster (bench/RESULTS.md)]
   */
  threads?: number;
}

/** The rules that can run before entity resolution is done, and those that must wait for it. */
export interface RulesSplit {
  /** Built-in rules that do not read resolved entities, in rule order. */
  before: Rule[];
  /** Entity rules, and every rule that is not built in (it might read entities), in rule order. */
  after: Rule[];
}

/**
 * Split a rule set into the rules that can run while entities are being resolved (built-in
 * rules outside {@link ENTITY_RULES}) and those that need the resolution (the entity rules and any
 * user rule, which may read `ctx.entities`).
 *
 * @example
 * ```ts
 * import { defaultRules, splitRulesAtResolution } from "wildtrace";
 * const plan = splitRulesAtResolution(defaultRules());
 * plan.after.map((r) => r.id); // ["scatter_gather", "third_party_payment", "official_payment", "front_company", "watchlist_link"]
 * plan.before.some((r) => r.id === "fan_in"); // true
 * ```
 */
export function splitRulesAtResolution(rules: readonly Rule[]): RulesSplit {
  const builtIn = new Map(defaultRules().map((r) => [r.id, r]));
  const before: Rule[] = [];
  const after: Rule[] = [];
  for (const r of rules) (builtIn.get(r.id) === r && !ENTITY_RULES.has(r.id) ? before : after).push(r);
  return { before, after };
}

/**
 * {@link analyze} on two threads: the same results, byte for byte. A worker thread resolves
 * entities (it receives a copy of the parties as JSON) while the main thread runs the built-in
 * rules that do not need resolved entities; then the main thread runs the entity rules, scores,
 * communities, tracing and corridors as `analyze` does. The worker is stopped before the promise
 * settles. It costs the copy (about 1 s of CPU and 170 MB at 1M transactions, 80k parties) and
 * pays only where cores are free: on a 2-core machine it measured no faster than `analyze`.
 *
 * @example
 * ```ts
 * import { analyzeParallel, loadCase } from "wildtrace";
 * const results = await analyzeParallel(await loadCase("datasets/mini"), { seed: 7 });
 * results.alerts.length; // the same alerts as analyze(load, { seed: 7 })
 * ```
 */
export async function analyzeParallel(load: CaseLoad, options: AnalyzeParallelOptions = {}): Promise<AnalysisResults> {
  checkAnalyzeOptions(options, "analyzeParallel");
  const threads = options.threads ?? (availableParallelism() >= 4 ? 2 : 1);
  if (threads !== 1 && threads !== 2) throw new OptionError("analyzeParallel", `threads must be 1 or 2, got ${threads}`);
  const ruleSet = options.ruleSet ?? defaultRules();
  const config = parseRulesConfig(options.rules, "analyzeParallel");
  resolveRules(ruleSet, config, "analyzeParallel"); // the same option errors as analyze, before the worker starts
  const dataset = load.dataset;
  if (threads === 1 || dataset.parties.length === 0) return analyze(load, options);
  if (options.resolve !== undefined) resolveEntities(emptyLike(dataset), options.resolve); // option errors on this thread

  const progress = options.onProgress;
  const plan = splitRulesAtResolution(ruleSet);
  const worker = startWorker("resolve-worker");
  try {
    // A progress handler cannot cross to the worker (and this thread is busy with the rules meanwhile).
    const { onProgress: _progress, ...resolveOptions } = options.resolve ?? {};
    const input: ResolveWorkerInput = { parties: JSON.stringify(dataset.parties), options: resolveOptions };
    const resolved = workerResult<Resolution>(worker);
    resolved.catch(() => {}); // handled below; not an unhandled rejection while this thread works
    worker.postMessage(input);
    // Rule progress counts over the whole rule set: the second run continues where the first stopped.
    const ruleProgress = (offset: number) =>
      progress && ((e: ProgressEvent) => progress({ ...e, done: e.done + offset, total: ruleSet.length, message: offset === 0 ? `${e.message} (entities resolve in a worker thread)` : e.message }));
    const first = runRules(dataset, { rules: plan.before, config: restrictConfig(config, plan.before), onProgress: ruleProgress(0) });
    progress?.({ stage: "resolve", done: 0, total: dataset.parties.length, message: "waiting for the worker thread" });
    const resolution = await resolved;
    const second = runRules(dataset, { rules: plan.after, config: restrictConfig(config, plan.after), entities: resolution.entities, onProgress: ruleProgress(plan.before.length) });
    return finishAnalysis(load, options, resolution, mergeRuleRuns(ruleSet, config, [first, second]));
  } finally {
    await worker.terminate();
  }
}

/** A dataset with no records, to validate resolve options without resolving. */
function emptyLike(dataset: Dataset): Dataset {
  return { ...dataset, parties: [], partyIndex: new Map() };
}

/** The config with only the overrides of these rules (runRules refuses overrides of rules it does not run). */
function restrictConfig(config: RulesConfig, rules: readonly Rule[]): RulesConfig {
  const keep = new Set(rules.map((r) => r.id));
  return { ...config, rules: Object.fromEntries(Object.entries(config.rules).filter(([id]) => keep.has(id))) };
}

/** The worker's one message, or its error. */
function workerResult<T>(w: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    w.once("message", (m: T) => resolve(m));
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`analyzeParallel: the worker thread stopped (exit code ${code}) before sending its result`)));
  });
}

/** One rules result from the two runs, ordered as runRules orders it for the whole rule set. */
function mergeRuleRuns(ruleSet: readonly Rule[], config: RulesConfig, parts: readonly RunRulesResult[]): RunRulesResult {
  const alerts: Alert[] = parts.flatMap((p) => p.alerts);
  alerts.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ran = new Set(parts.flatMap((p) => p.ran));
  const skipped = new Map<string, SkippedRule>(parts.flatMap((p) => p.skipped.map((s) => [s.rule, s] as const)));
  return {
    alerts,
    ran: ruleSet.map((r) => r.id).filter((id) => ran.has(id)),
    skipped: ruleSet.flatMap((r) => skipped.get(r.id) ?? []),
    config,
  };
}

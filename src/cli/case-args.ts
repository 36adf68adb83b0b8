import type { AnalysisResults, AnalyzeOptions } from "../analyze.js";
import { type CaseLoad, loadCase } from "../ingest/load-case.js";
import { caseReaders } from "../ingest/readers.js";
import type { ProgressHandler } from "../model/progress.js";
import { analyzeParallel } from "../parallel/analyze-parallel.js";
import { UsageError } from "./io.js";
import { stderrProgress } from "./progress.js";
import { readRulesConfig } from "./rules.js";

/**
 * The flags every command that analyses a case folder takes (parseArgs options).
 *
 * @example
 * ```ts
 * import { parseArgs } from "node:util";
 * const { values } = parseArgs({ args: ["--seed", "7", "--quiet"], options: CASE_OPTIONS });
 * values.seed; // "7"
 * values.strict; // false
 * ```
 */
export const CASE_OPTIONS = {
  mapping: { type: "string" },
  "base-currency": { type: "string" },
  strict: { type: "boolean", default: false },
  seed: { type: "string", default: "42" },
  config: { type: "string" },
  threads: { type: "string" },
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/**
 * Their help lines, for the commands' usage texts.
 *
 * @example
 * ```ts
 * const help = `Usage: wildtrace mycommand DIR [options]\n\nOptions:\n${CASE_OPTIONS_HELP}`;
 * ```
 */
export const CASE_OPTIONS_HELP = `  --mapping FILE     column mapping JSON [default: DIR/mapping.json if present]
  --base-currency C  base currency for amounts [default: USD]
  --strict           stop at the first bad record instead of quarantining it
  --seed N           seed for randomised steps [default: 42]
  --config FILE      rules config JSON: per-rule params and enabled flags, typology weights,
                     watchlist (see 'wildtrace rules --help') [default: built-in defaults]
  --threads N        1: everything on one thread; 2: entity resolution in a worker thread
                     while the rules run (same results) [default: 2 with 4 or more cores]
  --quiet            no progress on stderr
  -h, --help         this help`;

/** The parsed values of {@link CASE_OPTIONS}. */
export interface CaseArgValues {
  mapping?: string;
  "base-currency"?: string;
  strict?: boolean;
  seed?: string;
  config?: string;
  threads?: string;
  quiet?: boolean;
}

/**
 * Load the case folder `dir` and analyse it as the flags say, with a progress line on stderr
 * unless `--quiet`. A bad `--seed` is a usage error shown with `help`. The command reports its
 * own writing stages through `progress` and calls `progress.done()` when it has finished.
 *
 * @example
 * ```ts
 * const { load, results, progress } = await analyzeCaseArgs("datasets/mini", { seed: "42", quiet: true }, ANALYZE_HELP);
 * progress.done();
 * results.alerts.length; // 12
 * await analyzeCaseArgs("datasets/mini", { seed: "x" }, ANALYZE_HELP);
 * // throws UsageError: "--seed must be an integer, got 'x'"
 * ```
 */
export async function analyzeCaseArgs(dir: string, values: CaseArgValues, help: string, options: Omit<AnalyzeOptions, "seed" | "onProgress" | "rules"> = {}): Promise<{ load: CaseLoad; results: AnalysisResults; progress: ProgressHandler & { done(): void } }> {
  const seed = Number(values.seed ?? "42");
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`, help);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && threads !== 1 && threads !== 2) throw new UsageError(`--threads must be 1 or 2, got '${values.threads}'`, help);
  const rules = values.config ? readRulesConfig(values.config) : undefined;
  const progress = values.quiet ? quietProgress() : stderrProgress();
  const load = await loadCase(dir, {
    mapping: values.mapping,
    baseCurrency: values["base-currency"]?.toUpperCase(),
    strict: values.strict,
    readers: caseReaders(),
    onProgress: progress,
  });
  const results = await analyzeParallel(load, { ...options, seed, onProgress: progress, rules, threads });
  return { load, results, progress };
}

function quietProgress(): ProgressHandler & { done(): void } {
  return Object.assign(() => {}, { done() {} });
}

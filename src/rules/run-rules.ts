import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import type { ProgressHandler } from "../model/progress.js";
import { parseRulesConfig, type RulesConfig } from "./config.js";
import { createRuleContext, type EntityCluster, type RuleContext } from "./context.js";
import type { Corridors } from "./corridors.js";
import { defaultRules } from "./default-rules.js";
import type { Lexicon } from "./lexicon.js";
import type { Rule, RuleParams } from "./rule.js";
import type { Alert, Band, Measurement } from "./types.js";
import { type WatchlistEntryInput, WatchlistEntrySchema } from "./watchlist.js";

/** Options of {@link runRules}. */
export interface RunRulesOptions {
  /** The rules to run. [default: {@link defaultRules}()] */
  rules?: readonly Rule[];
  /** A rules configuration (validated by `RulesConfigSchema`). [default: {}] */
  config?: unknown;
  /** Wildlife lexicon. [default: datasets/lexicon/lexicon.json] */
  lexicon?: Lexicon;
  /** Corridors. [default: datasets/corridors] */
  corridors?: Corridors;
  /** Watchlist entries (validated by `WatchlistEntrySchema`), added to the config's. [default: none] */
  watchlist?: readonly WatchlistEntryInput[];
  /** Resolved entities from the resolve stage. [default: none] */
  entities?: readonly EntityCluster[];
  /** Progress: stage "rules", one report as each rule starts (done = rules finished). [default: none] */
  onProgress?: ProgressHandler;
}

/** A rule that did not run, and why. */
export interface SkippedRule {
  rule: string;
  reason: string;
}

/** Result of {@link runRules}. */
export interface RunRulesResult {
  /** Alerts sorted by score (descending), then id. */
  alerts: Alert[];
  /** Ids of the rules that ran, in run order. */
  ran: string[];
  skipped: SkippedRule[];
  /** The validated configuration (for scoring). */
  config: RulesConfig;
}

/** A rule with its validated parameters and bands, ready to run. */
export interface ResolvedRule {
  rule: Rule;
  enabled: boolean;
  params: RuleParams;
  bands: Band[];
}

/**
 * Validate a config against a set of rules: parameters per rule, bands, unknown rule ids.
 * Throws {@link OptionError} naming the rule and the problem.
 *
 * @example
 * ```ts
 * import { defaultRules, resolveRules } from "wildtrace";
 * const resolved = resolveRules(defaultRules(), { rules: { fan_in: { params: { minCounterparties: 8 } } } });
 * resolved.find((r) => r.rule.id === "fan_in")?.params.minCounterparties; // 8
 * ```
 */
export function resolveRules(rules: readonly Rule[], config: unknown, fn = "resolveRules"): ResolvedRule[] {
  const cfg = parseRulesConfig(config, fn);
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new OptionError(fn, `two rules have the id '${r.id}'`);
    ids.add(r.id);
  }
  for (const id of Object.keys(cfg.rules)) {
    if (!ids.has(id)) throw new OptionError(fn, `the config names an unknown rule '${id}' (known: ${[...ids].sort().join(", ")})`);
  }
  return rules.map((rule) => {
    const o = Object.hasOwn(cfg.rules, rule.id) ? cfg.rules[rule.id] : undefined;
    const parsed = rule.params.safeParse(o?.params ?? {});
    if (!parsed.success) {
      throw new OptionError(fn, `rule '${rule.id}' params: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
    }
    const params = parsed.data as RuleParams;
    const bands = [...(o?.bands ?? rule.bands(params))].sort((a, b) => a.min - b.min);
    return { rule, enabled: o?.enabled ?? true, params, bands };
  });
}

/**
 * Run typology rules over a dataset: each rule measures, its bands decide, and every measurement
 * that reaches the lowest band becomes an alert with its evidence. Rules whose inputs are absent
 * are skipped and listed with the reason. Pure: no I/O, the dataset is not modified.
 *
 * @example
 * ```ts
 * import { defaultRules, loadCase, runRules } from "wildtrace";
 * const { dataset } = await loadCase("datasets/mini");
 * const { alerts, skipped } = runRules(dataset, { rules: defaultRules(), config: { rules: { round_amounts: { enabled: false } } } });
 * alerts[0].explanation; // one sentence: "USD 48,000 from account ACC-CN-01 (Golden Dragon Trading Co Ltd) travelled CN -> MY -> MZ ..."
 * ```
 */
export function runRules(dataset: Dataset, options: RunRulesOptions = {}): RunRulesResult {
  const config = parseRulesConfig(options.config, "runRules");
  const resolved = resolveRules(options.rules ?? defaultRules(), config, "runRules");
  const listed = WatchlistEntrySchema.array().safeParse(options.watchlist ?? []);
  if (!listed.success) {
    throw new OptionError("runRules", `invalid watchlist: ${listed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const ctx = createRuleContext(dataset, {
    lexicon: options.lexicon,
    corridors: options.corridors,
    watchlist: [...config.watchlist, ...listed.data],
    entities: options.entities,
  });
  const alerts: Alert[] = [];
  const seen = new Set<string>();
  const ran: string[] = [];
  const skipped: SkippedRule[] = [];
  for (const [k, r] of resolved.entries()) {
    options.onProgress?.({ stage: "rules", done: k, total: resolved.length, message: r.rule.id });
    if (!r.enabled) {
      skipped.push({ rule: r.rule.id, reason: "disabled in the config" });
      continue;
    }
    const reason = missingInput(ctx, r.rule);
    if (reason) {
      skipped.push({ rule: r.rule.id, reason });
      continue;
    }
    ran.push(r.rule.id);
    for (const m of r.rule.measure(ctx, r.params)) {
      const a = toAlert(ctx, r, m, config.maxEvidence);
      if (a && !seen.has(a.id)) {
        seen.add(a.id);
        alerts.push(a);
      }
    }
  }
  alerts.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { alerts, ran, skipped, config };
}

function missingInput(ctx: RuleContext, rule: Rule): string | undefined {
  for (const need of rule.needs) {
    if (typeof need === "string") {
      const why = ctx.missing(need);
      if (why) return why;
    } else {
      const whys = need.map((n) => ctx.missing(n));
      if (whys.every((w) => w !== undefined)) return whys.join("; ");
    }
  }
  return undefined;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
}

function toAlert(ctx: RuleContext, r: ResolvedRule, m: Measurement, maxEvidence: number): Alert | undefined {
  let band: Band | undefined;
  for (const b of r.bands) if (m.value >= b.min) band = b;
  if (!band) return undefined;
  const ds = ctx.dataset;
  const accounts: string[] = [];
  const partyIdx: number[] = [];
  const seenP = new Set<number>();
  for (const a of m.accounts) {
    accounts.push(ds.accounts[a].id);
    const p = ds.accountHolder[a];
    if (p >= 0 && !seenP.has(p)) {
      seenP.add(p);
      partyIdx.push(p);
    }
  }
  for (const p of m.parties ?? []) {
    if (!seenP.has(p)) {
      seenP.add(p);
      partyIdx.push(p);
    }
  }
  const ids = ds.transactions.id;
  const txs = m.transactions.slice(0, maxEvidence).map((i) => ids.get(i));
  let explanation = `${r.rule.explain(m, r.params, ctx)}; ${band.reason}`;
  if (m.transactions.length > maxEvidence) explanation += ` (the first ${maxEvidence} of ${m.transactions.length} transactions are listed)`;
  const alert: Alert = {
    id: `${r.rule.id}:${m.key}`,
    rule: r.rule.id,
    typology: r.rule.typology,
    indicator: r.rule.indicator,
    severity: band.severity,
    score: band.score,
    value: round(m.value),
    threshold: r.bands[0].min,
    explanation: `${explanation}.`,
    accounts,
    parties: partyIdx.map((p) => ds.parties[p].id),
    transactions: txs,
  };
  const start = iso(m.start);
  const end = iso(m.end);
  if (start) alert.start = start;
  if (end) alert.end = end;
  return alert;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

import { z } from "zod";
import { OptionError } from "../errors.js";
import { BandSchema, TYPOLOGIES, type Typology } from "./types.js";
import { WatchlistEntrySchema } from "./watchlist.js";

/**
 * Per-rule overrides in a rules config.
 *
 * @example
 * ```ts
 * import { RuleOverrideSchema } from "wildtrace";
 * RuleOverrideSchema.parse({ params: { minCounterparties: 8 } }).enabled; // undefined: the rule runs
 * RuleOverrideSchema.safeParse({ enable: false }).success; // false: unknown key
 * ```
 */
export const RuleOverrideSchema = z
  .object({
    /** Run the rule. [default: true] */
    enabled: z.boolean().optional(),
    /** Parameter values, validated by the rule's own schema. [default: the rule's defaults] */
    params: z.record(z.string(), z.unknown()).optional(),
    /** Bands replacing the rule's default bands. [default: the rule's bands] */
    bands: z.array(BandSchema).min(1).optional(),
  })
  .strict();
export type RuleOverride = z.infer<typeof RuleOverrideSchema>;

/**
 * Scoring settings.
 *
 * @example
 * ```ts
 * import { ScoringConfigSchema } from "wildtrace";
 * ScoringConfigSchema.parse({}); // { decay: 0.5, agreementBonus: 15, agreementMin: 30, involvedFactor: 0.5 }
 * ScoringConfigSchema.safeParse({ decay: 2 }).success; // false: decay is at most 1
 * ```
 */
export const ScoringConfigSchema = z
  .object({
    /** Each further alert of one typology counts `decay` times the previous one. [default: 0.5] */
    decay: z.number().min(0).max(1).default(0.5),
    /** Points added per further independent typology family that agrees. [default: 15] */
    agreementBonus: z.number().min(0).max(50).default(15),
    /** A typology counts towards agreement only from this strength (0-100). [default: 30] */
    agreementMin: z.number().min(0).max(100).default(30),
    /** Share of an alert's score given to accounts and parties it only involves (a counterparty, not the subject). [default: 0.5] */
    involvedFactor: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;

/**
 * A rules configuration, e.g. the `rules.json` given to `wildtrace analyze --config`:
 * `{"rules": {"fan_in": {"params": {"minCounterparties": 8}}, "round_amounts": {"enabled": false}},
 * "weights": {"wildlife_keyword": 1.2}, "watchlist": [...]}`.
 *
 * @example
 * ```ts
 * import { RulesConfigSchema } from "wildtrace";
 * const cfg = RulesConfigSchema.parse({ rules: { round_amounts: { enabled: false } }, weights: { wildlife_keyword: 1.2 } });
 * cfg.maxEvidence; // 50
 * cfg.scoring.decay; // 0.5
 * ```
 */
export const RulesConfigSchema = z
  .object({
    /** Overrides per rule id. [default: {}] */
    rules: z.record(z.string(), RuleOverrideSchema).default({}),
    /** Weight per typology in the scores, 0-2. [default: {@link DEFAULT_TYPOLOGY_WEIGHTS}] */
    weights: z.partialRecord(z.enum(TYPOLOGIES), z.number().min(0).max(2)).default({}),
    scoring: ScoringConfigSchema.prefault({}),
    /** Most transaction ids listed per alert. [default: 50] */
    maxEvidence: z.number().int().min(1).max(100000).default(50),
    /** Watchlist entries for the `watchlist_link` rule. [default: []] */
    watchlist: z.array(WatchlistEntrySchema).default([]),
  })
  .strict();
export type RulesConfig = z.infer<typeof RulesConfigSchema>;
export type RulesConfigInput = z.input<typeof RulesConfigSchema>;

/**
 * Default weight of each typology in the scores. Generic patterns weigh less than wildlife red
 * flags: the sources warn that single generic indicators flood analysts (FATF 2020, Themis).
 *
 * @example
 * ```ts
 * import { DEFAULT_TYPOLOGY_WEIGHTS } from "wildtrace";
 * DEFAULT_TYPOLOGY_WEIGHTS.watchlist_link; // 1.2
 * DEFAULT_TYPOLOGY_WEIGHTS.round_amounts; // 0.4
 * ```
 */
export const DEFAULT_TYPOLOGY_WEIGHTS: Readonly<Record<Typology, number>> = Object.freeze({
  fan_in: 0.6,
  fan_out: 0.6,
  scatter_gather: 0.8,
  gather_scatter: 0.7,
  cycle: 0.8,
  stack: 0.8,
  structuring: 0.8,
  pass_through: 0.7,
  rapid_movement: 0.6,
  round_amounts: 0.4,
  dormant_activation: 0.5,
  cash_intensive: 0.5,
  high_risk_corridor: 0.9,
  wildlife_keyword: 1,
  wildlife_sector: 0.5,
  official_payment: 1,
  mobile_money_burst: 0.6,
  third_party_payment: 0.6,
  front_company: 0.8,
  watchlist_link: 1.2,
});

/**
 * Independent evidence families: agreement between typologies of different families earns the
 * score bonus; two flow shapes (fan-in and gather-scatter) are one family and do not.
 *
 * @example
 * ```ts
 * import { TYPOLOGY_FAMILIES } from "wildtrace";
 * TYPOLOGY_FAMILIES.fan_in === TYPOLOGY_FAMILIES.gather_scatter; // true: both "flow", no agreement bonus
 * TYPOLOGY_FAMILIES.wildlife_keyword; // "text"
 * ```
 */
export const TYPOLOGY_FAMILIES: Readonly<Record<Typology, string>> = Object.freeze({
  fan_in: "flow",
  fan_out: "flow",
  scatter_gather: "flow",
  gather_scatter: "flow",
  cycle: "flow",
  stack: "flow",
  pass_through: "flow",
  rapid_movement: "flow",
  structuring: "cash",
  round_amounts: "cash",
  cash_intensive: "cash",
  mobile_money_burst: "cash",
  dormant_activation: "profile",
  front_company: "profile",
  third_party_payment: "profile",
  wildlife_sector: "profile",
  high_risk_corridor: "geography",
  wildlife_keyword: "text",
  official_payment: "people",
  watchlist_link: "people",
});

/**
 * Typologies whose alerts describe a path or loop: every account on it is a subject, not a mere
 * counterparty, and gets the alert's full score.
 *
 * @example
 * ```ts
 * import { PATH_TYPOLOGIES } from "wildtrace";
 * PATH_TYPOLOGIES.has("cycle"); // true
 * PATH_TYPOLOGIES.has("fan_in"); // false
 * ```
 */
export const PATH_TYPOLOGIES: ReadonlySet<Typology> = new Set<Typology>(["cycle", "stack", "scatter_gather", "high_risk_corridor"]);

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Validate a rules configuration (e.g. parsed JSON). Throws {@link OptionError} listing every
 * problem at once.
 *
 * @example
 * ```ts
 * import { parseRulesConfig } from "wildtrace";
 * const cfg = parseRulesConfig({ rules: { fan_in: { params: { minCounterparties: 8 } } } });
 * cfg.maxEvidence; // 50
 * ```
 */
export function parseRulesConfig(input: unknown, fn = "parseRulesConfig"): RulesConfig {
  if (input !== null && typeof input === "object") {
    for (const section of ["rules", "weights"] as const) {
      const raw = (input as Record<string, unknown>)[section];
      if (raw === null || typeof raw !== "object") continue;
      for (const key of Object.keys(raw)) {
        if (UNSAFE_KEYS.has(key)) throw new OptionError(fn, `invalid rules config: ${section}: the key '${key}' is not allowed`);
      }
    }
  }
  const r = RulesConfigSchema.safeParse(input ?? {});
  if (!r.success) {
    throw new OptionError(fn, `invalid rules config: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  }
  return r.data;
}

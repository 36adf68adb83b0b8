import { z } from "zod";

/**
 * The vocabulary of the `typology` field of alerts: the generic laundering patterns named as in
 * IBM AMLSim / AMLworld (Altman et al., NeurIPS 2023), the common AML red flags, and the illegal
 * wildlife trade red flags of the Themis IWT toolkit, FinCEN (2021) and FATF (2020).
 *
 * @example
 * ```ts
 * import { TYPOLOGIES } from "wildtrace";
 * TYPOLOGIES.length; // 20
 * TYPOLOGIES.includes("wildlife_keyword"); // true
 * ```
 */
export const TYPOLOGIES = Object.freeze([
  "fan_in",
  "fan_out",
  "scatter_gather",
  "gather_scatter",
  "cycle",
  "stack",
  "structuring",
  "pass_through",
  "rapid_movement",
  "round_amounts",
  "dormant_activation",
  "cash_intensive",
  "high_risk_corridor",
  "wildlife_keyword",
  "wildlife_sector",
  "official_payment",
  "mobile_money_burst",
  "third_party_payment",
  "front_company",
  "watchlist_link",
] as const);
export type Typology = (typeof TYPOLOGIES)[number];

/**
 * Alert severities, weakest first.
 *
 * @example
 * ```ts
 * import { SEVERITIES } from "wildtrace";
 * SEVERITIES.indexOf("high") > SEVERITIES.indexOf("medium"); // true
 * ```
 */
export const SEVERITIES = Object.freeze(["low", "medium", "high"] as const);
export type Severity = (typeof SEVERITIES)[number];

/**
 * A band turns a measured value into an outcome: the highest band whose `min` the value reaches
 * decides the severity and score, and its `reason` is quoted in the explanation.
 *
 * @example
 * ```ts
 * import { BandSchema } from "wildtrace";
 * BandSchema.parse({ min: 10, severity: "high", score: 80, reason: "10 or more payers in a week" });
 * BandSchema.safeParse({ min: 10, severity: "critical", score: 80, reason: "x" }).success; // false
 * ```
 */
export const BandSchema = z
  .object({
    /** The band applies when the measured value is at least this. */
    min: z.number().finite(),
    severity: z.enum(SEVERITIES),
    /** Alert score, 0-100. */
    score: z.number().min(0).max(100),
    /** Why this band exists, in words an analyst can check. */
    reason: z.string().min(1),
  })
  .strict();
export type Band = z.infer<typeof BandSchema>;

/**
 * Inputs a rule may need; a rule whose inputs are absent from a dataset is skipped with a reason.
 *
 * @example
 * ```ts
 * import { RULE_INPUTS } from "wildtrace";
 * RULE_INPUTS.includes("references"); // true
 * ```
 */
export const RULE_INPUTS = Object.freeze([
  "transactions",
  "parties",
  "references",
  "narratives",
  "roles",
  "sectors",
  "countries",
  "relationships",
  "cash",
  "mobile_money",
  "watchlist",
] as const);
export type RuleInput = (typeof RULE_INPUTS)[number];

/**
 * One measurement of a rule: what was measured, over which records. A rule's `measure` returns
 * only the measurements that reach its threshold; the engine turns them into alerts.
 */
export interface Measurement {
  /** Identifies the measurement within the rule (e.g. an account id and a window start); part of the alert id. */
  readonly key: string;
  /** The measured value (a count, a sum in the base currency, a ratio...). */
  readonly value: number;
  /** Account indices involved, the subject first. */
  readonly accounts: readonly number[];
  /** Party indices involved beyond the holders of `accounts` (which the engine adds). */
  readonly parties?: readonly number[];
  /** Transaction indices of the evidence, in time order. */
  readonly transactions: readonly number[];
  /** Start and end of the measured window or path, epoch ms. */
  readonly start?: number;
  readonly end?: number;
  /** Facts for the explanation sentence (names, amounts, countries...). */
  readonly facts?: Readonly<Record<string, string | number>>;
}

/** An alert, as written to the `alerts` array of results.json. */
export interface Alert {
  id: string;
  rule: string;
  typology: Typology;
  /** The indicator source the rule implements. */
  indicator: string;
  severity: Severity;
  score: number;
  value: number;
  threshold: number;
  /** One sentence a trainer could read aloud. */
  explanation: string;
  accounts: string[];
  parties: string[];
  /** Transaction ids of the evidence (capped; the explanation gives the full count). */
  transactions: string[];
  start?: string;
  end?: string;
}

import type { z } from "zod";
import type { RuleContext } from "./context.js";
import type { Band, Measurement, RuleInput, Typology } from "./types.js";

/** Validated parameters of a rule, as the engine passes them (see {@link defineRule} for typed ones). */
export type RuleParams = Readonly<Record<string, unknown>>;

/**
 * A typology rule. It **measures** (`measure`: a pure function of the data and its validated
 * parameters) and its **bands** decide: the engine keeps the measurements that reach the lowest
 * band and turns them into alerts. No I/O, no logging, no state.
 */
export interface Rule {
  /** Stable id, used in alert ids and the config (`rules.<id>`). */
  readonly id: string;
  readonly title: string;
  readonly typology: Typology;
  /** The indicator source the rule implements (e.g. "Themis IWT red flags: transit hub"). */
  readonly indicator: string;
  /** What the rule measures, in a sentence (shown by `wildtrace rules`). */
  readonly description: string;
  /** Inputs the rule needs; an inner array means "any of these". */
  readonly needs: readonly (RuleInput | readonly RuleInput[])[];
  /** The unit of the measured value ("counterparties", "USD"...); `base` means the base currency. */
  readonly unit: string;
  /** zod schema of the parameters; every field has a documented default. */
  readonly params: z.ZodObject;
  /** The lowest value that alerts, from the parameters. */
  threshold(params: RuleParams): number;
  /** The default bands for these parameters, lowest first. */
  bands(params: RuleParams): Band[];
  /** The measurements that reach the threshold. */
  measure(ctx: RuleContext, params: RuleParams): Measurement[];
  /** One sentence (without the final period) explaining a measurement. */
  explain(m: Measurement, params: RuleParams, ctx: RuleContext): string;
}

/** A rule with typed parameters; {@link defineRule} turns it into a {@link Rule}. */
export interface RuleSpec<S extends z.ZodObject> {
  readonly id: string;
  readonly title: string;
  readonly typology: Typology;
  readonly indicator: string;
  readonly description: string;
  readonly needs: readonly (RuleInput | readonly RuleInput[])[];
  readonly unit: string;
  readonly params: S;
  threshold(params: z.infer<S>): number;
  bands(params: z.infer<S>): Band[];
  measure(ctx: RuleContext, params: z.infer<S>): Measurement[];
  explain(m: Measurement, params: z.infer<S>, ctx: RuleContext): string;
}

/**
 * Define a rule with typed parameters (the engine validates them with `spec.params` first).
 *
 * @example
 * ```ts
 * import { z } from "zod";
 * import { defineRule, runRules, defaultRules, createDataset } from "wildtrace";
 * const bigCash = defineRule({
 *   id: "big_cash", title: "Large cash deposit", typology: "cash_intensive",
 *   indicator: "Own policy: single cash deposit above a limit", description: "Cash deposits above `min`.",
 *   needs: ["cash"], unit: "base",
 *   params: z.object({ min: z.number().positive().default(50000) }),
 *   threshold: (p) => p.min,
 *   bands: (p) => [{ min: p.min, severity: "medium", score: 50, reason: "above the bank's cash limit" }],
 *   measure: (ctx, p) => {
 *     const t = ctx.dataset.transactions;
 *     const out = [];
 *     for (let i = 0; i < t.length; i++) {
 *       if (t.from[i] === -1 && t.to[i] >= 0 && t.baseAmount[i] >= p.min) {
 *         out.push({ key: t.id.get(i), value: t.baseAmount[i], accounts: [t.to[i]], transactions: [i], start: t.time[i], end: t.time[i] });
 *       }
 *     }
 *     return out;
 *   },
 *   explain: (m) => `A single cash deposit of ${m.value} was made`,
 * });
 * const { dataset } = createDataset({ accounts: [{ id: "A" }], transactions: [{ id: "T1", date: "2024-01-01", amount: 60000, currency: "USD", toAccount: "A", channel: "cash_deposit" }] });
 * runRules(dataset, { rules: [...defaultRules(), bigCash] }).alerts.some((a) => a.rule === "big_cash"); // true
 * ```
 */
export function defineRule<S extends z.ZodObject>(spec: RuleSpec<S>): Rule {
  return spec as unknown as Rule;
}

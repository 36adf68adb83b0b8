import { z } from "zod";
import { OptionError } from "../errors.js";

/**
 * The planted schemes the generator knows, one story each (see `schemes/`).
 *
 * @example
 * ```ts
 * import { generateCase, SCHEME_NAMES } from "wildtrace";
 * generateCase({ out: "cases/all", schemes: [...SCHEME_NAMES] });
 * ```
 */
export const SCHEME_NAMES = Object.freeze(["ivory", "pangolin", "rhino", "abalone", "rosewood"] as const);
export type SchemeName = (typeof SCHEME_NAMES)[number];

/**
 * Difficulty levels: how much noise and obfuscation hides the planted schemes.
 *
 * @example
 * ```ts
 * import { DIFFICULTIES } from "wildtrace";
 * DIFFICULTIES; // ["easy", "medium", "hard"]
 * ```
 */
export const DIFFICULTIES = Object.freeze(["easy", "medium", "hard"] as const);
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * Options of {@link generateCase}, validated by this schema.
 *
 * @example
 * ```ts
 * import { GenerateOptionsSchema } from "wildtrace";
 * GenerateOptionsSchema.parse({ seed: 3 }).difficulty; // "medium"
 * ```
 */
export const GenerateOptionsSchema = z.object({
  /** Seed of every random draw. [default: 1] */
  seed: z.number().int().default(1),
  /** Total number of transactions written (background plus planted). [default: 20_000] */
  transactions: z.number().int().min(1000).max(50_000_000).default(20_000),
  /** Number of background accounts. [default: transactions / 10, at least 300] */
  accounts: z.number().int().min(100).max(5_000_000).optional(),
  /** First day of the period, `YYYY-MM-DD`. [default: "2024-01-01"] */
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default("2024-01-01"),
  /** Length of the period in days. [default: 182] */
  days: z.number().int().min(30).max(1096).default(182),
  /** Which schemes to plant. [default: all five] */
  schemes: z.array(z.enum(SCHEME_NAMES)).default([...SCHEME_NAMES]),
  /** Multiplier on the size of each scheme (shipments, poachers). [default: auto, 1 at 20,000 transactions and above, smaller below] */
  schemeScale: z.number().positive().max(20).optional(),
  /** Noise and obfuscation. [default: "medium"] */
  difficulty: z.enum(DIFFICULTIES).default("medium"),
  /** Malformed rows added to transactions.csv (bad dates, amounts, currencies, duplicate ids, unknown accounts), for teaching the quarantine; listed in `truth.dirty`, not counted in `transactions`. [default: 0] */
  dirtyRows: z.number().int().min(0).max(10_000).default(0),
  /** Also write one goAML STR per scheme (its planted transactions) into `goaml/str-<scheme>.xml`. [default: false] */
  goaml: z.boolean().default(false),
});

/** Options as the caller writes them (every field optional). */
export type GenerateOptions = z.input<typeof GenerateOptionsSchema>;
/** Options with every default applied. */
export type ResolvedGenerateOptions = z.output<typeof GenerateOptionsSchema>;

/**
 * Defaults of {@link GenerateOptions}, for documentation and tests.
 *
 * @example
 * ```ts
 * import { GENERATE_DEFAULTS } from "wildtrace";
 * GENERATE_DEFAULTS.transactions; // 20000
 * ```
 */
export const GENERATE_DEFAULTS = Object.freeze({
  seed: 1,
  transactions: 20_000,
  start: "2024-01-01",
  days: 182,
  schemes: SCHEME_NAMES,
  difficulty: "medium" as Difficulty,
  dirtyRows: 0,
  goaml: false,
});

/**
 * Validate generator options and apply the defaults. Throws an {@link OptionError} naming every
 * invalid option.
 *
 * @example
 * ```ts
 * import { resolveGenerateOptions } from "wildtrace";
 * resolveGenerateOptions({ seed: 7 }).transactions; // 20000
 * ```
 */
export function resolveGenerateOptions(options: GenerateOptions = {}, fn = "generateCase"): ResolvedGenerateOptions {
  const parsed = GenerateOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ");
    throw new OptionError(fn, problems);
  }
  const out = parsed.data;
  if (Number.isNaN(Date.parse(`${out.start}T00:00:00Z`))) throw new OptionError(fn, `start: '${out.start}' is not a date`);
  out.schemes = [...new Set(out.schemes)].sort((a, b) => SCHEME_NAMES.indexOf(a) - SCHEME_NAMES.indexOf(b));
  return out;
}

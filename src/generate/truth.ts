import { z } from "zod";
import { TYPOLOGIES, type Typology } from "../rules/types.js";

/**
 * The answer key written next to a generated case (`truth.json`): every planted account, party,
 * transaction and typology, per scheme and overall. Only what was planted is listed: background
 * behaviour that happens to look suspicious (a payroll fan-out, a busy cash shop) is not.
 */

/**
 * Typologies the generator plants: the whole `typology` vocabulary of alerts except
 * `watchlist_link`, which needs a user-supplied list.
 *
 * @example
 * ```ts
 * import { PLANTED_TYPOLOGIES } from "wildtrace";
 * PLANTED_TYPOLOGIES.includes("fan_in"); // true
 * ```
 */
export const PLANTED_TYPOLOGIES = Object.freeze(TYPOLOGIES.filter((t): t is Exclude<Typology, "watchlist_link"> => t !== "watchlist_link"));
export type PlantedTypology = (typeof PLANTED_TYPOLOGIES)[number];

/**
 * Accounts and transactions of one typology.
 *
 * @example
 * ```ts
 * import { TruthTypologySchema } from "wildtrace";
 * TruthTypologySchema.parse({ accounts: ["TZ-0000001"], transactions: ["T00000001"] });
 * ```
 */
export const TruthTypologySchema = z.object({
  accounts: z.array(z.string()),
  transactions: z.array(z.string()),
});

/**
 * One planted scheme.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { TruthSchemeSchema } from "wildtrace";
 * const truth = JSON.parse(readFileSync("datasets/five-routes/truth.json", "utf8"));
 * TruthSchemeSchema.parse(truth.schemes[0]).id; // "ivory"
 * ```
 */
export const TruthSchemeSchema = z.object({
  id: z.string(),
  commodity: z.string(),
  story: z.string(),
  typologies: z.array(z.string()),
  accounts: z.array(z.string()),
  parties: z.array(z.string()),
  transactions: z.array(z.string()),
  /** The scheme's laundering network (its core accounts, without poachers' wallets and officials). */
  community: z.array(z.string()),
  /** Accounts to start money tracing from. */
  traceSeeds: z.array(z.string()),
  /** Countries along the money route, in order (payer side first). */
  route: z.array(z.string()),
});
export type TruthScheme = z.infer<typeof TruthSchemeSchema>;

/**
 * The whole `truth.json`.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { TruthSchema } from "wildtrace";
 * const truth = TruthSchema.parse(JSON.parse(readFileSync("datasets/five-routes/truth.json", "utf8")));
 * truth.schemes.length; // 5
 * ```
 */
export const TruthSchema = z.object({
  seed: z.number(),
  options: z.record(z.string(), z.unknown()),
  schemes: z.array(TruthSchemeSchema),
  typologies: z.record(z.string(), TruthTypologySchema),
  accounts: z.array(z.string()),
  parties: z.array(z.string()),
  transactions: z.array(z.string()),
  traceSeeds: z.array(z.string()),
  duplicates: z.array(z.tuple([z.string(), z.string()])),
  /** Union of the schemes' laundering networks (each scheme's own is `schemes[].community`). */
  community: z.array(z.string()),
  /** Malformed rows deliberately written to transactions.csv (line numbers count the header as 1). */
  dirty: z.array(z.object({ file: z.string(), line: z.number(), field: z.string(), problem: z.string() })).default([]),
});
export type Truth = z.infer<typeof TruthSchema>;

/**
 * Check that a parsed JSON value is a truth file; returns it typed, or the zod issues.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { parseTruth } from "wildtrace";
 * const res = parseTruth(JSON.parse(readFileSync("datasets/ivory-tz-my-cn/truth.json", "utf8")));
 * if (res.success) console.log(res.truth.schemes.length);
 * ```
 */
export function parseTruth(value: unknown): { success: true; truth: Truth } | { success: false; issues: string[] } {
  const r = TruthSchema.safeParse(value);
  if (r.success) return { success: true, truth: r.data };
  return { success: false, issues: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
}

import { z } from "zod";
import { WildtraceError } from "../errors.js";
import { QuarantineEntrySchema } from "../model/schemas.js";

/**
 * The read side of the results.json contract (schemaVersion 1), as the reports and exports use
 * it. Each stage of the pipeline writes its own block; a block a stage did not write is read as
 * empty, and keys the reports do not use are kept untouched.
 */

const str = z.string();
const ids = z.array(str).default([]);

/**
 * A resolved entity: parties found to be one person or company.
 *
 * @example
 * ```ts
 * import { CaseEntitySchema } from "wildtrace";
 * CaseEntitySchema.parse({ id: "E1", members: ["P001", "P002"] });
 * // { id: "E1", members: ["P001", "P002"], evidence: [], score: 0 }
 * ```
 */
export const CaseEntitySchema = z.looseObject({
  id: str,
  members: ids,
  evidence: z.array(z.looseObject({ rule: str, members: ids, values: z.array(z.unknown()).default([]), score: z.number() })).default([]),
  score: z.number().default(0),
});
export type CaseEntity = z.infer<typeof CaseEntitySchema>;

/**
 * An alert raised by a typology rule.
 *
 * @example
 * ```ts
 * import { CaseAlertSchema } from "wildtrace";
 * const alert = CaseAlertSchema.parse({ id: "A1", rule: "pass_through", typology: "pass_through", severity: "high", score: 70, accounts: ["ACC-MY-01"] });
 * alert.transactions; // []
 * ```
 */
export const CaseAlertSchema = z.looseObject({
  id: str,
  rule: str,
  typology: str,
  indicator: str.default(""),
  severity: z.enum(["low", "medium", "high"]),
  score: z.number(),
  value: z.unknown().optional(),
  threshold: z.unknown().optional(),
  explanation: str.default(""),
  accounts: ids,
  parties: ids,
  transactions: ids,
  start: str.optional(),
  end: str.optional(),
});
export type CaseAlert = z.infer<typeof CaseAlertSchema>;

/**
 * A scored subject (account or party) with the alerts that explain its score.
 *
 * @example
 * ```ts
 * import { CaseScoreSchema } from "wildtrace";
 * CaseScoreSchema.parse({ id: "ACC-MY-01", kind: "account", score: 100, rank: 1 }).reasons; // []
 * ```
 */
export const CaseScoreSchema = z.looseObject({
  id: str,
  kind: z.enum(["account", "party"]),
  score: z.number(),
  rank: z.number(),
  reasons: ids,
});
export type CaseScore = z.infer<typeof CaseScoreSchema>;

/**
 * A community of accounts, ranked by score.
 *
 * @example
 * ```ts
 * import { CaseCommunitySchema } from "wildtrace";
 * CaseCommunitySchema.parse({ id: "C1", members: ["ACC-MY-01", "ACC-CN-01"], size: 2, score: 0.7 }).summary; // {}
 * ```
 */
export const CaseCommunitySchema = z.looseObject({
  id: str,
  members: ids,
  size: z.number(),
  score: z.number(),
  summary: z.record(str, z.unknown()).default({}),
});
export type CaseCommunity = z.infer<typeof CaseCommunitySchema>;

/**
 * A traced flow of funds from a seed account.
 *
 * @example
 * ```ts
 * import { CaseFlowSchema } from "wildtrace";
 * CaseFlowSchema.parse({ seed: "ACC-CN-01", direction: "forward", path: ["ACC-CN-01", "ACC-MY-01"], amount: 48000, countries: ["CN", "MY"] });
 * ```
 */
export const CaseFlowSchema = z.looseObject({
  seed: str,
  direction: z.enum(["forward", "backward"]),
  path: ids,
  transactions: ids,
  amount: z.number(),
  countries: ids,
  start: str.optional(),
  end: str.optional(),
});
export type CaseFlow = z.infer<typeof CaseFlowSchema>;

/**
 * A country corridor the traced flows follow.
 *
 * @example
 * ```ts
 * import { CaseCorridorSchema } from "wildtrace";
 * CaseCorridorSchema.parse({ countries: ["TZ", "MY", "CN"], amount: 48000, count: 3 }).examples; // []
 * ```
 */
export const CaseCorridorSchema = z.looseObject({
  countries: ids,
  amount: z.number(),
  count: z.number(),
  examples: z.array(ids).default([]),
});
export type CaseCorridor = z.infer<typeof CaseCorridorSchema>;

/**
 * The results object (`analyze()` or a parsed results.json) as the reports read it.
 *
 * @example
 * ```ts
 * import { CaseResultsSchema } from "wildtrace";
 * CaseResultsSchema.parse({}).alerts; // []: a block no stage wrote reads as empty
 * ```
 */
export const CaseResultsSchema = z.looseObject({
  schemaVersion: z.literal(1).default(1),
  summary: z.record(str, z.unknown()).default({}),
  quarantine: z.array(QuarantineEntrySchema).default([]),
  entities: z.array(CaseEntitySchema).default([]),
  alerts: z.array(CaseAlertSchema).default([]),
  scores: z.array(CaseScoreSchema).default([]),
  communities: z.array(CaseCommunitySchema).default([]),
  flows: z.array(CaseFlowSchema).default([]),
  corridors: z.array(CaseCorridorSchema).default([]),
});
export type CaseResults = z.infer<typeof CaseResultsSchema>;

/**
 * Validate a results object (from `analyze()` or a parsed results.json) and fill the blocks a
 * stage did not write with empty arrays. Throws a {@link WildtraceError} (`E_RESULTS`) naming the
 * calling function and every problem when the object does not follow the contract.
 *
 * @example
 * ```ts
 * import { analyze, loadCase, parseCaseResults } from "wildtrace";
 * const results = parseCaseResults(analyze(await loadCase("datasets/mini")));
 * results.alerts.length; // 0 when no rule ran, never undefined
 * ```
 */
export function parseCaseResults(results: unknown, caller = "parseCaseResults"): CaseResults {
  const parsed = CaseResultsSchema.safeParse(results);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new WildtraceError("E_RESULTS", `${caller}: the results object does not follow the results.json contract: ${problems.join("; ")}`);
}

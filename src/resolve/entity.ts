import { z } from "zod";

/**
 * One link found between two parties: which rule matched, on which values, how strongly.
 *
 * @example
 * ```ts
 * import { MatchEvidenceSchema } from "wildtrace";
 * MatchEvidenceSchema.parse({ rule: "passport", members: ["P1", "P7"], values: ["VN:C4521876"], score: 1 });
 * MatchEvidenceSchema.safeParse({ rule: "passport", members: ["P1"], values: [], score: 1 }).success; // false: two members
 * ```
 */
export const MatchEvidenceSchema = z.object({
  /** Rule name: an identifier rule (`passport`, `national_id`, `tax_number`, `registration_number`, `account_number`, `iban`, `id_number`, `email`, `phone`) or `fuzzy_name`. */
  rule: z.string(),
  /** The two party ids, sorted. */
  members: z.tuple([z.string(), z.string()]),
  /** The matched values: the normalised identifier, or both names followed by the supporting attributes (`birth_date=1979-04-12`, `phone=+84...`, `address=...`, `country=VN`). */
  values: z.array(z.string()),
  /** Strength in [0, 1]: 1 for documents, 0.9 for contacts, the name similarity for fuzzy matches. */
  score: z.number().min(0).max(1),
});
export type MatchEvidence = z.infer<typeof MatchEvidenceSchema>;

/**
 * A resolved entity: two or more party records judged to be one real person or company.
 *
 * @example
 * ```ts
 * import { ResolvedEntitySchema } from "wildtrace";
 * ResolvedEntitySchema.parse({
 *   id: "E-P1",
 *   members: ["P1", "P7"],
 *   evidence: [{ rule: "passport", members: ["P1", "P7"], values: ["VN:C4521876"], score: 1 }],
 *   score: 1,
 * }).members; // ["P1", "P7"]
 * ```
 */
export const ResolvedEntitySchema = z.object({
  /** `E-` followed by the smallest member id. */
  id: z.string(),
  /** Party ids, sorted. */
  members: z.array(z.string()).min(2),
  /** Every accepted link between members, strongest rule first. */
  evidence: z.array(MatchEvidenceSchema),
  /** Score of the weakest merge that holds the cluster together, in [0, 1]. */
  score: z.number().min(0).max(1),
});
export type ResolvedEntity = z.infer<typeof ResolvedEntitySchema>;

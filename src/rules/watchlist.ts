import { z } from "zod";

/**
 * A user-supplied watchlist entry: a seized consignee, a convicted trafficker, a sanctioned party.
 * Matched against parties by identifier, or by name together with the country or birth date.
 *
 * @example
 * ```ts
 * import { WatchlistEntrySchema } from "wildtrace";
 * const e = WatchlistEntrySchema.parse({ id: "W1", name: "Nguyen Van Hung", country: "VN", identifiers: ["passport:VN:C4521876"], reason: "ivory seizure, Hai Phong 2019" });
 * e.aliases; // []
 * e.source; // ""
 * ```
 */
export const WatchlistEntrySchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    aliases: z.array(z.string()).default([]),
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    birthDate: z.string().optional(),
    /** Identifiers as `type:COUNTRY:value` or `type:value` (e.g. `passport:VN:C4521876`). */
    identifiers: z.array(z.string()).default([]),
    /** Why the entry is listed (seizure, conviction, sanction). */
    reason: z.string().min(1),
    /** Where the listing comes from (court record, seizure report, sanctions list). */
    source: z.string().default(""),
  })
  .strict();
export type WatchlistEntry = z.infer<typeof WatchlistEntrySchema>;
export type WatchlistEntryInput = z.input<typeof WatchlistEntrySchema>;

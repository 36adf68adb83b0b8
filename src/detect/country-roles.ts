/**
 * Country roles in the illegal wildlife trade: where wildlife is poached (source), where it passes
 * (transit), where it is sold (destination). Money runs the other way: destination-country buyers
 * pay source-country suppliers, often through transit hubs.
 *
 * Source: United for Wildlife / Themis, illegal wildlife trade toolkit, general IWT country lists;
 * FATF, "Money Laundering and the Illegal Wildlife Trade" (June 2020). A country may hold two
 * roles (HK and VN are transit hubs and destination markets).
 */
import { z } from "zod";

/** Country roles, as ISO 3166-1 alpha-2 codes. */
export const CountryRolesSchema = z.object({
  source: z.array(z.string().regex(/^[A-Z]{2}$/)),
  transit: z.array(z.string().regex(/^[A-Z]{2}$/)),
  destination: z.array(z.string().regex(/^[A-Z]{2}$/)),
});
export type CountryRoles = z.infer<typeof CountryRolesSchema>;

/**
 * The general IWT roles (Themis toolkit lists).
 *
 * @example
 * ```ts
 * import { IWT_COUNTRY_ROLES } from "wildtrace";
 * IWT_COUNTRY_ROLES.destination; // ["CN", "HK", "VN"]
 * ```
 */
export const IWT_COUNTRY_ROLES: Readonly<CountryRoles> = Object.freeze({
  source: Object.freeze(["BJ", "CD", "CG", "CM", "ET", "GQ", "KE", "MZ", "NG", "TZ", "UG", "ZA", "ZM", "ZW"]) as string[],
  transit: Object.freeze(["AE", "HK", "JP", "KH", "KR", "LA", "MM", "MY", "QA", "SG", "TH", "TR", "VN"]) as string[],
  destination: Object.freeze(["CN", "HK", "VN"]) as string[],
});

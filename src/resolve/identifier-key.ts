import type { Identifier } from "../model/schemas.js";
import { documentCountry, documentValue, identifierRule } from "./identifier-parts.js";
import { normalisePhone } from "./phone.js";

/**
 * How an identifier links parties: `document` identifiers (passport, national id, tax or
 * registration number, account number, IBAN, other id numbers) identify one legal person on their
 * own; `contact` identifiers (phone, email) are often shared by a household or an office, so they
 * link only parties whose names are also alike.
 */
export type IdentifierStrength = "document" | "contact";

/** A normalised identifier: the rule that matches it, its strength and its comparable key. */
export interface IdentifierKey {
  /** Matching rule name, e.g. `passport`, `phone`, `email`, `tax_number`. */
  rule: string;
  strength: IdentifierStrength;
  /** Comparable key, e.g. `passport:VN:C4521876`, `+84903124471`, `hung.nv@example.vn`. */
  key: string;
}


/**
 * Normalise an identifier for matching, or undefined when it cannot identify anyone (an empty
 * value, an unreadable phone number). Document values keep only letters and digits, upper-cased,
 * and are qualified by type and issuing country; emails are lower-cased; phones become E.164 using
 * `partyCountry` as the default region.
 *
 * @example
 * ```ts
 * import { identifierKey } from "wildtrace";
 * identifierKey({ type: "passport", value: "c 452-1876", country: "VN" });
 * // { rule: "passport", strength: "document", key: "passport:VN:C4521876" }
 * identifierKey({ type: "phone", value: "0754 880 310" }, "TZ");
 * // { rule: "phone", strength: "contact", key: "+255754880310" }
 * ```
 */
export function identifierKey(identifier: Identifier, partyCountry?: string): IdentifierKey | undefined {
  const rule = identifierRule(identifier.type);
  if (rule === "phone") {
    const e164 = normalisePhone(identifier.value, identifier.country ?? partyCountry);
    return e164 ? { rule, strength: "contact", key: e164 } : undefined;
  }
  if (rule === "email") {
    const email = identifier.value.trim().toLowerCase();
    return /^[^@\s]+@[^@\s]+$/.test(email) ? { rule, strength: "contact", key: email } : undefined;
  }
  const value = documentValue(identifier.value);
  if (value === "") return undefined;
  return { rule, strength: "document", key: `${rule}:${documentCountry(rule, identifier)}:${value}` };
}

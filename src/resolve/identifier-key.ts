import type { Identifier } from "../model/schemas.js";
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

const TYPE_SYNONYMS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, {
    passport: "passport",
    passport_number: "passport",
    national_id: "national_id",
    nid: "national_id",
    id_card: "national_id",
    identity_card: "national_id",
    national_id_number: "national_id",
    ssn: "national_id",
    tax: "tax_number",
    tax_number: "tax_number",
    tin: "tax_number",
    vat: "tax_number",
    tax_id: "tax_number",
    registration: "registration_number",
    registration_number: "registration_number",
    reg: "registration_number",
    company_number: "registration_number",
    incorporation_number: "registration_number",
    account: "account_number",
    account_number: "account_number",
    iban: "iban",
    swift: "swift",
    bic: "swift",
    email: "email",
    phone: "phone",
    mobile: "phone",
    telephone: "phone",
  }),
);

/** Matching rule per identifier type as written; a case uses a handful of type spellings. */
const RULE_CACHE = new Map<string, string>();
const RULE_CACHE_LIMIT = 10_000;

/**
 * The matching rule of an identifier type as written (`Passport Number` -> `passport`, unknown -> `id_number`).
 *
 * @example
 * ```ts
 * identifierRule(" Passport-Number "); // "passport"
 * identifierRule("Mobile");            // "phone"
 * identifierRule("Licence");           // "id_number"
 * ```
 */
export function identifierRule(type: string): string {
  return ruleOf(type);
}

/** Document values keep only letters and digits, upper-cased. */
const NOT_DOCUMENT_CHAR = /[^A-Z0-9]/g;

/**
 * The comparable value of a document identifier (a rule other than `phone` and `email`): letters
 * and digits only, upper-cased; "" when nothing is left. Its key is `rule:country:value`, the
 * country being "" for `iban` and `swift`.
 *
 * @example
 * ```ts
 * documentValue("c 452-1876"); // "C4521876"
 * ```
 */
export function documentValue(value: string): string {
  return value.toUpperCase().replace(NOT_DOCUMENT_CHAR, "");
}

/** The issuing country that qualifies a document key: none for `iban` and `swift`, which carry their own. */
export function documentCountry(rule: string, identifier: Identifier): string {
  return rule === "iban" || rule === "swift" ? "" : (identifier.country ?? "");
}

/** The matching rule of an identifier type as written (`Passport Number` -> `passport`, unknown -> `id_number`). */
function ruleOf(type: string): string {
  let rule = RULE_CACHE.get(type);
  if (rule === undefined) {
    const rawType = type.trim().toLowerCase().replace(/[\s-]+/g, "_");
    rule = Object.hasOwn(TYPE_SYNONYMS, rawType) ? TYPE_SYNONYMS[rawType] : "id_number";
    if (RULE_CACHE.size < RULE_CACHE_LIMIT) RULE_CACHE.set(type, rule);
  }
  return rule;
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
  const rule = ruleOf(identifier.type);
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

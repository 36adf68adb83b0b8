import type { Identifier } from "../model/schemas.js";

// How identifierKey reads an identifier, piece by piece: its matching rule, and for documents the
// comparable value and the issuing country. Shared by identifierKey and by resolveEntities, which
// interns documents by these parts without making their key text (see IdentifierTable). Internal:
// not exported from the package.

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
 * The matching rule of an identifier type as written (`Passport Number` -> `passport`, unknown -> `id_number`),
 * as identifierKey uses it.
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

/**
 * The issuing country that qualifies a document key: none for `iban` and `swift`, which carry their own.
 *
 * @example
 * ```ts
 * documentCountry("passport", { type: "passport", value: "C4521876", country: "VN" }); // "VN"
 * documentCountry("iban", { type: "iban", value: "GB82WEST12345698765432", country: "GB" }); // ""
 * ```
 */
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

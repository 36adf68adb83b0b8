import { z } from "zod";
import { ACCOUNT_TYPES, CHANNELS, PARTY_KINDS } from "./codes.js";

/**
 * The canonical data model. These zod schemas are the single source of truth: every type of the
 * model is inferred from them.
 */

/**
 * ISO 3166-1 alpha-2 country code.
 *
 * @example
 * ```ts
 * import { CountryCodeSchema } from "wildtrace";
 * CountryCodeSchema.safeParse("TZ").success; // true
 * CountryCodeSchema.safeParse("tz").success; // false: upper case only
 * ```
 */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2 country code");
/**
 * ISO 4217 (or crypto) currency code.
 *
 * @example
 * ```ts
 * import { CurrencyCodeSchema } from "wildtrace";
 * CurrencyCodeSchema.safeParse("TZS").success; // true
 * CurrencyCodeSchema.safeParse("USDT").success; // true (crypto)
 * ```
 */
export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3,4}$/, "ISO 4217 currency code");
/**
 * A date or instant as an ISO 8601 string (`2024-03-01` or `2024-03-01T10:00:00.000Z`).
 *
 * @example
 * ```ts
 * import { IsoDateSchema } from "wildtrace";
 * IsoDateSchema.safeParse("2024-03-01T10:00:00.000Z").success; // true
 * IsoDateSchema.safeParse("01/03/2024").success; // false
 * ```
 */
export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, "ISO 8601 date");

/**
 * An identifier of a party: passport, national id, tax or registration number, phone, email...
 *
 * @example
 * ```ts
 * import { IdentifierSchema } from "wildtrace";
 * IdentifierSchema.parse({ type: "passport", value: "AB1234567", country: "TZ" });
 * ```
 */
export const IdentifierSchema = z.object({
  type: z.string().min(1),
  value: z.string().min(1),
  country: CountryCodeSchema.optional(),
});
export type Identifier = z.infer<typeof IdentifierSchema>;

/**
 * A postal address, kept as one line plus an optional country.
 *
 * @example
 * ```ts
 * import { AddressSchema } from "wildtrace";
 * AddressSchema.parse({ text: "Plot 12, Kariakoo, Dar es Salaam", country: "TZ" });
 * ```
 */
export const AddressSchema = z.object({
  text: z.string().min(1),
  country: CountryCodeSchema.optional(),
});
export type Address = z.infer<typeof AddressSchema>;

/**
 * A person, company or organisation.
 *
 * @example
 * ```ts
 * import { PartySchema } from "wildtrace";
 * PartySchema.parse({ id: "P1", kind: "person", name: "Amina Juma", country: "TZ" });
 * // { id: "P1", kind: "person", name: "Amina Juma", aliases: [], country: "TZ", identifiers: [],
 * //   addresses: [], roles: [], attributes: {} }
 * ```
 */
export const PartySchema = z.object({
  id: z.string().min(1),
  kind: z.enum(PARTY_KINDS),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  country: CountryCodeSchema.optional(),
  birthDate: IsoDateSchema.optional(),
  identifiers: z.array(IdentifierSchema).default([]),
  addresses: z.array(AddressSchema).default([]),
  sector: z.string().optional(),
  roles: z.array(z.string()).default([]),
  attributes: z.record(z.string(), z.string()).default({}),
});
export type Party = z.infer<typeof PartySchema>;
/** Input form of a party (defaults may be omitted). */
export type PartyInput = z.input<typeof PartySchema>;

/**
 * An account at a bank, mobile-money operator, MSB, exchange...
 *
 * @example
 * ```ts
 * import { AccountSchema } from "wildtrace";
 * AccountSchema.parse({ id: "ACC-1", holder: "P1", country: "TZ", currency: "TZS" }).type; // "bank"
 * ```
 */
export const AccountSchema = z.object({
  id: z.string().min(1),
  holder: z.string().optional(),
  institution: z.string().optional(),
  country: CountryCodeSchema.optional(),
  type: z.enum(ACCOUNT_TYPES).default("bank"),
  currency: CurrencyCodeSchema.optional(),
  opened: IsoDateSchema.optional(),
});
export type Account = z.infer<typeof AccountSchema>;
export type AccountInput = z.input<typeof AccountSchema>;

/**
 * A transfer of value. `fromAccount`/`toAccount` may be absent for the cash side.
 *
 * @example
 * ```ts
 * import { TransactionSchema } from "wildtrace";
 * const tx = TransactionSchema.parse({ id: "T1", date: "2024-03-01", amount: 2500000, currency: "TZS", fromAccount: "ACC-1", toAccount: "ACC-2" });
 * tx.channel; // "wire"
 * TransactionSchema.safeParse({ id: "T2", date: "2024-03-01", amount: -5, currency: "TZS" }).success; // false
 * ```
 */
export const TransactionSchema = z.object({
  id: z.string().min(1),
  date: IsoDateSchema,
  amount: z.number().positive().finite(),
  currency: CurrencyCodeSchema,
  /** The amount in the dataset's base currency (equal to `amount` without an FX table). */
  baseAmount: z.number().positive().finite().optional(),
  fromAccount: z.string().optional(),
  toAccount: z.string().optional(),
  channel: z.enum(CHANNELS).default("wire"),
  reference: z.string().default(""),
  fromCountry: CountryCodeSchema.optional(),
  toCountry: CountryCodeSchema.optional(),
  reportIds: z.array(z.string()).default([]),
});
export type Transaction = z.infer<typeof TransactionSchema>;
export type TransactionInput = z.input<typeof TransactionSchema>;

/**
 * A relationship between two parties (owns, directs, employs, family, associate...).
 *
 * @example
 * ```ts
 * import { RelationshipSchema } from "wildtrace";
 * RelationshipSchema.parse({ from: "P1", to: "C1", type: "owns", share: 60 });
 * RelationshipSchema.safeParse({ from: "P1", to: "C1", type: "owns", share: 160 }).success; // false
 * ```
 */
export const RelationshipSchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  type: z.string().min(1),
  since: IsoDateSchema.optional(),
  until: IsoDateSchema.optional(),
  share: z.number().min(0).max(100).optional(),
});
export type Relationship = z.infer<typeof RelationshipSchema>;
export type RelationshipInput = z.input<typeof RelationshipSchema>;

/**
 * A report (STR, SAR, CTR...) that named transactions, e.g. from goAML.
 *
 * @example
 * ```ts
 * import { ReportSchema } from "wildtrace";
 * ReportSchema.parse({ id: "STR-2024-001", indicators: ["IWT: wildlife product"] }).code; // "STR"
 * ```
 */
export const ReportSchema = z.object({
  id: z.string().min(1),
  code: z.string().default("STR"),
  reportingEntity: z.string().optional(),
  reference: z.string().optional(),
  submissionDate: IsoDateSchema.optional(),
  reason: z.string().default(""),
  action: z.string().default(""),
  indicators: z.array(z.string()).default([]),
  file: z.string().optional(),
});
export type Report = z.infer<typeof ReportSchema>;
export type ReportInput = z.input<typeof ReportSchema>;

/**
 * One quarantined problem: where it is and what to fix.
 *
 * @example
 * ```ts
 * import { QuarantineEntrySchema } from "wildtrace";
 * QuarantineEntrySchema.parse({ file: "transactions.csv", line: 14, field: "date", code: "invalid_date", message: "2024-02-30 is not a date" });
 * ```
 */
export const QuarantineEntrySchema = z.object({
  file: z.string(),
  line: z.number().int().nonnegative(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

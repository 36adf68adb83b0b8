/**
 * The canonical fields of each record kind, in the order of the canonical CSV headers, with the
 * camelCase names JSON records may use instead.
 *
 * @example
 * ```ts
 * import { RECORD_FIELDS } from "wildtrace";
 * RECORD_FIELDS.accounts.join(","); // "id,holder,institution,country,type,currency,opened"
 * ```
 */
export const RECORD_FIELDS = Object.freeze({
  transactions: ["id", "date", "amount", "currency", "from_account", "to_account", "channel", "reference", "from_country", "to_country", "report_ids"],
  accounts: ["id", "holder", "institution", "country", "type", "currency", "opened"],
  parties: ["id", "kind", "name", "country", "birth_date", "id_number", "phone", "email", "address", "sector", "roles", "aliases"],
  relationships: ["from", "to", "type", "since", "until", "share"],
} as const);

/** The four record kinds of a case folder. */
export type RecordKind = keyof typeof RECORD_FIELDS;

/**
 * The four record kinds in the order `loadCase` reads them: parties first, transactions last.
 *
 * @example
 * ```ts
 * import { RECORD_KINDS } from "wildtrace";
 * RECORD_KINDS; // ["parties", "accounts", "relationships", "transactions"]
 * ```
 */
export const RECORD_KINDS: readonly RecordKind[] = ["parties", "accounts", "relationships", "transactions"];

/**
 * Fields that must be present as columns for a file of the kind to be read at all.
 *
 * @example
 * ```ts
 * import { REQUIRED_COLUMNS } from "wildtrace";
 * REQUIRED_COLUMNS.transactions; // ["id", "date", "amount"]
 * ```
 */
export const REQUIRED_COLUMNS: Readonly<Record<RecordKind, readonly string[]>> = Object.freeze({
  transactions: ["id", "date", "amount"],
  accounts: ["id"],
  parties: ["id", "name"],
  relationships: ["from", "to", "type"],
});

/**
 * snake_case field to the camelCase key JSON records may use.
 *
 * @example
 * ```ts
 * import { camelKey } from "wildtrace";
 * camelKey("from_account"); // "fromAccount"
 * ```
 */
export function camelKey(field: string): string {
  return field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

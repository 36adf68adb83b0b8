import { ACCOUNT_TYPES, type AccountType, CHANNELS, normaliseChannel, normaliseSector, PARTY_KINDS, type PartyKind } from "../model/codes.js";
import { normaliseCountry, normaliseCurrency } from "../model/countries.js";
import type { Account, Address, Identifier, Party, Relationship } from "../model/schemas.js";
import type { PendingTransaction, SourceLocation } from "./builder.js";
import { readAmount } from "./normalise-amount.js";
import { formatInstant, isPlainIsoDay, readDate } from "./normalise-date.js";
import type { Quarantine } from "./quarantine.js";

/** How record readers interpret cells. */
export interface RecordReadOptions {
  dateFormat?: string;
  dateOrder?: "dmy" | "mdy";
  decimal?: "." | ",";
  /** Currency for transactions whose currency cell is empty. [default: none: such rows are quarantined] */
  defaultCurrency?: string;
  /** Sector of each distinct business text read so far (see `normaliseSector`), owned by the caller. [default: none] */
  sectorMemo?: Map<string, string | undefined>;
}

/** Reads one canonical field of the current record; `undefined` when the column is absent. */
export type FieldGetter = (field: string) => string | undefined;

function blank(v: string | undefined): boolean {
  return v === undefined || v.trim() === "";
}

function multi(v: string | undefined): string[] {
  if (blank(v)) return [];
  // One value (the usual cell): no split, map and filter arrays. Not blank, so the trim is not empty.
  if (!v!.includes(";")) return [v!.trim()];
  return v!
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

class RowProblems {
  bad = false;
  constructor(
    private readonly q: Quarantine,
    private readonly loc: SourceLocation,
  ) {}
  add(field: string, code: string, message: string): void {
    this.bad = true;
    this.q.add({ file: this.loc.file, line: this.loc.line, field, code, message });
  }
}

function readCountryField(get: FieldGetter, field: string, p: RowProblems): string | undefined {
  const raw = get(field);
  if (blank(raw)) return undefined;
  const c = normaliseCountry(raw!);
  if (!c) p.add(field, "unknown_country", `'${clip(raw!)}' is not an ISO 3166-1 country: use a two-letter code such as TZ or VN`);
  return c;
}

function readDateField(get: FieldGetter, field: string, p: RowProblems, opts: RecordReadOptions, required: boolean): number | undefined {
  const raw = get(field);
  if (blank(raw)) {
    if (required) p.add(field, "missing_value", `${field} is empty: every record needs one`);
    return undefined;
  }
  const t = readDate(raw!, opts);
  if (Number.isNaN(t)) {
    const hint = opts.dateOrder || opts.dateFormat ? "" : " (for day-first or month-first dates set dateOrder in the mapping)";
    p.add(field, "invalid_date", `'${clip(raw!)}' is not a valid date: use ISO 8601 such as 2024-03-01${hint}`);
    return undefined;
  }
  return t;
}

/**
 * `formatInstant(t).slice(0, 10)` (the UTC day of an instant as `yyyy-MM-dd`) without building a
 * Date and its ISO string: days to civil date after H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (https://howardhinnant.github.io/date_algorithms.html). Years outside 0..9999 take
 * the Date path, whose ISO form differs there.
 */
function isoDay(t: number): string {
  const z = Math.floor(t / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < 0 || y > 9999) return formatInstant(t).slice(0, 10);
  return `${y < 1000 ? String(y).padStart(4, "0") : y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/**
 * The day (`yyyy-MM-dd`) of an optional date field, as `isoDay(readDateField(...))`. A cell
 * already written that way is that text: no instant to compute and no new string per record
 * (birth and opening dates of parties and accounts mostly are).
 */
function readDayField(get: FieldGetter, field: string, p: RowProblems, opts: RecordReadOptions): string | undefined {
  const raw = get(field);
  if (raw !== undefined && isPlainIsoDay(raw)) return raw;
  const t = readDateField(get, field, p, opts, false);
  return t === undefined ? undefined : isoDay(t);
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * Read a transaction record. Problems go to the quarantine; returns `undefined` when the record
 * must not be accepted.
 *
 * @example
 * ```ts
 * import { Quarantine, readTransactionRecord } from "wildtrace";
 * const row: Record<string, string> = { id: "T1", date: "2024-03-01", amount: "9,900.00", currency: "usd", from_account: "A", to_account: "B" };
 * const tx = readTransactionRecord((f) => row[f], { file: "t.csv", line: 2 }, new Quarantine());
 * tx?.amount; // 9900
 * ```
 */
export function readTransactionRecord(get: FieldGetter, loc: SourceLocation, q: Quarantine, opts: RecordReadOptions = {}): PendingTransaction | undefined {
  const p = new RowProblems(q, loc);
  const id = get("id");
  if (blank(id)) p.add("id", "missing_value", "id is empty: every transaction needs a unique id");
  const time = readDateField(get, "date", p, opts, true);
  const rawAmount = get("amount");
  let amount = Number.NaN;
  if (blank(rawAmount)) p.add("amount", "missing_value", "amount is empty: give the amount transferred");
  else {
    amount = readAmount(rawAmount!, opts);
    if (Number.isNaN(amount) || !Number.isFinite(amount)) p.add("amount", "invalid_amount", `'${clip(rawAmount!)}' is not a number: write amounts like 1234.56`);
    else if (amount <= 0) p.add("amount", "non_positive_amount", `amount ${amount} is not positive: amounts are positive, the direction is given by from_account and to_account`);
  }
  const rawCur = get("currency");
  let currency: string | undefined;
  if (blank(rawCur)) {
    if (opts.defaultCurrency) currency = opts.defaultCurrency;
    else p.add("currency", "missing_value", "currency is empty: give an ISO 4217 code or set defaultCurrency in the mapping");
  } else {
    currency = normaliseCurrency(rawCur!);
    if (!currency) p.add("currency", "unknown_currency", `'${clip(rawCur!)}' is not an ISO 4217 currency code: use a code such as USD, TZS or VND`);
  }
  const from = get("from_account")?.trim() || undefined;
  const to = get("to_account")?.trim() || undefined;
  if (!from && !to) p.add("from_account", "missing_value", "both from_account and to_account are empty: a transaction needs at least one side");
  const rawChannel = get("channel");
  let channel: number;
  if (blank(rawChannel)) channel = CHANNELS.indexOf(!from ? "cash_deposit" : !to ? "cash_withdrawal" : "wire");
  else {
    const c = normaliseChannel(rawChannel!);
    if (!c) {
      p.add("channel", "invalid_value", `'${clip(rawChannel!)}' is not a channel: use one of ${CHANNELS.join(", ")}`);
      channel = 0;
    } else channel = CHANNELS.indexOf(c);
  }
  const fromCountry = readCountryField(get, "from_country", p);
  const toCountry = readCountryField(get, "to_country", p);
  if (p.bad) return undefined;
  const reportIds = multi(get("report_ids"));
  return {
    id: id!.trim(),
    time: time!,
    amount,
    currency: currency!,
    fromAccount: from,
    toAccount: to,
    channel,
    reference: get("reference") ?? "",
    fromCountry,
    toCountry,
    reportIds: reportIds.length ? reportIds : undefined,
  };
}

const ACCOUNT_TYPE_SYNONYMS: Record<string, AccountType> = {
  bank: "bank",
  current: "bank",
  savings: "bank",
  checking: "bank",
  mobile: "mobile_money",
  mobile_money: "mobile_money",
  wallet: "mobile_money",
  momo: "mobile_money",
  cash: "cash",
  crypto: "crypto",
  exchange: "crypto",
  msb: "msb",
  remittance: "msb",
  hawala: "msb",
  other: "other",
};

/**
 * Read an account record.
 *
 * @example
 * ```ts
 * import { Quarantine, readAccountRecord } from "wildtrace";
 * const row: Record<string, string> = { id: "A1", holder: "P1", country: "Tanzania", type: "mobile" };
 * readAccountRecord((f) => row[f], { file: "a.csv", line: 2 }, new Quarantine())?.country; // "TZ"
 * ```
 */
export function readAccountRecord(get: FieldGetter, loc: SourceLocation, q: Quarantine, opts: RecordReadOptions = {}): Account | undefined {
  const p = new RowProblems(q, loc);
  const id = get("id")?.trim();
  if (!id) p.add("id", "missing_value", "id is empty: every account needs a unique id");
  const country = readCountryField(get, "country", p);
  const rawType = get("type");
  let type: AccountType = "bank";
  if (!blank(rawType)) {
    // A cell already in canonical form (lower case, no spaces or hyphens) is its own key.
    const key = Object.hasOwn(ACCOUNT_TYPE_SYNONYMS, rawType!) ? rawType! : rawType!.trim().toLowerCase().replace(/[\s-]+/g, "_");
    const t = Object.hasOwn(ACCOUNT_TYPE_SYNONYMS, key) ? ACCOUNT_TYPE_SYNONYMS[key] : undefined;
    if (!t) p.add("type", "invalid_value", `'${clip(rawType!)}' is not an account type: use one of ${ACCOUNT_TYPES.join(", ")}`);
    else type = t;
  }
  const rawCur = get("currency");
  let currency: string | undefined;
  if (!blank(rawCur)) {
    currency = normaliseCurrency(rawCur!);
    if (!currency) p.add("currency", "unknown_currency", `'${clip(rawCur!)}' is not an ISO 4217 currency code`);
  }
  const opened = readDayField(get, "opened", p, opts);
  if (p.bad) return undefined;
  const acc: Account = { id: id!, type };
  const holder = get("holder")?.trim();
  if (holder) acc.holder = holder;
  const inst = get("institution")?.trim();
  if (inst) acc.institution = inst;
  if (country) acc.country = country;
  if (currency) acc.currency = currency;
  if (opened !== undefined) acc.opened = opened;
  return acc;
}

const KIND_SYNONYMS: Record<string, PartyKind> = {
  person: "person",
  individual: "person",
  natural_person: "person",
  company: "company",
  business: "company",
  entity: "company",
  legal_entity: "company",
  legalentity: "company",
  corporation: "company",
  organization: "organization",
  organisation: "organization",
  org: "organization",
  ngo: "organization",
  government: "organization",
};

/** A role as a key: lower case, runs of spaces and hyphens as `_` (no regex run when there are none). */
function roleKey(r: string): string {
  const lower = r.toLowerCase();
  return /[\s-]/.test(lower) ? lower.replace(/[\s-]+/g, "_") : lower;
}

const COMPANY_RE = /\b(ltd|limited|llc|inc|co|corp|company|sa|sarl|lda|plc|gmbh|bv|pty|sdn bhd|bhd|pte|jsc|trading|enterprises?|holdings?|group|import|export|logistics|freight)\b\.?/i;

/**
 * Guess a party's kind from its name when the source does not say: company-like words
 * (Ltd, Lda, Sdn Bhd, Trading, Logistics...) make a company, anything else a person.
 *
 * @example
 * ```ts
 * import { guessPartyKind } from "wildtrace";
 * guessPartyKind("Pemba Marine Logistics Lda"); // "company"
 * guessPartyKind("Nguyen Van Hung");            // "person"
 * ```
 */
export function guessPartyKind(name: string): PartyKind {
  return COMPANY_RE.test(name) ? "company" : "person";
}

function readIdentifier(raw: string, country: string | undefined): Identifier {
  const i = raw.indexOf(":");
  const j = i < 0 ? -1 : raw.indexOf(":", i + 1);
  if (j >= 0 && raw.indexOf(":", j + 1) < 0) {
    // type:country:value, the usual form: the same result as the split below, without its arrays.
    const type = raw.slice(0, i).trim().toLowerCase();
    const middle = raw.slice(i + 1, j).trim();
    const value = raw.slice(j + 1).trim();
    const c = normaliseCountry(middle);
    return c ? { type, value, country: c } : { type, value: `${middle}:${value}` };
  }
  const parts = raw.split(":").map((s) => s.trim());
  if (parts.length >= 3) {
    const c = normaliseCountry(parts[1]);
    const value = parts.slice(2).join(":");
    return c ? { type: parts[0].toLowerCase(), value, country: c } : { type: parts[0].toLowerCase(), value: parts.slice(1).join(":") };
  }
  if (parts.length === 2) return country ? { type: parts[0].toLowerCase(), value: parts[1], country } : { type: parts[0].toLowerCase(), value: parts[1] };
  return country ? { type: "id_number", value: raw.trim(), country } : { type: "id_number", value: raw.trim() };
}

/**
 * A new object with no prototype and no properties. `Object.create(null)` makes the same object
 * in V8's dictionary mode, several times larger: one per party adds up.
 */
function emptyRecord(): Record<string, string> {
  return Object.setPrototypeOf({}, null);
}

/**
 * Read a party record. Multi-valued cells (`id_number`, `phone`, `email`, `address`, `roles`,
 * `aliases`) are separated by `;`. An `id_number` is `type:country:value` (`passport:VN:B1234567`),
 * `type:value`, or a bare value. Columns beyond the canonical ones become `attributes`.
 *
 * @example
 * ```ts
 * import { Quarantine, readPartyRecord } from "wildtrace";
 * const row: Record<string, string> = { id: "P1", name: "Nguyen Van Hung", country: "VN", id_number: "passport:VN:B1234567", phone: "+84 90 123 4567" };
 * readPartyRecord((f) => row[f], { file: "p.csv", line: 2 }, new Quarantine())?.identifiers.length; // 2
 * ```
 */
export function readPartyRecord(get: FieldGetter, loc: SourceLocation, q: Quarantine, opts: RecordReadOptions = {}, extra?: ReadonlyArray<readonly [string, string]>): Party | undefined {
  const p = new RowProblems(q, loc);
  const id = get("id")?.trim();
  if (!id) p.add("id", "missing_value", "id is empty: every party needs a unique id");
  const name = get("name")?.trim() ?? "";
  if (name === "") p.add("name", "missing_value", "name is empty: give the party's name as reported");
  const rawKind = get("kind");
  let kind: PartyKind | undefined;
  if (!blank(rawKind)) {
    const key = Object.hasOwn(KIND_SYNONYMS, rawKind!) ? rawKind! : rawKind!.trim().toLowerCase().replace(/[\s-]+/g, "_");
    const k = Object.hasOwn(KIND_SYNONYMS, key) ? KIND_SYNONYMS[key] : undefined;
    if (!k) p.add("kind", "invalid_value", `'${clip(rawKind!)}' is not a party kind: use one of ${PARTY_KINDS.join(", ")}`);
    else kind = k;
  }
  // Guessed from the name only when the source does not say (or says something unknown).
  kind ??= guessPartyKind(name);
  const country = readCountryField(get, "country", p);
  const birth = readDayField(get, "birth_date", p, opts);
  if (p.bad) return undefined;
  // Parties are kept to the end of the analysis, so their arrays are made at their final size
  // (an array grown by push keeps room for 17 elements).
  const idNumbers = multi(get("id_number"));
  const phones = multi(get("phone"));
  const emails = multi(get("email"));
  const identifiers: Identifier[] = new Array(idNumbers.length + phones.length + emails.length);
  let n = 0;
  for (const v of idNumbers) identifiers[n++] = readIdentifier(v, country);
  for (const v of phones) identifiers[n++] = { type: "phone", value: v };
  for (const v of emails) identifiers[n++] = { type: "email", value: v.toLowerCase() };
  const addresses: Address[] = multi(get("address")).map((text) => (country ? { text, country } : { text }));
  const attributes = emptyRecord();
  if (extra) for (const [k, v] of extra) if (v !== "") attributes[k] = v;
  const party: Party = {
    id: id!,
    kind,
    name,
    aliases: multi(get("aliases")),
    identifiers,
    addresses,
    roles: multi(get("roles")).map(roleKey),
    attributes,
  };
  if (country) party.country = country;
  if (birth !== undefined) party.birthDate = birth;
  const sector = normaliseSector(get("sector"), opts.sectorMemo);
  if (sector) party.sector = sector;
  return party;
}

/**
 * Read a relationship record (`from`, `to`, `type`, optional `since`, `until`, `share` in percent).
 *
 * @example
 * ```ts
 * import { Quarantine, readRelationshipRecord } from "wildtrace";
 * const row: Record<string, string> = { from: "P1", to: "C1", type: "Director", share: "40%" };
 * readRelationshipRecord((f) => row[f], { file: "r.csv", line: 2 }, new Quarantine()); // { from: "P1", to: "C1", type: "director", share: 40 }
 * ```
 */
export function readRelationshipRecord(get: FieldGetter, loc: SourceLocation, q: Quarantine, opts: RecordReadOptions = {}): Relationship | undefined {
  const p = new RowProblems(q, loc);
  const from = get("from")?.trim();
  const to = get("to")?.trim();
  const type = get("type")?.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (!from) p.add("from", "missing_value", "from is empty: name the first party's id");
  if (!to) p.add("to", "missing_value", "to is empty: name the second party's id");
  if (!type) p.add("type", "missing_value", "type is empty: say how the parties are related (owns, directs, family...)");
  const since = readDayField(get, "since", p, opts);
  const until = readDayField(get, "until", p, opts);
  const rawShare = get("share");
  let share: number | undefined;
  if (!blank(rawShare)) {
    share = readAmount(rawShare!.replace("%", ""), opts);
    if (Number.isNaN(share) || share < 0 || share > 100) p.add("share", "invalid_value", `'${clip(rawShare!)}' is not a share between 0 and 100`);
  }
  if (p.bad) return undefined;
  const rel: Relationship = { from: from!, to: to!, type: type! };
  if (since !== undefined) rel.since = since;
  if (until !== undefined) rel.until = until;
  if (share !== undefined) rel.share = share;
  return rel;
}

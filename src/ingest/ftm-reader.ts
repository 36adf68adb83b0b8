import { closeSync, openSync, readSync } from "node:fs";
import { ACCOUNT_TYPES, normaliseChannel, normaliseSector, type PartyKind } from "../model/codes.js";
import { normaliseCountry } from "../model/countries.js";
import type { Account, Address, Identifier, Party } from "../model/schemas.js";
import type { DatasetBuilder, SourceLocation } from "./builder.js";
import { readJsonRecordsFile } from "./json-records.js";
import type { CaseFileReader } from "./load-case.js";
import { formatInstant, readDate } from "./normalise-date.js";
import type { Quarantine } from "./quarantine.js";
import type { SourceStats } from "./record-sink.js";
import { guessPartyKind, readRelationshipRecord, readTransactionRecord } from "./records.js";

/**
 * Reads FollowTheMoney (FtM) entities, the investigators' data model of Aleph and OpenSanctions
 * (https://followthemoney.tech, schema definitions in alephdata/followthemoney `schema/*.yaml`):
 * one JSON object per line, `{"id", "schema", "properties": {name: [strings]}}`.
 */

/** One FollowTheMoney entity as JSON. */
export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** Options of {@link readFtmEntities}, {@link readFtmFile} and {@link ftmReader}. */
export interface FtmReadOptions {
  /** Currency for payments that give none. [default: none: such payments are quarantined] */
  defaultCurrency?: string;
}

/** Where a reader puts what it reads. */
export interface FtmReadContext {
  builder: DatasetBuilder;
  quarantine: Quarantine;
}

/**
 * Id prefixes {@link exportFtm} writes so that parties, accounts and transactions with the same id
 * never collide in one FtM collection; {@link readFtmEntities} strips them, so ids come back
 * unchanged.
 *
 * @example
 * ```ts
 * import { FTM_ID_PREFIXES } from "wildtrace";
 * `${FTM_ID_PREFIXES.account}ACC-MY-01`; // "wt-account-ACC-MY-01", the FtM id exportFtm writes
 * ```
 */
export const FTM_ID_PREFIXES = Object.freeze({ party: "wt-party-", account: "wt-account-", transaction: "wt-payment-", link: "wt-link-" });

const PARTY_SCHEMATA: Readonly<Record<string, PartyKind | "guess">> = Object.freeze({
  Person: "person",
  Company: "company",
  Organization: "organization",
  PublicBody: "organization",
  LegalEntity: "guess",
});

/** FtM interval schemata that become relationships: source property, target property, type. */
const LINK_SCHEMATA: Readonly<Record<string, readonly [string, string, string]>> = Object.freeze({
  Ownership: ["owner", "asset", "owns"],
  Directorship: ["director", "organization", "directs"],
  Family: ["person", "relative", "family"],
  Associate: ["person", "associate", "associate"],
  Employment: ["employer", "employee", "employs"],
  Representation: ["agent", "client", "represents"],
  Membership: ["member", "organization", "member"],
  UnknownLink: ["subject", "object", "associate"],
});

/** Identifier properties of FtM legal entities and the canonical identifier type of each. */
const ID_PROPS: Readonly<Record<string, string>> = Object.freeze({
  passportNumber: "passport",
  idNumber: "national_id",
  taxNumber: "tax_number",
  registrationNumber: "registration_number",
  socialSecurityNumber: "ssn",
  innCode: "inn",
  leiCode: "lei",
  vatCode: "vat",
  swiftBic: "swift",
  phone: "phone",
  email: "email",
});

/** Properties read into party fields (the others are kept as `ftm:<property>` attributes). */
const PARTY_PROPS = new Set([
  "name",
  "alias",
  "weakAlias",
  "previousName",
  "firstName",
  "lastName",
  "middleName",
  "country",
  "nationality",
  "jurisdiction",
  "mainCountry",
  "birthDate",
  "incorporationDate",
  "address",
  "addressEntity",
  "sector",
  "topics",
  "keywords",
  "position",
  ...Object.keys(ID_PROPS),
]);

function strip(id: string, prefix: string): string {
  return id.startsWith(prefix) && id.length > prefix.length ? id.slice(prefix.length) : id;
}

function first(e: FtmEntity, prop: string): string | undefined {
  const v = Object.hasOwn(e.properties, prop) ? e.properties[prop] : undefined;
  return v && v.length > 0 && v[0].trim() !== "" ? v[0].trim() : undefined;
}

function all(e: FtmEntity, prop: string): string[] {
  const v = Object.hasOwn(e.properties, prop) ? e.properties[prop] : undefined;
  return v ? v.map((s) => s.trim()).filter((s) => s !== "") : [];
}

/**
 * Check that a JSON value has the shape of an FtM entity; returns a message when it does not.
 *
 * @example
 * ```ts
 * import { ftmShapeProblem } from "wildtrace";
 * ftmShapeProblem({ id: "p1", schema: "Person", properties: { name: ["Juma Mrema"] } }); // undefined
 * ftmShapeProblem({ id: "p1", schema: "Person", properties: { name: "Juma" } }); // "property 'name' is not an array of strings"
 * ```
 */
export function ftmShapeProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "an FtM entity is a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.id !== "string" || v.id === "") return "the entity has no string id";
  if (typeof v.schema !== "string" || v.schema === "") return "the entity has no schema";
  const props = Object.hasOwn(v, "properties") ? v.properties : {};
  if (typeof props !== "object" || props === null || Array.isArray(props)) return "properties must be an object";
  for (const k of Object.keys(props)) {
    const p = (props as Record<string, unknown>)[k];
    if (!Array.isArray(p) || p.some((x) => typeof x !== "string")) return `property '${k}' is not an array of strings`;
  }
  return undefined;
}

function toEntity(value: Record<string, unknown>): FtmEntity {
  const properties: Record<string, string[]> = Object.create(null);
  const props = (Object.hasOwn(value, "properties") ? value.properties : {}) as Record<string, string[]>;
  for (const k of Object.keys(props)) properties[k] = props[k];
  return { id: value.id as string, schema: value.schema as string, properties };
}

function isoDay(raw: string | undefined, attrs: Record<string, string>, key: string): string | undefined {
  if (raw === undefined) return undefined;
  const t = readDate(raw);
  if (Number.isNaN(t)) {
    attrs[`ftm:${key}`] = raw; // partial dates ("1971", "1971-09") are kept as given
    return undefined;
  }
  return formatInstant(t).slice(0, 10);
}

/** Collects entities of one source, then turns them into canonical records. */
class FtmCollector {
  readonly stats: SourceStats;
  private readonly entities: { e: FtmEntity; line: number }[] = [];

  constructor(
    private readonly file: string,
    private readonly ctx: FtmReadContext,
    private readonly options: FtmReadOptions,
  ) {
    this.stats = { file, kind: "ftm", format: "ftm", rowsRead: 0 };
  }

  add(value: unknown, line: number, error: string | undefined): void {
    this.stats.rowsRead++;
    const loc = { file: this.file, line };
    if (error !== undefined) {
      this.ctx.quarantine.add({ ...loc, field: "*", code: "invalid_json", message: `not valid JSON: ${error}` });
      return;
    }
    const problem = ftmShapeProblem(value);
    if (problem) {
      this.ctx.quarantine.add({ ...loc, field: "*", code: "invalid_json", message: `${problem}: expected {"id", "schema", "properties": {name: [strings]}}` });
      return;
    }
    this.entities.push({ e: toEntity(value as Record<string, unknown>), line });
  }

  finish(): void {
    const { builder, quarantine: q } = this.ctx;
    const bySchema = (names: readonly string[]) => this.entities.filter(({ e }) => names.includes(e.schema));
    const addresses = new Map<string, Address>();
    for (const { e } of bySchema(["Address"])) {
      const text = first(e, "full") ?? ["street", "street2", "postalCode", "city", "region", "state"].map((p) => first(e, p)).filter(Boolean).join(", ");
      const c = first(e, "country");
      const country = c ? normaliseCountry(c) : undefined;
      if (text) addresses.set(e.id, country ? { text, country } : { text });
    }
    const partyIds = new Map<string, string>();
    const accountIds = new Map<string, string>();
    for (const { e } of this.entities) {
      if (Object.hasOwn(PARTY_SCHEMATA, e.schema)) partyIds.set(e.id, strip(e.id, FTM_ID_PREFIXES.party));
      else if (e.schema === "BankAccount") accountIds.set(e.id, strip(e.id, FTM_ID_PREFIXES.account));
    }
    const sanctioned = new Set<string>();
    for (const { e } of bySchema(["Sanction"])) for (const id of all(e, "entity")) sanctioned.add(id);
    // Holders: Ownership of a BankAccount.
    const holders = new Map<string, string>();
    const extraOwners: { owner: string; account: string; loc: SourceLocation }[] = [];
    for (const { e, line } of bySchema(["Ownership"])) {
      const asset = first(e, "asset");
      const owner = first(e, "owner");
      if (asset && owner && accountIds.has(asset) && partyIds.has(owner)) {
        if (!holders.has(asset)) holders.set(asset, partyIds.get(owner)!);
        else extraOwners.push({ owner: partyIds.get(owner)!, account: asset, loc: { file: this.file, line } });
      }
    }
    const synthetic = new Map<string, Account>();
    const handled = new Set<FtmEntity>();
    for (const { e, line } of this.entities) {
      const loc = { file: this.file, line };
      if (Object.hasOwn(PARTY_SCHEMATA, e.schema)) {
        handled.add(e);
        const p = this.party(e, PARTY_SCHEMATA[e.schema], addresses, sanctioned.has(e.id), loc);
        if (p) builder.addParty(p, loc);
      } else if (e.schema === "BankAccount") {
        handled.add(e);
        const acc: Account = { id: accountIds.get(e.id)!, type: "bank" };
        const holder = holders.get(e.id);
        if (holder) acc.holder = holder;
        const inst = first(e, "bankName") ?? first(e, "bic");
        if (inst) acc.institution = inst;
        const c = first(e, "country");
        const country = c ? normaliseCountry(c) : undefined;
        if (country) acc.country = country;
        const cur = first(e, "currency");
        if (cur && /^[A-Za-z]{3,4}$/.test(cur)) acc.currency = cur.toUpperCase();
        const opened = isoDay(first(e, "openingDate"), Object.create(null), "openingDate");
        if (opened) acc.opened = opened;
        const type = first(e, "accountType")?.toLowerCase();
        if (type && (ACCOUNT_TYPES as readonly string[]).includes(type)) acc.type = type as Account["type"];
        else if (type && /mobile|wallet/.test(type)) acc.type = "mobile_money";
        builder.addAccount(acc, loc);
      } else if (e.schema === "Address" || e.schema === "Sanction") handled.add(e);
    }
    for (const { owner, account, loc } of extraOwners) builder.addRelationship({ from: owner, to: holders.get(account)!, type: "signatory" }, loc);
    for (const { e, line } of this.entities) {
      const loc = { file: this.file, line };
      if (Object.hasOwn(LINK_SCHEMATA, e.schema)) {
        handled.add(e);
        const [src, dst, type] = LINK_SCHEMATA[e.schema];
        const target = first(e, dst);
        if (e.schema === "Ownership" && target && accountIds.has(target)) continue; // an account holder, read above
        const from = first(e, src);
        const row: Record<string, string | undefined> = {
          from: from ? (partyIds.get(from) ?? from) : undefined,
          to: target ? (partyIds.get(target) ?? target) : undefined,
          type: e.schema === "UnknownLink" ? (first(e, "role") ?? type) : type,
          since: first(e, "startDate"),
          until: first(e, "endDate"),
          share: e.schema === "Ownership" ? first(e, "percentage") : undefined,
        };
        const rel = readRelationshipRecord((f) => row[f], loc, q);
        if (rel) builder.addRelationship(rel, loc);
      } else if (e.schema === "Payment") {
        handled.add(e);
        this.payment(e, loc, partyIds, accountIds, synthetic);
      }
    }
    for (const [, acc] of [...synthetic].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (!builder.hasAccount(acc.id)) builder.addAccount(acc, { file: this.file, line: 0 });
    }
    for (const { e, line } of this.entities) {
      if (handled.has(e)) continue;
      q.add({ file: this.file, line, field: "schema", code: "invalid_value", message: `FtM schema '${e.schema}' is not imported (wildtrace reads parties, BankAccount, Payment, Address, Sanction and the link schemata)` });
    }
  }

  private party(e: FtmEntity, kindRule: PartyKind | "guess", addresses: Map<string, Address>, sanctioned: boolean, loc: SourceLocation): Party | undefined {
    const names = all(e, "name");
    const composed = ["firstName", "middleName", "lastName"].map((p) => first(e, p)).filter(Boolean).join(" ");
    const name = names[0] ?? (composed || undefined);
    if (!name) {
      this.ctx.quarantine.add({ ...loc, field: "name", code: "missing_value", message: `${e.schema} '${e.id}' has no name: give it a name property` });
      return undefined;
    }
    const attrs: Record<string, string> = Object.create(null);
    const identifiers: Identifier[] = [];
    const rawCountry = first(e, "country") ?? first(e, "nationality") ?? first(e, "jurisdiction") ?? first(e, "mainCountry");
    const country = rawCountry ? normaliseCountry(rawCountry) : undefined;
    for (const [prop, type] of Object.entries(ID_PROPS)) {
      for (const value of all(e, prop)) {
        const v = type === "email" ? value.toLowerCase() : value;
        identifiers.push(country && type !== "phone" && type !== "email" ? { type, value: v, country } : { type, value: v });
      }
    }
    const addrs: Address[] = all(e, "address").map((text) => (country ? { text, country } : { text }));
    for (const ref of all(e, "addressEntity")) {
      const a = addresses.get(ref);
      if (a && !addrs.some((x) => x.text === a.text)) addrs.push(a);
    }
    const roles = [...all(e, "topics").map((t) => t.replace(/^role\./, "")), ...all(e, "keywords"), ...all(e, "position")].map((r) => r.toLowerCase().replace(/[\s.-]+/g, "_"));
    if (sanctioned && !roles.includes("sanction")) roles.push("sanction");
    for (const k of Object.keys(e.properties).sort()) {
      if (!PARTY_PROPS.has(k) && all(e, k).length > 0) attrs[`ftm:${k}`] = all(e, k).join(";");
    }
    if (rawCountry && !country) attrs["ftm:country"] = rawCountry;
    const aliases = [...names.slice(1), ...all(e, "alias"), ...all(e, "weakAlias"), ...all(e, "previousName")].filter((a, i, arr) => a !== name && arr.indexOf(a) === i);
    const party: Party = {
      id: strip(e.id, FTM_ID_PREFIXES.party),
      kind: kindRule === "guess" ? guessPartyKind(name) : kindRule,
      name,
      aliases,
      identifiers,
      addresses: addrs,
      roles: [...new Set(roles)],
      attributes: attrs,
    };
    if (country) party.country = country;
    const birth = isoDay(first(e, "birthDate"), attrs, "birthDate");
    if (birth) party.birthDate = birth;
    const inc = isoDay(first(e, "incorporationDate"), attrs, "incorporationDate");
    if (inc) attrs.incorporation_date = inc;
    const sector = normaliseSector(first(e, "sector"));
    if (sector) party.sector = sector;
    return party;
  }

  private payment(e: FtmEntity, loc: SourceLocation, partyIds: Map<string, string>, accountIds: Map<string, string>, synthetic: Map<string, Account>): void {
    const side = (accountProp: string, partyProp: string): string | undefined => {
      const acc = first(e, accountProp);
      if (acc) return accountIds.get(acc) ?? acc;
      const party = first(e, partyProp);
      if (!party) return undefined;
      const pid = partyIds.get(party) ?? party;
      const id = `${pid}:account`;
      if (!synthetic.has(id)) synthetic.set(id, { id, type: "other", holder: pid });
      return id;
    };
    const programme = first(e, "programme");
    const channel = programme && normaliseChannel(programme) ? programme : undefined;
    const row: Record<string, string | undefined> = {
      id: strip(e.id, FTM_ID_PREFIXES.transaction),
      date: first(e, "date") ?? first(e, "startDate"),
      amount: first(e, "amount"),
      currency: first(e, "currency"),
      from_account: side("payerAccount", "payer"),
      to_account: side("beneficiaryAccount", "beneficiary"),
      channel,
      reference: first(e, "purpose") ?? first(e, "summary") ?? first(e, "description") ?? "",
    };
    const tx = readTransactionRecord((f) => row[f], loc, this.ctx.quarantine, { defaultCurrency: this.options.defaultCurrency });
    if (tx) this.ctx.builder.addTransaction(tx, loc);
  }
}

/**
 * Read FtM entities (already parsed, e.g. from an API) into a builder. Person, Company,
 * Organization, PublicBody and LegalEntity become parties; BankAccount accounts (their holder is
 * the owner of an Ownership whose asset is the account); Payment transactions (a payer without an
 * account gets an account `<party>:account`); Ownership, Directorship, Family, Associate,
 * Employment, Representation, Membership and UnknownLink relationships; Address entities fill the
 * parties' addresses; Sanction marks its entity with the role `sanction`. Other schemata are
 * quarantined as not imported.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine, readFtmEntities } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * readFtmEntities([
 *   { id: "p1", schema: "Person", properties: { name: ["Juma Said Mrema"], nationality: ["tz"] } },
 *   { id: "c1", schema: "Company", properties: { name: ["Msasani Clearing & Forwarding Co. Ltd"], jurisdiction: ["tz"] } },
 *   { id: "d1", schema: "Directorship", properties: { director: ["p1"], organization: ["c1"] } },
 * ], "api", { builder, quarantine: q });
 * builder.build().relationships; // [{ from: "p1", to: "c1", type: "directs" }]
 * ```
 */
export function readFtmEntities(entities: Iterable<unknown>, displayName: string, ctx: FtmReadContext, options: FtmReadOptions = {}): SourceStats {
  const c = new FtmCollector(displayName, ctx, options);
  let line = 0;
  for (const e of entities) c.add(e, ++line, undefined);
  c.finish();
  return c.stats;
}

function looksLikeArray(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, 256, 0);
    return buf.subarray(0, n).toString("utf8").replace(/^\uFEFF/, "").trimStart().startsWith("[");
  } finally {
    closeSync(fd);
  }
}

/**
 * Read an FtM file (JSON lines, as `ftm` and Aleph export them, or a JSON array) into a builder;
 * see {@link readFtmEntities}. Each line is a record, accepted or quarantined with its line.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine, readFtmFile } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * const stats = await readFtmFile("case/entities.ftm.jsonl", "entities.ftm.jsonl", { builder, quarantine: q });
 * ```
 */
export async function readFtmFile(path: string, displayName: string, ctx: FtmReadContext, options: FtmReadOptions = {}): Promise<SourceStats> {
  const c = new FtmCollector(displayName, ctx, options);
  await readJsonRecordsFile(path, looksLikeArray(path) ? "array" : "lines", (value, line, error) => c.add(value, line, error));
  c.finish();
  return c.stats;
}

/**
 * The FtM reader for {@link loadCase}: claims `*.ftm.json`, `*.ftm.jsonl` and `*.ftmjson`.
 *
 * @example
 * ```ts
 * import { ftmReader, loadCase } from "wildtrace";
 * const { dataset } = await loadCase("case-with-ftm", { readers: [ftmReader()] });
 * ```
 */
export function ftmReader(options: FtmReadOptions = {}): CaseFileReader {
  return {
    format: "ftm",
    claims: (name) => /\.(ftm\.jsonl?|ftmjson)$/i.test(name),
    read: (path, displayName, ctx) => readFtmFile(path, displayName, ctx, options),
  };
}

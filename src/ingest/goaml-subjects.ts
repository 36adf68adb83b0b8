import * as nodeCrypto from "node:crypto";
import { normaliseSector } from "../model/codes.js";
import { normaliseCountry, normaliseCurrency } from "../model/countries.js";
import type { Account, Address, Identifier, Party } from "../model/schemas.js";
import { type XmlNode, xmlChild, xmlChildren, xmlText } from "./goaml-xml.js";
import { formatInstant, readDate } from "./normalise-date.js";

/**
 * Subjects of goAML reports (`t_person`, `t_entity`, `t_account`, UNODC goAML schema 5.0.x) as
 * canonical parties and accounts. goAML gives persons and entities no id, so each gets a stable id
 * derived from its strongest identifier: the same passport (or registration number, or name and
 * birth date) in two reports gives the same party id, and the two mentions meet again.
 */

/** A party read from a report, with the people and links it brings along. */
export interface GoamlSubject {
  party: Party;
  /** Directors of an entity, with their role text. */
  directors: { party: Party; role: string }[];
}

/** An account read from a report, with its holder and other signatories. */
export interface GoamlAccount {
  account: Account;
  holder?: GoamlSubject;
  /** Signatories other than the holder, with their role text. */
  signatories: { party: Party; role: string }[];
}

/**
 * Fold a name for id keys: strip accents, upper-case, single spaces.
 *
 * @example
 * ```ts
 * import { foldGoamlName } from "wildtrace";
 * foldGoamlName("  Nguyễn  Văn Hùng "); // "NGUYEN VAN HUNG"
 * ```
 */
export function foldGoamlName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The SHA-256 of a string's UTF-8 bytes, in hex: Node's one-shot `crypto.hash` where there is one
 * (Node 20.12 and later; a report names thousands of persons, and it costs a fraction of a Hash
 * object per id), else a Hash object.
 */
const sha256Hex: (s: string) => string =
  typeof nodeCrypto.hash === "function" ? (s) => nodeCrypto.hash("sha256", s, "hex") : (s) => nodeCrypto.createHash("sha256").update(s).digest("hex");

/**
 * A stable party id from a kind and an identifying key: `person-` or `entity-` and 16 hex digits
 * of the key's SHA-256. `known` (optional) remembers the ids already computed, by kind and key: a
 * reader meets the same person in many transactions.
 *
 * @example
 * ```ts
 * import { goamlPartyId } from "wildtrace";
 * goamlPartyId("person", "passport|VN|C4521876") === goamlPartyId("person", "passport|VN|C4521876"); // true
 * goamlPartyId("person", "passport|VN|C4521876").startsWith("person-"); // true
 * ```
 */
export function goamlPartyId(kind: "person" | "entity", key: string, known?: Map<string, string>): string {
  if (known === undefined) return `${kind}-${sha256Hex(`${kind}\u0000${key}`).slice(0, 16)}`;
  const k = `${kind}\u0000${key}`;
  let id = known.get(k);
  if (id === undefined) known.set(k, (id = goamlPartyId(kind, key)));
  return id;
}

function isoDay(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const t = readDate(raw);
  return Number.isNaN(t) ? undefined : formatInstant(t).slice(0, 10);
}

/** Keep a value that could not be normalised, so nothing is dropped silently. */
function keepRaw(attrs: Record<string, string>, key: string, raw: string | undefined, ok: unknown): void {
  if (raw !== undefined && ok === undefined) attrs[`${key}_raw`] = raw;
}

function country(attrs: Record<string, string>, key: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const c = normaliseCountry(raw);
  keepRaw(attrs, key, raw, c);
  return c;
}

function addresses(node: XmlNode, attrs: Record<string, string>): Address[] {
  const out: Address[] = [];
  const list = [...xmlChildren(xmlChild(node, "addresses"), "address"), ...xmlChildren(node, "address").filter((a) => a.children.length > 0)];
  for (const a of list) {
    const parts = ["address", "town", "city", "zip", "state"].map((f) => xmlText(a, f)).filter((s): s is string => s !== undefined);
    if (parts.length === 0) continue;
    const c = country(attrs, "address_country", xmlText(a, "country_code"));
    out.push(c ? { text: parts.join(", "), country: c } : { text: parts.join(", ") });
  }
  return out;
}

function phones(node: XmlNode): Identifier[] {
  const out: Identifier[] = [];
  const list = [...xmlChildren(xmlChild(node, "phones"), "phone"), ...xmlChildren(node, "phone").filter((p) => p.children.length > 0)];
  for (const p of list) {
    const num = xmlText(p, "tph_number");
    if (!num) continue;
    const prefix = xmlText(p, "tph_country_prefix");
    const value = prefix ? `+${prefix.replace(/^\+/, "")} ${num}` : num;
    out.push({ type: "phone", value });
  }
  return out;
}

function setAttr(attrs: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined) attrs[key] = value;
}

/**
 * A canonical party from a goAML `t_person` element (or any element with its fields, such as
 * `from_person`, `signatory/t_person`, `director_id`). `scope` (the report id) keeps persons
 * known only by name apart across reports. Returns undefined when the element names nobody.
 * `ids` (optional) caches party ids across calls (see {@link goamlPartyId}).
 *
 * @example
 * ```ts
 * import { goamlPerson } from "wildtrace";
 * const f = (name: string, text: string) => ({ name, text, line: 1, children: [] });
 * const p = goamlPerson({ name: "from_person", text: "", line: 1, children: [f("first_name", "Juma"), f("last_name", "Mrema"), f("passport_number", "AB123456"), f("passport_country", "TZ")] }, "R1");
 * p?.name; // "Juma Mrema"
 * p?.identifiers; // [{ type: "passport", value: "AB123456", country: "TZ" }]
 * ```
 */
export function goamlPerson(node: XmlNode, scope: string, ids?: Map<string, string>): Party | undefined {
  const name = ["first_name", "middle_name", "prefix", "last_name"]
    .map((f) => xmlText(node, f))
    .filter((s): s is string => s !== undefined)
    .join(" ")
    .replace(/\s+/g, " ");
  if (name === "") return undefined;
  const attrs: Record<string, string> = Object.create(null);
  const identifiers: Identifier[] = [];
  const passport = xmlText(node, "passport_number");
  const passportCountry = country(attrs, "passport_country", xmlText(node, "passport_country"));
  if (passport) identifiers.push(passportCountry ? { type: "passport", value: passport, country: passportCountry } : { type: "passport", value: passport });
  const nationality = country(attrs, "nationality1", xmlText(node, "nationality1"));
  const residence = country(attrs, "residence", xmlText(node, "residence"));
  for (const ident of xmlChildren(node, "identification")) {
    const value = xmlText(ident, "number");
    if (!value) continue;
    const type = (xmlText(ident, "type") ?? "id_number").toLowerCase().replace(/[\s-]+/g, "_");
    const c = country(attrs, "identification_country", xmlText(ident, "issue_country"));
    if (!identifiers.some((i) => i.type === type && i.value === value)) identifiers.push(c ? { type, value, country: c } : { type, value });
  }
  const idNumber = xmlText(node, "id_number");
  if (idNumber) identifiers.push(nationality ? { type: "national_id", value: idNumber, country: nationality } : { type: "national_id", value: idNumber });
  const ssn = xmlText(node, "ssn");
  if (ssn) identifiers.push({ type: "ssn", value: ssn });
  const tax = xmlText(node, "tax_number");
  if (tax) identifiers.push({ type: "tax_number", value: tax });
  identifiers.push(...phones(node));
  for (const e of [...xmlChildren(node, "email"), ...xmlChildren(node, "emails").flatMap((x) => xmlChildren(x, "email"))]) {
    if (e.text) identifiers.push({ type: "email", value: e.text.toLowerCase() });
  }
  const rawBirth = xmlText(node, "birthdate");
  const birthDate = isoDay(rawBirth);
  keepRaw(attrs, "birthdate", rawBirth, birthDate);
  setAttr(attrs, "gender", xmlText(node, "gender"));
  setAttr(attrs, "birth_place", xmlText(node, "birth_place"));
  setAttr(attrs, "occupation", xmlText(node, "occupation"));
  setAttr(attrs, "employer", xmlText(node, "employer_name"));
  setAttr(attrs, "source_of_wealth", xmlText(node, "source_of_wealth"));
  for (const k of ["nationality2", "nationality3"]) setAttr(attrs, k, country(attrs, k, xmlText(node, k)));
  if (nationality) attrs.nationality = nationality;
  const key = identifierKey(identifiers) ?? (birthDate ? `name|${foldGoamlName(name)}|${birthDate}` : `name|${foldGoamlName(name)}|scope|${scope}`);
  const occupation = xmlText(node, "occupation");
  const party: Party = {
    id: goamlPartyId("person", key, ids),
    kind: "person",
    name,
    aliases: xmlChildren(node, "alias").map((a) => a.text).filter((s) => s !== ""),
    identifiers,
    addresses: addresses(node, attrs),
    roles: occupationRoles(occupation, xmlText(node, "employer_name")),
    attributes: attrs,
  };
  const c = residence ?? nationality ?? passportCountry;
  if (c) party.country = c;
  if (birthDate) party.birthDate = birthDate;
  return party;
}

/** Words of an occupation that name an official role, with the role the rules look for. */
const OFFICIAL_WORDS: readonly [RegExp, string][] = [
  [/\branger/i, "ranger"],
  [/\bwarden/i, "game_warden"],
  [/\bcustoms\b/i, "customs"],
  [/\bpolice|\bconstable|\bgendarme/i, "police"],
  [/\bveterinar|\bvet\b/i, "vet"],
  [/\bwildlife (officer|official|inspector)/i, "wildlife_officer"],
  [/\bport (officer|official)|\bharbou?r master/i, "port_official"],
  [/\bjudge|\bmagistrate/i, "judge"],
  [/\bprosecutor/i, "prosecutor"],
  [/\bminister\b/i, "minister"],
];

/**
 * A person's roles from a goAML occupation and employer: the occupation itself (lower case,
 * underscores) plus the official roles its words name (`Game Ranger` -> `ranger`), and `official`
 * when the employer is a government body (Themis IWT red flags: payments to officials).
 *
 * @example
 * ```ts
 * import { occupationRoles } from "wildtrace";
 * occupationRoles("Game Ranger", "Tanzania Wildlife Management Authority"); // ["game_ranger", "ranger", "official"]
 * occupationRoles("Small trader", undefined); // ["small_trader"]
 * ```
 */
export function occupationRoles(occupation: string | undefined, employer: string | undefined): string[] {
  const roles: string[] = [];
  if (occupation) roles.push(occupation.toLowerCase().trim().replace(/[\s-]+/g, "_"));
  for (const [re, role] of OFFICIAL_WORDS) if (occupation && re.test(occupation) && !roles.includes(role)) roles.push(role);
  if (employer && /\b(authority|ministry|department|government|police|customs|revenue|parks?|national park|wildlife service|council)\b/i.test(employer) && !roles.includes("official")) roles.push("official");
  return roles;
}

const STRONG_IDS = ["passport", "national_id", "id_number", "registration_number", "tax_number", "ssn"];

function identifierKey(ids: readonly Identifier[]): string | undefined {
  for (const type of STRONG_IDS) {
    const id = ids.find((i) => i.type === type);
    if (id) return `${type}|${id.country ?? ""}|${id.value.toUpperCase().replace(/[\s-]+/g, "")}`;
  }
  const other = ids.find((i) => i.type !== "phone" && i.type !== "email");
  return other ? `${other.type}|${other.country ?? ""}|${other.value.toUpperCase().replace(/[\s-]+/g, "")}` : undefined;
}

/**
 * A canonical party (a company) from a goAML `t_entity` element, with its directors
 * (`director_id`). Returns undefined when the element has no name. `ids`: see {@link goamlPerson}.
 *
 * @example
 * ```ts
 * import { goamlEntity } from "wildtrace";
 * const f = (name: string, text: string) => ({ name, text, line: 1, children: [] });
 * const e = goamlEntity({ name: "t_entity", text: "", line: 1, children: [f("name", "Pemba Marine Logistics Lda"), f("incorporation_number", "100234"), f("incorporation_country_code", "MZ"), f("business", "freight forwarding")] }, "R1");
 * e?.party.sector; // "freight_forwarding"
 * ```
 */
export function goamlEntity(node: XmlNode, scope: string, ids?: Map<string, string>): GoamlSubject | undefined {
  const name = xmlText(node, "name") ?? xmlText(node, "commercial_name");
  if (!name) return undefined;
  const attrs: Record<string, string> = Object.create(null);
  const c = country(attrs, "incorporation_country_code", xmlText(node, "incorporation_country_code"));
  const identifiers: Identifier[] = [];
  const reg = xmlText(node, "incorporation_number");
  if (reg) identifiers.push(c ? { type: "registration_number", value: reg, country: c } : { type: "registration_number", value: reg });
  const tax = xmlText(node, "tax_number");
  if (tax) identifiers.push(c ? { type: "tax_number", value: tax, country: c } : { type: "tax_number", value: tax });
  identifiers.push(...phones(node));
  const email = xmlText(node, "email");
  if (email) identifiers.push({ type: "email", value: email.toLowerCase() });
  setAttr(attrs, "legal_form", xmlText(node, "incorporation_legal_form"));
  setAttr(attrs, "business", xmlText(node, "business"));
  setAttr(attrs, "url", xmlText(node, "url"));
  const rawInc = xmlText(node, "incorporation_date");
  const inc = isoDay(rawInc);
  keepRaw(attrs, "incorporation_date", rawInc, inc);
  setAttr(attrs, "incorporation_date", inc);
  const key = identifierKey(identifiers) ?? `name|${foldGoamlName(name)}|${c ?? `scope|${scope}`}`;
  const commercial = xmlText(node, "commercial_name");
  const party: Party = {
    id: goamlPartyId("entity", key, ids),
    kind: "company",
    name,
    aliases: commercial && commercial !== name ? [commercial] : [],
    identifiers,
    addresses: addresses(node, attrs),
    roles: [],
    attributes: attrs,
  };
  if (c) party.country = c;
  const sector = normaliseSector(xmlText(node, "business"));
  if (sector) party.sector = sector;
  const directors: GoamlSubject["directors"] = [];
  for (const d of xmlChildren(node, "director_id")) {
    const p = goamlPerson(d, scope, ids);
    if (p) directors.push({ party: p, role: xmlText(d, "role") ?? "director" });
  }
  return { party, directors };
}

const MOBILE_RE = /\b(mobile|wallet|m-?pesa|momo|airtel money|tigo ?pesa|mtn)\b/i;

/**
 * A canonical account from a goAML `t_account` element (`from_account`, `to_account`...): id is
 * the account number (else the IBAN); holder is the account's `t_entity`, else its primary
 * signatory, else its first signatory. `country` is the side's country, else the IBAN's or the
 * SWIFT code's. Returns undefined when the element has no account number or IBAN. `ids`: see
 * {@link goamlPerson}.
 *
 * @example
 * ```ts
 * import { goamlAccount } from "wildtrace";
 * const f = (name: string, text: string) => ({ name, text, line: 1, children: [] });
 * const a = goamlAccount({ name: "to_account", text: "", line: 1, children: [f("institution_name", "Kilimanjaro Commercial Bank Ltd"), f("swift", "KCBLTZTZ"), f("account", "0150123456"), f("currency_code", "TZS")] }, "R1", undefined);
 * a?.account; // { id: "0150123456", type: "bank", institution: "Kilimanjaro Commercial Bank Ltd", country: "TZ", currency: "TZS" }
 * ```
 */
export function goamlAccount(node: XmlNode, scope: string, sideCountry: string | undefined, ids?: Map<string, string>): GoamlAccount | undefined {
  const iban = xmlText(node, "iban")?.replace(/\s+/g, "");
  const id = xmlText(node, "account") ?? iban;
  if (!id) return undefined;
  const swift = xmlText(node, "swift");
  const institution = xmlText(node, "institution_name") ?? swift ?? xmlText(node, "institution_code");
  const label = `${institution ?? ""} ${xmlText(node, "account_name") ?? ""} ${xmlText(node, "personal_account_type") ?? ""}`;
  const account: Account = { id, type: MOBILE_RE.test(label) ? "mobile_money" : "bank" };
  if (institution) account.institution = institution;
  const c = sideCountry ?? (iban ? normaliseCountry(iban.slice(0, 2)) : undefined) ?? (swift && swift.length >= 6 ? normaliseCountry(swift.slice(4, 6)) : undefined);
  if (c) account.country = c;
  const cur = xmlText(node, "currency_code");
  const currency = cur ? normaliseCurrency(cur) : undefined;
  if (currency) account.currency = currency;
  const opened = isoDay(xmlText(node, "opened"));
  if (opened) account.opened = opened;
  const entityNode = xmlChild(node, "t_entity");
  const entity = entityNode ? goamlEntity(entityNode, scope, ids) : undefined;
  const signers: { party: Party; role: string; primary: boolean }[] = [];
  for (const s of xmlChildren(node, "signatory")) {
    const personNode = xmlChild(s, "t_person");
    const p = personNode ? goamlPerson(personNode, scope, ids) : undefined;
    if (p) signers.push({ party: p, role: xmlText(s, "role") ?? "signatory", primary: /^(true|1|y|yes)$/i.test(xmlText(s, "is_primary") ?? "") });
  }
  let holder: GoamlSubject | undefined = entity;
  let rest = signers;
  if (!holder && signers.length > 0) {
    const primary = signers.find((s) => s.primary) ?? signers[0];
    holder = { party: primary.party, directors: [] };
    rest = signers.filter((s) => s !== primary);
  }
  if (holder) account.holder = holder.party.id;
  return { account, holder, signatories: rest.map(({ party, role }) => ({ party, role })) };
}

import { createHash } from "node:crypto";
import { OptionError } from "../errors.js";
import { FTM_ID_PREFIXES, type FtmEntity } from "../ingest/ftm-reader.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";
import type { Party, Relationship } from "../model/schemas.js";

/**
 * Writes a dataset (or a selection, e.g. a community) as FollowTheMoney entities that Aleph and
 * OpenSanctions tools load (schemata and properties as in alephdata/followthemoney
 * `schema/*.yaml`): parties as Person/Company/Organization, accounts as BankAccount with an
 * Ownership from the holder, transactions as Payment, relationships as Ownership, Directorship,
 * Family, Associate, Employment, Representation or UnknownLink. `readFtmEntities` reads the
 * output back to the same records.
 */

/** What to export; everything when omitted. */
export interface FtmSelection {
  /** Transaction indices; their accounts and holders come along. [default: all when no selection is given] */
  transactions?: readonly number[];
  /** Account ids; their holders come along. [default: none] */
  accounts?: readonly string[];
  /** Party ids. [default: none] */
  parties?: readonly string[];
}

const ID_TYPE_PROPS: Readonly<Record<string, string>> = Object.freeze({
  passport: "passportNumber",
  national_id: "idNumber",
  id_number: "idNumber",
  tax_number: "taxNumber",
  registration_number: "registrationNumber",
  ssn: "socialSecurityNumber",
  inn: "innCode",
  lei: "leiCode",
  vat: "vatCode",
  swift: "swiftBic",
  phone: "phone",
  email: "email",
});

function linkId(parts: readonly (string | number | undefined)[]): string {
  return `${FTM_ID_PREFIXES.link}${createHash("sha256").update(parts.map((p) => String(p ?? "")).join("\u0000")).digest("hex").slice(0, 24)}`;
}

class Props {
  readonly props: Record<string, string[]> = Object.create(null);
  add(name: string, value: string | number | undefined): void {
    if (value === undefined || value === "") return;
    const v = String(value);
    const list = this.props[name] ?? (this.props[name] = []);
    if (!list.includes(v)) list.push(v);
  }
}

function ftmDate(t: number): string {
  const iso = new Date(t).toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19);
}

function partyEntity(p: Party): FtmEntity {
  const schema = p.kind === "person" ? "Person" : p.kind === "company" ? "Company" : "Organization";
  const x = new Props();
  x.add("name", p.name);
  for (const a of p.aliases) x.add("alias", a);
  x.add("country", p.country?.toLowerCase());
  for (const id of p.identifiers) {
    const prop = Object.hasOwn(ID_TYPE_PROPS, id.type) ? ID_TYPE_PROPS[id.type] : "idNumber";
    if (schema !== "Person" && (prop === "passportNumber" || prop === "socialSecurityNumber")) x.add("idNumber", id.value);
    else x.add(prop, id.value);
  }
  for (const a of p.addresses) x.add("address", a.text);
  if (p.sector) x.add("sector", p.sector);
  for (const r of p.roles) x.add("keywords", r);
  if (schema === "Person") {
    x.add("birthDate", p.birthDate);
    x.add("nationality", p.attributes.nationality?.toLowerCase());
    x.add("gender", p.attributes.gender ? ({ m: "male", f: "female" } as Record<string, string>)[p.attributes.gender.toLowerCase()] : undefined);
    x.add("birthPlace", p.attributes.birth_place);
    x.add("position", p.attributes.occupation);
  } else {
    x.add("incorporationDate", p.attributes.incorporation_date);
    x.add("legalForm", p.attributes.legal_form);
  }
  return { id: `${FTM_ID_PREFIXES.party}${p.id}`, schema, properties: x.props };
}

/** The FtM schema for a relationship, given the kinds of its ends. */
function linkEntity(r: Relationship, from: Party, to: Party): FtmEntity {
  const x = new Props();
  x.add("startDate", r.since);
  x.add("endDate", r.until);
  const org = to.kind !== "person";
  const persons = from.kind === "person" && to.kind === "person";
  const src = `${FTM_ID_PREFIXES.party}${from.id}`;
  const dst = `${FTM_ID_PREFIXES.party}${to.id}`;
  let schema = "UnknownLink";
  if (r.type === "owns" && to.kind === "company") {
    schema = "Ownership";
    x.add("owner", src);
    x.add("asset", dst);
    if (r.share !== undefined) x.add("percentage", r.share);
  } else if (r.type === "directs" && org) {
    schema = "Directorship";
    x.add("director", src);
    x.add("organization", dst);
  } else if ((r.type === "family" || r.type === "associate") && persons) {
    schema = r.type === "family" ? "Family" : "Associate";
    x.add("person", src);
    x.add(r.type === "family" ? "relative" : "associate", dst);
  } else if (r.type === "employs" && to.kind === "person") {
    schema = "Employment";
    x.add("employer", src);
    x.add("employee", dst);
  } else if (r.type === "represents") {
    schema = "Representation";
    x.add("agent", src);
    x.add("client", dst);
  } else {
    x.add("subject", src);
    x.add("object", dst);
    x.add("role", r.type);
  }
  return { id: linkId([r.from, r.to, r.type, r.since, r.until, r.share]), schema, properties: x.props };
}

/**
 * Export a dataset, or a selection of it, as FtM entities (ids are prefixed `wt-party-`,
 * `wt-account-`, `wt-payment-`, `wt-link-` so that kinds never collide). An account that only
 * stands for a party (`<party>:account`, made by the readers for a payer without an account) is
 * written as the party alone on the Payment. Order: parties, accounts, holders, relationships,
 * payments, each in dataset order: deterministic.
 *
 * @example
 * ```ts
 * import { createDataset, exportFtm, ftmLines } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", name: "Juma Said Mrema", kind: "person", country: "TZ" }],
 *   accounts: [{ id: "A1", holder: "P1", institution: "Kilimanjaro Commercial Bank Ltd" }, { id: "A2" }],
 *   transactions: [{ id: "T1", date: "2024-03-08", amount: 48500, currency: "USD", from_account: "A1", to_account: "A2", reference: "handicrafts" }],
 * });
 * const entities = exportFtm(dataset);
 * entities.map((e) => e.schema); // ["Person", "BankAccount", "BankAccount", "Ownership", "Payment"]
 * const text = ftmLines(entities); // one JSON entity per line, for `ftm` or Aleph
 * ```
 */
export function exportFtm(dataset: Dataset, selection?: FtmSelection): FtmEntity[] {
  const t = dataset.transactions;
  const all = selection === undefined;
  const txSel = new Set<number>(all ? Array.from({ length: t.length }, (_, i) => i) : (selection.transactions ?? []));
  for (const i of txSel) if (!Number.isInteger(i) || i < 0 || i >= t.length) throw new OptionError("exportFtm", `transaction index ${i} is outside 0..${t.length - 1}`);
  const accSel = new Set<number>();
  const partySel = new Set<number>();
  if (all) {
    for (let a = 0; a < dataset.accounts.length; a++) accSel.add(a);
    for (let p = 0; p < dataset.parties.length; p++) partySel.add(p);
  }
  for (const id of selection?.accounts ?? []) {
    const a = dataset.accountIndex.get(id);
    if (a === undefined) throw new OptionError("exportFtm", `account '${id}' is not in the dataset`);
    accSel.add(a);
  }
  for (const id of selection?.parties ?? []) {
    const p = dataset.partyIndex.get(id);
    if (p === undefined) throw new OptionError("exportFtm", `party '${id}' is not in the dataset`);
    partySel.add(p);
  }
  for (const i of txSel) {
    if (t.from[i] >= 0) accSel.add(t.from[i]);
    if (t.to[i] >= 0) accSel.add(t.to[i]);
  }
  for (const a of accSel) if (dataset.accountHolder[a] >= 0) partySel.add(dataset.accountHolder[a]);
  const isStandIn = (a: number) => {
    const acc = dataset.accounts[a];
    return acc.type === "other" && acc.holder !== undefined && acc.id === `${acc.holder}:account` && dataset.accountHolder[a] >= 0;
  };
  const out: FtmEntity[] = [];
  const parties = [...partySel].sort((a, b) => a - b);
  for (const p of parties) out.push(partyEntity(dataset.parties[p]));
  const accounts = [...accSel].sort((a, b) => a - b).filter((a) => !isStandIn(a));
  for (const a of accounts) {
    const acc = dataset.accounts[a];
    const x = new Props();
    x.add("accountNumber", acc.id);
    x.add("bankName", acc.institution);
    x.add("country", acc.country?.toLowerCase());
    x.add("currency", acc.currency);
    x.add("openingDate", acc.opened);
    x.add("accountType", acc.type);
    out.push({ id: `${FTM_ID_PREFIXES.account}${acc.id}`, schema: "BankAccount", properties: x.props });
  }
  for (const a of accounts) {
    const h = dataset.accountHolder[a];
    if (h < 0) continue;
    const acc = dataset.accounts[a];
    const x = new Props();
    x.add("owner", `${FTM_ID_PREFIXES.party}${dataset.parties[h].id}`);
    x.add("asset", `${FTM_ID_PREFIXES.account}${acc.id}`);
    x.add("role", "account holder");
    out.push({ id: linkId(["holder", acc.id]), schema: "Ownership", properties: x.props });
  }
  const chosen = new Set(parties.map((p) => dataset.parties[p].id));
  for (const r of dataset.relationships) {
    if (!chosen.has(r.from) || !chosen.has(r.to)) continue;
    out.push(linkEntity(r, dataset.parties[dataset.partyIndex.get(r.from)!], dataset.parties[dataset.partyIndex.get(r.to)!]));
  }
  for (const i of [...txSel].sort((a, b) => a - b)) {
    const x = new Props();
    for (const [side, a] of [
      ["payer", t.from[i]],
      ["beneficiary", t.to[i]],
    ] as const) {
      if (a < 0) continue;
      const h = dataset.accountHolder[a];
      if (h >= 0) x.add(side, `${FTM_ID_PREFIXES.party}${dataset.parties[h].id}`);
      if (!isStandIn(a)) x.add(`${side}Account`, `${FTM_ID_PREFIXES.account}${dataset.accounts[a].id}`);
    }
    x.add("amount", t.amount[i]);
    x.add("currency", dataset.currencies[t.currency[i]]);
    if (dataset.baseCurrency === "USD") x.add("amountUsd", Math.round(t.baseAmount[i] * 100) / 100);
    if (dataset.baseCurrency === "EUR") x.add("amountEur", Math.round(t.baseAmount[i] * 100) / 100);
    x.add("date", ftmDate(t.time[i]));
    x.add("purpose", dataset.references[t.reference[i]]);
    x.add("programme", CHANNELS[t.channel[i]]);
    x.add("transactionNumber", t.id.get(i));
    out.push({ id: `${FTM_ID_PREFIXES.transaction}${t.id.get(i)}`, schema: "Payment", properties: x.props });
  }
  return out;
}

/**
 * FtM entities as JSON lines (one entity per line, trailing newline), the form `ftm` and Aleph
 * import.
 *
 * @example
 * ```ts
 * import { ftmLines } from "wildtrace";
 * ftmLines([{ id: "wt-party-P1", schema: "Person", properties: { name: ["Juma Said Mrema"] } }]);
 * // '{"id":"wt-party-P1","schema":"Person","properties":{"name":["Juma Said Mrema"]}}\n'
 * ```
 */
export function ftmLines(entities: readonly FtmEntity[]): string {
  return entities.map((e) => `${JSON.stringify({ id: e.id, schema: e.schema, properties: e.properties })}\n`).join("");
}

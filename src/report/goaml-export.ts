import { OptionError } from "../errors.js";
import { CHANNELS, type Channel } from "../model/codes.js";
import { type Dataset, transactionCountries } from "../model/dataset.js";
import type { Account, Identifier, Party } from "../model/schemas.js";

/**
 * Writes a goAML 5.0.x report skeleton (UNODC goAML XML schema: `report`, `transaction`,
 * `t_from`/`t_to`, `t_account`, `t_person`, `t_entity`) for a selection of a dataset, for an
 * analyst to complete in goAML: the fields wildtrace knows are filled, the others are left empty
 * with an `analyst:` comment. `readGoamlStream` reads it back to the same transactions and parties.
 */

/** What to put in the report: transaction indices and, optionally, more party ids. */
export interface GoamlSelection {
  /** Indices into `dataset.transactions` (e.g. an alert's transactions, or a community's). */
  transactions: readonly number[];
  /**
   * Party ids to name besides the holders of the transactions' accounts. With no transactions they
   * are written as `activity/report_parties`; otherwise they are listed in a comment for the analyst.
   * [default: none]
   */
  parties?: readonly string[];
}

/** Options of {@link exportGoamlReport}. Empty strings leave the element for the analyst. */
export interface GoamlExportOptions {
  /** Reporting entity id in goAML. [default: ""] */
  rentityId?: string;
  /** Report code (STR, SAR, ...). [default: "STR"] */
  reportCode?: string;
  /** The reporting entity's reference. [default: ""] */
  entityReference?: string;
  /** Submission date, ISO `yyyy-MM-dd`. [default: "" (never the clock, so output is deterministic)] */
  submissionDate?: string;
  /** Local currency of `amount_local`. [default: the most frequent currency of the selected transactions] */
  currencyLocal?: string;
  /** Grounds for suspicion (e.g. the alerts' explanations). [default: ""] */
  reason?: string;
  /** Action taken. [default: ""] */
  action?: string;
  /** Indicator codes of the FIU. [default: none] */
  indicators?: readonly string[];
  /** transmode_code written per channel. [default: {@link DEFAULT_GOAML_TRANSMODES}] */
  transmodes?: Readonly<Partial<Record<Channel, string>>>;
  /** Funds code of a cash side. [default: "CASH"] */
  cashFundsCode?: string;
  /** Funds code of an account side. [default: "BANKD"] */
  accountFundsCode?: string;
}

/**
 * transmode codes written by default; `readGoamlStream`'s default code table reads them back.
 *
 * @example
 * ```ts
 * import { DEFAULT_GOAML_TRANSMODES } from "wildtrace";
 * DEFAULT_GOAML_TRANSMODES.mobile_money; // "MOBILE"
 * DEFAULT_GOAML_TRANSMODES.cash_deposit; // "CASH"
 * ```
 */
export const DEFAULT_GOAML_TRANSMODES: Readonly<Record<Channel, string>> = Object.freeze({
  wire: "WIRE",
  cash_deposit: "CASH",
  cash_withdrawal: "CASH",
  mobile_money: "MOBILE",
  card: "CARD",
  cheque: "CHEQUE",
  crypto: "CRYPTO",
  hawala: "HAWALA",
  internal: "INTERNAL",
  other: "OTHER",
});

/**
 * Defaults of {@link GoamlExportOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_GOAML_EXPORT_OPTIONS } from "wildtrace";
 * DEFAULT_GOAML_EXPORT_OPTIONS.reportCode; // "STR"
 * DEFAULT_GOAML_EXPORT_OPTIONS.accountFundsCode; // "BANKD"
 * ```
 */
export const DEFAULT_GOAML_EXPORT_OPTIONS = Object.freeze({
  rentityId: "",
  reportCode: "STR",
  entityReference: "",
  submissionDate: "",
  reason: "",
  action: "",
  cashFundsCode: "CASH",
  accountFundsCode: "BANKD",
});

/** Escape text for XML content, dropping characters XML 1.0 cannot hold. */
function escapeXml(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Text safe inside an XML comment: no `--`, no trailing `-`, only characters XML can hold (comments are not entity-decoded). */
function commentText(text: string): string {
  return text
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/-(?=-)/g, "- ")
    .replace(/-$/, "- ");
}

class XmlWriter {
  private readonly lines: string[] = [];
  private depth = 0;
  open(name: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}<${name}>`);
    this.depth++;
  }
  close(name: string): void {
    this.depth--;
    this.lines.push(`${"  ".repeat(this.depth)}</${name}>`);
  }
  /** An element with text; nothing when the value is undefined. */
  el(name: string, value: string | number | undefined): void {
    if (value === undefined) return;
    const text = typeof value === "number" ? String(value) : value;
    this.lines.push(`${"  ".repeat(this.depth)}${text === "" ? `<${name}/>` : `<${name}>${escapeXml(text)}</${name}>`}`);
  }
  /** An element the analyst must fill. */
  todo(name: string, what: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}<${name}/><!-- analyst: ${commentText(what)} -->`);
  }
  comment(text: string): void {
    this.lines.push(`${"  ".repeat(this.depth)}<!-- ${commentText(text)} -->`);
  }
  text(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${this.lines.join("\n")}\n`;
  }
}

function splitName(name: string): { first?: string; middle?: string; last: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { last: parts[0] };
  return { first: parts[0], middle: parts.length > 2 ? parts.slice(1, -1).join(" ") : undefined, last: parts[parts.length - 1] };
}

function idsOf(p: Party, type: string): Identifier[] {
  return p.identifiers.filter((i) => i.type === type);
}

function isoInstant(t: number): string {
  return new Date(t).toISOString().slice(0, 19);
}

/** Writes parties and accounts of one dataset. */
class SubjectWriter {
  constructor(
    private readonly ds: Dataset,
    private readonly w: XmlWriter,
  ) {}

  party(id: string | undefined): Party | undefined {
    if (id === undefined) return undefined;
    const i = this.ds.partyIndex.get(id);
    return i === undefined ? undefined : this.ds.parties[i];
  }

  private addresses(p: Party): void {
    if (p.addresses.length === 0) return;
    this.w.open("addresses");
    for (const a of p.addresses) {
      this.w.open("address");
      this.w.el("address_type", "");
      this.w.el("address", a.text);
      this.w.el("city", "");
      this.w.el("country_code", a.country);
      this.w.close("address");
    }
    this.w.close("addresses");
  }

  private phones(p: Party): void {
    const phones = idsOf(p, "phone");
    if (phones.length === 0) return;
    this.w.open("phones");
    for (const ph of phones) {
      this.w.open("phone");
      this.w.el("tph_contact_type", "");
      this.w.el("tph_communication_type", "");
      this.w.el("tph_number", ph.value);
      this.w.close("phone");
    }
    this.w.close("phones");
  }

  /** The fields of a t_person, in schema order, inside an element the caller opened. */
  personFields(p: Party): void {
    const w = this.w;
    const n = splitName(p.name);
    w.el("gender", p.attributes.gender);
    w.el("first_name", n.first);
    w.el("middle_name", n.middle);
    w.el("last_name", n.last);
    if (p.birthDate) w.el("birthdate", `${p.birthDate}T00:00:00`);
    w.el("birth_place", p.attributes.birth_place);
    w.el("alias", p.aliases[0]);
    w.el("ssn", idsOf(p, "ssn")[0]?.value);
    const passport = idsOf(p, "passport")[0];
    w.el("passport_number", passport?.value);
    w.el("passport_country", passport?.country);
    const nationality = p.attributes.nationality ?? idsOf(p, "national_id")[0]?.country;
    const nid = idsOf(p, "national_id").find((i) => i.country === nationality);
    w.el("id_number", nid?.value);
    w.el("nationality1", nationality);
    w.el("residence", p.country);
    this.phones(p);
    this.addresses(p);
    w.el("email", idsOf(p, "email")[0]?.value);
    w.el("occupation", p.attributes.occupation);
    w.el("employer_name", p.attributes.employer);
    const written = new Set<Identifier>([passport, nid, idsOf(p, "ssn")[0], idsOf(p, "tax_number")[0], idsOf(p, "email")[0]].filter((x): x is Identifier => x !== undefined));
    for (const id of p.identifiers) {
      if (written.has(id) || id.type === "phone") continue;
      w.open("identification");
      w.el("type", id.type);
      w.el("number", id.value);
      w.el("issue_country", id.country);
      w.close("identification");
    }
    w.el("tax_number", idsOf(p, "tax_number")[0]?.value);
    w.el("comments", `wildtrace party ${p.id}`);
  }

  entityFields(p: Party): void {
    const w = this.w;
    w.el("name", p.name);
    w.el("commercial_name", p.aliases[0]);
    w.el("incorporation_legal_form", p.attributes.legal_form);
    w.el("incorporation_number", idsOf(p, "registration_number")[0]?.value);
    w.el("business", p.attributes.business ?? p.sector);
    this.phones(p);
    this.addresses(p);
    w.el("email", idsOf(p, "email")[0]?.value);
    w.el("url", p.attributes.url);
    w.el("incorporation_country_code", p.country);
    const rels = this.ds.relationships.filter((r) => r.to === p.id && (r.type === "directs" || r.type === "owns"));
    const seen = new Set<string>();
    for (const r of [...rels].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.type < b.type ? -1 : 1))) {
      const d = this.party(r.from);
      if (d?.kind !== "person" || seen.has(d.id)) continue;
      seen.add(d.id);
      w.open("director_id");
      this.personFields(d);
      w.el("role", r.type === "owns" ? "Shareholder" : "Director");
      w.close("director_id");
    }
    w.el("incorporation_date", p.attributes.incorporation_date ? `${p.attributes.incorporation_date}T00:00:00` : undefined);
    w.el("tax_number", idsOf(p, "tax_number")[0]?.value);
    w.el("comments", `wildtrace party ${p.id}`);
  }

  /** A t_account element named `name`. */
  account(name: string, a: Account): void {
    const w = this.w;
    w.open(name);
    if (a.institution) w.el("institution_name", a.institution);
    else w.todo("institution_name", "name of the institution holding the account");
    w.el("account", a.id);
    w.el("currency_code", a.currency);
    const holder = this.party(a.holder);
    w.el("account_name", holder?.name);
    if (a.type === "mobile_money") w.el("personal_account_type", "MOBILE");
    if (holder && holder.kind !== "person") {
      w.open("t_entity");
      this.entityFields(holder);
      w.close("t_entity");
    } else if (holder) {
      w.open("signatory");
      w.el("is_primary", "true");
      w.open("t_person");
      this.personFields(holder);
      w.close("t_person");
      w.el("role", "");
      w.close("signatory");
    }
    if (holder) {
      const others = this.ds.relationships
        .filter((r) => r.to === holder.id && r.type === "signatory")
        .map((r) => r.from)
        .sort();
      for (const id of [...new Set(others)]) {
        const s = this.party(id);
        if (s?.kind !== "person") continue;
        w.open("signatory");
        w.el("is_primary", "false");
        w.open("t_person");
        this.personFields(s);
        w.close("t_person");
        w.el("role", "signatory");
        w.close("signatory");
      }
    }
    if (a.opened) w.el("opened", `${a.opened}T00:00:00`);
    w.close(name);
  }
}

function mostFrequentCurrency(ds: Dataset, txs: readonly number[]): string | undefined {
  const counts = new Map<string, number>();
  for (const i of txs) {
    const c = ds.currencies[ds.transactions.currency[i]];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestN = 0;
  for (const [c, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n > bestN) {
      best = c;
      bestN = n;
    }
  }
  return best;
}

/**
 * Write a goAML 5.0.x STR skeleton for a selection of transactions (and parties). Each
 * transaction gets its `t_from`/`t_to` with the account (holder as `t_entity` or primary
 * signatory, directors from the dataset's relationships), or the cash side's funds code; amounts
 * in another currency than `currencyLocal` are written as `from_foreign_currency` with
 * `amount_local` from the base amount when the base is the local currency, else left for the
 * analyst. Output is deterministic (no clock, sorted selection).
 *
 * @example
 * ```ts
 * import { caseReaders, exportGoamlReport, loadCase } from "wildtrace";
 * const { dataset } = await loadCase("datasets/goaml-sample", { readers: caseReaders() });
 * const xml = exportGoamlReport(dataset, { transactions: [11, 12] }, { reportCode: "STR", reason: "Pass-through of USD via a new freight account" });
 * xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>'); // true
 * ```
 */
export function exportGoamlReport(dataset: Dataset, selection: GoamlSelection, options: GoamlExportOptions = {}): string {
  const t = dataset.transactions;
  for (const i of selection.transactions) {
    if (!Number.isInteger(i) || i < 0 || i >= t.length) throw new OptionError("exportGoamlReport", `transaction index ${i} is outside 0..${t.length - 1}`);
  }
  for (const id of selection.parties ?? []) {
    if (!dataset.partyIndex.has(id)) throw new OptionError("exportGoamlReport", `party '${id}' is not in the dataset`);
  }
  const o = { ...DEFAULT_GOAML_EXPORT_OPTIONS, ...options };
  const transmodes = { ...DEFAULT_GOAML_TRANSMODES, ...(options.transmodes ?? {}) };
  const txs = [...new Set(selection.transactions)].sort((a, b) => t.time[a] - t.time[b] || (t.id.get(a) < t.id.get(b) ? -1 : 1));
  const local = options.currencyLocal ?? mostFrequentCurrency(dataset, txs) ?? dataset.baseCurrency;
  const w = new XmlWriter();
  const s = new SubjectWriter(dataset, w);
  w.comment("goAML 5.0 report skeleton written by wildtrace: complete the elements marked 'analyst' before submission");
  w.open("report");
  if (o.rentityId) w.el("rentity_id", o.rentityId);
  else w.todo("rentity_id", "your reporting entity id in goAML");
  w.el("submission_code", "E");
  w.el("report_code", o.reportCode);
  if (o.entityReference) w.el("entity_reference", o.entityReference);
  else w.todo("entity_reference", "your internal reference for this report");
  if (o.submissionDate) w.el("submission_date", `${o.submissionDate}T00:00:00`);
  else w.todo("submission_date", "date of submission");
  w.el("currency_code_local", local);
  w.open("reporting_person");
  w.todo("first_name", "reporting officer");
  w.todo("last_name", "reporting officer");
  w.close("reporting_person");
  if (o.reason) w.el("reason", o.reason);
  else w.todo("reason", "grounds for suspicion");
  if (o.action) w.el("action", o.action);
  const holders = new Set<string>();
  for (const i of txs) {
    const cur = dataset.currencies[t.currency[i]];
    const channel = CHANNELS[t.channel[i]] as Channel;
    const countries = transactionCountries(dataset, i);
    w.open("transaction");
    w.el("transactionnumber", t.id.get(i));
    w.el("transaction_description", dataset.references[t.reference[i]] || undefined);
    w.el("date_transaction", isoInstant(t.time[i]));
    w.el("transmode_code", transmodes[channel]);
    let foreign: { currency: string; amount: number; rate?: number } | undefined;
    if (cur === local) w.el("amount_local", t.amount[i]);
    else {
      foreign = { currency: cur, amount: t.amount[i] };
      if (dataset.baseCurrency === local) {
        w.el("amount_local", Math.round(t.baseAmount[i] * 100) / 100);
        foreign.rate = t.baseAmount[i] / t.amount[i];
      } else w.todo("amount_local", `value of ${t.amount[i]} ${cur} in ${local}`);
    }
    for (const side of ["from", "to"] as const) {
      const a = side === "from" ? t.from[i] : t.to[i];
      w.open(`t_${side}`);
      const cashSide = a < 0 || (side === "from" && channel === "cash_deposit") || (side === "to" && channel === "cash_withdrawal");
      w.el(`${side}_funds_code`, cashSide ? o.cashFundsCode : o.accountFundsCode);
      if (foreign) {
        w.open(`${side}_foreign_currency`);
        w.el("foreign_currency_code", foreign.currency);
        w.el("foreign_amount", foreign.amount);
        if (foreign.rate !== undefined) w.el("foreign_exchange_rate", Number(foreign.rate.toPrecision(8)));
        w.close(`${side}_foreign_currency`);
      }
      if (a >= 0) {
        const acc = dataset.accounts[a];
        const synthetic = acc.type === "other" && acc.holder !== undefined && acc.id === `${acc.holder}:account`;
        const holder = s.party(acc.holder);
        if (holder) holders.add(holder.id);
        if (synthetic && holder) {
          // An account that only stands for a party: write the party, as goAML reports it.
          w.open(holder.kind === "person" ? `${side}_person` : `${side}_entity`);
          if (holder.kind === "person") s.personFields(holder);
          else s.entityFields(holder);
          w.close(holder.kind === "person" ? `${side}_person` : `${side}_entity`);
        } else s.account(`${side}_account`, acc);
      } else w.comment(`analyst: add the ${side === "from" ? "person who deposited the cash" : "person who received the cash"} (${side}_person)`);
      w.el(`${side}_country`, side === "from" ? countries.from || undefined : countries.to || undefined);
      w.close(`t_${side}`);
    }
    w.close("transaction");
  }
  const extra = [...new Set(selection.parties ?? [])].filter((id) => !holders.has(id)).sort();
  if (txs.length === 0 && extra.length > 0) {
    w.open("activity");
    w.open("report_parties");
    for (const id of extra) {
      const p = s.party(id)!;
      w.open("report_party");
      w.open(p.kind === "person" ? "person" : "entity");
      if (p.kind === "person") s.personFields(p);
      else s.entityFields(p);
      w.close(p.kind === "person" ? "person" : "entity");
      w.todo("significance", "relevance of this party, 1-10");
      w.close("report_party");
    }
    w.close("report_parties");
    w.close("activity");
  } else if (extra.length > 0) {
    w.comment(`analyst: also named in the selection: ${extra.map((id) => `${s.party(id)!.name} (${id})`).join("; ")}`);
  }
  const indicators = options.indicators ?? [];
  if (indicators.length > 0) {
    w.open("report_indicators");
    for (const code of indicators) w.el("indicator", code);
    w.close("report_indicators");
  } else {
    w.open("report_indicators");
    w.todo("indicator", "at least one indicator code of your FIU");
    w.close("report_indicators");
  }
  w.close("report");
  return w.text();
}

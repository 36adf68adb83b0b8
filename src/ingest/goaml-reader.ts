import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { CHANNELS, type Channel } from "../model/codes.js";
import { normaliseCountry, normaliseCurrency } from "../model/countries.js";
import type { Account, Party, Relationship, Report } from "../model/schemas.js";
import { streamXmlFileParallel } from "../parallel/stream-xml-file-parallel.js";
import type { DatasetBuilder, SourceLocation } from "./builder.js";
import { type GoamlCodes, type GoamlCodeTablesInput, goamlCodes } from "./goaml-codes.js";
import { type GoamlAccount, type GoamlSubject, goamlAccount, goamlEntity, goamlPerson } from "./goaml-subjects.js";
import { sameSubtree, subtreeHash } from "./goaml-subtree.js";
import { streamXmlChildren, type XmlNode, type XmlStreamProblem, xmlChild, xmlChildren, xmlText } from "./goaml-xml.js";
import type { CaseFileReader } from "./load-case.js";
import { formatInstant, readDate } from "./normalise-date.js";
import type { Quarantine } from "./quarantine.js";
import type { SourceStats } from "./record-sink.js";

/**
 * Reads goAML XML reports (UNODC goAML schema 5.0.x: `report` with `transaction`s or an
 * `activity`, then `report_indicators`) into the canonical model, streaming: one transaction in
 * memory at a time.
 */

/** Options of {@link readGoamlFile} and {@link goamlReader}. */
export interface GoamlReadOptions {
  /**
   * The FIU's code tables (transmode, funds, indicator and role codes).
   * [default: `goaml-codes.json` next to the file when there is one, else {@link DEFAULT_GOAML_CODES}]
   */
  codes?: GoamlCodeTablesInput;
  /**
   * Which amount a transaction keeps: `"local"` (`amount_local` in the report's
   * `currency_code_local`) or `"foreign"` (the `from_foreign_currency`/`to_foreign_currency` amount
   * and currency when the transaction gives one, else the local amount). [default: "local"]
   */
  amounts?: "local" | "foreign";
  /**
   * Whether {@link readGoamlFile} tokenizes the XML in a worker thread while this thread reads
   * the records (two cores at work on one report): `true` always, `false` never. The result is
   * the same either way. A stream ({@link readGoamlStream}) is always read in this thread.
   * [default: files of {@link GOAML_WORKER_MIN_BYTES} or more, on a machine with two cores or more]
   */
  worker?: boolean;
}

/**
 * Size from which {@link readGoamlFile} reads a report with a worker thread by default: below it,
 * starting the thread would cost more than it saves.
 *
 * @example
 * ```ts
 * import { GOAML_WORKER_MIN_BYTES } from "wildtrace";
 * GOAML_WORKER_MIN_BYTES; // 16777216 (16 MiB, about 20,000 transactions)
 * ```
 */
export const GOAML_WORKER_MIN_BYTES = 16 << 20;

/**
 * Defaults of {@link GoamlReadOptions}.
 *
 * @example
 * ```ts
 * import { DEFAULT_GOAML_READ_OPTIONS } from "wildtrace";
 * DEFAULT_GOAML_READ_OPTIONS.amounts; // "local"
 * ```
 */
export const DEFAULT_GOAML_READ_OPTIONS = Object.freeze({ amounts: "local" as const });

/** Where a reader puts what it reads. */
export interface GoamlReadContext {
  builder: DatasetBuilder;
  quarantine: Quarantine;
  /**
   * Parties already read from other goAML files into the same builder, by id: a person met again
   * is merged into the first mention (identifiers, addresses, birth date...). [default: a new map]
   */
  parties?: Map<string, Party>;
  /**
   * Per account id, the number of elements of its richest `t_account` read so far: a repeated
   * account element with no more detail is not read again (goAML repeats the account in every
   * transaction). [default: a new map]
   */
  accountDetail?: Map<string, AccountDetail>;
}

/** What the reader remembers of an account it has read. */
export interface AccountDetail {
  /** Elements in the richest `t_account` read for it. */
  elements: number;
  /** The account record given to the builder (completed in place by later, richer mentions). */
  account?: Account;
}

/** What the reader remembers of an account, with the builder known to have it. */
interface DetailState extends AccountDetail {
  declaredIn?: DatasetBuilder;
  /**
   * The side's account handed out for every repeated mention; dropped whenever `account` or its
   * holder is set (see addAccount), so it always names the current holder.
   */
  repeat?: GoamlAccount;
}

interface Side {
  account?: GoamlAccount;
  /** The id of `account` (the string read from this transaction, at hand: `account` may be an old record). */
  accountId?: string;
  /** The account is one read before with no less detail: adding it again would change nothing. */
  known?: boolean;
  subject?: GoamlSubject;
  conductor?: Party;
  cash: boolean;
  country?: string;
  foreign?: { currency: string; amount: number };
}

/** A fresh account state, every field set (one object shape for all accounts). */
function newDetail(elements: number): DetailState {
  return { elements, account: undefined, declaredIn: undefined, repeat: undefined };
}

/** A side the transaction does not give (shared: sides are only read once made). */
const NO_SIDE: Side = Object.freeze({ account: undefined, accountId: undefined, known: false, subject: undefined, conductor: undefined, cash: false, country: undefined, foreign: undefined });

interface Problem {
  field: string;
  code: string;
  message: string;
}

/** Element names of a side, per prefix: literals (compared by pointer with the tokenizer's names) rather than strings built on every transaction. */
const SIDE_NAMES = {
  from: {
    country: "from_country",
    account: "from_account",
    accountMyClient: "from_account_my_client",
    person: "from_person",
    personMyClient: "from_person_my_client",
    entity: "from_entity",
    entityMyClient: "from_entity_my_client",
    fundsCode: "from_funds_code",
    foreignCurrency: "from_foreign_currency",
  },
  to: {
    country: "to_country",
    account: "to_account",
    accountMyClient: "to_account_my_client",
    person: "to_person",
    personMyClient: "to_person_my_client",
    entity: "to_entity",
    entityMyClient: "to_entity_my_client",
    fundsCode: "to_funds_code",
    foreignCurrency: "to_foreign_currency",
  },
  "": {
    country: "country",
    account: "account",
    accountMyClient: "account_my_client",
    person: "person",
    personMyClient: "person_my_client",
    entity: "entity",
    entityMyClient: "entity_my_client",
    fundsCode: "funds_code",
    foreignCurrency: "foreign_currency",
  },
} as const;

/** Distinct values remembered per file by the per-value caches (beyond them, values are normalised each time). */
const MEMO_LIMIT = 4096;

function directorType(role: string): string {
  return /owner|sharehold|beneficial|partner/i.test(role) ? "owns" : "directs";
}

function mergeParty(into: Party, from: Party): void {
  // Compared with the lists as they were before this merge (as sets of them would be): the lists are short, so no sets are built.
  const ids = into.identifiers;
  const nIds = ids.length;
  for (const i of from.identifiers) {
    let known = false;
    for (let k = 0; k < nIds && !known; k++) known = ids[k].type === i.type && ids[k].value === i.value;
    if (!known) ids.push(i);
  }
  const addrs = into.addresses;
  const nAddrs = addrs.length;
  for (const a of from.addresses) {
    let known = false;
    for (let k = 0; k < nAddrs && !known; k++) known = addrs[k].text === a.text;
    if (!known) addrs.push(a);
  }
  for (const a of from.aliases) if (!into.aliases.includes(a) && a !== into.name) into.aliases.push(a);
  if (from.name !== into.name && !into.aliases.includes(from.name)) into.aliases.push(from.name);
  for (const r of from.roles) if (!into.roles.includes(r)) into.roles.push(r);
  for (const k of Object.keys(from.attributes)) if (!Object.hasOwn(into.attributes, k)) into.attributes[k] = from.attributes[k];
  if (!into.country && from.country) into.country = from.country;
  if (!into.birthDate && from.birthDate) into.birthDate = from.birthDate;
  if (!into.sector && from.sector) into.sector = from.sector;
}

/** A person element read in a file and its party, with the next one of the same hash. */
interface PersonMemo {
  readonly node: XmlNode;
  readonly party: Party;
  readonly next: PersonMemo | undefined;
}

/** Person elements remembered per file (beyond them, persons are read each time). */
const PERSON_MEMO_LIMIT = 100_000;
/** Person elements remembered per hash: a file crafted to make hashes collide cannot make look-ups slow. */
const PERSON_MEMO_CHAIN = 8;

function countElements(node: XmlNode): number {
  // Indexed loops over children here and below: see xmlChild.
  let n = 1;
  const children = node.children;
  for (let i = 0; i < children.length; i++) n += countElements(children[i]);
  return n;
}

/** State of one file being read. */
class GoamlFile {
  readonly stats: SourceStats;
  private readonly header = new Map<string, XmlNode>();
  private reportId: string | undefined;
  private readonly indicators: string[] = [];
  private readonly parties: Map<string, Party>;
  private readonly accounts = new Set<string>();
  private readonly accountDetail: Map<string, AccountDetail>;
  private readonly links = new Set<string>();
  /** Persons read in this file, by a hash of their element's content (see subtreeHash). */
  private readonly persons = new Map<number, PersonMemo>();
  private personCount = 0;
  /** Party ids computed in this file, by kind and identifying key (hashing is the costly part). */
  private readonly partyIds = new Map<string, string>();
  private sawAny = false;
  /** See {@link country} and {@link localCurrency}. */
  private readonly countries = new Map<string, string | undefined>();
  private localCurrencyRaw: string | undefined;
  private localCurrencyCode: string | undefined;

  constructor(
    private readonly file: string,
    private readonly ctx: GoamlReadContext,
    private readonly codes: GoamlCodes,
    private readonly amounts: "local" | "foreign",
  ) {
    this.stats = { file, kind: "goaml", format: "goaml-xml", rowsRead: 0 };
    this.parties = ctx.parties ?? new Map();
    this.accountDetail = ctx.accountDetail ?? new Map();
  }

  onChild(node: XmlNode): void {
    this.sawAny = true;
    switch (node.name) {
      case "transaction":
        this.transaction(node);
        return;
      case "activity":
        this.activity(node);
        return;
      case "report_indicators":
        for (const i of xmlChildren(node, "indicator")) if (i.text) this.indicators.push(this.codes.indicator(i.text));
        return;
      default:
        if (!this.header.has(node.name)) this.header.set(node.name, node);
    }
  }

  private head(name: string): string | undefined {
    const n = this.header.get(name);
    return n && n.text !== "" ? n.text : undefined;
  }

  private sharedReportIds: readonly string[] | undefined;

  /** One frozen `[reportId]` shared by every transaction of the report. */
  private reportIds(): readonly string[] {
    if (!this.sharedReportIds) this.sharedReportIds = Object.freeze([this.id()]);
    return this.sharedReportIds;
  }

  private id(): string {
    if (this.reportId === undefined) {
      const rentity = this.head("rentity_id");
      const ref = this.head("entity_reference") ?? this.head("fiu_ref_number");
      this.reportId = rentity && ref ? `${rentity}/${ref}` : (ref ?? basename(this.file).replace(/\.xml$/i, ""));
    }
    return this.reportId;
  }

  private addParty(p: Party, loc: SourceLocation): void {
    const known = this.parties.get(p.id);
    if (known) {
      // The same party object again (a repeated person element, see person()): merging it into itself changes nothing.
      if (known !== p) mergeParty(known, p);
      return;
    }
    // The same stable id from another file: the first mention is kept; entity resolution sees one party.
    if (this.ctx.builder.hasParty(p.id)) return;
    this.ctx.builder.addParty(p, loc);
    this.parties.set(p.id, p);
  }

  private link(rel: Relationship, loc: SourceLocation): void {
    if (rel.from === rel.to) return;
    const key = `${rel.from}\u0000${rel.to}\u0000${rel.type}`;
    if (this.links.has(key)) return;
    this.links.add(key);
    this.ctx.builder.addRelationship(rel, loc);
  }

  private addSubject(s: GoamlSubject, loc: SourceLocation): void {
    this.addParty(s.party, loc);
    for (const d of s.directors) {
      this.addParty(d.party, loc);
      this.link({ from: d.party.id, to: s.party.id, type: directorType(d.role) }, loc);
    }
  }

  private addAccount(a: GoamlAccount | { account: Account; holder?: GoamlSubject; signatories: GoamlAccount["signatories"] }, loc: SourceLocation): void {
    if (a.holder) this.addSubject(a.holder, loc);
    for (const s of a.signatories) {
      this.addParty(s.party, loc);
      if (a.account.holder) this.link({ from: s.party.id, to: a.account.holder, type: "signatory" }, loc);
    }
    let detail = this.accountDetail.get(a.account.id);
    const known = detail?.account;
    if (known) {
      // A later mention may say more (the holder, the institution...): complete the record, never overwrite it.
      if (known.holder === undefined && a.account.holder !== undefined) (detail as DetailState).repeat = undefined;
      for (const k of ["holder", "institution", "country", "currency", "opened"] as const) if (known[k] === undefined && a.account[k] !== undefined) known[k] = a.account[k];
      return;
    }
    if (this.accounts.has(a.account.id) || this.ctx.builder.hasAccount(a.account.id)) return;
    this.accounts.add(a.account.id);
    const record: Account = { ...a.account };
    if (!detail) this.accountDetail.set(a.account.id, (detail = newDetail(0)));
    detail.account = record;
    (detail as DetailState).repeat = undefined;
    this.ctx.builder.addAccount(record, loc);
  }

  /**
   * A repeated account element with no more detail than before (only its id is needed): sets the
   * side's account and returns true.
   */
  private knownAccount(node: XmlNode, side: Side): boolean {
    const id = xmlText(node, "account") ?? xmlText(node, "iban")?.replace(/\s+/g, "");
    if (id === undefined) return false;
    const size = countElements(node);
    const before = this.accountDetail.get(id) as DetailState | undefined;
    if (before !== undefined && size <= before.elements && this.declared(before, id)) {
      // The same object for every repeated mention: callers only read it.
      let repeat = before.repeat;
      if (repeat === undefined) {
        const holder = before.account?.holder;
        repeat = { account: holder ? { id, type: "bank", holder } : { id, type: "bank" }, signatories: [] };
        before.repeat = repeat;
      }
      side.account = repeat;
      side.accountId = id;
      side.known = true;
      return true;
    }
    if (before === undefined) this.accountDetail.set(id, newDetail(size));
    else if (size > before.elements) before.elements = size;
    return false;
  }

  /** Whether the builder has the account: asked once, then remembered (a builder never forgets an account). */
  private declared(detail: DetailState, id: string): boolean {
    const builder = this.ctx.builder;
    if (detail.declaredIn === builder) return true;
    if (!builder.hasAccount(id)) return false;
    detail.declaredIn = builder;
    return true;
  }

  /**
   * The party of a person element: a person element identical to one read before in this file
   * (the same walk-in customer, the same conductor) gives the party read then. That is exact:
   * a party depends only on its element (and the report), and adding it again merges nothing new.
   */
  private person(node: XmlNode, scope: string): Party | undefined {
    const hash = subtreeHash(node, 0);
    const first = this.persons.get(hash);
    let chain = 0;
    for (let m = first; m !== undefined; m = m.next, chain++) if (sameSubtree(m.node, node)) return m.party;
    const party = goamlPerson(node, scope, this.partyIds);
    if (party !== undefined && this.personCount < PERSON_MEMO_LIMIT && chain < PERSON_MEMO_CHAIN) {
      this.persons.set(hash, { node, party, next: first });
      this.personCount++;
    }
    return party;
  }

  /** {@link normaliseCountry}, remembered per code as written (a report names a few countries, in every transaction). */
  private country(raw: string): string | undefined {
    const memo = this.countries;
    if (memo.has(raw)) return memo.get(raw);
    const c = normaliseCountry(raw);
    if (memo.size < MEMO_LIMIT) memo.set(raw, c);
    return c;
  }

  /** {@link normaliseCurrency} of the report's `currency_code_local`, the same for every transaction. */
  private localCurrency(raw: string): string | undefined {
    if (raw !== this.localCurrencyRaw) {
      this.localCurrencyRaw = raw;
      this.localCurrencyCode = normaliseCurrency(raw);
    }
    return this.localCurrencyCode;
  }

  /** Read one side (`t_from`, `t_to_my_client`, an involved `party`). */
  private side(node: XmlNode, prefix: "from" | "to" | "", problems: Problem[]): Side {
    const names = SIDE_NAMES[prefix];
    const scope = this.id();
    // One pass over the side's children for the first element of each name it reads (as
    // xmlChild would find them): a side is read twice per transaction.
    let countryNode: XmlNode | undefined;
    let accountNode: XmlNode | undefined;
    let accountMyClient: XmlNode | undefined;
    let personNode: XmlNode | undefined;
    let personMyClient: XmlNode | undefined;
    let entityNode: XmlNode | undefined;
    let entityMyClient: XmlNode | undefined;
    let fundsNode: XmlNode | undefined;
    let conductorNode: XmlNode | undefined;
    let fx: XmlNode | undefined;
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      const n = c.name;
      if (n === names.country) countryNode ??= c;
      else if (n === names.account) accountNode ??= c;
      else if (n === names.fundsCode) fundsNode ??= c;
      else if (n === names.accountMyClient) accountMyClient ??= c;
      else if (n === names.person) personNode ??= c;
      else if (n === names.personMyClient) personMyClient ??= c;
      else if (n === names.entity) entityNode ??= c;
      else if (n === names.entityMyClient) entityMyClient ??= c;
      else if (n === "t_conductor") conductorNode ??= c;
      else if (n === names.foreignCurrency) fx ??= c;
    }
    accountNode ??= accountMyClient;
    personNode ??= personMyClient;
    entityNode ??= entityMyClient;
    const rawCountry = countryNode !== undefined && countryNode.text !== "" ? countryNode.text : undefined;
    let country: string | undefined;
    if (rawCountry !== undefined) {
      country = this.country(rawCountry);
      if (!country) problems.push({ field: `${node.name}/${names.country}`, code: "unknown_country", message: `'${rawCountry}' is not an ISO 3166-1 country code` });
    }
    // Every field set here, in one order: the sides of all transactions share one object shape.
    const side: Side = { account: undefined, accountId: undefined, known: false, subject: undefined, conductor: undefined, cash: this.codes.isCash(fundsNode !== undefined && fundsNode.text !== "" ? fundsNode.text : undefined), country, foreign: undefined };
    if (accountNode) {
      if (!this.knownAccount(accountNode, side)) {
        const account = goamlAccount(accountNode, scope, country, this.partyIds);
        side.account = account;
        side.accountId = account?.account.id;
      }
      if (!side.account) problems.push({ field: `${node.name}/${accountNode.name}/account`, code: "missing_value", message: `${accountNode.name} has neither an account number nor an IBAN` });
    }
    if (personNode) {
      const person = this.person(personNode, scope);
      if (person) side.subject = { party: person, directors: [] };
    } else if (entityNode) side.subject = goamlEntity(entityNode, scope, this.partyIds);
    if (conductorNode) side.conductor = this.person(conductorNode, scope);
    if (fx) {
      const cur = normaliseCurrency(xmlText(fx, "foreign_currency_code") ?? "");
      const amount = Number(xmlText(fx, "foreign_amount") ?? Number.NaN);
      if (cur && amount > 0 && Number.isFinite(amount)) side.foreign = { currency: cur, amount };
      else problems.push({ field: `${node.name}/${fx.name}`, code: "invalid_amount", message: "the foreign currency block needs a currency code and a positive foreign_amount" });
    }
    return side;
  }

  private transaction(node: XmlNode): void {
    this.stats.rowsRead++;
    const loc = { file: this.file, line: node.line };
    const problems: Problem[] = [];
    const id = xmlText(node, "transactionnumber") ?? xmlText(node, "internal_ref_number");
    if (!id) problems.push({ field: "transactionnumber", code: "missing_value", message: "the transaction has no transactionnumber: every transaction needs one" });
    const rawDate = xmlText(node, "date_transaction");
    const time = rawDate === undefined ? Number.NaN : readDate(rawDate);
    if (rawDate === undefined) problems.push({ field: "date_transaction", code: "missing_value", message: "date_transaction is empty" });
    else if (Number.isNaN(time)) problems.push({ field: "date_transaction", code: "invalid_date", message: `'${rawDate}' is not a valid date: goAML dates are ISO 8601 (2024-03-01T10:00:00)` });
    const rawAmount = xmlText(node, "amount_local");
    let amount = rawAmount === undefined ? Number.NaN : Number(rawAmount);
    if (rawAmount === undefined) problems.push({ field: "amount_local", code: "missing_value", message: "amount_local is empty" });
    else if (!Number.isFinite(amount)) problems.push({ field: "amount_local", code: "invalid_amount", message: `'${rawAmount}' is not a number` });
    else if (amount <= 0) problems.push({ field: "amount_local", code: "non_positive_amount", message: `amount_local ${rawAmount} is not positive` });
    const rawCur = this.head("currency_code_local");
    let currency = rawCur ? this.localCurrency(rawCur) : undefined;
    if (!currency) {
      problems.push({ field: "currency_code_local", code: rawCur ? "unknown_currency" : "missing_value", message: rawCur ? `the report's currency_code_local '${rawCur}' is not ISO 4217` : "the report has no currency_code_local: its amounts have no currency" });
    }
    let from = NO_SIDE;
    let to = NO_SIDE;
    const involved = xmlChild(node, "involved_parties");
    if (involved) {
      const taken = { from: false, to: false };
      for (const party of xmlChildren(involved, "party")) {
        let role = this.codes.role(xmlText(party, "role"));
        if (!role || taken[role]) role = !taken.from ? "from" : !taken.to ? "to" : undefined;
        if (!role) {
          problems.push({ field: "involved_parties/party", code: "invalid_value", message: `more than two involved parties: the party at line ${party.line} is neither payer nor payee (map its role code in the goAML code table)` });
          continue;
        }
        taken[role] = true;
        const s = this.side(party, "", problems);
        if (role === "from") from = s;
        else to = s;
      }
    } else {
      const f = xmlChild(node, "t_from_my_client") ?? xmlChild(node, "t_from");
      const t = xmlChild(node, "t_to_my_client") ?? xmlChild(node, "t_to");
      if (f) from = this.side(f, "from", problems);
      if (t) to = this.side(t, "to", problems);
    }
    const fromAccount = this.sideAccount(from);
    const toAccount = this.sideAccount(to);
    if (!fromAccount && !toAccount) {
      problems.push({ field: "t_from", code: "no_data", message: "neither side names an account, a person or an entity: the transaction cannot be placed in the money flow" });
    }
    if (problems.length > 0) {
      for (const p of problems) this.ctx.quarantine.add({ ...loc, ...p });
      return;
    }
    if (this.amounts === "foreign") {
      const fx = from.foreign ?? to.foreign;
      if (fx) {
        amount = fx.amount;
        currency = fx.currency;
      }
    }
    this.admitSide(from, loc);
    this.admitSide(to, loc);
    let goods: string[] | undefined;
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const g = children[i];
      if (g.name !== "goods_services") continue;
      const d = xmlText(g, "description");
      if (d !== undefined) (goods ??= []).push(d);
    }
    const text = xmlText(node, "transaction_description") ?? xmlText(node, "comments") ?? "";
    // Goods named in the report are kept with the reference: trade descriptions matter to the wildlife keyword rule.
    const description = goods !== undefined ? [text, `goods: ${goods.join("; ")}`].filter((x) => x !== "").join(" | ") : text;
    this.ctx.builder.addTransaction(
      {
        id: id!,
        time,
        amount,
        currency: currency!,
        fromAccount,
        toAccount,
        channel: CHANNELS.indexOf(this.channel(xmlText(node, "transmode_code"), fromAccount, toAccount, from, to)),
        reference: description,
        fromCountry: from.country,
        toCountry: to.country,
        reportIds: this.reportIds(),
      },
      loc,
    );
  }

  /** Give the builder what one side of an accepted transaction brings: its account, subject and conductor. */
  private admitSide(s: Side, loc: SourceLocation): void {
    if (s.account) {
      if (!s.known) this.addAccount(s.account, loc);
    } else if (s.subject) {
      this.addSubject(s.subject, loc);
      const own = this.sideAccount(s);
      if (own) this.addAccount({ account: { id: own, type: "other", holder: s.subject.party.id, ...(s.country ? { country: s.country } : {}) }, signatories: [] }, loc);
    }
    if (s.account && s.subject) this.addSubject(s.subject, loc);
    if (s.conductor) {
      this.addParty(s.conductor, loc);
      // The person who conducted the transaction for the account's holder acts for it.
      const holder = s.account?.account.holder;
      if (holder) this.link({ from: s.conductor.id, to: holder, type: "represents" }, loc);
    }
  }

  /** The account id of a side: its account, else an account standing for the named party, else none (cash). */
  private sideAccount(s: Side): string | undefined {
    if (s.account) return s.accountId;
    if (s.subject && !s.cash) return `${s.subject.party.id}:account`;
    return undefined;
  }

  private channel(transmode: string | undefined, fromAccount: string | undefined, toAccount: string | undefined, from: Side, to: Side): Channel {
    const mapped = this.codes.transmode(transmode);
    const cashSide = !fromAccount ? "cash_deposit" : !toAccount ? "cash_withdrawal" : undefined;
    if (mapped === "cash") return cashSide ?? (from.cash ? "cash_deposit" : "cash_withdrawal");
    if (mapped) return mapped;
    if (cashSide && (from.cash || to.cash || !transmode)) return cashSide;
    return "other";
  }

  private activity(node: XmlNode): void {
    const scope = this.id();
    const parties = xmlChildren(xmlChild(node, "report_parties"), "report_party");
    for (const rp of parties) {
      this.stats.rowsRead++;
      const loc = { file: this.file, line: rp.line };
      const accountNode = xmlChild(rp, "account") ?? xmlChild(rp, "account_my_client");
      const personNode = xmlChild(rp, "person") ?? xmlChild(rp, "person_my_client");
      const entityNode = xmlChild(rp, "entity") ?? xmlChild(rp, "entity_my_client");
      const account = accountNode ? goamlAccount(accountNode, scope, undefined, this.partyIds) : undefined;
      const person = personNode ? goamlPerson(personNode, scope, this.partyIds) : undefined;
      const entity = entityNode ? goamlEntity(entityNode, scope, this.partyIds) : undefined;
      if (!account && !person && !entity) {
        this.ctx.quarantine.add({ ...loc, field: "report_party", code: "no_data", message: "the report party names no account number, person or entity" });
        continue;
      }
      if (account) this.addAccount(account, loc);
      if (person) this.addParty(person, loc);
      if (entity) this.addSubject(entity, loc);
    }
  }

  /** Count a problem that stopped the file as one quarantined record. */
  stopped(problem: { code: string; line: number; message: string }): void {
    this.stats.rowsRead++;
    this.ctx.quarantine.add({ file: this.file, line: problem.line, field: "*", code: problem.code, message: problem.message });
  }

  finish(): void {
    if (!this.sawAny) return;
    const report: Report = {
      id: this.id(),
      code: this.head("report_code") ?? "unknown",
      reason: this.head("reason") ?? "",
      action: this.head("action") ?? "",
      indicators: this.indicators,
      file: this.file,
    };
    const rentity = this.head("rentity_id");
    if (rentity) report.reportingEntity = this.head("rentity_branch") ? `${rentity}/${this.head("rentity_branch")}` : rentity;
    const ref = this.head("entity_reference") ?? this.head("fiu_ref_number");
    if (ref) report.reference = ref;
    const rawSub = this.head("submission_date");
    const sub = rawSub ? readDate(rawSub) : Number.NaN;
    if (!Number.isNaN(sub)) report.submissionDate = formatInstant(sub).slice(0, 10);
    this.ctx.builder.addReport(report);
  }
}

/**
 * Read one goAML XML report from a stream of text into a builder. Each `transaction` (and each
 * `activity/report_parties/report_party`) is a record: accepted, or quarantined with its line.
 * A DOCTYPE that declares entities, a wrong root element or malformed XML gives one quarantine
 * entry naming the file; what was read before a malformed part is kept.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * import { DatasetBuilder, Quarantine, readGoamlStream } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * const xml = `<report><rentity_id>12</rentity_id><report_code>STR</report_code><entity_reference>R-1</entity_reference><currency_code_local>TZS</currency_code_local>
 * <transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-03-01T10:00:00</date_transaction><transmode_code>CASH</transmode_code><amount_local>5000000</amount_local>
 * <t_from><from_funds_code>CASH</from_funds_code><from_country>TZ</from_country></t_from>
 * <t_to_my_client><to_funds_code>DEPOSIT</to_funds_code><to_account><institution_name>Kilimanjaro Commercial Bank Ltd</institution_name><account>0150123456</account></to_account><to_country>TZ</to_country></t_to_my_client></transaction></report>`;
 * const stats = await readGoamlStream(Readable.from([xml]), "r.xml", { builder, quarantine: q });
 * builder.build().transactions.length; // 1 (a cash deposit)
 * ```
 */
export function readGoamlStream(source: AsyncIterable<string | Buffer>, displayName: string, ctx: GoamlReadContext, options: GoamlReadOptions = {}): Promise<SourceStats> {
  return readGoamlChildren((onChild) => streamXmlChildren(source, { root: "report", fileName: displayName }, onChild), displayName, ctx, options);
}

/** Read a report whose children of the root `stream` hands over (the reading shared by streams and files). */
async function readGoamlChildren(
  stream: (onChild: (node: XmlNode) => void) => Promise<XmlStreamProblem | undefined>,
  displayName: string,
  ctx: GoamlReadContext,
  options: GoamlReadOptions,
): Promise<SourceStats> {
  const codes = goamlCodes(options.codes);
  const file = new GoamlFile(displayName, ctx, codes, options.amounts ?? DEFAULT_GOAML_READ_OPTIONS.amounts);
  const problem = await stream((node) => file.onChild(node));
  if (problem) file.stopped(problem);
  file.finish();
  return file.stats;
}

/** Bytes in the file at `path`, or 0 when it cannot be told (the reading will say why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Read one goAML XML report file into a builder (see {@link readGoamlStream}). A large file is
 * tokenized in a worker thread while this thread reads its records (see
 * {@link GoamlReadOptions.worker}): the same result, sooner on a machine with two cores or more.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine, readGoamlFile } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * const stats = await readGoamlFile("datasets/goaml-sample/str-2024-0412.xml", "str-2024-0412.xml", { builder, quarantine: q });
 * console.log(stats.rowsRead, builder.build().reports[0].code); // 5 "STR"
 * ```
 */
export function readGoamlFile(path: string, displayName: string, ctx: GoamlReadContext, options: GoamlReadOptions = {}): Promise<SourceStats> {
  // A second thread pays only with a second core to run it.
  const worker = options.worker ?? (fileBytes(path) >= GOAML_WORKER_MIN_BYTES && availableParallelism() >= 2);
  if (!worker) return readGoamlStream(createReadStream(path, { highWaterMark: 1 << 20 }), displayName, ctx, options);
  return readGoamlChildren((onChild) => streamXmlFileParallel(path, { root: "report", fileName: displayName }, onChild), displayName, ctx, options);
}

/**
 * Name of the optional code-table file next to goAML reports.
 *
 * @example
 * ```ts
 * import { GOAML_CODES_FILE } from "wildtrace";
 * import { join } from "node:path";
 * join("datasets/goaml-sample", GOAML_CODES_FILE); // "datasets/goaml-sample/goaml-codes.json"
 * ```
 */
export const GOAML_CODES_FILE = "goaml-codes.json";

/**
 * The goAML reader for {@link loadCase}: claims `*.xml` files. Without `codes`, it uses a
 * `goaml-codes.json` in the case folder when there is one (an unreadable one is quarantined and
 * the defaults used).
 *
 * @example
 * ```ts
 * import { goamlReader, loadCase } from "wildtrace";
 * const { dataset } = await loadCase("datasets/goaml-sample", { readers: [goamlReader({ amounts: "local" })] });
 * console.log(dataset.reports.length);
 * ```
 */
export function goamlReader(options: GoamlReadOptions = {}): CaseFileReader {
  if (options.codes !== undefined) goamlCodes(options.codes); // validate early: misuse is thrown here
  const partiesPerBuilder = new WeakMap<DatasetBuilder, Map<string, Party>>();
  const detailPerBuilder = new WeakMap<DatasetBuilder, Map<string, AccountDetail>>();
  return {
    format: "goaml",
    claims: (name) => /\.xml$/i.test(name),
    read(path, displayName, ctx) {
      let codes = options.codes;
      if (codes === undefined) {
        const table = join(dirname(path), GOAML_CODES_FILE);
        if (existsSync(table)) {
          try {
            const raw = JSON.parse(readFileSync(table, "utf8"));
            goamlCodes(raw);
            codes = raw;
          } catch (e) {
            if (!ctx.quarantine.has(GOAML_CODES_FILE, 1)) {
              ctx.quarantine.add({ file: GOAML_CODES_FILE, line: 1, field: "*", code: "invalid_value", message: `the goAML code table cannot be used (${(e as Error).message}); the default codes apply` });
            }
          }
        }
      }
      let parties = partiesPerBuilder.get(ctx.builder);
      if (!parties) partiesPerBuilder.set(ctx.builder, (parties = new Map()));
      let accountDetail = detailPerBuilder.get(ctx.builder);
      if (!accountDetail) detailPerBuilder.set(ctx.builder, (accountDetail = new Map()));
      return readGoamlFile(path, displayName, { builder: ctx.builder, quarantine: ctx.quarantine, parties, accountDetail }, { ...options, codes });
    },
  };
}

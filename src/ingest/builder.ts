import { asciiText } from "../_lib/ascii-text.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset, TransactionTable } from "../model/dataset.js";
import type { Account, Party, Relationship, Report } from "../model/schemas.js";
import { TextColumnWriter } from "../model/text-column.js";
import type { FxTable } from "./fx.js";
import type { Quarantine } from "./quarantine.js";
import { TransactionColumns } from "./transaction-columns.js";

/** Where a record came from, for quarantine entries. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** A transaction already normalised by a reader, ready to be stored column-wise. */
export interface PendingTransaction {
  id: string;
  /** Epoch milliseconds, UTC. */
  time: number;
  amount: number;
  currency: string;
  fromAccount?: string;
  toAccount?: string;
  /** Index into CHANNELS. */
  channel: number;
  reference: string;
  fromCountry?: string;
  toCountry?: string;
  reportIds?: readonly string[];
}

/** Options of {@link DatasetBuilder}. */
export interface DatasetBuilderOptions {
  /** Currency of `baseAmount`. [default: the FX table's base, else "USD"] */
  baseCurrency?: string;
  /** Exchange rates to convert every amount into the base currency. [default: none] */
  fx?: FxTable;
  /**
   * What to do with a transaction naming an account that no account record declares:
   * `"auto"` creates the account when no account records were loaded at all and quarantines it
   * otherwise; `"create"` always creates it; `"quarantine"` always quarantines. [default: "auto"]
   */
  unknownAccounts?: "auto" | "create" | "quarantine";
}

/**
 * Accumulates records from any number of readers, checks ids and references, and builds an
 * immutable {@link Dataset}. Problems go to the quarantine with the record's file and line.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine } from "wildtrace";
 * const q = new Quarantine();
 * const b = new DatasetBuilder(q);
 * b.addTransaction({ id: "T1", time: Date.UTC(2024, 0, 2), amount: 10, currency: "USD", fromAccount: "A", toAccount: "B", channel: 0, reference: "" }, { file: "api", line: 1 });
 * const ds = b.build();
 * ds.accounts.length; // 2 (created from the transaction, as no account records were given)
 * ```
 */
export class DatasetBuilder {
  private readonly quarantine: Quarantine;
  private readonly options: DatasetBuilderOptions;
  readonly baseCurrency: string;
  private readonly parties: Party[] = [];
  private readonly partyIndex = new Map<string, number>();
  private readonly partyLoc: SourceLocation[] = [];
  private readonly accounts: Account[] = [];
  private readonly accountLoc: SourceLocation[] = [];
  private readonly accountDeclared = new Map<string, number>();
  private readonly relationships: { rel: Relationship; loc: SourceLocation }[] = [];
  private readonly reports: Report[] = [];
  private readonly reportIndex = new Set<string>();
  // Transactions
  /**
   * Transaction ids as bytes (no string per id), answering whether an id was seen: cheaply while
   * ids come in increasing order, by a hash index once that order breaks.
   */
  private readonly txIds = new TextColumnWriter(4096, 12);
  /** The id bytes that {@link admitTransactionBytes} admitted last, for {@link storeTransaction}. */
  private admittedBuf: Buffer | undefined;
  private admittedStart = 0;
  private admittedEnd = 0;
  private readonly tx = new TransactionColumns();
  private readonly txReportIds = new Map<number, readonly string[]>();
  private readonly files: string[] = [];
  private readonly fileIndex = new Map<string, number>();
  private readonly refNames: string[] = [];
  /** Index of `refNames`, built on first need (see {@link accountRefNew}). */
  private refIndex: Map<string, number> | undefined;
  private readonly currencies: string[] = [];
  private readonly currencyIndex = new Map<string, number>();
  private readonly countries: string[] = [""];
  private readonly countryIndex = new Map<string, number>([["", 0]]);
  private readonly references: string[] = [""];
  /** Index of `references`, built on first need (see {@link referenceCodeNew}). */
  private referenceIndex: Map<string, number> | undefined;
  private freshCodesClaimed = false;
  private built = false;

  constructor(quarantine: Quarantine, options: DatasetBuilderOptions = {}) {
    this.quarantine = quarantine;
    this.options = options;
    this.baseCurrency = options.baseCurrency ?? options.fx?.base ?? "USD";
  }

  /** Number of transactions accepted so far (before reference checks). */
  get transactionCount(): number {
    return this.txIds.length;
  }

  /** Number of accounts declared by account records so far (a size hint for readers). @internal */
  get declaredAccountCount(): number {
    return this.accounts.length;
  }

  /** Whether an id is already used by a party. */
  hasParty(id: string): boolean {
    return this.partyIndex.has(id);
  }

  /** Whether an id is already declared by an account record. */
  hasAccount(id: string): boolean {
    return this.accountDeclared.has(id);
  }

  /** Add a party; a duplicate id is quarantined. Returns whether it was accepted. */
  addParty(party: Party, loc: SourceLocation): boolean {
    if (this.partyIndex.has(party.id)) {
      this.dup(loc, "id", party.id, "party", this.partyLoc[this.partyIndex.get(party.id)!]);
      return false;
    }
    this.partyIndex.set(party.id, this.parties.length);
    this.parties.push(party);
    this.partyLoc.push(loc);
    return true;
  }

  /** Add an account; a duplicate id is quarantined. Returns whether it was accepted. */
  addAccount(account: Account, loc: SourceLocation): boolean {
    if (this.accountDeclared.has(account.id)) {
      this.dup(loc, "id", account.id, "account", this.accountLoc[this.accountDeclared.get(account.id)!]);
      return false;
    }
    this.accountDeclared.set(account.id, this.accounts.length);
    this.accounts.push(account);
    this.accountLoc.push(loc);
    return true;
  }

  /** Add a relationship; party references are checked at {@link build}. */
  addRelationship(rel: Relationship, loc: SourceLocation): void {
    this.relationships.push({ rel, loc });
  }

  /** Add a report's metadata (a duplicate report id is ignored: the same report read twice). */
  addReport(report: Report): void {
    if (this.reportIndex.has(report.id)) return;
    this.reportIndex.add(report.id);
    this.reports.push(report);
  }

  /** Add a transaction; a duplicate id or a missing FX rate is quarantined. */
  addTransaction(tx: PendingTransaction, loc: SourceLocation): boolean {
    const base = this.admitTransaction(tx.id, tx.time, tx.amount, tx.currency, loc.file, loc.line);
    if (Number.isNaN(base)) return false;
    this.storeTransaction(
      tx.id,
      tx.time,
      tx.amount,
      base,
      this.currencyCode(tx.currency),
      tx.fromAccount ? this.accountRef(tx.fromAccount) : -1,
      tx.toAccount ? this.accountRef(tx.toAccount) : -1,
      tx.channel,
      tx.reference ? this.referenceCode(tx.reference) : 0,
      tx.fromCountry ? this.countryCode(tx.fromCountry) : 0,
      tx.toCountry ? this.countryCode(tx.toCountry) : 0,
      this.fileCode(loc.file),
      loc.line,
      tx.reportIds,
    );
    return true;
  }

  /**
   * First half of {@link addTransaction} for readers that resolve codes themselves (the CSV fast
   * path): checks that the id is new and converts the amount into the base currency. A duplicate id or a
   * missing FX rate is quarantined and gives `NaN`; otherwise the caller must call
   * {@link storeTransaction} next.
   * @internal
   */
  admitTransaction(id: string, time: number, amount: number, currency: string, file: string, line: number): number {
    if (this.txIds.has(id)) {
      this.dup({ file, line }, "id", id, "transaction");
      return Number.NaN;
    }
    return this.baseAmount(time, amount, currency, file, line);
  }

  /**
   * {@link admitTransaction} for an id given as ASCII bytes `buf[start..end)` (no string made
   * unless it is quarantined); the caller then calls {@link storeTransaction} with a `null` id,
   * which stores these bytes.
   * @internal
   */
  admitTransactionBytes(buf: Buffer, start: number, end: number, time: number, amount: number, currency: string, file: string, line: number): number {
    if (this.txIds.hasBytes(buf, start, end)) {
      this.dup({ file, line }, "id", asciiText(buf, start, end), "transaction");
      return Number.NaN;
    }
    const base = this.baseAmount(time, amount, currency, file, line);
    if (!Number.isNaN(base)) {
      this.admittedBuf = buf;
      this.admittedStart = start;
      this.admittedEnd = end;
    }
    return base;
  }

  /** The amount in the base currency, or `NaN` (quarantined) when the FX table has no rate. */
  private baseAmount(time: number, amount: number, currency: string, file: string, line: number): number {
    if (!this.options.fx || currency === this.baseCurrency) return amount;
    const rate = this.options.fx.rate(currency, time);
    if (rate === undefined) {
      this.quarantine.add({
        file,
        line,
        field: "currency",
        code: "no_fx_rate",
        message: `no ${currency}->${this.baseCurrency} rate on or before ${new Date(time).toISOString().slice(0, 10)}: add one to the FX table`,
      });
      return Number.NaN;
    }
    return amount * rate;
  }

  /**
   * Second half of {@link addTransaction}: store an admitted transaction's columns. Codes come
   * from {@link currencyCode}, {@link accountRef}, {@link referenceCode}, {@link countryCode} and
   * {@link fileCode}, resolved in that order. A `null` id stores the id bytes that
   * {@link admitTransactionBytes} just admitted.
   * @internal
   */
  storeTransaction(
    id: string | null,
    time: number,
    amount: number,
    base: number,
    currency: number,
    fromRef: number,
    toRef: number,
    channel: number,
    reference: number,
    fromCountry: number,
    toCountry: number,
    file: number,
    line: number,
    reportIds?: readonly string[],
  ): void {
    if (id !== null) this.txIds.push(id);
    else {
      const buf = this.admittedBuf;
      if (buf === undefined) throw new Error("DatasetBuilder.storeTransaction: a null id stores the bytes of admitTransactionBytes, and none were admitted");
      this.txIds.pushBytes(buf, this.admittedStart, this.admittedEnd, true);
    }
    this.admittedBuf = undefined;
    const c = this.tx;
    const i = c.append();
    c.time[i] = time;
    c.amount[i] = amount;
    c.baseAmount[i] = base;
    c.currency[i] = currency;
    c.fromRef[i] = fromRef;
    c.toRef[i] = toRef;
    c.channel[i] = channel;
    c.reference[i] = reference;
    c.fromCountry[i] = fromCountry;
    c.toCountry[i] = toCountry;
    c.file[i] = file;
    c.line[i] = line;
    if (reportIds && reportIds.length > 0) this.txReportIds.set(i, reportIds);
  }

  /**
   * Room for `n` transactions in all (a reader's estimate: more rows still fit, fewer cost only
   * the copy of the columns that `build` would otherwise avoid). @internal
   */
  reserveTransactions(n: number): void {
    this.tx.reserve(n);
    this.txIds.reserve(n);
  }

  /** Code of a (normalised) currency in the dataset's currency list. @internal */
  currencyCode(currency: string): number {
    return this.intern(this.currencies, this.currencyIndex, currency);
  }

  /** Code of a non-empty payment reference. @internal */
  referenceCode(reference: string): number {
    this.referenceIndex ??= indexOf(this.references);
    return this.intern(this.references, this.referenceIndex, reference);
  }

  /**
   * Whether the caller may use {@link accountRefNew} and {@link referenceCodeNew}: true for the
   * first reader that asks, false for any later one (two readers could each pass the same text
   * once). @internal
   */
  claimFreshCodes(): boolean {
    const first = !this.freshCodesClaimed;
    this.freshCodesClaimed = true;
    return first;
  }

  /**
   * {@link referenceCode} for a reader that never passes the same text twice (the CSV fast path,
   * which meets each distinct cell once): while no other reader has asked for a reference code,
   * a new text needs no look-up, and the index is built only if one ever does. @internal
   */
  referenceCodeNew(reference: string): number {
    if (this.referenceIndex !== undefined) return this.referenceCode(reference);
    this.references.push(reference);
    return this.references.length - 1;
  }

  /** Code of a (normalised) country. @internal */
  countryCode(country: string): number {
    return this.intern(this.countries, this.countryIndex, country);
  }

  /** Code of a source file name. @internal */
  fileCode(file: string): number {
    let f = this.fileIndex.get(file);
    if (f === undefined) {
      f = this.files.length;
      this.files.push(file);
      this.fileIndex.set(file, f);
    }
    return f;
  }

  private intern(list: string[], index: Map<string, number>, value: string): number {
    let i = index.get(value);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      index.set(value, i);
    }
    return i;
  }

  /** Provisional reference of an account id named by a transaction (checked at {@link build}). @internal */
  accountRef(id: string): number {
    this.refIndex ??= indexOf(this.refNames);
    let r = this.refIndex.get(id);
    if (r === undefined) {
      r = this.refNames.length;
      this.refNames.push(id);
      this.refIndex.set(id, r);
    }
    return r;
  }

  /** {@link accountRef} for a reader that never passes the same id twice (see {@link referenceCodeNew}). @internal */
  accountRefNew(id: string): number {
    if (this.refIndex !== undefined) return this.accountRef(id);
    this.refNames.push(id);
    return this.refNames.length - 1;
  }

  private dup(loc: SourceLocation, field: string, id: string, what: string, first?: SourceLocation): void {
    const where = first ? ` (first at ${first.file}:${first.line})` : "";
    this.quarantine.add({ ...loc, field, code: "duplicate_id", message: `${what} id '${id}' is already used${where}: give each record its own id` });
  }

  /**
   * Check references (account holders, transaction accounts, relationship parties) and build the
   * immutable dataset. Call once.
   */
  build(): Dataset {
    if (this.built) throw new Error("DatasetBuilder.build: already built");
    this.built = true;
    const q = this.quarantine;
    const haveParties = this.parties.length > 0;
    // Accounts: holder must exist when parties were loaded.
    const accounts: Account[] = [];
    const accountIndex = new Map<string, number>();
    // Holder of each accepted account, looked up once here and kept for accountHolder below.
    const holders = new Int32Array(this.accounts.length);
    for (let i = 0; i < this.accounts.length; i++) {
      const a = this.accounts[i];
      const h = a.holder !== undefined ? this.partyIndex.get(a.holder) : undefined;
      if (a.holder && haveParties && h === undefined) {
        q.add({ ...this.accountLoc[i], field: "holder", code: "unknown_party", message: `account '${a.id}' names holder '${a.holder}', which is not among the parties: add the party or fix the id` });
        continue;
      }
      holders[accounts.length] = h ?? -1;
      accountIndex.set(a.id, accounts.length);
      accounts.push(a);
    }
    const declared = accounts.length;
    const mode = this.options.unknownAccounts ?? "auto";
    const create = mode === "create" || (mode === "auto" && this.accounts.length === 0);
    // Map provisional account refs to final indices.
    const refToIndex = new Int32Array(this.refNames.length);
    for (let r = 0; r < this.refNames.length; r++) {
      const id = this.refNames[r];
      let idx = accountIndex.get(id);
      if (idx === undefined && create) {
        idx = accounts.length;
        accounts.push({ id, type: "other" });
        accountIndex.set(id, idx);
      }
      refToIndex[r] = idx ?? -1;
    }
    // Transactions: drop those with unknown accounts.
    const n = this.txIds.length;
    const keep = new Uint8Array(n);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const fr = this.tx.fromRef[i];
      const tr = this.tx.toRef[i];
      const badFrom = fr >= 0 && refToIndex[fr] < 0;
      const badTo = tr >= 0 && refToIndex[tr] < 0;
      if (badFrom || badTo) {
        const loc = { file: this.files[this.tx.file[i]], line: this.tx.line[i] };
        const field = badFrom ? "from_account" : "to_account";
        const id = this.refNames[badFrom ? fr : tr];
        q.add({ ...loc, field, code: "unknown_account", message: `transaction '${this.txIds.get(i)}' names account '${id}', which is not among the accounts: add the account or fix the id` });
        continue;
      }
      keep[i] = 1;
      kept++;
    }
    const table = this.compact(keep, kept, refToIndex);
    // Relationships.
    const relationships: Relationship[] = [];
    for (const { rel, loc } of this.relationships) {
      const missing = !this.partyIndex.has(rel.from) ? "from" : !this.partyIndex.has(rel.to) ? "to" : undefined;
      if (missing) {
        q.add({ ...loc, field: missing, code: "unknown_party", message: `relationship names party '${rel[missing]}', which is not among the parties: add the party or fix the id` });
        continue;
      }
      relationships.push(rel);
    }
    const accountHolder = new Int32Array(accounts.length).fill(-1);
    const accountCountry = new Uint16Array(accounts.length);
    for (let a = 0; a < accounts.length; a++) {
      const acc = accounts[a];
      const h = a < declared ? holders[a] : -1;
      if (h >= 0) accountHolder[a] = h;
      const c = acc.country ?? (h >= 0 ? this.parties[h].country : undefined);
      if (c) accountCountry[a] = this.intern(this.countries, this.countryIndex, c);
    }
    return {
      baseCurrency: this.baseCurrency,
      parties: this.parties,
      accounts,
      relationships,
      reports: this.reports,
      transactions: table,
      currencies: this.currencies,
      countries: this.countries,
      references: this.references,
      partyIndex: this.partyIndex,
      accountIndex,
      accountHolder,
      accountCountry,
    };
  }

  private compact(keep: Uint8Array, kept: number, refToIndex: Int32Array): TransactionTable {
    const c = this.tx;
    const n = c.length;
    const all = kept === n;
    // The builder is built once, so its columns are mapped and compacted in place: no second
    // set of arrays while the first is alive.
    const from = c.fromRef;
    const to = c.toRef;
    for (let i = 0; i < n; i++) {
      const f = from[i];
      const t = to[i];
      from[i] = f >= 0 ? refToIndex[f] : -1;
      to[i] = t >= 0 ? refToIndex[t] : -1;
    }
    const pick = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T): T => {
      if (!all) {
        let j = 0;
        for (let i = 0; i < n; i++) if (keep[i]) a[j++] = a[i];
      }
      if (a.length === kept) return a;
      // Close to full (the reservation was a good estimate): a view, not a copy. Copying would
      // allocate the columns a second time, and at 10M rows that much new external memory makes
      // V8 run full collections of the whole heap (most of the reference check's time).
      return (kept >= a.length * 0.9 ? a.subarray(0, kept) : a.slice(0, kept)) as T;
    };
    const ids = this.txIds.finish(keep, kept);
    let reportIds = new Map<number, readonly string[]>();
    if (all) {
      if (this.txReportIds.size > 0) reportIds = this.txReportIds;
    } else if (this.txReportIds.size > 0) {
      let j = 0;
      for (let i = 0; i < n; i++) {
        if (!keep[i]) continue;
        const r = this.txReportIds.get(i);
        if (r) reportIds.set(j, r);
        j++;
      }
    }
    return {
      length: kept,
      id: ids,
      time: pick(c.time),
      amount: pick(c.amount),
      baseAmount: pick(c.baseAmount),
      currency: pick(c.currency),
      from: pick(from),
      to: pick(to),
      channel: pick(c.channel),
      reference: pick(c.reference),
      fromCountry: pick(c.fromCountry),
      toCountry: pick(c.toCountry),
      reportIds,
    };
  }
}

/** Position of each value in a list of distinct values. */
function indexOf(list: readonly string[]): Map<string, number> {
  const index = new Map<string, number>();
  for (let i = 0; i < list.length; i++) if (!index.has(list[i])) index.set(list[i], i);
  return index;
}

/**
 * Number of channels, for readers that validate channel codes.
 *
 * @example
 * ```ts
 * import { CHANNEL_COUNT } from "wildtrace";
 * CHANNEL_COUNT; // 10
 * const valid = (code: number) => Number.isInteger(code) && code >= 0 && code < CHANNEL_COUNT;
 * ```
 */
export const CHANNEL_COUNT = CHANNELS.length;

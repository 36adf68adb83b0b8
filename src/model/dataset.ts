import { CHANNELS, type Channel } from "./codes.js";
import type { Account, Party, Relationship, Report, Transaction } from "./schemas.js";
import type { TextColumn } from "./text-column.js";

/**
 * Transactions held column-wise, so that ten million of them fit on one machine: typed arrays for
 * numbers and indices, interned strings for repeated text. Row `i` of every column is the same
 * transaction.
 */
export interface TransactionTable {
  /** Number of transactions. */
  readonly length: number;
  /** Transaction ids, unique: `id.get(i)` is the id of transaction `i` (held as bytes, see {@link TextColumn}). */
  readonly id: TextColumn;
  /** Instant of the transaction, milliseconds since the epoch (UTC). */
  readonly time: Float64Array;
  /** Amount in the original currency (positive). */
  readonly amount: Float64Array;
  /** Amount in the dataset's base currency (equal to `amount` when no FX table was given). */
  readonly baseAmount: Float64Array;
  /** Index into {@link Dataset.currencies}. */
  readonly currency: Uint16Array;
  /** Index of the paying account in {@link Dataset.accounts}, or -1 (cash side of a deposit). */
  readonly from: Int32Array;
  /** Index of the receiving account in {@link Dataset.accounts}, or -1 (cash side of a withdrawal). */
  readonly to: Int32Array;
  /** Index into {@link CHANNELS}. */
  readonly channel: Uint8Array;
  /** Index into {@link Dataset.references}; 0 is the empty reference. */
  readonly reference: Int32Array;
  /** Index into {@link Dataset.countries} of an explicit payer country; 0 when not given. */
  readonly fromCountry: Uint16Array;
  /** Index into {@link Dataset.countries} of an explicit payee country; 0 when not given. */
  readonly toCountry: Uint16Array;
  /** Report ids per transaction index, for the transactions that came from reports. */
  readonly reportIds: ReadonlyMap<number, readonly string[]>;
}

/**
 * A case: parties, accounts, relationships, reports and transactions, with look-ups by id.
 * Build one with {@link createDataset} or the loaders (`loadCase`); never mutated afterwards.
 */
export interface Dataset {
  /** Currency of every `baseAmount`. */
  readonly baseCurrency: string;
  readonly parties: readonly Party[];
  readonly accounts: readonly Account[];
  readonly relationships: readonly Relationship[];
  readonly reports: readonly Report[];
  readonly transactions: TransactionTable;
  /** Interned currency codes. */
  readonly currencies: readonly string[];
  /** Interned country codes; index 0 is "" (unknown). */
  readonly countries: readonly string[];
  /** Interned payment references; index 0 is "". */
  readonly references: readonly string[];
  /** Party id to index in `parties`. */
  readonly partyIndex: ReadonlyMap<string, number>;
  /** Account id to index in `accounts`. */
  readonly accountIndex: ReadonlyMap<string, number>;
  /** Per account: index of its holder in `parties`, or -1. */
  readonly accountHolder: Int32Array;
  /** Per account: index into `countries` of the account's country (or its holder's), 0 if unknown. */
  readonly accountCountry: Uint16Array;
}

/**
 * Index of the transaction with this id, or -1 (the id column's {@link TextColumn.indexOf}: the
 * first call indexes the ids, later calls are one look-up).
 *
 * @example
 * ```ts
 * import { createDataset, findTransaction } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [{ id: "T1", date: "2024-01-02", amount: 5, currency: "USD" }] });
 * findTransaction(dataset, "T1"); // 0
 * ```
 */
export function findTransaction(dataset: Dataset, id: string): number {
  return dataset.transactions.id.indexOf(id);
}

/**
 * The transaction at index `i` as a plain record (dates as ISO strings).
 *
 * @example
 * ```ts
 * import { createDataset, getTransaction } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [{ id: "T1", date: "2024-01-02", amount: 5, currency: "USD" }] });
 * getTransaction(dataset, 0).date; // "2024-01-02T00:00:00.000Z"
 * ```
 */
export function getTransaction(dataset: Dataset, i: number): Transaction {
  const t = dataset.transactions;
  const from = t.from[i];
  const to = t.to[i];
  const rec: Transaction = {
    id: t.id.get(i),
    date: new Date(t.time[i]).toISOString(),
    amount: t.amount[i],
    currency: dataset.currencies[t.currency[i]],
    baseAmount: t.baseAmount[i],
    channel: CHANNELS[t.channel[i]] as Channel,
    reference: dataset.references[t.reference[i]],
    reportIds: [...(t.reportIds.get(i) ?? [])],
  };
  if (from >= 0) rec.fromAccount = dataset.accounts[from].id;
  if (to >= 0) rec.toAccount = dataset.accounts[to].id;
  if (t.fromCountry[i] > 0) rec.fromCountry = dataset.countries[t.fromCountry[i]];
  if (t.toCountry[i] > 0) rec.toCountry = dataset.countries[t.toCountry[i]];
  return rec;
}

/**
 * The effective country of each side of transaction `i`: the explicit override, else the
 * account's country, else its holder's; "" when unknown.
 *
 * @example
 * ```ts
 * import { createDataset, transactionCountries } from "wildtrace";
 * const { dataset } = createDataset({
 *   accounts: [{ id: "A", country: "TZ" }, { id: "B", country: "CN" }],
 *   transactions: [{ id: "T1", date: "2024-01-02", amount: 5, currency: "USD", fromAccount: "B", toAccount: "A" }],
 * });
 * transactionCountries(dataset, 0); // { from: "CN", to: "TZ" }
 * ```
 */
export function transactionCountries(dataset: Dataset, i: number): { from: string; to: string } {
  const t = dataset.transactions;
  const fc = t.fromCountry[i] || (t.from[i] >= 0 ? dataset.accountCountry[t.from[i]] : 0);
  const tc = t.toCountry[i] || (t.to[i] >= 0 ? dataset.accountCountry[t.to[i]] : 0);
  return { from: dataset.countries[fc], to: dataset.countries[tc] };
}

/**
 * The party holding account index `a`, or undefined.
 *
 * @example
 * ```ts
 * import { createDataset, accountHolderOf } from "wildtrace";
 * const { dataset } = createDataset({ parties: [{ id: "P", kind: "person", name: "Ann" }], accounts: [{ id: "A", holder: "P" }] });
 * accountHolderOf(dataset, 0)?.name; // "Ann"
 * ```
 */
export function accountHolderOf(dataset: Dataset, a: number): Party | undefined {
  const p = dataset.accountHolder[a];
  return p >= 0 ? dataset.parties[p] : undefined;
}

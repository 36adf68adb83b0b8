import { civilToEpochMs, isCivilDay } from "../_lib/civil-date.js";
import { CHANNELS, normaliseChannel } from "../model/codes.js";
import { normaliseCountry, normaliseCurrency } from "../model/countries.js";
import type { DatasetBuilder } from "./builder.js";
import { ByteInterner } from "./byte-interner.js";
import type { CsvRecordView } from "./csv-scanner.js";
import { RECORD_FIELDS } from "./fields.js";

/**
 * Reads one transaction row from a {@link CsvRecordView} straight into the builder, or returns
 * `false` (having changed nothing) when the row needs the general path.
 */
export type TransactionFastPath = (view: CsvRecordView, line: number) => boolean;

const F = RECORD_FIELDS.transactions;
const ID = F.indexOf("id");
const DATE = F.indexOf("date");
const AMOUNT = F.indexOf("amount");
const CURRENCY = F.indexOf("currency");
const FROM = F.indexOf("from_account");
const TO = F.indexOf("to_account");
const CHANNEL = F.indexOf("channel");
const REFERENCE = F.indexOf("reference");
const FROM_COUNTRY = F.indexOf("from_country");
const TO_COUNTRY = F.indexOf("to_country");
const REPORT_IDS = F.indexOf("report_ids");

const DEPOSIT = CHANNELS.indexOf("cash_deposit");
const WITHDRAWAL = CHANNELS.indexOf("cash_withdrawal");
const WIRE = CHANNELS.indexOf("wire");
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function d2(buf: Uint8Array, i: number): number {
  const a = buf[i] - 48;
  const b = buf[i + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Epoch milliseconds of an ISO 8601 date or UTC date-time written in bytes: `yyyy-MM-dd`, then
 * optionally `T` or a space, `HH:mm`, optionally `:ss`, optionally `Z`. Anything else (offsets,
 * fractions, blanks, impossible dates, years before 100) gives `NaN`, and the caller falls back
 * to `readDate`, which gives the same value for every input this accepts. Days from the civil
 * calendar: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (https://howardhinnant.github.io/date_algorithms.html).
 *
 * @example
 * ```ts
 * import { readIsoBytes } from "./transaction-fast-path.js";
 * readIsoBytes(Buffer.from("2024-03-01T10:00:00Z"), 0, 20) === Date.UTC(2024, 2, 1, 10); // true
 * ```
 */
export function readIsoBytes(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (!isIsoLength(n)) return Number.NaN;
  const day = readIsoDayBytes(buf, s);
  if (Number.isNaN(day)) return Number.NaN;
  const ms = readIsoTimeOfDayBytes(buf, s, n);
  return ms < 0 ? Number.NaN : day + ms;
}

/** Whether `n` is the length of a form {@link readIsoBytes} reads. */
function isIsoLength(n: number): boolean {
  return n === 10 || n === 16 || n === 17 || n === 19 || n === 20;
}

/**
 * Epoch milliseconds of the start of the day `yyyy-MM-dd` written at `buf[s..s+10)`, or `NaN`
 * (see {@link readIsoBytes}). Split from the time of day so that the fast path reads a day once
 * for the run of rows that share it.
 */
function readIsoDayBytes(buf: Uint8Array, s: number): number {
  if (buf[s + 4] !== 45 || buf[s + 7] !== 45) return Number.NaN;
  const hi = d2(buf, s);
  const lo = d2(buf, s + 2);
  const mo = d2(buf, s + 5);
  const d = d2(buf, s + 8);
  if (hi < 0 || lo < 0 || mo < 1 || mo > 12 || d < 1) return Number.NaN;
  const y = hi * 100 + lo;
  if (y < 100) return Number.NaN;
  if (!isCivilDay(y, mo, d)) return Number.NaN;
  // Whole days and the time of day are exact integers below 2^53: adding them later gives the
  // very number civilToEpochMs(y, mo, d, ms) would.
  return civilToEpochMs(y, mo, d, 0);
}

/**
 * Milliseconds into the day of the time after the date of an ISO text of `n` bytes at `buf[s..)`
 * (0 for a date alone), or -1 when it is not one {@link readIsoBytes} reads.
 */
function readIsoTimeOfDayBytes(buf: Uint8Array, s: number, n: number): number {
  if (n === 10) return 0;
  const sep = buf[s + 10];
  if ((sep !== 84 && sep !== 32) || buf[s + 13] !== 58) return -1;
  const h = d2(buf, s + 11);
  const mi = d2(buf, s + 14);
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return -1;
  let sec = 0;
  let rest = 16;
  if (n >= 19) {
    if (buf[s + 16] !== 58) return -1;
    sec = d2(buf, s + 17);
    if (sec < 0 || sec > 60) return -1;
    if (sec === 60) sec = 59; // as readDate: a leap second is read as :59
    rest = 19;
  }
  if (n === rest + 1) {
    if (buf[s + rest] !== 90) return -1; // Z
  } else if (n !== rest) return -1;
  return h * 3_600_000 + mi * 60_000 + sec * 1000;
}

/**
 * A plain decimal amount written in bytes (`1234` or `1234.56`, at most 15 digits), or `NaN` for
 * anything else (the caller falls back to `readAmount`). An integer of at most 15 digits and a
 * power of ten up to 1e15 are exact doubles, so their quotient is the correctly rounded value of
 * the decimal: the same number `Number()` gives (W. D. Clinger, "How to read floating point
 * numbers accurately", PLDI 1990).
 *
 * @example
 * ```ts
 * import { readPlainAmountBytes } from "./transaction-fast-path.js";
 * readPlainAmountBytes(Buffer.from("9900.50"), 0, 7); // 9900.5
 * ```
 */
export function readPlainAmountBytes(buf: Uint8Array, s: number, e: number): number {
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0 && i > s) frac = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || frac === 0) return Number.NaN;
  return frac > 0 ? m / POW10[frac] : m;
}

/** Rows read before the fast path estimates the file's row count and reserves the columns. */
const SAMPLE_ROWS = 1024;

function isSpaceOrHigh(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c >= 0x80;
}

/**
 * {@link CellCache} states below 0; a state of 0 or more is the builder's code for the value.
 * A key read but not given a code yet has the state `-4 - t`, `t` the index of its text.
 */
const INVALID = -2;
const NONE = -3;

function isUnresolved(state: number): boolean {
  return state <= -4;
}

/**
 * Values met once per distinct cell text: the normalised value, and a state per key kept in the
 * key's hash slot (so the per-row path reads one slot): {@link INVALID} when the general path
 * must decide, {@link NONE} when the cell means "no value", unresolved (see {@link isUnresolved},
 * with the index of its text) until a stored row first needs the builder's code, then that code.
 * Two cells have the same unresolved state only when their bytes are the same.
 */
class CellCache {
  readonly keys: ByteInterner;
  private readonly texts: string[] = [];

  constructor(capacity = 256) {
    this.keys = new ByteInterner(capacity, INVALID);
  }

  /** The state of cell `k` of the record. */
  lookup(view: CsvRecordView, k: number, normalise: (raw: string) => string | null): number {
    const buf = view.buf;
    const s = view.start[k];
    const e = view.end[k];
    const keys = this.keys;
    const state = keys.intern(buf, s, e);
    if (!keys.added) return state;
    // Same bytes, same text: a record with bytes beyond ASCII decodes as UTF-8, others as Latin-1 (identical for ASCII).
    const v = normalise(buf.toString(view.utf8 ? "utf8" : "latin1", s, e));
    let next = INVALID;
    if (v === "") next = NONE;
    else if (v !== null) {
      next = -4 - this.texts.length;
      this.texts.push(v);
    }
    keys.setValue(next);
    return next;
  }

  /** The normalised text of an unresolved state. */
  text(state: number): string {
    return this.texts[-4 - state];
  }

  /** Record the builder's `code` for the text of cell `k` (found again: other keys may have moved its slot). */
  resolve(view: CsvRecordView, k: number, code: number): number {
    this.keys.intern(view.buf, view.start[k], view.end[k]);
    this.keys.setValue(code);
    return code;
  }
}

const asCurrency = (raw: string): string | null => normaliseCurrency(raw) ?? null;
// Accounts and references are handed to the builder as texts it has not seen from this reader
// (accountRefNew, referenceCodeNew), so two different cells must never give the same text: cells
// that trim() would change, and bytes that are not valid UTF-8 (all decoded as U+FFFD), are left
// to the general path.
const asAccount = (raw: string): string | null => (raw.trim() !== raw || raw.includes("\uFFFD") ? null : raw);
const asText = (raw: string): string | null => (raw.includes("\uFFFD") ? null : raw);
const asCountry = (raw: string): string | null => (raw.trim() === "" ? "" : (normaliseCountry(raw) ?? null));
const asChannel = (raw: string): string | null => normaliseChannel(raw) ?? null;

/**
 * The fast path of transaction CSV rows: for a row whose cells are all in the common, clean form
 * (ISO dates, plain decimal amounts, known codes, no report ids), decode it from the bytes and
 * store it with the same values, in the same order and with the same quarantine outcome (duplicate
 * id, missing FX rate) as `readTransactionRecord` + {@link DatasetBuilder.addTransaction} would.
 * Every other row is left to that general path, so messages and codes cannot drift. Repeated
 * cells (accounts, currencies, channels, references, countries) are decoded once per distinct
 * text, not once per row.
 *
 * Internal to the ingest stage (used by `readTableFile`), not exported from the package.
 *
 * @param columns per field of `RECORD_FIELDS.transactions`, the column index in the file or -1
 *
 * @example
 * ```ts
 * import { createTransactionFastPath } from "./transaction-fast-path.js";
 * import { DatasetBuilder, Quarantine } from "wildtrace";
 * const q = new Quarantine();
 * const builder = new DatasetBuilder(q);
 * const fast = createTransactionFastPath(Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7, -1, -1, -1), builder, "t.csv");
 * // in a scanCsvFile callback, after the header: if (!fast(view, line)) { ...general path... }
 * ```
 */
export function createTransactionFastPath(columns: Int32Array, builder: DatasetBuilder, file: string, fileBytes = 0): TransactionFastPath {
  const cId = columns[ID];
  const cDate = columns[DATE];
  const cAmount = columns[AMOUNT];
  const cCur = columns[CURRENCY];
  const cFrom = columns[FROM];
  const cTo = columns[TO];
  const cChannel = columns[CHANNEL];
  const cRef = columns[REFERENCE];
  const cFromCountry = columns[FROM_COUNTRY];
  const cToCountry = columns[TO_COUNTRY];
  const cReports = columns[REPORT_IDS];
  const currencies = new CellCache();
  // Sized for the declared accounts (transactions mostly name those): no rehash of a table of a
  // million accounts, each one a round of cache misses. No more room than that: the table is
  // looked up twice a row, and a larger one misses the cache more often.
  const accounts = new CellCache(Math.max(4096, builder.declaredAccountCount));
  const channels = new CellCache();
  const references = new CellCache(4096);
  const countries = new CellCache();
  let fileCode = -1;
  // Row count estimate: bytes of the first rows against the file's size (see SAMPLE_ROWS).
  let sampled = 0;
  let sampleBytes = 0;
  const startCount = builder.transactionCount;
  // The bytes of the last day read (day2 holds two bytes, so -1 matches no text) and its instant.
  let day0 = 0;
  let day1 = 0;
  let day2 = -1;
  let dayMs = 0;
  if (cId < 0 || cDate < 0 || cAmount < 0 || cCur < 0) return () => false;
  const fresh = builder.claimFreshCodes();
  const accountCode = (id: string): number => (fresh ? builder.accountRefNew(id) : builder.accountRef(id));
  /** Text of each currency code resolved so far (the FX conversion needs the text on every row). */
  const currencyByCode: string[] = [];

  return (view, line) => {
    const buf = view.buf;
    const S = view.start;
    const E = view.end;
    const Q = view.quoted;
    if (sampled < SAMPLE_ROWS && fileBytes > 0) {
      sampleBytes += E[view.count - 1] - S[0] + 1;
      if (++sampled === SAMPLE_ROWS) builder.reserveTransactions(startCount + Math.ceil((fileBytes / sampleBytes) * SAMPLE_ROWS * 1.02) + SAMPLE_ROWS);
    }
    if (cReports >= 0 && S[cReports] !== E[cReports]) return false;

    // id: non-blank, nothing for trim() to remove.
    const s = S[cId];
    const e = E[cId];
    if (s === e || Q[cId] === 2 || isSpaceOrHigh(buf[s]) || isSpaceOrHigh(buf[e - 1])) return false;
    // The date: the day part is read again only when its ten bytes differ from the last row's
    // (exports are mostly in date order, so runs of rows share a day).
    const ds = S[cDate];
    const dn = E[cDate] - ds;
    if (!isIsoLength(dn)) return false;
    const k0 = buf[ds] | (buf[ds + 1] << 8) | (buf[ds + 2] << 16) | (buf[ds + 3] << 24);
    const k1 = buf[ds + 4] | (buf[ds + 5] << 8) | (buf[ds + 6] << 16) | (buf[ds + 7] << 24);
    const k2 = buf[ds + 8] | (buf[ds + 9] << 8);
    if (k0 !== day0 || k1 !== day1 || k2 !== day2) {
      const d = readIsoDayBytes(buf, ds);
      if (Number.isNaN(d)) return false;
      day0 = k0;
      day1 = k1;
      day2 = k2;
      dayMs = d;
    }
    const tod = readIsoTimeOfDayBytes(buf, ds, dn);
    if (tod < 0) return false;
    const time = dayMs + tod;
    const amount = readPlainAmountBytes(buf, S[cAmount], E[cAmount]);
    if (!(amount > 0)) return false;
    if (S[cCur] === E[cCur] || Q[cCur] === 2) return false;
    let curCode = currencies.lookup(view, cCur, asCurrency);
    if (curCode === INVALID || curCode === NONE) return false;
    const currency = isUnresolved(curCode) ? currencies.text(curCode) : currencyByCode[curCode];
    let fromRef = NONE;
    if (cFrom >= 0 && S[cFrom] !== E[cFrom]) {
      if (Q[cFrom] === 2) return false;
      fromRef = accounts.lookup(view, cFrom, asAccount);
      if (fromRef === INVALID) return false;
    }
    let toRef = NONE;
    if (cTo >= 0 && S[cTo] !== E[cTo]) {
      if (Q[cTo] === 2) return false;
      toRef = accounts.lookup(view, cTo, asAccount);
      if (toRef === INVALID) return false;
    }
    if (fromRef === NONE && toRef === NONE) return false;
    let channel: number;
    if (cChannel < 0 || S[cChannel] === E[cChannel]) channel = fromRef === NONE ? DEPOSIT : toRef === NONE ? WITHDRAWAL : WIRE;
    else {
      if (Q[cChannel] === 2) return false;
      channel = channels.lookup(view, cChannel, asChannel);
      if (channel === INVALID) return false;
      if (isUnresolved(channel)) channel = channels.resolve(view, cChannel, CHANNELS.indexOf(channels.text(channel) as (typeof CHANNELS)[number]));
    }
    let refCode = NONE;
    if (cRef >= 0 && S[cRef] !== E[cRef]) {
      if (Q[cRef] === 2) return false;
      refCode = references.lookup(view, cRef, asText);
      if (refCode === INVALID) return false;
    }
    let fc = NONE;
    if (cFromCountry >= 0 && S[cFromCountry] !== E[cFromCountry]) {
      if (Q[cFromCountry] === 2) return false;
      fc = countries.lookup(view, cFromCountry, asCountry);
      if (fc === INVALID) return false;
    }
    let tc = NONE;
    if (cToCountry >= 0 && S[cToCountry] !== E[cToCountry]) {
      if (Q[cToCountry] === 2) return false;
      tc = countries.lookup(view, cToCountry, asCountry);
      if (tc === INVALID) return false;
    }
    // The row is clean: from here on the outcome is the general path's.
    // An ASCII id goes to the builder as bytes (no string per row); a record with other bytes
    // decodes as UTF-8, as the general path would.
    const id = view.utf8 ? buf.toString("utf8", s, e) : undefined;
    const base = id === undefined ? builder.admitTransactionBytes(buf, s, e, time, amount, currency, file, line) : builder.admitTransaction(id, time, amount, currency, file, line);
    if (Number.isNaN(base)) return true;
    // Codes are resolved in the order addTransaction resolves them, so interned lists match.
    if (isUnresolved(curCode)) {
      curCode = currencies.resolve(view, cCur, builder.currencyCode(currency));
      currencyByCode[curCode] = currency;
    }
    // The same account (country) on both sides has the same unresolved state: its code was just
    // resolved for the first side.
    const fromState = fromRef;
    if (isUnresolved(fromRef)) fromRef = accounts.resolve(view, cFrom, accountCode(accounts.text(fromRef)));
    if (isUnresolved(toRef)) toRef = toRef === fromState ? fromRef : accounts.resolve(view, cTo, accountCode(accounts.text(toRef)));
    if (isUnresolved(refCode)) refCode = references.resolve(view, cRef, fresh ? builder.referenceCodeNew(references.text(refCode)) : builder.referenceCode(references.text(refCode)));
    const fcState = fc;
    if (isUnresolved(fc)) fc = countries.resolve(view, cFromCountry, builder.countryCode(countries.text(fc)));
    if (isUnresolved(tc)) tc = tc === fcState ? fc : countries.resolve(view, cToCountry, builder.countryCode(countries.text(tc)));
    if (fileCode < 0) fileCode = builder.fileCode(file);
    // A null id: the bytes admitted above.
    builder.storeTransaction(id ?? null, time, amount, base, curCode, fromRef === NONE ? -1 : fromRef, toRef === NONE ? -1 : toRef, channel, refCode === NONE ? 0 : refCode, fc === NONE ? 0 : fc, tc === NONE ? 0 : tc, fileCode, line);
    return true;
  };
}

import { closeSync, openSync, writeSync } from "node:fs";
import { CHANNELS } from "../model/codes.js";

/**
 * The transactions.csv writer of the generator: rows are assembled byte by byte in a 4 MB buffer
 * (account ids, dates, times, currencies and channels copied from pre-encoded tables, digits
 * written directly), so that building a row allocates no string. This is what lets the generator
 * stream millions of rows a second.
 */
export interface TransactionRowWriter {
  /**
   * Append `id,date,amount,currency,from_account,to_account,channel,reference`. `day` indexes the
   * day prefixes given at opening, `second` is the second of the day, `currency` indexes the
   * currency codes, `from`/`to` index the account ids (-1: empty, the cash side), `reference` is
   * already CSV-escaped.
   */
  row(seq: number, day: number, second: number, amount: number, twoDecimals: boolean, currency: number, from: number, to: number, channel: number, reference: string): void;
  /** Append a preformatted line (for the rare deliberately malformed row). */
  line(text: string): void;
  close(): { rows: number; bytes: number };
}

const CAP = 1 << 22;

function encodeTable(items: readonly string[]): { bytes: Uint8Array; start: Int32Array } {
  const start = new Int32Array(items.length + 1);
  const parts = items.map((s) => Buffer.from(s, "utf8"));
  for (let i = 0; i < parts.length; i++) start[i + 1] = start[i] + parts[i].length;
  const bytes = new Uint8Array(start[items.length]);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i], start[i]);
  return { bytes, start };
}

/**
 * Open `path` and write the header.
 *
 * @example
 * ```ts
 * const w = openTransactionWriter("t.csv", ["TZ-0000001"], ["2024-01-01T"], ["TZS"]);
 * w.row(1, 0, 3600, 2500, false, 0, 0, -1, 2, "");
 * w.close(); // T00000001,2024-01-01T01:00:00Z,2500,TZS,TZ-0000001,,cash_withdrawal,
 * ```
 */
export function openTransactionWriter(path: string, accountIds: readonly string[], dayPrefixes: readonly string[], currencies: readonly string[]): TransactionRowWriter {
  const fd = openSync(path, "w");
  const buf = Buffer.allocUnsafe(CAP);
  let off = 0;
  let rows = 0;
  let bytes = 0;
  const acc = encodeTable(accountIds);
  const days = encodeTable(dayPrefixes);
  const cur = encodeTable(currencies);
  const chan = encodeTable(CHANNELS);
  const refCache = new Map<string, Uint8Array>();
  const times = new Uint8Array(86_400 * 9);
  for (let s = 0; s < 86_400; s++) {
    const h = Math.floor(s / 3600);
    const m = Math.floor(s / 60) % 60;
    const x = s % 60;
    const o = s * 9;
    times[o] = 48 + Math.floor(h / 10);
    times[o + 1] = 48 + (h % 10);
    times[o + 2] = 58;
    times[o + 3] = 48 + Math.floor(m / 10);
    times[o + 4] = 48 + (m % 10);
    times[o + 5] = 58;
    times[o + 6] = 48 + Math.floor(x / 10);
    times[o + 7] = 48 + (x % 10);
    times[o + 8] = 90; // Z
  }
  const flush = () => {
    if (off === 0) return;
    writeSync(fd, buf, 0, off);
    bytes += off;
    off = 0;
  };
  const line = (text: string) => {
    if (off + text.length * 3 + 1 > CAP) flush();
    off += buf.write(text, off, "utf8");
    buf[off++] = 10;
    rows++;
  };
  line("id,date,amount,currency,from_account,to_account,channel,reference");
  rows = 0;
  return {
    row(seq, day, second, amount, twoDecimals, currency, from, to, channel, reference) {
      if (off + 256 + reference.length * 3 > CAP) flush();
      // Work on a local offset (a closure variable is slower to update byte by byte).
      const b = buf;
      let o = off;
      b[o] = 84; // T
      for (let x = seq, k = 8; k >= 1; k--) {
        const q = Math.floor(x / 10);
        b[o + k] = 48 + (x - q * 10);
        x = q;
      }
      o += 9;
      b[o++] = 44;
      for (let k = days.start[day], e = days.start[day + 1], src = days.bytes; k < e; k++) b[o++] = src[k];
      for (let k = second * 9, e = k + 9; k < e; k++) b[o++] = times[k];
      b[o++] = 44;
      let whole: number;
      let cents = -1;
      if (twoDecimals) {
        const c = Math.round(amount * 100);
        whole = Math.floor(c / 100);
        cents = c - whole * 100;
      } else whole = Math.round(amount);
      if (whole < 10) b[o++] = 48 + whole;
      else {
        let len = 0;
        for (let x = whole; x >= 1; x = Math.floor(x / 10)) len++;
        for (let x = whole, p = o + len; x >= 1; ) {
          const q = Math.floor(x / 10);
          b[--p] = 48 + (x - q * 10);
          x = q;
        }
        o += len;
      }
      if (cents >= 0) {
        b[o++] = 46;
        b[o++] = 48 + Math.floor(cents / 10);
        b[o++] = 48 + (cents % 10);
      }
      b[o++] = 44;
      for (let k = cur.start[currency], e = cur.start[currency + 1], src = cur.bytes; k < e; k++) b[o++] = src[k];
      b[o++] = 44;
      if (from >= 0) for (let k = acc.start[from], e = acc.start[from + 1], src = acc.bytes; k < e; k++) b[o++] = src[k];
      b[o++] = 44;
      if (to >= 0) for (let k = acc.start[to], e = acc.start[to + 1], src = acc.bytes; k < e; k++) b[o++] = src[k];
      b[o++] = 44;
      for (let k = chan.start[channel], e = chan.start[channel + 1], src = chan.bytes; k < e; k++) b[o++] = src[k];
      b[o++] = 44;
      if (reference.length > 0) {
        // Most references repeat ("POS SUPERMARKET", "SALARY JAN 2024"): copy their bytes from a cache.
        const cached = refCache.get(reference);
        if (cached !== undefined) {
          for (let k = 0; k < cached.length; k++) b[o++] = cached[k];
        } else {
          const begin = o;
          o += b.write(reference, o, "utf8");
          if (refCache.size < 4096 && !/\d{3}/.test(reference)) refCache.set(reference, b.slice(begin, o));
        }
      }
      b[o++] = 10;
      off = o;
      rows++;
    },
    line,
    close() {
      flush();
      closeSync(fd);
      return { rows, bytes };
    },
  };
}

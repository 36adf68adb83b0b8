/**
 * The growing columns of the transactions a {@link DatasetBuilder} has accepted: one typed array
 * per column, all with one shared length and capacity. Storing a row is one capacity check and
 * twelve monomorphic element stores (a generic growable wrapper per column made every store a
 * polymorphic call), and a reader that can estimate its row count reserves room once instead of
 * doubling its way up. Internal to the ingest stage, not exported from the package.
 *
 * @example
 * ```ts
 * import { TransactionColumns } from "./transaction-columns.js";
 * const cols = new TransactionColumns();
 * cols.reserve(2);
 * const i = cols.append();
 * cols.time[i] = Date.UTC(2024, 0, 1);
 * cols.length; // 1
 * ```
 */
export class TransactionColumns {
  length = 0;
  capacity = 0;
  time = new Float64Array(0);
  amount = new Float64Array(0);
  baseAmount = new Float64Array(0);
  currency = new Uint16Array(0);
  fromRef = new Int32Array(0);
  toRef = new Int32Array(0);
  channel = new Uint8Array(0);
  reference = new Int32Array(0);
  fromCountry = new Uint16Array(0);
  toCountry = new Uint16Array(0);
  file = new Uint16Array(0);
  line = new Int32Array(0);

  /**
   * Room for at least `n` rows in all.
   *
   * @example
   * ```ts
   * import { TransactionColumns } from "./transaction-columns.js";
   * const cols = new TransactionColumns();
   * cols.reserve(1000);
   * cols.capacity >= 1000; // true
   * ```
   */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.time = grown(this.time, new Float64Array(n), this.length);
    this.amount = grown(this.amount, new Float64Array(n), this.length);
    this.baseAmount = grown(this.baseAmount, new Float64Array(n), this.length);
    this.currency = grown(this.currency, new Uint16Array(n), this.length);
    this.fromRef = grown(this.fromRef, new Int32Array(n), this.length);
    this.toRef = grown(this.toRef, new Int32Array(n), this.length);
    this.channel = grown(this.channel, new Uint8Array(n), this.length);
    this.reference = grown(this.reference, new Int32Array(n), this.length);
    this.fromCountry = grown(this.fromCountry, new Uint16Array(n), this.length);
    this.toCountry = grown(this.toCountry, new Uint16Array(n), this.length);
    this.file = grown(this.file, new Uint16Array(n), this.length);
    this.line = grown(this.line, new Int32Array(n), this.length);
  }

  /**
   * Index of a new row (its cells are zero until the caller sets them).
   *
   * @example
   * ```ts
   * import { TransactionColumns } from "./transaction-columns.js";
   * const cols = new TransactionColumns();
   * cols.append(); // 0
   * ```
   */
  append(): number {
    const i = this.length;
    if (i === this.capacity) this.reserve(Math.max(1024, i * 2));
    this.length = i + 1;
    return i;
  }
}

function grown<T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(old: T, next: T, length: number): T {
  if (length > 0) next.set(old.subarray(0, length));
  return next;
}

import { Buffer } from "node:buffer";
import { asciiText } from "../_lib/ascii-text.js";
import { FNV_OFFSET, fnv1aBytes } from "../_lib/fnv.js";
import { mix32 } from "../_lib/random.js";

/** Offsets are 32-bit: a column holds at most 4 GiB of text bytes. */
const MAX_BYTES = 2 ** 32 - 1;
/** Empty slot of a {@link TextIndex}. */
const EMPTY = -1;

/**
 * A column of texts (transaction ids) held as their bytes in one buffer, with each text's start in
 * a 32-bit offset array, instead of one string object per text. Ten million ids take about 140 MB
 * here against 400 MB as strings, and, above all, nothing for the garbage collector to copy or
 * mark: as strings they were most of the objects on the heap, walked by every full collection.
 * Texts are decoded on {@link get}, exactly as they were given (bytes are UTF-8, with a lone
 * surrogate kept as its own three bytes, so every JavaScript string comes back unchanged).
 * Immutable; made by the dataset builder, or by {@link TextColumn.from}.
 *
 * @example
 * ```ts
 * import { TextColumn } from "wildtrace";
 * const ids = TextColumn.from(["T1", "T2", "Т3"]);
 * ids.length; // 3
 * ids.get(2); // "Т3"
 * ids.indexOf("T2"); // 1
 * [...ids]; // ["T1", "T2", "Т3"]
 * ```
 */
export class TextColumn implements Iterable<string> {
  /** Number of texts. */
  readonly length: number;
  private readonly bytes: Buffer;
  private readonly offsets: Uint32Array;
  /** Whether every byte is ASCII (each text then decodes as Latin-1, the fastest way). */
  private readonly ascii: boolean;
  /** Position of each text, built on the first {@link indexOf}. */
  private index: TextIndex | undefined;

  /**
   * Wraps bytes and offsets made by {@link TextColumnWriter}; use {@link TextColumn.from} or
   * the dataset builder instead. @internal
   */
  constructor(bytes: Buffer, offsets: Uint32Array, length: number, ascii: boolean) {
    this.bytes = bytes;
    this.offsets = offsets;
    this.length = length;
    this.ascii = ascii;
  }

  /**
   * A column of these texts, in order (repeats allowed).
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * TextColumn.from(new Set(["a", "b"])).toArray(); // ["a", "b"]
   * ```
   */
  static from(texts: Iterable<string>): TextColumn {
    const w = new TextColumnWriter();
    for (const t of texts) {
      if (typeof t !== "string") throw new TypeError(`TextColumn.from: every text must be a string, got ${typeof t}`);
      w.push(t);
    }
    return w.finish();
  }

  /**
   * The text at index `i` (0 to `length - 1`; anything else throws a `RangeError`).
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * TextColumn.from(["T1", "T2"]).get(1); // "T2"
   * ```
   */
  get(i: number): string {
    if (!(i >= 0 && i < this.length && Number.isInteger(i))) throw new RangeError(`TextColumn.get: index ${i} is not an integer from 0 to ${this.length - 1}`);
    const s = this.offsets[i];
    const e = this.offsets[i + 1];
    return this.ascii ? asciiText(this.bytes, s, e) : decodeText(this.bytes, s, e);
  }

  /**
   * Index of the first text equal to `text`, or -1. The first call builds an index of the column
   * (a typed-array hash table, about 12 bytes a text); later calls are one hash look-up.
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * const ids = TextColumn.from(["T1", "T2", "T1"]);
   * ids.indexOf("T1"); // 0
   * ids.indexOf("T9"); // -1
   * ```
   */
  indexOf(text: string): number {
    if (typeof text !== "string") return -1;
    if (this.index === undefined) this.index = TextIndex.over(this.bytes, this.offsets, this.length);
    const probe = encodeOne(text);
    return this.index.find(this.bytes, this.offsets, probe, 0, probe.length, hashBytes(probe, 0, probe.length));
  }

  /**
   * Every text, as an array of strings (one string object per text: for small columns and tests).
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * TextColumn.from(["a"]).toArray(); // ["a"]
   * ```
   */
  toArray(): string[] {
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /**
   * The texts as a JSON array, so that `JSON.stringify` of a table writes its ids as before.
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * JSON.stringify({ id: TextColumn.from(["T1"]) }); // '{"id":["T1"]}'
   * ```
   */
  toJSON(): string[] {
    return this.toArray();
  }

  /**
   * The texts in order.
   *
   * @example
   * ```ts
   * import { TextColumn } from "wildtrace";
   * for (const id of TextColumn.from(["T1", "T2"])) console.log(id);
   * ```
   */
  *[Symbol.iterator](): IterableIterator<string> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }
}

/**
 * Appends texts to a column and answers whether a text is already in it, cheaply when texts come
 * in increasing order (ids exported in order, the usual case: then a new text is greater than the
 * last one, and an older one is found by binary search); a hash index of the texts is built only
 * once that order breaks. Used by the dataset builder for transaction ids. Internal: not exported
 * from the package.
 *
 * @example
 * ```ts
 * import { TextColumnWriter } from "./text-column.js";
 * const w = new TextColumnWriter();
 * w.push("T2");
 * w.has("T2"); // true
 * w.push("T1"); // out of order: an index is kept from the next question on
 * w.has("T1"); // true
 * w.finish().toArray(); // ["T2", "T1"]
 * ```
 */
export class TextColumnWriter {
  /** Number of texts appended. */
  length = 0;
  private bytes: Buffer;
  private used = 0;
  private offsets: Uint32Array;
  private ascii = true;
  /** Whether every text so far is greater (in byte order) than the one before. */
  private sorted = true;
  private index: TextIndex | undefined;
  private scratch = Buffer.allocUnsafe(64);
  private finished = false;
  /**
   * The bytes that the last {@link hasBytes} found greater than every text (the usual case), so
   * that appending them next needs no second comparison to keep `sorted`.
   */
  private greaterBuf: Uint8Array | undefined;
  private greaterStart = -1;
  private greaterEnd = -1;

  /**
   * @param capacity texts that fit before the arrays grow
   * @param bytesPerText bytes reserved per text
   */
  constructor(capacity = 1024, bytesPerText = 16) {
    this.offsets = new Uint32Array(Math.max(16, capacity) + 1);
    this.bytes = Buffer.allocUnsafe(Math.max(64, capacity * bytesPerText));
  }

  /**
   * Room for `n` texts in all, with bytes for each as long as the average so far (a reader's
   * estimate; more texts still fit).
   */
  reserve(n: number): void {
    if (n + 1 > this.offsets.length) this.offsets = grown(this.offsets, n + 1);
    const perText = this.length > 0 ? Math.ceil(this.used / this.length) + 1 : 16;
    const want = Math.min(MAX_BYTES, n * perText);
    if (want > this.bytes.length) this.growBytes(want);
  }

  /** Whether the text of the bytes `buf[start..end)` (encoded as this column encodes: ASCII, or UTF-8) was appended. */
  hasBytes(buf: Uint8Array, start: number, end: number): boolean {
    const n = this.length;
    if (n === 0) return false;
    if (this.index !== undefined) return this.index.find(this.bytes, this.offsets, buf, start, end, hashBytes(buf, start, end)) >= 0;
    if (this.sorted) {
      if (compareBytes(buf, start, end, this.bytes, this.offsets[n - 1], this.offsets[n]) > 0) {
        this.greaterBuf = buf;
        this.greaterStart = start;
        this.greaterEnd = end;
        return false;
      }
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareBytes(this.bytes, this.offsets[mid], this.offsets[mid + 1], buf, start, end);
        if (c === 0) return true;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return false;
    }
    this.index = TextIndex.over(this.bytes, this.offsets, n);
    return this.hasBytes(buf, start, end);
  }

  /** Whether `text` was appended. */
  has(text: string): boolean {
    const len = this.encodeScratch(text);
    return this.hasBytes(this.scratch, 0, len);
  }

  /**
   * Append the text of the bytes `buf[start..end)`, which must be ASCII (`ascii` true) or UTF-8
   * as {@link push} would write it.
   */
  pushBytes(buf: Uint8Array, start: number, end: number, ascii: boolean): void {
    const len = end - start;
    this.room(len);
    const at = this.used;
    const bytes = this.bytes;
    if (len <= 32) for (let k = 0; k < len; k++) bytes[at + k] = buf[start + k];
    else bytes.set(buf.subarray(start, end), at);
    const greater = buf === this.greaterBuf && start === this.greaterStart && end === this.greaterEnd;
    this.greaterBuf = undefined;
    this.appended(at + len, ascii, greater);
  }

  /** Append `text`. */
  push(text: string): void {
    this.room(text.length * 3);
    const end = encodeText(text, this.bytes, this.used);
    this.greaterBuf = undefined;
    this.appended(end, end - this.used === text.length, false);
  }

  /** The text at index `i` (for messages while appending). */
  get(i: number): string {
    const s = this.offsets[i];
    const e = this.offsets[i + 1];
    return this.ascii ? asciiText(this.bytes, s, e) : decodeText(this.bytes, s, e);
  }

  /**
   * The column, of every text or, with `keep`, of the texts `i` with `keep[i] !== 0` (`kept` of
   * them). The writer is spent: its arrays become the column's (compacted in place).
   */
  finish(keep?: Uint8Array, kept = this.length): TextColumn {
    if (this.finished) throw new Error("TextColumnWriter.finish: already finished");
    this.finished = true;
    const bytes = this.bytes;
    const offsets = this.offsets;
    let n = this.length;
    let used = this.used;
    if (keep !== undefined && kept !== n) {
      let j = 0;
      let at = 0;
      for (let i = 0; i < n; i++) {
        if (!keep[i]) continue;
        const s = offsets[i];
        const e = offsets[i + 1];
        if (s !== at) bytes.copyWithin(at, s, e);
        offsets[j] = at;
        at += e - s;
        j++;
      }
      offsets[j] = at;
      n = j;
      used = at;
    }
    // Close to full: views, not copies (a copy would allocate the column a second time).
    const b = used >= bytes.length * 0.9 ? bytes.subarray(0, used) : Buffer.from(bytes.subarray(0, used));
    const o = n + 1 >= offsets.length * 0.9 ? offsets.subarray(0, n + 1) : offsets.slice(0, n + 1);
    return new TextColumn(b, o, n, this.ascii);
  }

  private room(more: number): void {
    if (this.length + 2 > this.offsets.length) this.offsets = grown(this.offsets, this.offsets.length * 2);
    if (this.used + more > this.bytes.length) this.growBytes(Math.max(this.bytes.length * 2, this.used + more));
  }

  private growBytes(want: number): void {
    if (want > MAX_BYTES) {
      if (this.used + 1 > MAX_BYTES) throw new RangeError("TextColumnWriter: more than 4 GiB of text in one column");
      want = MAX_BYTES;
    }
    const next = Buffer.allocUnsafe(want);
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  /** Record the text just written at `bytes[used..end)`; `greater`: known to be greater than the last text. */
  private appended(end: number, ascii: boolean, greater: boolean): void {
    const n = this.length;
    const start = this.used;
    const bytes = this.bytes;
    if (!ascii) this.ascii = false;
    if (this.sorted && !greater && n > 0 && compareBytes(bytes, start, end, bytes, this.offsets[n - 1], start) <= 0) this.sorted = false;
    this.offsets[n + 1] = end;
    this.used = end;
    this.length = n + 1;
    this.index?.add(n, hashBytes(this.bytes, start, end));
  }

  private encodeScratch(text: string): number {
    if (text.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(text.length * 3);
    return encodeText(text, this.scratch, 0);
  }
}

/**
 * Positions of the texts of a column: an open-addressing hash table of text indices (an
 * `Int32Array`, probed from a hash of the bytes), with each text's hash kept to skip most byte
 * comparisons. The bytes stay in the column, passed in on each call.
 */
class TextIndex {
  private table: Int32Array;
  private hashes: Int32Array;
  private count = 0;

  private constructor(capacity: number) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(Math.max(16, capacity));
  }

  /** An index of the first `n` texts. */
  static over(bytes: Uint8Array, offsets: Uint32Array, n: number): TextIndex {
    const index = new TextIndex(Math.max(1024, n * 2));
    for (let i = 0; i < n; i++) index.add(i, hashBytes(bytes, offsets[i], offsets[i + 1]));
    return index;
  }

  /** Index of the first text with the bytes `buf[start..end)` (hash `h`), or -1. */
  find(bytes: Uint8Array, offsets: Uint32Array, buf: Uint8Array, start: number, end: number, h: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let best = -1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = table[slot];
      if (i === EMPTY) return best;
      if (this.hashes[i] === h && (best < 0 || i < best) && compareBytes(bytes, offsets[i], offsets[i + 1], buf, start, end) === 0) best = i;
    }
  }

  /** Add text `i` (hash `h`). */
  add(i: number, h: number): void {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    if (i >= this.hashes.length) {
      const hashes = new Int32Array(Math.max(i + 1, this.hashes.length * 2));
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[i] = h;
    this.place(i, h);
    this.count++;
  }

  private place(i: number, h: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let slot = h & mask;
    while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
    table[slot] = i;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    for (let k = 0; k < old.length; k++) if (old[k] !== EMPTY) this.place(old[k], this.hashes[old[k]]);
  }
}

/** FNV-1a of the bytes, mixed so that the low bits, which pick the slot, depend on every byte. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  return mix32(fnv1aBytes(FNV_OFFSET, buf, start, end), 0) | 0;
}

/** Byte-wise comparison of `a[as..ae)` and `b[bs..be)`: negative, 0 or positive. */
function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as;
  const lb = be - bs;
  const n = Math.min(la, lb);
  for (let k = 0; k < n; k++) {
    const d = a[as + k] - b[bs + k];
    if (d !== 0) return d;
  }
  return la - lb;
}

function grown(a: Uint32Array, n: number): Uint32Array {
  const next = new Uint32Array(n);
  next.set(a);
  return next;
}

/** The bytes of one text (for look-ups). */
function encodeOne(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 3);
  return out.subarray(0, encodeText(text, out, 0));
}

/**
 * Write `text` at `out[at..]` (room for three bytes per code unit) and return where it ends:
 * UTF-8, except that a lone surrogate (which UTF-8 cannot hold) is written as if it were a code
 * point, in three bytes (the "generalised UTF-8" known as WTF-8), so that {@link decodeText}
 * gives back the very string.
 */
function encodeText(text: string, out: Uint8Array, at: number): number {
  const n = text.length;
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(k);
    if (c < 0x80) {
      out[at++] = c;
      continue;
    }
    if (c < 0x800) {
      out[at++] = 0xc0 | (c >> 6);
      out[at++] = 0x80 | (c & 63);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < n) {
      const d = text.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        k++;
        out[at++] = 0xf0 | (c >> 18);
        out[at++] = 0x80 | ((c >> 12) & 63);
        out[at++] = 0x80 | ((c >> 6) & 63);
        out[at++] = 0x80 | (c & 63);
        continue;
      }
    }
    out[at++] = 0xe0 | (c >> 12);
    out[at++] = 0x80 | ((c >> 6) & 63);
    out[at++] = 0x80 | (c & 63);
  }
  return at;
}

/** The string {@link encodeText} wrote at `buf[s..e)`. */
function decodeText(buf: Uint8Array, s: number, e: number): string {
  const units: number[] = [];
  let out = "";
  for (let i = s; i < e; ) {
    const b = buf[i];
    if (b < 0x80) {
      units.push(b);
      i++;
    } else if (b < 0xe0) {
      units.push(((b & 31) << 6) | (buf[i + 1] & 63));
      i += 2;
    } else if (b < 0xf0) {
      units.push(((b & 15) << 12) | ((buf[i + 1] & 63) << 6) | (buf[i + 2] & 63));
      i += 3;
    } else {
      const c = ((b & 7) << 18) | ((buf[i + 1] & 63) << 12) | ((buf[i + 2] & 63) << 6) | (buf[i + 3] & 63);
      units.push(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 1023));
      i += 4;
    }
    if (units.length >= 4096) {
      out += String.fromCharCode(...units);
      units.length = 0;
    }
  }
  return out + String.fromCharCode(...units);
}

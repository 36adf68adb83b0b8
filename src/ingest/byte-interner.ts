/**
 * Int32 words per slot: the first 12 key bytes as three little-endian words, then the caller's
 * value times 16 plus a length code (0 = empty slot). 16 bytes a slot: four slots share a cache
 * line, and one look-up reads one slot and nothing else.
 */
const STRIDE = 4;
/** Key bytes kept in the slot itself; longer keys keep the rest in the arena. */
const INLINE = 12;
/** Length code of a key longer than {@link INLINE} bytes (shorter keys: length + 1). */
const LONG = 14;
/** Values must fit in the 28 bits above the length code. */
const MIN_VALUE = -(2 ** 27);
const MAX_VALUE = 2 ** 27 - 1;
/**
 * Largest share of slots in use, as a fraction (3/4). A look-up in a table of 100k keys costs one
 * cache miss whatever the probe length (neighbouring slots share its cache line), so a fuller,
 * smaller table is faster than a sparse one: at 3/4, half the memory of 1/2 and about a fifth
 * fewer nanoseconds per look-up on a million transaction rows.
 */
const MAX_LOAD_NUM = 3;
const MAX_LOAD_DEN = 4;

/**
 * A map from byte ranges (of a buffer being parsed) to integers, read without creating a string
 * per occurrence: an open-addressing hash table with linear probing. A slot holds the first 12
 * bytes of its key, its length and its value, so looking up a short key (an account id, a
 * currency, a channel) and what the caller made of it reads one 16-byte slot: with 100k keys the
 * look-ups are bound by memory latency, and every other array read per look-up (a value or an id
 * kept by key number) was one more cache miss. The bytes of longer keys continue in an arena. The
 * CSV fast path uses it so that a million rows naming 100k accounts cost 100k strings, not two
 * million. Internal to the ingest stage, not exported from the package. Hashing: the first 12
 * bytes (and the length) as three words mixed by MurmurHash3's 32-bit round
 * (https://github.com/aappleby/smhasher), any further bytes by Fowler-Noll-Vo FNV-1a
 * (http://www.isthe.com/chongo/tech/comp/fnv/), then part of MurmurHash3's finaliser, as the
 * table's slot is taken from the low bits.
 *
 * @example
 * ```ts
 * const currencies = new ByteInterner(64, -1);
 * const line = Buffer.from("TZS,USD,TZS");
 * currencies.intern(line, 0, 3); // -1 (new)
 * currencies.setValue(0);
 * currencies.intern(line, 4, 7); // -1 (new)
 * currencies.setValue(1);
 * currencies.intern(line, 8, 11); // 0
 * currencies.size; // 2
 * ```
 */
export class ByteInterner {
  private table: Int32Array;
  private mask: number;
  /** Per slot of a key longer than 12 bytes: its length, and where its bytes after the first 12 start in the arena. */
  private lengths: Int32Array | undefined;
  private tails: Int32Array | undefined;
  private arena = new Uint8Array(1024);
  private arenaLen = 0;
  /** Number of distinct keys. */
  size = 0;
  /** Whether the last {@link intern} call added a new key. */
  added = false;
  /** Word index of the value of the key of the last {@link intern} call (valid until the next call). */
  private at = 0;
  private readonly initial: number;

  /**
   * @param capacity keys that fit without growing the table
   * @param initial the value a new key starts with (see {@link value})
   */
  constructor(capacity = 64, initial = 0) {
    checkValue(initial);
    this.initial = initial;
    let n = 64;
    while (n * MAX_LOAD_NUM < capacity * MAX_LOAD_DEN) n <<= 1;
    this.table = new Int32Array(STRIDE * n);
    this.mask = n - 1;
  }

  /**
   * The value of the bytes `buf[start..end)`, adding them with the constructor's `initial` value
   * when new ({@link added} tells which).
   *
   * @example
   * ```ts
   * import { ByteInterner } from "./byte-interner.js";
   * const t = new ByteInterner(64, -1);
   * const b = Buffer.from("ab,cd,ab");
   * t.intern(b, 0, 2); // -1
   * t.setValue(5);
   * t.intern(b, 3, 5); // -1
   * t.intern(b, 6, 8); // 5
   * ```
   */
  intern(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    if (start + INLINE <= buf.length) {
      // Whole words (the bytes after a shorter key masked off), only as many as hold key bytes:
      // no branch per byte (a byte loop with a branch per word cost more than the table look-up).
      w0 = buf[start] | (buf[start + 1] << 8) | (buf[start + 2] << 16) | (buf[start + 3] << 24);
      if (len < 4) w0 &= (1 << (len << 3)) - 1;
      else if (len > 4) {
        w1 = buf[start + 4] | (buf[start + 5] << 8) | (buf[start + 6] << 16) | (buf[start + 7] << 24);
        if (len < 8) w1 &= (1 << ((len - 4) << 3)) - 1;
        else if (len > 8) {
          w2 = buf[start + 8] | (buf[start + 9] << 8) | (buf[start + 10] << 16) | (buf[start + 11] << 24);
          if (len < INLINE) w2 &= (1 << ((len - 8) << 3)) - 1;
        }
      }
    } else {
      // Near the end of the buffer: byte by byte.
      const head = Math.min(len, INLINE);
      for (let k = 0; k < head; k++) {
        const c = buf[start + k];
        if (k < 4) w0 |= c << (k << 3);
        else if (k < 8) w1 |= c << ((k - 4) << 3);
        else w2 |= c << ((k - 8) << 3);
      }
    }
    let h = hashHead(len, w0, w1, w2);
    for (let i = start + INLINE; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h = finish(h);
    const code = len > INLINE ? LONG : len + 1;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const b = slot * STRIDE;
      const meta = table[b + 3];
      if (meta === 0) break;
      if ((meta & 15) === code && table[b] === w0 && table[b + 1] === w1 && table[b + 2] === w2) {
        if (code !== LONG || (this.lengths![slot] === len && this.tailEquals(this.tails![slot], buf, start + INLINE, end))) {
          this.added = false;
          this.at = b + 3;
          return meta >> 4;
        }
      }
      slot = (slot + 1) & mask;
    }
    if ((this.size + 1) * MAX_LOAD_DEN > (mask + 1) * MAX_LOAD_NUM) {
      // Grow before inserting, so that the slot found for the new key is where it stays.
      this.rehash();
      return this.intern(buf, start, end);
    }
    this.size++;
    if (code === LONG) {
      this.longKeyArrays();
      this.lengths![slot] = len;
      this.tails![slot] = this.storeTail(buf, start + INLINE, end);
    }
    const b = slot * STRIDE;
    table[b] = w0;
    table[b + 1] = w1;
    table[b + 2] = w2;
    table[b + 3] = (this.initial << 4) | code;
    this.added = true;
    this.at = b + 3;
    return this.initial;
  }

  /**
   * The value of the key of the last {@link intern} call: the constructor's `initial` until
   * {@link setValue} changes it.
   *
   * @example
   * ```ts
   * import { ByteInterner } from "./byte-interner.js";
   * const t = new ByteInterner(64, -1);
   * const b = Buffer.from("ab");
   * t.intern(b, 0, 2);
   * t.value; // -1
   * t.setValue(7);
   * t.intern(b, 0, 2);
   * t.value; // 7
   * ```
   */
  get value(): number {
    return this.table[this.at] >> 4;
  }

  /**
   * Set the value of the key of the last {@link intern} call (an integer from -2^27 to 2^27 - 1).
   *
   * @example
   * ```ts
   * import { ByteInterner } from "./byte-interner.js";
   * const t = new ByteInterner();
   * t.intern(Buffer.from("x"), 0, 1);
   * t.setValue(3);
   * t.value; // 3
   * ```
   */
  setValue(v: number): void {
    checkValue(v);
    this.table[this.at] = (v << 4) | (this.table[this.at] & 15);
  }

  private tailEquals(at: number, buf: Uint8Array, from: number, to: number): boolean {
    const arena = this.arena;
    for (let i = from; i < to; i++, at++) if (arena[at] !== buf[i]) return false;
    return true;
  }

  /** The per-slot arrays of long keys, made when the first one comes. */
  private longKeyArrays(): void {
    if (this.lengths !== undefined) return;
    this.lengths = new Int32Array(this.mask + 1);
    this.tails = new Int32Array(this.mask + 1);
  }

  /** Copy the bytes of a long key after its first 12 to the arena; returns where they start. */
  private storeTail(buf: Uint8Array, from: number, to: number): number {
    const len = to - from;
    if (this.arenaLen + len > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < this.arenaLen + len) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.arena.subarray(0, this.arenaLen));
      this.arena = next;
    }
    const at = this.arenaLen;
    for (let i = from; i < to; i++) this.arena[this.arenaLen++] = buf[i];
    return at;
  }

  private rehash(): void {
    const old = this.table;
    const oldLengths = this.lengths;
    const oldTails = this.tails;
    const n = (this.mask + 1) * 2;
    const table = new Int32Array(STRIDE * n);
    const mask = n - 1;
    const lengths = oldLengths !== undefined ? new Int32Array(n) : undefined;
    const tails = oldTails !== undefined ? new Int32Array(n) : undefined;
    const arena = this.arena;
    for (let b = 0, slot = 0; b < old.length; b += STRIDE, slot++) {
      const meta = old[b + 3];
      if (meta === 0) continue;
      // The hash again, from the slot (and the arena for a long key): it is not kept.
      const code = meta & 15;
      const len = code === LONG ? oldLengths![slot] : code - 1;
      let h = hashHead(len, old[b], old[b + 1], old[b + 2]);
      if (code === LONG) {
        const at = oldTails![slot];
        for (let i = at, e = at + len - INLINE; i < e; i++) h = Math.imul(h ^ arena[i], 0x01000193);
      }
      let t = finish(h) & mask;
      while (table[t * STRIDE + 3] !== 0) t = (t + 1) & mask;
      const d = t * STRIDE;
      table[d] = old[b];
      table[d + 1] = old[b + 1];
      table[d + 2] = old[b + 2];
      table[d + 3] = meta;
      if (code === LONG) {
        lengths![t] = len;
        tails![t] = oldTails![slot];
      }
    }
    this.table = table;
    this.mask = mask;
    this.lengths = lengths;
    this.tails = tails;
  }
}

function checkValue(v: number): void {
  if (!(Number.isInteger(v) && v >= MIN_VALUE && v <= MAX_VALUE)) throw new RangeError(`ByteInterner: value ${v} is not an integer from ${MIN_VALUE} to ${MAX_VALUE}`);
}

/** Part of MurmurHash3's finaliser: spreads the high bits into the low ones the slot is taken from. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * The hash of a key's length and its first 12 bytes as words: one MurmurHash3 round per word
 * that holds key bytes (a currency code or a channel takes one round, not three).
 */
function hashHead(len: number, w0: number, w1: number, w2: number): number {
  const h = mixWord(len, w0);
  if (len <= 4) return h;
  return len <= 8 ? mixWord(h, w1) : mixWord(mixWord(h, w1), w2);
}

/** One round of MurmurHash3's 32-bit body: word `w` mixed into hash `h`. */
function mixWord(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

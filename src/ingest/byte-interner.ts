/**
 * Int32 words per slot: the first 12 key bytes as three little-endian words, then `meta` =
 * (id + 1) * 16 + length code (0 = empty slot). 16 bytes a slot: four slots share a cache line.
 */
const STRIDE = 4;
/** Key bytes kept in the slot itself; longer keys keep the rest in the arena. */
const INLINE = 12;
/** Length code of a key longer than {@link INLINE} bytes (its exact length is kept per id). */
const LONG = 13;
/** Ids must fit in the 28 bits above the length code. */
const MAX_KEYS = 2 ** 28 - 1;
/**
 * Largest share of slots in use, as a fraction (3/4). A look-up in a table of 100k keys costs one
 * cache miss whatever the probe length (neighbouring slots share its cache line), so a fuller,
 * smaller table is faster than a sparse one: at 3/4, half the memory of 1/2 and about a fifth
 * fewer nanoseconds per look-up on a million transaction rows.
 */
const MAX_LOAD_NUM = 3;
const MAX_LOAD_DEN = 4;

/**
 * Interns byte ranges (of a buffer being parsed) into dense ids without creating a string per
 * occurrence: an open-addressing hash table with linear probing. A slot holds the first 12 bytes
 * of its key, its length (up to 12) and its id, so a short key (an account id, a currency, a
 * channel) is compared in the slot, and the slot is 16 bytes: with 100k keys the look-ups are
 * bound by memory latency, and a table of 16-byte slots misses the caches less than one of
 * 32-byte slots (the hash and the value once kept in the slot). The integer the caller attaches
 * to a key lives in a dense array by id, small enough to stay in cache. The bytes of longer keys
 * continue in an arena. The CSV fast path uses it so that a million rows naming 100k accounts
 * cost 100k strings, not two million.
 * Internal to the ingest stage, not exported from the package. Hashing: the first 12 bytes
 * (and the length) as three words mixed by MurmurHash3's 32-bit round (https://github.com/aappleby/smhasher),
 * any further bytes by Fowler-Noll-Vo FNV-1a (http://www.isthe.com/chongo/tech/comp/fnv/), then
 * part of MurmurHash3's finaliser, as the table's slot is taken from the low bits.
 *
 * @example
 * ```ts
 * const currencies = new ByteInterner();
 * const line = Buffer.from("TZS,USD,TZS");
 * [currencies.intern(line, 0, 3), currencies.intern(line, 4, 7), currencies.intern(line, 8, 11)]; // [0, 1, 0]
 * currencies.size; // 2
 * ```
 */
export class ByteInterner {
  private table: Int32Array;
  private mask: number;
  /** Per id: the key's hash (to move it when the table grows). */
  private hashes = new Int32Array(64);
  /** Per id: the caller's value (see {@link value}). */
  private values = new Int32Array(64);
  /** Per id, for keys longer than 12 bytes: the length, and where the bytes after the first 12 start in the arena. */
  private lengths = new Int32Array(64);
  private tail = new Int32Array(64);
  private arena = new Uint8Array(1024);
  private arenaLen = 0;
  /** Number of distinct keys. */
  size = 0;
  /** Whether the last {@link intern} call added a new key. */
  added = false;
  /** Id of the key of the last {@link intern} call. */
  private last = 0;
  private readonly initial: number;

  /**
   * @param capacity keys that fit without growing the table
   * @param initial the value a new key starts with (see {@link value})
   */
  constructor(capacity = 64, initial = 0) {
    this.initial = initial;
    let n = 64;
    while (n * MAX_LOAD_NUM < capacity * MAX_LOAD_DEN) n <<= 1;
    this.table = new Int32Array(STRIDE * n);
    this.mask = n - 1;
  }

  /**
   * The id of the bytes `buf[start..end)`, adding them when new (ids count up from 0).
   *
   * @example
   * ```ts
   * import { ByteInterner } from "./byte-interner.js";
   * const t = new ByteInterner();
   * const b = Buffer.from("ab,cd,ab");
   * [t.intern(b, 0, 2), t.intern(b, 3, 5), t.intern(b, 6, 8)]; // [0, 1, 0]
   * ```
   */
  intern(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    if (start + INLINE <= buf.length) {
      // Twelve loads whatever the key's length, the bytes after a shorter key masked off: no
      // branch per byte (a byte loop with a branch per word cost more than the table look-up).
      w0 = buf[start] | (buf[start + 1] << 8) | (buf[start + 2] << 16) | (buf[start + 3] << 24);
      w1 = buf[start + 4] | (buf[start + 5] << 8) | (buf[start + 6] << 16) | (buf[start + 7] << 24);
      w2 = buf[start + 8] | (buf[start + 9] << 8) | (buf[start + 10] << 16) | (buf[start + 11] << 24);
      if (len < 4) {
        w0 &= (1 << (len << 3)) - 1;
        w1 = 0;
        w2 = 0;
      } else if (len < 8) {
        w1 &= (1 << ((len - 4) << 3)) - 1;
        w2 = 0;
      } else if (len < INLINE) w2 &= (1 << ((len - 8) << 3)) - 1;
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
    let h = mixWord(mixWord(mixWord(len, w0), w1), w2);
    for (let i = start + INLINE; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    const code = len > INLINE ? LONG : len;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const b = slot * STRIDE;
      const meta = table[b + 3];
      if (meta === 0) break;
      if ((meta & 15) === code && table[b] === w0 && table[b + 1] === w1 && table[b + 2] === w2) {
        const id = (meta >>> 4) - 1;
        if (code !== LONG || (this.lengths[id] === len && this.tailEquals(id, buf, start + INLINE, end))) {
          this.added = false;
          this.last = id;
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    if ((this.size + 1) * MAX_LOAD_DEN > (mask + 1) * MAX_LOAD_NUM) {
      // Grow before inserting, so that the slot found for the new key is where it stays.
      this.rehash();
      return this.intern(buf, start, end);
    }
    if (this.size === MAX_KEYS) throw new RangeError(`ByteInterner: more than ${MAX_KEYS} distinct keys`);
    const id = this.size++;
    if (id === this.values.length) this.growIds();
    this.hashes[id] = h;
    this.values[id] = this.initial;
    if (len > INLINE) {
      this.lengths[id] = len;
      this.storeTail(id, buf, start + INLINE, end);
    }
    const b = slot * STRIDE;
    table[b] = w0;
    table[b + 1] = w1;
    table[b + 2] = w2;
    table[b + 3] = ((id + 1) << 4) | code;
    this.added = true;
    this.last = id;
    return id;
  }

  /**
   * The value attached to the key of the last {@link intern} call: the constructor's `initial`
   * until {@link setValue} changes it.
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
    return this.values[this.last];
  }

  /**
   * Attach `v` to the key of the last {@link intern} call.
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
    this.values[this.last] = v;
  }

  private tailEquals(id: number, buf: Uint8Array, from: number, to: number): boolean {
    const arena = this.arena;
    let a = this.tail[id];
    for (let i = from; i < to; i++, a++) if (arena[a] !== buf[i]) return false;
    return true;
  }

  /** Double the per-id arrays. */
  private growIds(): void {
    const n = this.values.length * 2;
    this.hashes = grown(this.hashes, n);
    this.values = grown(this.values, n);
    this.lengths = grown(this.lengths, n);
    this.tail = grown(this.tail, n);
  }

  private storeTail(id: number, buf: Uint8Array, from: number, to: number): void {
    const len = to - from;
    if (this.arenaLen + len > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < this.arenaLen + len) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.arena.subarray(0, this.arenaLen));
      this.arena = next;
    }
    this.tail[id] = this.arenaLen;
    for (let i = from; i < to; i++) this.arena[this.arenaLen++] = buf[i];
  }

  private rehash(): void {
    const old = this.table;
    const n = (this.mask + 1) * 2;
    const table = new Int32Array(STRIDE * n);
    const mask = n - 1;
    const hashes = this.hashes;
    for (let b = 0; b < old.length; b += STRIDE) {
      const meta = old[b + 3];
      if (meta === 0) continue;
      let t = hashes[(meta >>> 4) - 1] & mask;
      while (table[t * STRIDE + 3] !== 0) t = (t + 1) & mask;
      // Word by word: a subarray per slot would allocate once per key.
      const d = t * STRIDE;
      table[d] = old[b];
      table[d + 1] = old[b + 1];
      table[d + 2] = old[b + 2];
      table[d + 3] = meta;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** A copy of `a` with room for `n` elements. */
function grown(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(n);
  next.set(a);
  return next;
}

/** One round of MurmurHash3's 32-bit body: word `w` mixed into hash `h`. */
function mixWord(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

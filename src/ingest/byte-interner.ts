/**
 * Interns byte ranges (of a buffer being parsed) into dense ids without creating a string per
 * occurrence: an open-addressing hash table over FNV-1a hashes, with the key bytes copied once
 * into an arena. The CSV fast path uses it so that a million rows naming 100k accounts cost 100k
 * strings, not two million. Hashing: Fowler-Noll-Vo FNV-1a, 32-bit
 * (http://www.isthe.com/chongo/tech/comp/fnv/).
 */
export class ByteInterner {
  /** Per slot: the key's hash and its id + 1 (0 = empty), side by side for one cache line. */
  private table: Int32Array;
  private mask: number;
  /** Per id: start in the arena and length. */
  private meta = new Int32Array(128);
  private arena = new Uint8Array(4096);
  private arenaLen = 0;
  /** Number of distinct keys. */
  size = 0;
  /** Whether the last {@link intern} call added a new key. */
  added = false;

  constructor(capacity = 64) {
    let n = 64;
    while (n < capacity * 2) n <<= 1;
    this.table = new Int32Array(2 * n);
    this.mask = n - 1;
  }

  /**
   * The id of the bytes `buf[start..end)`, adding them when new (ids count up from 0).
   *
   * @example
   * ```ts
   * const t = new ByteInterner();
   * const b = Buffer.from("ab,cd,ab");
   * [t.intern(b, 0, 2), t.intern(b, 3, 5), t.intern(b, 6, 8)]; // [0, 1, 0]
   * ```
   */
  intern(buf: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    h ^= h >>> 15;
    const len = end - start;
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e = table[2 * slot + 1];
      if (e === 0) break;
      if (table[2 * slot] === h) {
        const id = e - 1;
        if (this.meta[2 * id + 1] === len) {
          const s = this.meta[2 * id];
          const arena = this.arena;
          let k = 0;
          while (k < len && arena[s + k] === buf[start + k]) k++;
          if (k === len) {
            this.added = false;
            return id;
          }
        }
      }
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    if (2 * id + 2 > this.meta.length) {
      const next = new Int32Array(this.meta.length * 2);
      next.set(this.meta);
      this.meta = next;
    }
    if (this.arenaLen + len > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < this.arenaLen + len) n *= 2;
      const next = new Uint8Array(n);
      next.set(this.arena.subarray(0, this.arenaLen));
      this.arena = next;
    }
    for (let k = 0; k < len; k++) this.arena[this.arenaLen + k] = buf[start + k];
    this.meta[2 * id] = this.arenaLen;
    this.meta[2 * id + 1] = len;
    this.arenaLen += len;
    table[2 * slot] = h;
    table[2 * slot + 1] = id + 1;
    if (this.size * 2 > mask + 1) this.rehash();
    this.added = true;
    return id;
  }

  private rehash(): void {
    const old = this.table;
    const n = (this.mask + 1) * 2;
    const table = new Int32Array(2 * n);
    const mask = n - 1;
    for (let slot = 0; slot < old.length / 2; slot++) {
      const e = old[2 * slot + 1];
      if (e === 0) continue;
      const h = old[2 * slot];
      let t = h & mask;
      while (table[2 * t + 1] !== 0) t = (t + 1) & mask;
      table[2 * t] = h;
      table[2 * t + 1] = e;
    }
    this.table = table;
    this.mask = mask;
  }
}

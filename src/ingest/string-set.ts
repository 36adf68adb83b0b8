import { FNV_OFFSET, fnv1a } from "../_lib/fnv.js";
import { mix32 } from "../_lib/random.js";

/** Empty slot of the table. */
const EMPTY = -1;

/**
 * A set of the strings of an append-only list, kept as an open-addressing table of list indices
 * (an `Int32Array`), for the builder's duplicate transaction ids. A JavaScript `Set` of a few
 * hundred thousand strings costs several hundred nanoseconds per look-up here (its entries are
 * scattered objects); this table is one small typed array, probed from a 32-bit FNV-1a hash of the
 * string's code units (mixed), and compares the candidate strings only on a hash-slot hit. Internal to
 * the ingest stage, not exported from the package.
 *
 * @example
 * ```ts
 * import { StringListSet } from "./string-set.js";
 * const ids = ["T2", "T1"];
 * const set = StringListSet.of(ids);
 * set.has("T1"); // true
 * ids.push("T3");
 * set.add(2); // index of "T3" in ids
 * set.has("T3"); // true
 * ```
 */
export class StringListSet {
  private table: Int32Array;
  private hashes: Int32Array;
  private count = 0;

  private constructor(
    private readonly list: readonly string[],
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size).fill(EMPTY);
    this.hashes = new Int32Array(Math.max(16, capacity));
  }

  /** A set of the strings of `list` (which the caller keeps appending to, calling {@link add}). */
  static of(list: readonly string[]): StringListSet {
    const set = new StringListSet(list, Math.max(1024, list.length * 2));
    for (let i = 0; i < list.length; i++) set.add(i);
    return set;
  }

  /** Whether `s` is one of the strings added. */
  has(s: string): boolean {
    const h = hash(s);
    const mask = this.table.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const i = this.table[slot];
      if (i === EMPTY) return false;
      if (this.hashes[i] === h && this.list[i] === s) return true;
    }
  }

  /** Add the string at `index` of the list (not already in the set). */
  add(index: number): void {
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    if (index >= this.hashes.length) {
      const hashes = new Int32Array(Math.max(index + 1, this.hashes.length * 2));
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    const h = hash(this.list[index]);
    this.hashes[index] = h;
    this.place(index, h);
    this.count++;
  }

  private place(index: number, h: number): void {
    const table = this.table;
    const mask = table.length - 1;
    let slot = h & mask;
    while (table[slot] !== EMPTY) slot = (slot + 1) & mask;
    table[slot] = index;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(EMPTY);
    for (let k = 0; k < old.length; k++) if (old[k] !== EMPTY) this.place(old[k], this.hashes[old[k]]);
  }
}

/** {@link fnv1a} of `s`, mixed so that the low bits, which pick the slot, depend on every code unit. */
function hash(s: string): number {
  return mix32(fnv1a(FNV_OFFSET, s), 0) | 0;
}

import { greedyMatchScore } from "./greedy-match.js";
import { jaroWinkler } from "./jaro-winkler.js";
import { NAME_SIMILARITY_DEFAULTS, type NameSimilarityOptions } from "./name-similarity.js";

/** Empty slot of the pair table. */
const EMPTY = -1;
/** Token ids stay below 2^26, so `x * 2^26 + y` is an exact double and identifies the ordered pair. */
const PAIR_SCALE = 2 ** 26;

/**
 * {@link nameSimilarity} for one resolution run, on names given as interned token ids, with the
 * similarity of every token pair computed once.
 *
 * A case's names are made of few distinct tokens (given and family names recur across thousands
 * of parties), while blocking compares the same token pairs again and again: remembering the
 * Jaro-Winkler similarity of each (ordered) pair of token ids in an open-addressing table on
 * typed arrays turns most of the fuzzy matcher's work into look-ups. The score is computed by the
 * same greedy matching as `nameSimilarity` from the same pair similarities, in the same order,
 * so it is the same number.
 *
 * @example
 * ```ts
 * const sim = new TokenSimilarity();
 * const a = sim.ids(["hung", "nguyen"]);
 * const b = sim.ids(["hung", "nguyen", "van"]);
 * sim.nameSimilarity(a, b); // 1, as nameSimilarity(["hung", "nguyen"], ["hung", "nguyen", "van"])
 * ```
 */
export class TokenSimilarity {
  private readonly threshold: number;
  private readonly minLength: number;
  private readonly tokenIds = new Map<string, number>();
  private readonly tokens: string[] = [];
  /** Token id arrays per token array, by identity: callers pass the shared arrays of `FoldCache`. */
  private readonly byArray = new Map<readonly string[], readonly number[]>();
  /** Open-addressing table of token pairs: slot k holds the key `x * 2^26 + y` at 2k (EMPTY when free) and the similarity at 2k + 1, so a probe reads one cache line. */
  private pairTable = new Float64Array(2 << 12).fill(EMPTY);
  private pairCount = 0;
  private scores = new Float64Array(64);
  private used = new Uint8Array(32);

  constructor(options: NameSimilarityOptions = {}) {
    this.threshold = options.tokenThreshold ?? NAME_SIMILARITY_DEFAULTS.tokenThreshold;
    this.minLength = options.minFuzzyLength ?? NAME_SIMILARITY_DEFAULTS.minFuzzyLength;
  }

  /** The ids of `tokens`, in the same order; the same array object gives the same result object. */
  ids(tokens: readonly string[]): readonly number[] {
    let ids = this.byArray.get(tokens);
    if (ids === undefined) this.byArray.set(tokens, (ids = this.intern(tokens)));
    return ids;
  }

  /** The ids of `tokens`, in the same order, as a new array (for callers that keep their own cache). */
  intern(tokens: readonly string[]): readonly number[] {
    // A small array of small integers: far cheaper to make than a typed array, one per distinct name.
    const out: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      let id = this.tokenIds.get(tokens[k]);
      if (id === undefined) {
        id = this.tokens.length;
        this.tokenIds.set(tokens[k], id);
        this.tokens.push(tokens[k]);
      }
      out.push(id);
    }
    return out;
  }

  /** The token of id `id`. */
  token(id: number): string {
    return this.tokens[id];
  }

  /** Similarity of tokens `x` and `y` as `nameSimilarity` scores a token pair (exact below `minFuzzyLength`, else Jaro-Winkler). */
  pair(x: number, y: number): number {
    if (x === y) return 1;
    const table = this.pairTable;
    const mask = (table.length >> 1) - 1;
    const key = x * PAIR_SCALE + y;
    let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) & mask;
    for (;;) {
      const k = table[2 * slot];
      if (k === key) return table[2 * slot + 1];
      if (k === EMPTY) break;
      slot = (slot + 1) & mask;
    }
    const tx = this.tokens[x];
    const ty = this.tokens[y];
    // Distinct ids are distinct strings, so the exact match of nameSimilarity cannot happen here.
    const value = tx.length < this.minLength || ty.length < this.minLength ? 0 : jaroWinkler(tx, ty);
    if (x >= PAIR_SCALE || y >= PAIR_SCALE) return value; // beyond the table's keys: not remembered
    table[2 * slot] = key;
    table[2 * slot + 1] = value;
    if (++this.pairCount * 2 > mask + 1) this.grow();
    return value;
  }

  /**
   * False when `nameSimilarity(a, b)` is certainly below `floor`, read from as few token pairs
   * as possible; true when it may reach it. The score divides the sum of at most one matched
   * similarity (each at most 1, and at least `tokenThreshold`) per token of the shorter name by
   * that name's length `m`; a token of the shorter name without any partner at or above
   * `tokenThreshold` adds nothing, so with `u` such tokens the score is at most `(m - u) / m`
   * (in floating point too: a sum of `k` numbers at most 1 is at most `k`).
   */
  canReach(a: readonly number[], b: readonly number[], floor: number): boolean {
    const aShort = a.length <= b.length;
    const short = aShort ? a : b;
    const long = aShort ? b : a;
    const m = short.length;
    if (m === 0) return 0 >= floor;
    const threshold = this.threshold;
    let possible = m;
    for (let i = 0; i < m; i++) {
      let partner = false;
      for (let j = 0; j < long.length && !partner; j++) {
        if ((aShort ? this.pair(short[i], long[j]) : this.pair(long[j], short[i])) >= threshold) partner = true;
      }
      if (!partner && --possible / m < floor) return false;
    }
    return true;
  }

  /** `nameSimilarity(a, b)` of the token arrays these ids came from. */
  nameSimilarity(a: readonly number[], b: readonly number[]): number {
    const na = a.length;
    const nb = b.length;
    if (na === 0 || nb === 0) return 0;
    if (this.scores.length < na * nb) this.scores = new Float64Array(2 * na * nb);
    if (this.used.length < na + nb) this.used = new Uint8Array(2 * (na + nb));
    const m = this.scores;
    const used = this.used;
    used.fill(0, 0, na + nb);
    for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) m[i * nb + j] = this.pair(a[i], b[j]);
    // Greedy one-to-one matching, best pair first (ties by position), as nameSimilarity.
    return greedyMatchScore(m, used, na, nb, this.threshold);
  }

  private grow(): void {
    const old = this.pairTable;
    const table = new Float64Array(old.length * 2).fill(EMPTY);
    const mask = (table.length >> 1) - 1;
    for (let k = 0; k < old.length; k += 2) {
      const key = old[k];
      if (key === EMPTY) continue;
      const x = Math.floor(key / PAIR_SCALE);
      const y = key - x * PAIR_SCALE;
      let slot = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca6b)) & mask;
      while (table[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      table[2 * slot] = key;
      table[2 * slot + 1] = old[k + 1];
    }
    this.pairTable = table;
  }
}

import { jaroWinkler } from "./jaro-winkler.js";

/** Options of {@link nameSimilarity}. */
export interface NameSimilarityOptions {
  /** Two tokens count as matching only when their Jaro-Winkler similarity reaches this. [default: 0.85] */
  tokenThreshold?: number;
}

/** Defaults of {@link NameSimilarityOptions}. */
export const NAME_SIMILARITY_DEFAULTS = Object.freeze({ tokenThreshold: 0.85 });

/**
 * Similarity in [0, 1] of two names given as token lists (see `nameTokens`), ignoring token order.
 *
 * Every token pair is scored with Jaro-Winkler; pairs are then matched one-to-one, best first
 * (ties by position), keeping only pairs at or above `tokenThreshold`. The score is the sum of
 * the matched similarities divided by the number of tokens of the shorter name, so a missing
 * middle name (`Hung Nguyen` against `Nguyen Van Hung`) costs nothing while a different given
 * name costs a whole token. Either name with no tokens gives 0.
 *
 * @example
 * ```ts
 * import { nameSimilarity, nameTokens } from "wildtrace";
 * nameSimilarity(nameTokens("Hung Nguyen", "person"), nameTokens("NGUYỄN VĂN HÙNG", "person")); // 1
 * nameSimilarity(["hung", "nguyen"], ["nguyen", "tuan"]);                                    // 0.5
 * ```
 */
export function nameSimilarity(a: readonly string[], b: readonly string[], options: NameSimilarityOptions = {}): number {
  const threshold = options.tokenThreshold ?? NAME_SIMILARITY_DEFAULTS.tokenThreshold;
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return 0;
  const pairs: { s: number; i: number; j: number }[] = [];
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const s = jaroWinkler(a[i], b[j]);
      if (s >= threshold) pairs.push({ s, i, j });
    }
  }
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  const usedA = new Uint8Array(na);
  const usedB = new Uint8Array(nb);
  let sum = 0;
  for (const p of pairs) {
    if (usedA[p.i] || usedB[p.j]) continue;
    usedA[p.i] = 1;
    usedB[p.j] = 1;
    sum += p.s;
  }
  return sum / Math.min(na, nb);
}

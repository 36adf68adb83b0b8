import { greedyMatchScore } from "./greedy-match.js";
import { jaroWinkler } from "./jaro-winkler.js";

/** Options of {@link nameSimilarity}. */
export interface NameSimilarityOptions {
  /** Two tokens count as matching only when their Jaro-Winkler similarity reaches this. [default: 0.9] */
  tokenThreshold?: number;
  /** Tokens shorter than this match only exactly: Jaro-Winkler means little on `li` and `liu`. [default: 4] */
  minFuzzyLength?: number;
}

/**
 * Defaults of {@link NameSimilarityOptions}.
 *
 * @example
 * ```ts
 * import { NAME_SIMILARITY_DEFAULTS } from "wildtrace";
 * NAME_SIMILARITY_DEFAULTS; // { tokenThreshold: 0.9, minFuzzyLength: 4 }
 * ```
 */
export const NAME_SIMILARITY_DEFAULTS = Object.freeze({ tokenThreshold: 0.9, minFuzzyLength: 4 });

/** Scratch of {@link nameSimilarity}, reused between calls (grown on demand, cleared per call). */
let scoreScratch = new Float64Array(64);
let usedScratch = new Uint8Array(32);

/**
 * Similarity in [0, 1] of two names given as token lists (see `nameTokens`), ignoring token order.
 *
 * Every token pair is scored with Jaro-Winkler (tokens shorter than `minFuzzyLength` only match
 * exactly); pairs are then matched one-to-one, best first
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
  const minLength = options.minFuzzyLength ?? NAME_SIMILARITY_DEFAULTS.minFuzzyLength;
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return 0;
  if (scoreScratch.length < na * nb) scoreScratch = new Float64Array(2 * na * nb);
  if (usedScratch.length < na + nb) usedScratch = new Uint8Array(2 * (na + nb));
  const m = scoreScratch;
  // Used flags: tokens of a at [0, na), tokens of b at [na, na + nb).
  const used = usedScratch;
  used.fill(0, 0, na + nb);
  for (let i = 0; i < na; i++) {
    for (let j = 0; j < nb; j++) {
      const x = a[i];
      const y = b[j];
      m[i * nb + j] = x === y ? 1 : x.length < minLength || y.length < minLength ? 0 : jaroWinkler(x, y);
    }
  }
  // Greedy one-to-one matching, best pair first (ties by position).
  return greedyMatchScore(m, used, na, nb, threshold);
}

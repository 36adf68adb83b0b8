/**
 * Jaro and Jaro-Winkler string similarity.
 *
 * Sources: M. A. Jaro, "Advances in record-linkage methodology as applied to matching the 1985
 * census of Tampa, Florida", JASA 84 (1989); W. E. Winkler, "String comparator metrics and
 * enhanced decision rules in the Fellegi-Sunter model of record linkage", Proc. Section on Survey
 * Research Methods, ASA (1990). Our own implementation.
 */

/** Match flags of {@link jaro}, reused between calls (grown on demand, cleared per call). */
let matchedScratch = new Uint8Array(64);

/**
 * Jaro similarity in [0, 1]: matching characters within a window of half the longer length,
 * minus half the transpositions.
 *
 * @example
 * ```ts
 * import { jaro } from "wildtrace";
 * jaro("martha", "marhta").toFixed(4); // "0.9444"
 * ```
 */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // One buffer: flags of a at [0, la), flags of b at [la, la + lb).
  if (matchedScratch.length < la + lb) matchedScratch = new Uint8Array(2 * (la + lb));
  const matched = matchedScratch;
  matched.fill(0, 0, la + lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(lb - 1, i + window);
    for (let j = lo; j <= hi; j++) {
      if (matched[la + j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matched[i] = 1;
      matched[la + j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < la; i++) {
    if (!matched[i]) continue;
    while (!matched[la + k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  const t = half / 2;
  return (matches / la + matches / lb + (matches - t) / matches) / 3;
}

/** Options of {@link jaroWinkler}. */
export interface JaroWinklerOptions {
  /** Weight of the common-prefix bonus; at most 0.25. [default: 0.1] */
  prefixScale?: number;
  /** Longest prefix that earns the bonus. [default: 4] */
  maxPrefix?: number;
}

/**
 * Defaults of {@link JaroWinklerOptions}.
 *
 * @example
 * ```ts
 * import { JARO_WINKLER_DEFAULTS, jaroWinkler } from "wildtrace";
 * JARO_WINKLER_DEFAULTS; // { prefixScale: 0.1, maxPrefix: 4 }
 * jaroWinkler("martha", "marhta", { prefixScale: 0 }).toFixed(4); // "0.9444": plain Jaro
 * ```
 */
export const JARO_WINKLER_DEFAULTS = Object.freeze({ prefixScale: 0.1, maxPrefix: 4 });

/**
 * Jaro-Winkler similarity in [0, 1]: Jaro, raised for a common prefix of up to four characters.
 *
 * @example
 * ```ts
 * import { jaroWinkler } from "wildtrace";
 * jaroWinkler("martha", "marhta").toFixed(4); // "0.9611"
 * jaroWinkler("dwayne", "duane").toFixed(2);  // "0.84"
 * ```
 */
export function jaroWinkler(a: string, b: string, options: JaroWinklerOptions = {}): number {
  const scale = options.prefixScale ?? JARO_WINKLER_DEFAULTS.prefixScale;
  const maxPrefix = options.maxPrefix ?? JARO_WINKLER_DEFAULTS.maxPrefix;
  const j = jaro(a, b);
  if (j === 1 || j === 0) return j;
  let l = 0;
  const n = Math.min(maxPrefix, a.length, b.length);
  while (l < n && a.charCodeAt(l) === b.charCodeAt(l)) l++;
  return j + l * scale * (1 - j);
}

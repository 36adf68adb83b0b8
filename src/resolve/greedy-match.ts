/**
 * The name score of a token similarity matrix: tokens matched one-to-one, best pair first (ties
 * by position), pairs below `threshold` never matched; the sum of the matched similarities over
 * the number of tokens of the shorter name. `m` is row-major, `na` rows (tokens of the first
 * name) by `nb` columns; `used` must hold `na + nb` zeroed flags (first name's tokens, then the
 * second's). Shared by `nameSimilarity` (strings) and `TokenSimilarity` (token ids), which must
 * give the same number.
 *
 * @example
 * ```ts
 * greedyMatchScore(new Float64Array([1, 0.2, 0.3, 0.95]), new Uint8Array(4), 2, 2, 0.9); // 0.975
 * ```
 */
export function greedyMatchScore(m: Float64Array, used: Uint8Array, na: number, nb: number, threshold: number): number {
  let sum = 0;
  for (let round = Math.min(na, nb); round > 0; round--) {
    let best = -1;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < na; i++) {
      if (used[i]) continue;
      for (let j = 0; j < nb; j++) {
        const v = m[i * nb + j];
        if (!used[na + j] && v >= threshold && v > best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    if (bi < 0) break;
    used[bi] = 1;
    used[na + bj] = 1;
    sum += best;
  }
  return sum / Math.min(na, nb);
}

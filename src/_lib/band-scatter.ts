/**
 * A stable scatter of entries into rows (CSR lists) in two passes, for arrays larger than the
 * caches. Writing each entry straight to its row's next position is a cache miss per entry and
 * per column once the arrays are hundreds of MB (10M transactions); instead, pass one (the
 * caller's loop) writes each entry, in order, to the part of the arrays of its band of
 * `2^shift` consecutive rows (a few thousand write positions, within the caches), with its row
 * within the band in `low`; pass two ({@link bandsToRows}) puts each band in row order within its
 * own small part. The result is the direct scatter's, entry for entry. Used by the flow graph's
 * rows and the rules' list-ordered columns. Not exported from the package.
 *
 * @example
 * ```ts
 * import { bandStarts, bandsToRows } from "./band-scatter.js";
 * // rows 0..2 (one band of 2^1 rows: 0-1, another: 2), entries for rows 1, 0, 2, 0 in that order
 * const start = Int32Array.of(0, 2, 3, 4);
 * const fill = bandStarts(start, 3, 1);
 * const col = new Int32Array(4);
 * const low = new Uint16Array(4);
 * for (const [row, value] of [[1, 10], [0, 11], [2, 12], [0, 13]]) {
 *   const p = fill[row >> 1]++;
 *   col[p] = value;
 *   low[p] = row & 1;
 * }
 * bandsToRows(start, 3, 1, low, [col]);
 * [...col]; // [11, 13, 10, 12]
 * ```
 */

/** Where each band's part of the arrays starts (pass one's write positions): `start[b << shift]`. */
export function bandStarts(start: Int32Array, rows: number, shift: number): Int32Array {
  const bands = rows === 0 ? 0 : ((rows - 1) >> shift) + 1;
  const fill = new Int32Array(bands);
  for (let b = 0; b < bands; b++) fill[b] = start[b << shift];
  return fill;
}

/**
 * Pass two: within each band's part `start[first] .. start[last]`, put the entries (written in
 * band order, each with its row within the band in `low`) in row order, keeping their order
 * within a row, in every column. `start` holds each row's first position (`rows + 1` entries).
 */
export function bandsToRows(start: Int32Array, rows: number, shift: number, low: Uint16Array, columns: readonly (Int32Array | Float64Array)[]): void {
  const size = 1 << shift;
  let room = 0;
  for (let first = 0; first < rows; first += size) room = Math.max(room, start[Math.min(rows, first + size)] - start[first]);
  const dest = new Int32Array(room);
  const fill = new Int32Array(size);
  const copyInt = new Int32Array(room);
  const copyFloat = new Float64Array(room);
  for (let first = 0; first < rows; first += size) {
    const last = Math.min(rows, first + size);
    const lo = start[first];
    const hi = start[last];
    if (hi === lo) continue;
    for (let r = first; r < last; r++) fill[r - first] = start[r];
    for (let k = 0, p = lo; p < hi; k++, p++) dest[k] = fill[low[p]]++;
    for (const col of columns) {
      const copy = col instanceof Int32Array ? copyInt : copyFloat;
      copy.set(col.subarray(lo, hi));
      for (let k = 0, n = hi - lo; k < n; k++) col[dest[k]] = copy[k];
    }
  }
}

/**
 * Sort `length` (key, value) pairs by key, stably (pairs with equal keys keep their order), with
 * a least-significant-digit radix sort in two passes of 16 bits: linear time, two scratch arrays,
 * no comparisons. Returns the sorted pairs (new arrays; the inputs are left as they were).
 *
 * Entity resolution stores its blocking keys as (hash, party) pairs in party order: sorted by
 * hash with this, they come out ordered by hash and then by party, as a comparison sort of
 * `hash * 2^bits + party` would give, for a fraction of the cost.
 *
 * @example
 * ```ts
 * const { keys, values } = radixSortPairs(new Uint32Array([7, 3, 7, 1]), new Int32Array([0, 1, 2, 3]), 4);
 * [...keys];   // [1, 3, 7, 7]
 * [...values]; // [3, 1, 0, 2]
 * ```
 */
export function radixSortPairs(keys: Uint32Array, values: Int32Array, length: number): { keys: Uint32Array; values: Int32Array } {
  const k1 = new Uint32Array(length);
  const v1 = new Int32Array(length);
  const k2 = new Uint32Array(length);
  const v2 = new Int32Array(length);
  const count = new Int32Array(1 << 16);
  pass(keys, values, k1, v1, length, 0, count);
  pass(k1, v1, k2, v2, length, 16, count);
  return { keys: k2, values: v2 };
}

/** One stable counting-sort pass on the 16 bits of the key at `shift`. */
function pass(fromKeys: Uint32Array, fromValues: Int32Array, toKeys: Uint32Array, toValues: Int32Array, length: number, shift: number, count: Int32Array): void {
  count.fill(0);
  for (let k = 0; k < length; k++) count[(fromKeys[k] >>> shift) & 0xffff]++;
  let sum = 0;
  for (let d = 0; d < count.length; d++) {
    const c = count[d];
    count[d] = sum;
    sum += c;
  }
  for (let k = 0; k < length; k++) {
    const key = fromKeys[k];
    const at = count[(key >>> shift) & 0xffff]++;
    toKeys[at] = key;
    toValues[at] = fromValues[k];
  }
}

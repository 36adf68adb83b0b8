/** FNV-1a (Fowler, Noll, Vo) 32-bit offset basis: the hash of the empty string. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/**
 * FNV-1a over the UTF-16 code units of `s`, continuing from the hash `h` (start from
 * {@link FNV_OFFSET}); a signed 32-bit integer. Shared by the hash tables on typed arrays
 * (identifiers, blocking keys, transaction ids) and the seeds of the generator.
 *
 * @example
 * ```ts
 * import { FNV_OFFSET, fnv1a } from "./fnv.js";
 * fnv1a(fnv1a(FNV_OFFSET, "ab"), "c") === fnv1a(FNV_OFFSET, "abc"); // true
 * ```
 */
export function fnv1a(h: number, s: string): number {
  h |= 0;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h;
}

/**
 * {@link fnv1a} over the first `length` code units of `s` (all of it when shorter):
 * `fnv1a(h, s.slice(0, length))` without the slice.
 *
 * @example
 * ```ts
 * import { FNV_OFFSET, fnv1a, fnv1aPrefix } from "./fnv.js";
 * fnv1aPrefix(FNV_OFFSET, "kilwa masoko", 6) === fnv1a(FNV_OFFSET, "kilwa "); // true
 * ```
 */
export function fnv1aPrefix(h: number, s: string, length: number): number {
  h |= 0;
  const end = Math.min(length, s.length);
  for (let k = 0; k < end; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h;
}

/**
 * {@link fnv1a} over the bytes `buf[start..end)` instead of code units: the hash of a text's
 * encoded bytes, for tables keyed by bytes (the text columns' indexes).
 *
 * @example
 * ```ts
 * import { FNV_OFFSET, fnv1a, fnv1aBytes } from "./fnv.js";
 * fnv1aBytes(FNV_OFFSET, Uint8Array.of(97, 98), 0, 2) === fnv1a(FNV_OFFSET, "ab"); // true
 * ```
 */
export function fnv1aBytes(h: number, buf: Uint8Array, start: number, end: number): number {
  h |= 0;
  for (let k = start; k < end; k++) h = Math.imul(h ^ buf[k], FNV_PRIME);
  return h;
}

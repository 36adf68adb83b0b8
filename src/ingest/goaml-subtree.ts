import type { XmlNode } from "./goaml-xml.js";

/**
 * The content of a goAML element as a value: a hash and an equality over its names, texts and
 * nesting (not its lines). The reader remembers the person elements of a report by them: the
 * same walk-in customer or conductor comes back in transaction after transaction, and comparing
 * two small trees costs a fraction of spelling one out as a string to look it up. Internal to the
 * ingest stage, not exported from the package.
 */

/**
 * Mix one 32-bit value into a running hash (MurmurHash3's 32-bit round,
 * https://github.com/aappleby/smhasher).
 */
function mixHash(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** Mix a string's length and UTF-16 code units into a running hash. */
function mixString(h: number, s: string): number {
  h = mixHash(h, s.length);
  for (let i = 0; i < s.length; i++) h = mixHash(h, s.charCodeAt(i));
  return h;
}

/**
 * A hash of the whole content of an element, mixed into `h`: names, texts, and the children in
 * order, not lines. Elements with the same content ({@link sameSubtree}) have the same hash.
 *
 * @example
 * ```ts
 * const leaf = (name: string, text: string, line: number) => ({ name, text, line, children: [] });
 * const a = { name: "from_person", text: "", line: 3, children: [leaf("last_name", "Mrema", 3)] };
 * const b = { name: "from_person", text: "", line: 9, children: [leaf("last_name", "Mrema", 9)] };
 * subtreeHash(a, 0) === subtreeHash(b, 0); // true
 * ```
 */
export function subtreeHash(node: XmlNode, h: number): number {
  h = mixString(mixString(h, node.name), node.text);
  const children = node.children;
  h = mixHash(h, children.length);
  // Indexed loops here and below: see xmlChild.
  for (let i = 0; i < children.length; i++) h = subtreeHash(children[i], h);
  return h;
}

/**
 * Whether two elements have the same content: names, texts, and children with the same content in
 * the same order (lines aside).
 *
 * @example
 * ```ts
 * const leaf = (name: string, text: string) => ({ name, text, line: 1, children: [] });
 * sameSubtree({ name: "p", text: "", line: 1, children: [leaf("a", "1")] }, { name: "p", text: "", line: 5, children: [leaf("a", "1")] }); // true
 * sameSubtree({ name: "p", text: "", line: 1, children: [leaf("a", "1")] }, { name: "p", text: "", line: 1, children: [leaf("a", "2")] }); // false
 * ```
 */
export function sameSubtree(a: XmlNode, b: XmlNode): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.text !== b.text) return false;
  const ac = a.children;
  const bc = b.children;
  if (ac.length !== bc.length) return false;
  for (let i = 0; i < ac.length; i++) if (!sameSubtree(ac[i], bc[i])) return false;
  return true;
}

import { FNV_OFFSET, FNV_PRIME, fnv1a } from "../_lib/fnv.js";
import type { IdentifierKey, IdentifierStrength } from "./identifier-key.js";

const COLON = 58;
const EMPTY = -1;

/**
 * Identifier keys interned to small integers for one resolution run, without building the key
 * text of documents: a document is hashed and compared by its parts (rule, country, value), and
 * its key `rule:country:value` is made only when asked for (for a link's evidence), which most
 * documents, held by one party, never are. Contacts (phone, email) are interned by their key.
 * An open-addressing table on typed arrays replaces a `Map` of fresh concatenated strings, each
 * of which had to be flattened and hashed.
 *
 * Parts identify the key: rules have no colon and document values are letters and digits, so
 * `rule:country:value` splits back into its parts in one way only; a contact key has `@` (email)
 * or starts with `+` (phone) and never equals a document key.
 *
 * @example
 * ```ts
 * const table = new IdentifierTable();
 * const a = table.document("passport", "VN", "C4521876");
 * table.document("passport", "VN", "C4521876") === a; // true
 * table.key(a); // { rule: "passport", strength: "document", key: "passport:VN:C4521876" }
 * table.contact("phone", "+255754880310"); // 1
 * ```
 */
export class IdentifierTable {
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private hashes: number[] = [];
  private readonly rules: string[] = [];
  /** Country of a document, "" for a contact. */
  private readonly countries: string[] = [];
  /** Value of a document, the key of a contact. */
  private readonly values: string[] = [];
  private readonly documents: boolean[] = [];
  private readonly keys: (IdentifierKey | undefined)[] = [];

  /** Number of distinct identifiers. */
  get size(): number {
    return this.rules.length;
  }

  /** Id of the document `rule:country:value`. */
  document(rule: string, country: string, value: string): number {
    let h = fnv1a(FNV_OFFSET, rule);
    h = Math.imul(h ^ COLON, FNV_PRIME);
    h = fnv1a(h, country);
    h = Math.imul(h ^ COLON, FNV_PRIME);
    h = fnv1a(h, value);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id === EMPTY) return this.add(slot, h, rule, country, value, true);
      if (this.hashes[id] === h && this.documents[id] && this.values[id] === value && this.rules[id] === rule && this.countries[id] === country) return id;
    }
  }

  /** Id of the contact (`phone` or `email`) with key `key`. */
  contact(rule: string, key: string): number {
    const h = fnv1a(FNV_OFFSET, key);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id === EMPTY) return this.add(slot, h, rule, "", key, false);
      if (this.hashes[id] === h && !this.documents[id] && this.values[id] === key && this.rules[id] === rule) return id;
    }
  }

  /** The rule of identifier `id`. */
  rule(id: number): string {
    return this.rules[id];
  }

  /** The key text of a contact (its E.164 number or e-mail address), without making a key object. */
  contactKey(id: number): string {
    return this.values[id];
  }

  /** Identifier `id` as {@link identifierKey} gives it (made once, on the first call). */
  key(id: number): IdentifierKey {
    let k = this.keys[id];
    if (k === undefined) {
      const strength: IdentifierStrength = this.documents[id] ? "document" : "contact";
      const key = this.documents[id] ? `${this.rules[id]}:${this.countries[id]}:${this.values[id]}` : this.values[id];
      this.keys[id] = k = { rule: this.rules[id], strength, key };
    }
    return k;
  }

  private add(slot: number, h: number, rule: string, country: string, value: string, document: boolean): number {
    const id = this.rules.length;
    this.slots[slot] = id;
    this.hashes.push(h);
    this.rules.push(rule);
    this.countries.push(country);
    this.values.push(value);
    this.documents.push(document);
    this.keys.push(undefined);
    if (2 * this.rules.length > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let id = 0; id < this.hashes.length; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

import type { PartyKind } from "../model/codes.js";
import { addressKey, nameTokens } from "./fold.js";

/**
 * {@link nameTokens} and {@link addressKey} remembered per distinct string, for one resolution
 * run: names and addresses recur across a case's party records (the same person in several
 * reports, aliases, shared office addresses), and folding across scripts is the costly part.
 * The returned token arrays are shared between callers and must not be mutated.
 *
 * @example
 * ```ts
 * const cache = new FoldCache();
 * const tokens = cache.nameTokens("Nguyễn Văn Hùng", "person");
 * tokens; // ["hung", "nguyen", "van"]: folded to ASCII, sorted
 * cache.nameTokens("Nguyễn Văn Hùng", "person") === tokens; // true: folded once
 * ```
 */
export class FoldCache {
  /** Person names (person stop words) and other names (company stop words): the stop words depend only on that. */
  private readonly personNames = new Map<string, string[]>();
  private readonly otherNames = new Map<string, string[]>();
  private readonly addresses = new Map<string, string>();

  /** `nameTokens(name, kind)`, computed once per distinct name and stop-word list. */
  nameTokens(name: string, kind: PartyKind): readonly string[] {
    const cache = kind === "person" ? this.personNames : this.otherNames;
    let tokens = cache.get(name);
    if (tokens === undefined) cache.set(name, (tokens = nameTokens(name, kind)));
    return tokens;
  }

  /** `addressKey(text)`, computed once per distinct address text. */
  addressKey(text: string): string {
    let key = this.addresses.get(text);
    if (key === undefined) this.addresses.set(text, (key = addressKey(text)));
    return key;
  }
}

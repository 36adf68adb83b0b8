/**
 * Private helper of the lexicon matcher: word tokens of printable ASCII text without regular
 * expressions. Not part of the public API.
 */

/**
 * Printable ASCII only (space to tilde): such text takes the {@link asciiTokens} path.
 *
 * @example
 * ```ts
 * PRINTABLE_ASCII.test("INV 22 ivory"); // true
 * PRINTABLE_ASCII.test("ngà voi"); // false
 * ```
 */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The lexicon's `tokens(fold(text))` for printable ASCII text in one pass over the characters (no intermediate
 * strings): lower case, `'` and `` ` `` dropped inside words, any other non-alphanumeric run a
 * separator. The bulk of payment references take this path. With `dropQuotes` false, quotes
 * separate words like any other punctuation (`text.toLowerCase().split(/[^\p{L}\p{N}]+/u)` without
 * empty words, for printable ASCII).
 *
 * @example
 * ```ts
 * asciiTokens("INV-22: Ivory (don't open)"); // ["inv", "22", "ivory", "dont", "open"]
 * asciiTokens("don't", false); // ["don", "t"]
 * ```
 */
export function asciiTokens(text: string, dropQuotes = true): string[] {
  const s = text.toLowerCase();
  const toks: string[] = [];
  let tok = "";
  let start = -1;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = k;
      continue;
    }
    if (start >= 0) {
      tok += s.slice(start, k);
      start = -1;
    }
    // a quote is removed (the word goes on); anything else ends the word
    if (dropQuotes && (c === 39 || c === 96)) continue;
    if (tok !== "") {
      toks.push(tok);
      tok = "";
    }
  }
  if (start >= 0) tok += s.slice(start);
  if (tok !== "") toks.push(tok);
  return toks;
}

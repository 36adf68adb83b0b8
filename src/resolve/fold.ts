import anyAscii from "any-ascii";
import type { PartyKind } from "../model/codes.js";

/**
 * Text folding for matching names and addresses across scripts and spelling conventions.
 *
 * Latin text is decomposed (Unicode NFKD) and its combining marks are stripped, so Vietnamese,
 * Portuguese and French diacritics fold to their base letters; `đ`/`Đ` (a letter of its own in
 * Vietnamese, not a mark) folds to `d`. Other scripts are transliterated with `any-ascii`; Han
 * characters are transliterated one by one and separated by spaces, so `张伟` gives the tokens
 * `zhang wei` like the romanised `Zhang Wei`.
 */

const MARKS = /\p{M}+/gu;
const HAN = /\p{Script=Han}/u;
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ALNUM = /[^a-z0-9]+/g;
/** Text that folding leaves as it is before lower-casing: ASCII has no decomposition and no marks. */
const ALL_ASCII = /^[\x00-\x7f]*$/;

/** Legal forms and generic words dropped from company names before comparison. */
const COMPANY_STOPWORDS: ReadonlySet<string> = new Set([
  "ltd", "limited", "llc", "inc", "incorporated", "co", "corp", "corporation", "company", "sa", "sarl", "lda", "limitada",
  "plc", "gmbh", "bv", "pty", "sdn", "bhd", "berhad", "pte", "jsc", "cc", "ag", "srl", "spa", "the", "and", "et", "e", "de",
]);

/** Honorifics and particles dropped from person names. */
const PERSON_STOPWORDS: ReadonlySet<string> = new Set(["mr", "mrs", "ms", "miss", "dr", "sir", "madam", "mme", "m", "sr", "sra", "bin", "binti", "al", "el"]);

/**
 * Fold text to lower-case ASCII words separated by single spaces: diacritics stripped, other
 * scripts transliterated, punctuation turned into spaces.
 *
 * @example
 * ```ts
 * import { foldText } from "wildtrace";
 * foldText("NGUYỄN VĂN HÙNG"); // "nguyen van hung"
 * foldText("Đặng Thị Ánh");    // "dang thi anh"
 * foldText("张伟");             // "zhang wei"
 * ```
 */
export function foldText(text: string): string {
  if (ALL_ASCII.test(text)) return text.toLowerCase().replace(NON_ALNUM, " ").trim();
  let s = text.normalize("NFKD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D");
  if (NON_ASCII.test(s)) {
    let out = "";
    for (const ch of s) {
      if (ch.charCodeAt(0) < 128) out += ch;
      else if (HAN.test(ch)) out += ` ${anyAscii(ch)} `;
      else out += anyAscii(ch);
    }
    s = out;
  }
  return s.toLowerCase().replace(NON_ALNUM, " ").trim();
}

/**
 * The comparable tokens of a party name: folded, without honorifics (persons) or legal forms
 * (companies), de-duplicated and sorted so that token order does not matter.
 *
 * @example
 * ```ts
 * import { nameTokens } from "wildtrace";
 * nameTokens("Nguyễn Văn Hùng", "person");                // ["hung", "nguyen", "van"]
 * nameTokens("Golden Dragon Trading Co., Ltd", "company"); // ["dragon", "golden", "trading"]
 * ```
 */
export function nameTokens(name: string, kind: PartyKind): string[] {
  const stop = kind === "person" ? PERSON_STOPWORDS : COMPANY_STOPWORDS;
  const folded = foldText(name);
  if (folded === "") return [];
  const tokens = new Set<string>();
  for (const t of folded.split(" ")) if (!stop.has(t)) tokens.add(t);
  return [...tokens].sort();
}

/**
 * An address folded for comparison: folded words joined without spaces, so that `Ha Noi` and
 * `Hanoi` compare equal.
 *
 * @example
 * ```ts
 * import { addressKey } from "wildtrace";
 * addressKey("12 Phố Huế, Hà Nội") === addressKey("12 Pho Hue, Hanoi"); // true
 * ```
 */
export function addressKey(text: string): string {
  // ASCII text: folding lower-cases and turns every run of other characters into one space, so
  // dropping the spaces afterwards is dropping those characters in one pass.
  if (ALL_ASCII.test(text)) return text.toLowerCase().replace(NON_ALNUM, "");
  return foldText(text).replace(/ /g, "");
}

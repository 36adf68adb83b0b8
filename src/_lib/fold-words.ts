/**
 * Fold text for comparison: compatibility-decomposed, accents removed, lower case, and every run
 * of characters that are not letters or digits turned into one space. `"Côte d'Ivoire"` becomes
 * `"cote d ivoire"`. (Entity resolution uses the richer `foldText`, which also transliterates.)
 *
 * @example
 * ```ts
 * foldWords("Côte d'Ivoire — Ivory & Co."); // "cote d ivoire ivory co"
 * ```
 */
export function foldWords(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

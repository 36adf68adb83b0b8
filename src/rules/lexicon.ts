import { z } from "zod";
import lexiconData from "../../datasets/lexicon/lexicon.json";
import { asciiTokens, PRINTABLE_ASCII } from "./ascii-tokens.js";

/**
 * The wildlife lexicon: species, parts, products, code words and scientific names in several
 * languages, matched in payment references and report narratives. Sources are listed in
 * `datasets/lexicon/README.md`. Matching is word-boundary aware for scripts with spaces and exact
 * (substring of a lexicon entry) for scripts without (Chinese, Thai); no user regex is ever run.
 *
 * @example
 * ```ts
 * import { LexiconEntrySchema } from "wildtrace";
 * const e = LexiconEntrySchema.parse({ term: "pembe", lang: "sw", kind: "part", weight: 2 });
 * e.meaning; // ""
 * LexiconEntrySchema.safeParse({ term: "pembe", lang: "sw", kind: "tusk", weight: 2 }).success; // false: unknown kind
 * ```
 */
export const LexiconEntrySchema = z
  .object({
    term: z.string().min(1),
    /** ISO 639-1 language code, `la` for scientific names. */
    lang: z.string().min(2),
    kind: z.enum(["species", "part", "product", "code", "scientific"]),
    /** Evidence weight: 1 = ambiguous alone (a species name), 2 = strong (a part, a code word), 3 = scientific name. */
    weight: z.number().min(0).max(10),
    meaning: z.string().default(""),
  })
  .strict();
export type LexiconEntry = z.infer<typeof LexiconEntrySchema>;

/**
 * A wildlife lexicon: the entries to match and the phrases to exclude (`datasets/lexicon/lexicon.json`).
 *
 * @example
 * ```ts
 * import { LexiconSchema, compileLexicon } from "wildtrace";
 * const lex = LexiconSchema.parse({ exclude: ["Ivory Coast"], entries: [{ term: "ivory", lang: "en", kind: "part", weight: 2 }] });
 * compileLexicon(lex).match("ivory carvings").length; // 1
 * compileLexicon(lex).match("cocoa from Ivory Coast").length; // 0
 * ```
 */
export const LexiconSchema = z
  .object({
    version: z.number().int().default(1),
    description: z.string().default(""),
    /** Phrases removed before matching (e.g. "Ivory Coast"), so that they are never a hit. */
    exclude: z.array(z.string().min(1)).default([]),
    entries: z.array(LexiconEntrySchema).min(1),
  })
  .strict();
export type Lexicon = z.infer<typeof LexiconSchema>;

/** One lexicon hit in a text. */
export interface LexiconHit {
  term: string;
  lang: string;
  kind: LexiconEntry["kind"];
  weight: number;
  meaning: string;
}

/** A compiled lexicon: call `match(text)` for the hits (each entry at most once). */
export interface LexiconMatcher {
  readonly lexicon: Lexicon;
  match(text: string): LexiconHit[];
}

/**
 * The lexicon shipped in `datasets/lexicon/lexicon.json`, validated.
 *
 * @example
 * ```ts
 * import { defaultLexicon } from "wildtrace";
 * defaultLexicon().entries.some((e) => e.term === "象牙"); // true
 * ```
 */
export function defaultLexicon(): Lexicon {
  return LexiconSchema.parse(lexiconData);
}

const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Lower-case, NFKC, diacritics removed from Latin letters (Vietnamese `ngà` -> `nga`), punctuation to spaces. */
function fold(text: string): string {
  // fast path for plain ASCII, the bulk of payment references
  if (/^[\x20-\x7e]*$/.test(text)) {
    return text
      .toLowerCase()
      .replace(/['`]/g, "")
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }
  return text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .replace(/đ/g, "d")
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, " ")
    .trim();
}

function tokens(folded: string): string[] {
  return folded === "" ? [] : folded.split(" ");
}


/**
 * Compile a lexicon for matching. Spaced scripts: an entry matches a whole run of tokens (with an
 * optional plural `s`/`es` on the last token), so "tiger" does not match "tigers-eye" partially
 * and "horn" does not match "hornet". Unspaced scripts: an entry matches as an exact substring.
 * Exclusion phrases are removed first.
 *
 * @example
 * ```ts
 * import { compileLexicon, defaultLexicon } from "wildtrace";
 * const m = compileLexicon(defaultLexicon());
 * m.match("INV 22 ivory pcs").map((h) => h.term);        // ["ivory"]
 * m.match("cocoa from Ivory Coast").length;               // 0
 * m.match("象牙 2箱").map((h) => h.meaning);               // ["ivory"]
 * ```
 */
export function compileLexicon(lexicon: Lexicon): LexiconMatcher {
  const byFirst = new Map<string, { toks: string[]; entry: LexiconEntry; index: number }[]>();
  const unspaced: { needle: string; entry: LexiconEntry; index: number }[] = [];
  lexicon.entries.forEach((entry, index) => {
    const f = fold(entry.term);
    if (NO_SPACE_SCRIPT.test(f)) {
      unspaced.push({ needle: f.replace(/ /g, ""), entry, index });
      return;
    }
    const toks = tokens(f);
    if (toks.length === 0) return;
    const list = byFirst.get(toks[0]);
    if (list) list.push({ toks, entry, index });
    else byFirst.set(toks[0], [{ toks, entry, index }]);
  });
  for (const list of byFirst.values()) list.sort((a, b) => b.toks.length - a.toks.length || a.index - b.index);
  unspaced.sort((a, b) => b.needle.length - a.needle.length || a.index - b.index);
  const excludeSpaced = lexicon.exclude.map((p) => tokens(fold(p))).filter((t) => t.length > 0 && !NO_SPACE_SCRIPT.test(t.join("")));
  const excludeUnspaced = lexicon.exclude.map((p) => fold(p).replace(/ /g, "")).filter((p) => NO_SPACE_SCRIPT.test(p));

  const sameToken = (text: string, lex: string, last: boolean) =>
    text === lex || (last && lex.length >= 3 && (text === `${lex}s` || text === `${lex}es`));

  function match(text: string): LexiconHit[] {
    const found = new Map<number, LexiconEntry>();
    const ascii = PRINTABLE_ASCII.test(text);
    const folded = ascii ? "" : fold(text);
    const toks = ascii ? asciiTokens(text) : tokens(folded);
    if (toks.length === 0) return [];
    const used = new Uint8Array(toks.length);
    for (const ex of excludeSpaced) {
      for (let i = 0; i + ex.length <= toks.length; i++) {
        let ok = true;
        for (let k = 0; k < ex.length && ok; k++) ok = toks[i + k] === ex[k];
        if (ok) used.fill(1, i, i + ex.length);
      }
    }
    for (let i = 0; i < toks.length; i++) {
      if (used[i]) continue;
      let cands = byFirst.get(toks[i]);
      if (!cands && toks[i].length > 3) cands = byFirst.get(toks[i].replace(/e?s$/, ""));
      if (!cands) continue;
      for (const c of cands) {
        if (i + c.toks.length > toks.length) continue;
        let ok = true;
        for (let k = 0; k < c.toks.length && ok; k++) ok = !used[i + k] && sameToken(toks[i + k], c.toks[k], k === c.toks.length - 1);
        if (!ok) continue;
        found.set(c.index, c.entry);
        used.fill(1, i, i + c.toks.length);
        i += c.toks.length - 1;
        break;
      }
    }
    if (!ascii && unspaced.length > 0 && NO_SPACE_SCRIPT.test(folded)) {
      let compact = folded.replace(/ /g, "");
      for (const ex of excludeUnspaced) compact = compact.split(ex).join(" ");
      for (const u of unspaced) {
        if (compact.includes(u.needle)) {
          found.set(u.index, u.entry);
          compact = compact.split(u.needle).join(" ");
        }
      }
    }
    return [...found.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, e]) => ({ term: e.term, lang: e.lang, kind: e.kind, weight: e.weight, meaning: e.meaning }));
  }
  return { lexicon, match };
}

/**
 * The evidence weight of a set of hits: the sum of the weights of distinct meanings.
 *
 * @example
 * ```ts
 * import { compileLexicon, defaultLexicon, hitWeight } from "wildtrace";
 * hitWeight(compileLexicon(defaultLexicon()).match("tiger bone")); // 2
 * ```
 */
export function hitWeight(hits: readonly LexiconHit[]): number {
  const best = new Map<string, number>();
  for (const h of hits) best.set(h.meaning, Math.max(best.get(h.meaning) ?? 0, h.weight));
  let w = 0;
  for (const v of best.values()) w += v;
  return w;
}

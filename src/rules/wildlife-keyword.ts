import { z } from "zod";
import type { RuleContext } from "./context.js";
import { hitWeight, type LexiconHit } from "./lexicon.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, day, plural } from "./windows.js";

/**
 * Parameters of {@link wildlifeKeywordRule}.
 *
 * @example
 * ```ts
 * import { WildlifeKeywordParamsSchema } from "wildtrace";
 * WildlifeKeywordParamsSchema.parse({}).minWeight; // 2
 * WildlifeKeywordParamsSchema.parse({ narratives: false }).narratives; // false
 * WildlifeKeywordParamsSchema.safeParse({ minWeightX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const WildlifeKeywordParamsSchema = z
  .object({
    /** Lexicon weight a transaction's reference (or its report's narrative) must reach; a lone ambiguous species name weighs 1. [default: 2] */
    minWeight: z.number().positive().default(2),
    /** Remove the names of both account holders from a reference before matching, so "Rhino Logistics Ltd" is no hit. [default: true] */
    ignorePartyNames: z.boolean().default(true),
    /** Also match the narratives (`reason`) of the reports that name a transaction. [default: true] */
    narratives: z.boolean().default(true),
  })
  .strict();

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `wildlife_keyword`: payment references or report narratives naming wildlife species, parts,
 * products or trade code words, in English, French, Portuguese, Swahili, Chinese, Vietnamese, Thai,
 * Malay or Latin (Themis IWT red flags: reference text; FinCEN 2021). Matching is word-boundary
 * and script aware (see `compileLexicon`); a company or country name is not a hit by itself. One
 * alert per account, valued by the summed weight of its hit transactions.
 *
 * @example
 * ```ts
 * import { wildlifeKeywordRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-12", amount: 900, currency: "USD", fromAccount: "A", toAccount: "B", reference: "meno mzigo" },
 * ] });
 * runRules(dataset, { rules: [wildlifeKeywordRule] }).alerts.map((a) => a.accounts[0]); // ["A", "B"]
 * ```
 */
export const wildlifeKeywordRule = defineRule({
  id: "wildlife_keyword",
  title: "Wildlife words in references or narratives",
  typology: "wildlife_keyword",
  indicator: "Themis IWT red flags: reference text naming species, parts or code words; FinCEN (2021) wildlife trafficking analysis",
  description: "Summed lexicon weight of the transactions of an account whose reference or report narrative names wildlife products.",
  needs: [["references", "narratives"]],
  unit: "weight",
  params: WildlifeKeywordParamsSchema,
  threshold: (p) => p.minWeight,
  bands: (p) => [
    { min: p.minWeight, severity: "medium", score: 55, reason: "payment texts name wildlife products or trade code words" },
    { min: p.minWeight * 3, severity: "high", score: 75, reason: "payment texts repeatedly name wildlife products or code words" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const narrativeHits = new Map<number, LexiconHit[]>();
    if (p.narratives) {
      const byReport = new Map<string, number>();
      for (const [k, r] of ds.reports.entries()) byReport.set(r.id, k);
      const reportHits = ds.reports.map((r) => (r.reason ? ctx.lexicon.match(r.reason) : []));
      for (const [i, ids] of [...t.reportIds.entries()].sort((a, b) => a[0] - b[0])) {
        const hits: LexiconHit[] = [];
        for (const id of ids) {
          const k = byReport.get(id);
          if (k !== undefined) hits.push(...reportHits[k]);
        }
        if (hits.length > 0) narrativeHits.set(i, hits);
      }
    }
    const perAccount = new Map<number, { txs: number[]; weight: number; terms: Set<string> }>();
    const nameRes = new Map<string, NamePattern>();
    for (let i = 0; i < t.length; i++) {
      let hits = referenceHits(ctx, i, p.ignorePartyNames, nameRes);
      const nh = narrativeHits.get(i);
      if (nh) hits = [...hits, ...nh];
      if (hits.length === 0) continue;
      const w = hitWeight(hits);
      if (w < p.minWeight) continue;
      for (const a of [t.from[i], t.to[i]]) {
        if (a < 0) continue;
        let acc = perAccount.get(a);
        if (!acc) perAccount.set(a, (acc = { txs: [], weight: 0, terms: new Set() }));
        if (acc.txs[acc.txs.length - 1] === i) continue;
        acc.txs.push(i);
        acc.weight += w;
        for (const h of hits) acc.terms.add(`"${h.term}" (${h.meaning}, ${h.lang})`);
      }
    }
    const out: Measurement[] = [];
    for (const [a, acc] of [...perAccount.entries()].sort((x, y) => x[0] - y[0])) {
      const txs = acc.txs.sort((x, y) => t.time[x] - t.time[y] || x - y);
      const cps = new Set<number>();
      for (const i of txs) for (const o of [t.from[i], t.to[i]]) if (o >= 0 && o !== a) cps.add(o);
      out.push({
        key: ds.accounts[a].id,
        value: acc.weight,
        accounts: [a, ...[...cps].sort((x, y) => x - y)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { terms: [...acc.terms].sort().slice(0, 6).join(", ") },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `${plural(m.transactions.length, "transaction")} of account ${accountLabel(ctx, m.accounts[0])} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)} carry wildlife terms in their reference or report: ${m.facts?.terms} (weight ${m.value}, threshold ${p.minWeight})`,
});

/** A party name's pattern, and its lower-case form when it is ASCII (for a quick no-match test). */
interface NamePattern {
  re: RegExp;
  lower: string | undefined;
}

const ASCII = /^[\x00-\x7f]*$/;

function referenceHits(ctx: RuleContext, i: number, ignoreNames: boolean, nameRes: Map<string, NamePattern>): readonly LexiconHit[] {
  const ds = ctx.dataset;
  const t = ds.transactions;
  const r = t.reference[i];
  const hits = ctx.referenceHits(r);
  if (hits.length === 0 || !ignoreNames) return hits;
  let text = ds.references[r];
  // for ASCII text and an ASCII name, the case-insensitive pattern matches exactly when the
  // lower-cased text contains the lower-cased name: most names are ruled out without a regex
  let lower = ASCII.test(text) ? text.toLowerCase() : undefined;
  let changed = false;
  for (const a of [t.from[i], t.to[i]]) {
    const h = a >= 0 ? ds.accountHolder[a] : -1;
    if (h < 0) continue;
    const party = ds.parties[h];
    for (const name of [party.name, ...party.aliases]) {
      if (name.trim().length < 3) continue;
      const key = name.trim();
      // one compiled pattern per name (replace with a global pattern starts at 0 and resets lastIndex)
      let pat = nameRes.get(key);
      if (!pat) {
        pat = { re: new RegExp(escapeLiteral(key), "giu"), lower: ASCII.test(key) ? key.toLowerCase() : undefined };
        nameRes.set(key, pat);
      }
      if (lower !== undefined && pat.lower !== undefined && !lower.includes(pat.lower)) continue;
      const next = text.replace(pat.re, " ");
      if (next !== text) {
        text = next;
        lower = ASCII.test(text) ? text.toLowerCase() : undefined;
        changed = true;
      }
    }
  }
  return changed ? ctx.lexicon.match(text) : hits;
}

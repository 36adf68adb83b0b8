import { z } from "zod";
import { asciiTokens, PRINTABLE_ASCII } from "./ascii-tokens.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money, plural } from "./windows.js";

/**
 * Parameters of {@link thirdPartyPaymentRule}.
 *
 * @example
 * ```ts
 * import { ThirdPartyPaymentParamsSchema } from "wildtrace";
 * ThirdPartyPaymentParamsSchema.parse({}).minPayers; // 2
 * ThirdPartyPaymentParamsSchema.parse({ windowDays: 30 }).windowDays; // 30
 * ThirdPartyPaymentParamsSchema.safeParse({ minPayersX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const ThirdPartyPaymentParamsSchema = z
  .object({
    /** Words that mark a reference as a trade document (invoice, consignment, bill of lading...). [default: inv, invoice, facture, fatura, factura, ankara, consignment, shipment, container, cargo, bl, awb, proforma, po, contract, 发票] */
    documentWords: z
      .array(z.string().min(1))
      .default(["inv", "invoice", "facture", "fatura", "factura", "ankara", "consignment", "shipment", "container", "cargo", "bl", "awb", "proforma", "po", "contract", "发票"]),
    /** Phrases saying a payment is made for someone else; the named principal counts as one more party. [default: on behalf of, o/b/o, pour le compte de, au nom de, em nome de, por conta de, kwa niaba ya, 代表, 代付] */
    onBehalfPhrases: z
      .array(z.string().min(2))
      .default(["on behalf of", "o/b/o", "pour le compte de", "au nom de", "em nome de", "por conta de", "kwa niaba ya", "代表", "代付"]),
    /** Distinct paying parties for one document of one payee that alert. [default: 2] */
    minPayers: z.number().int().min(2).default(2),
    /** The payments fall within this many days. [default: 90] */
    windowDays: z.number().positive().default(90),
  })
  .strict();

/**
 * `third_party_payment`: one trade document (the same invoice or consignment reference) of a payee
 * paid from the accounts of several unrelated parties, or a payment made "on behalf of" another
 * party (Themis IWT red flags: third-party payments, where the payer is not the trading party;
 * FATF 2020 trade-based laundering). A reference counts as a document when it contains a document
 * word and a number; an on-behalf reference groups by the principal it names, who counts as one
 * more party (so one payer on behalf of another already makes two).
 *
 * @example
 * ```ts
 * import { thirdPartyPaymentRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", kind: "person", name: "A" }, { id: "P2", kind: "person", name: "B" }],
 *   accounts: [{ id: "A1", holder: "P1" }, { id: "A2", holder: "P2" }, { id: "S" }],
 *   transactions: [
 *     { id: "T1", date: "2024-01-02", amount: 9000, currency: "USD", fromAccount: "A1", toAccount: "S", reference: "INV 2024-007" },
 *     { id: "T2", date: "2024-01-04", amount: 8000, currency: "USD", fromAccount: "A2", toAccount: "S", reference: "inv 2024-007" },
 *   ],
 * });
 * runRules(dataset, { rules: [thirdPartyPaymentRule] }).alerts[0].value; // 2
 * ```
 */
export const thirdPartyPaymentRule = defineRule({
  id: "third_party_payment",
  title: "Third-party payments of one trade document",
  typology: "third_party_payment",
  indicator: "Themis IWT red flags: channels (third-party payments: payer is not the account holder or trading party); FATF (2020)",
  description: "Distinct paying parties that paid the same invoice or consignment reference of one payee.",
  needs: ["references"],
  unit: "payers",
  params: ThirdPartyPaymentParamsSchema,
  threshold: (p) => p.minPayers,
  bands: (p) => [
    { min: p.minPayers, severity: "low", score: 35, reason: "one trade document was paid by parties other than the buyer" },
    { min: p.minPayers + 2, severity: "medium", score: 50, reason: "one trade document was paid by many unrelated parties" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const words = new Set(p.documentWords.map((w) => w.toLowerCase()));
    // printable ASCII (most references) is split without the Unicode regex: same words
    const tokenize = (x: string) => (PRINTABLE_ASCII.test(x) ? asciiTokens(x, false) : x.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
    const phrases = p.onBehalfPhrases.map((ph) => ({ raw: ph.toLowerCase(), toks: tokenize(ph), unspaced: /[\p{Script=Han}]/u.test(ph) }));
    /** The principal named after an on-behalf phrase, as tokens, or undefined. */
    const principalOf = (text: string, toks: string[]): string[] | undefined => {
      for (const ph of phrases) {
        if (ph.unspaced) {
          const at = text.indexOf(ph.raw);
          if (at >= 0) return tokenize(text.slice(at + ph.raw.length)).slice(0, 6);
          continue;
        }
        for (let i = 0; i + ph.toks.length <= toks.length; i++) {
          let ok = true;
          for (let k = 0; k < ph.toks.length && ok; k++) ok = toks[i + k] === ph.toks[k];
          if (ok) return toks.slice(i + ph.toks.length, i + ph.toks.length + 6);
        }
      }
      return undefined;
    };
    const principals: (string | undefined)[] = [];
    const unspaced = [...words].filter((w) => /[\p{Script=Han}]/u.test(w));
    // per distinct reference: the id of its normalised document key, or -1
    const docOf = new Int32Array(ds.references.length).fill(-2);
    const docKeys: string[] = [];
    const docIndex = new Map<string, number>();
    const wordList = [...words];
    // a text can only name a principal or a document when it contains every token of a phrase,
    // or a digit and a document word, as substrings: most references are ruled out without
    // tokenising them
    const mayMatch = (text: string) =>
      phrases.some((ph) => (ph.unspaced ? text.includes(ph.raw) : ph.toks.every((tk) => text.includes(tk)))) ||
      (/\d/.test(text) && wordList.some((w) => text.includes(w)));
    const docId = (r: number): number => {
      if (r <= 0) return -1;
      if (docOf[r] === -2) {
        const text = ds.references[r].toLowerCase();
        if (!mayMatch(text)) {
          docOf[r] = -1;
          return -1;
        }
        const toks = tokenize(text);
        const principal = principalOf(text, toks);
        let key: string | undefined;
        if (principal && principal.length > 0) key = `on behalf of ${principal.join(" ")}`;
        else if (/\d/.test(text) && (toks.some((w) => words.has(w)) || unspaced.some((w) => text.includes(w)))) key = toks.join(" ");
        let id = -1;
        if (key !== undefined) {
          id = docIndex.get(key) ?? -1;
          if (id < 0) {
            id = docKeys.length;
            docKeys.push(key);
            principals.push(principal && principal.length > 0 ? principal.join(" ") : undefined);
            docIndex.set(key, id);
          }
        }
        docOf[r] = id;
      }
      return docOf[r];
    };
    const items: number[] = [];
    // per transaction: its document id (read only for the items)
    const docOfTx = new Int32Array(t.length);
    for (let i = 0; i < t.length; i++) {
      if (t.to[i] < 0 || t.from[i] < 0) continue;
      const id = docId(t.reference[i]);
      if (id < 0) continue;
      items.push(i);
      docOfTx[i] = id;
    }
    items.sort((x, y) => docOfTx[x] - docOfTx[y] || t.to[x] - t.to[y] || t.time[x] - t.time[y] || x - y);
    const out: Measurement[] = [];
    const W = p.windowDays * DAY;
    const payerKey = (i: number) => {
      const h = ds.accountHolder[t.from[i]];
      if (h < 0) return -1 - t.from[i];
      const e = ctx.partyEntity[h];
      return e >= 0 ? ds.parties.length + e : h;
    };
    for (let g = 0; g < items.length; ) {
      let h = g + 1;
      while (h < items.length && docOfTx[items[h]] === docOfTx[items[g]] && t.to[items[h]] === t.to[items[g]]) h++;
      const list = items.slice(g, h);
      g = h;
      if (list.length < p.minPayers && principals[docOfTx[list[0]]] === undefined) continue;
      const payee = t.to[list[0]];
      const payeeHolder = ds.accountHolder[payee];
      const inWindow = list.filter((i) => t.time[i] - t.time[list[0]] <= W);
      const principal = principals[docOfTx[list[0]]];
      // a payer that is itself the named principal pays its own bill
      const isPrincipal = (i: number) => {
        const h = ds.accountHolder[t.from[i]];
        return principal !== undefined && h >= 0 && principal.startsWith(tokenize(ds.parties[h].name).join(" "));
      };
      const third = inWindow.filter((i) => (payeeHolder < 0 || ds.accountHolder[t.from[i]] !== payeeHolder) && !isPrincipal(i));
      const payers = new Set(third.map(payerKey));
      const parties = payers.size + (principal !== undefined && third.length > 0 ? 1 : 0);
      if (parties < p.minPayers) continue;
      let total = 0;
      for (const i of inWindow) total += t.baseAmount[i];
      const accounts = [payee];
      for (const i of inWindow) if (!accounts.includes(t.from[i])) accounts.push(t.from[i]);
      out.push({
        key: `${ds.accounts[payee].id}:${docKeys[docOfTx[list[0]]].replace(/ /g, "_")}`,
        value: parties,
        accounts,
        transactions: inWindow,
        start: t.time[inWindow[0]],
        end: t.time[inWindow[inWindow.length - 1]],
        facts: { total, reference: ds.references[t.reference[list[0]]], principal: principal ?? "", payers: payers.size },
      });
    }
    out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return out;
  },
  explain: (m, _p, ctx) =>
    m.facts?.principal
      ? `Account ${accountLabel(ctx, m.accounts[0])} was paid ${money(ctx, Number(m.facts?.total ?? 0))} by ${plural(Number(m.facts?.payers), "party", "parties")} "on behalf of ${m.facts.principal}" between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, so ${m.value} parties are involved in one obligation`
      : `The document "${m.facts?.reference}" of account ${accountLabel(ctx, m.accounts[0])} was paid by ${plural(m.value, "different party", "different parties")} (${money(ctx, Number(m.facts?.total ?? 0))} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)})`,
});

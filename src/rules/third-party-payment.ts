import { z } from "zod";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money, plural } from "./windows.js";

/** Parameters of {@link thirdPartyPaymentRule}. */
export const ThirdPartyPaymentParamsSchema = z
  .object({
    /** Words that mark a reference as a trade document (invoice, consignment, bill of lading...). [default: inv, invoice, facture, fatura, factura, ankara, consignment, shipment, container, cargo, bl, awb, proforma, po, contract, 发票] */
    documentWords: z
      .array(z.string().min(1))
      .default(["inv", "invoice", "facture", "fatura", "factura", "ankara", "consignment", "shipment", "container", "cargo", "bl", "awb", "proforma", "po", "contract", "发票"]),
    /** Distinct paying parties for one document of one payee that alert. [default: 2] */
    minPayers: z.number().int().min(2).default(2),
    /** The payments fall within this many days. [default: 90] */
    windowDays: z.number().positive().default(90),
  })
  .strict();

/**
 * `third_party_payment`: one trade document (the same invoice or consignment reference) of a payee
 * paid from the accounts of several unrelated parties (Themis IWT red flags: third-party payments,
 * where the payer is not the trading party; FATF 2020 trade-based laundering). A reference counts
 * as a document when it contains a document word and a number.
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
    const docKey = new Map<number, string | null>();
    const keyOf = (r: number): string | null => {
      if (r <= 0) return null;
      let k = docKey.get(r);
      if (k === undefined) {
        const text = ds.references[r].toLowerCase();
        const toks = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
        const doc = /\d/.test(text) && (toks.some((w) => words.has(w)) || [...words].some((w) => /[\p{Script=Han}]/u.test(w) && text.includes(w)));
        k = doc ? toks.join(" ") : null;
        docKey.set(r, k);
      }
      return k;
    };
    const groups = new Map<string, number[]>();
    for (let i = 0; i < t.length; i++) {
      if (t.to[i] < 0 || t.from[i] < 0) continue;
      const k = keyOf(t.reference[i]);
      if (k === null) continue;
      const g = `${t.to[i]}|${k}`;
      const list = groups.get(g);
      if (list) list.push(i);
      else groups.set(g, [i]);
    }
    const out: Measurement[] = [];
    const W = p.windowDays * DAY;
    for (const [g, list] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      list.sort((x, y) => t.time[x] - t.time[y] || x - y);
      const payee = t.to[list[0]];
      const payeeHolder = ds.accountHolder[payee];
      const inWindow = list.filter((i) => t.time[i] - t.time[list[0]] <= W);
      const payerKey = (i: number) => {
        const h = ds.accountHolder[t.from[i]];
        if (h < 0) return `a${t.from[i]}`;
        const e = ctx.partyEntity[h];
        return e >= 0 ? `e${e}` : `p${h}`;
      };
      const payers = new Set(inWindow.filter((i) => ds.accountHolder[t.from[i]] !== payeeHolder || payeeHolder < 0).map(payerKey));
      if (payers.size < p.minPayers) continue;
      let total = 0;
      for (const i of inWindow) total += t.baseAmount[i];
      const accounts = [payee];
      for (const i of inWindow) if (!accounts.includes(t.from[i])) accounts.push(t.from[i]);
      out.push({
        key: `${ds.accounts[payee].id}:${g.slice(g.indexOf("|") + 1).replace(/ /g, "_")}`,
        value: payers.size,
        accounts,
        transactions: inWindow,
        start: t.time[inWindow[0]],
        end: t.time[inWindow[inWindow.length - 1]],
        facts: { total, reference: ds.references[t.reference[list[0]]] },
      });
    }
    return out;
  },
  explain: (m, _p, ctx) =>
    `The document "${m.facts?.reference}" of account ${accountLabel(ctx, m.accounts[0])} was paid by ${plural(m.value, "different party", "different parties")} (${money(ctx, Number(m.facts?.total ?? 0))} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)})`,
});

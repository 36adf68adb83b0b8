import { z } from "zod";
import { PARTY_KINDS } from "../model/codes.js";
import { employmentPairs, ORDINARY_REFERENCES, ordinaryReferenceFlags } from "./fan-out.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, day, money, plural } from "./windows.js";

/**
 * Parameters of {@link officialPaymentRule}.
 *
 * @example
 * ```ts
 * import { OfficialPaymentParamsSchema } from "wildtrace";
 * OfficialPaymentParamsSchema.parse({}).minTotal; // 100
 * OfficialPaymentParamsSchema.parse({ minOfficialsOtherPayers: 3 }).minOfficialsOtherPayers; // 3
 * OfficialPaymentParamsSchema.safeParse({ minTotalX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const OfficialPaymentParamsSchema = z
  .object({
    /** Party roles that make a payee an official. [default: official, pep, ranger, customs, police, wildlife_officer, game_warden, vet, port_official, judge, prosecutor, minister] */
    roles: z
      .array(z.string())
      .default(["official", "pep", "ranger", "customs", "police", "wildlife_officer", "game_warden", "vet", "port_official", "judge", "prosecutor", "minister"]),
    /** Least total paid by one account to officials, base currency. [default: 100] */
    minTotal: z.number().min(0).default(100),
    /** Kinds of paying party always counted: traders are companies; persons pay officials in their family for rent, school fees or birthdays. [default: ["company", "organization"]] */
    payerKinds: z.array(z.enum(PARTY_KINDS)).default(["company", "organization"]),
    /** Other payers (persons) count when they pay at least this many different officials (a ranger and a customs officer, not one relative). [default: 2] */
    minOfficialsOtherPayers: z.number().int().min(1).default(2),
    /** Payers in these sectors (their employers) stay quiet. [default: ["government"]] */
    excludePayerSectors: z.array(z.string()).default(["government"]),
    /** Payments whose reference names ordinary pay (salary, wages, pension) are not counted. [default: the fan_out rule's list] */
    ordinaryReferences: z.array(z.string().min(2)).default([...ORDINARY_REFERENCES]),
  })
  .strict();

/**
 * `official_payment`: payments from private accounts to officials, rangers, customs officers,
 * vets or politically exposed persons (Themis IWT red flags: officials; FinCEN 2021: about 10% of
 * US wildlife SARs involved corruption). One alert per paying account. Companies and
 * organisations (traders, clearing agents, outfitters) count from one payment; a person counts
 * when paying two or more different officials, since persons pay an official in their family for
 * rent or school fees; government payers (the
 * officials' employers), salaries and wages (by reference or an `employs` relationship) and
 * payments between the same holder stay quiet.
 *
 * @example
 * ```ts
 * import { officialPaymentRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", kind: "company", name: "Kilwa Clearing" }, { id: "P2", kind: "person", name: "Hamisi Kombo", roles: ["official"] }],
 *   accounts: [{ id: "A", holder: "P1" }, { id: "B", holder: "P2" }],
 *   transactions: [{ id: "T1", date: "2024-01-13", amount: 590, currency: "USD", fromAccount: "A", toAccount: "B", reference: "chai ya bandari" }],
 * });
 * runRules(dataset, { rules: [officialPaymentRule] }).alerts[0].parties; // ["P1", "P2"]
 * ```
 */
export const officialPaymentRule = defineRule({
  id: "official_payment",
  title: "Payments to officials, rangers, customs or PEPs",
  typology: "official_payment",
  indicator: "Themis IWT red flags: payments to wildlife, customs or port officials and PEPs; FinCEN (2021): corruption in about 10% of wildlife SARs",
  description: "Total paid by one private account to accounts held by parties with an official role.",
  needs: ["roles"],
  unit: "base",
  params: OfficialPaymentParamsSchema,
  threshold: (p) => p.minTotal,
  bands: (p) => [
    { min: p.minTotal, severity: "medium", score: 60, reason: "private payments to officials are a corruption red flag" },
    { min: Math.max(p.minTotal * 20, 1), severity: "high", score: 80, reason: "large private payments to officials" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { outStart, outTx } = ctx.adjacency;
    const roles = new Set(p.roles.map((r) => r.toLowerCase()));
    const excluded = new Set(p.excludePayerSectors);
    const official = ds.parties.map((party) => party.roles.filter((r) => roles.has(r)));
    // accounts held by officials, and the accounts that ever paid one (the only candidates)
    const officialAccount = new Uint8Array(ds.accounts.length);
    for (let a = 0; a < ds.accounts.length; a++) {
      const h = ds.accountHolder[a];
      if (h >= 0 && official[h].length > 0) officialAccount[a] = 1;
    }
    const paysOfficial = new Uint8Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) if (t.from[i] >= 0 && t.to[i] >= 0 && officialAccount[t.to[i]] === 1) paysOfficial[t.from[i]] = 1;
    const ordinary = ordinaryReferenceFlags(ctx, p.ordinaryReferences);
    const kinds = new Set<string>(p.payerKinds);
    const employs = employmentPairs(ctx);
    const out: Measurement[] = [];
    for (let a = 0; a < ds.accounts.length; a++) {
      if (paysOfficial[a] === 0) continue;
      const me = ds.accountHolder[a];
      if (me >= 0 && (excluded.has(ds.parties[me].sector ?? "") || official[me].length > 0)) continue;
      const needOfficials = me >= 0 && !kinds.has(ds.parties[me].kind) ? p.minOfficialsOtherPayers : 1;
      const myEntity = me >= 0 ? ctx.partyEntity[me] : -1;
      const txs: number[] = [];
      const payees: number[] = [];
      let total = 0;
      const what = new Set<string>();
      for (let k = outStart[a]; k < outStart[a + 1]; k++) {
        const e = outTx[k];
        const b = t.to[e];
        if (b < 0) continue;
        if (officialAccount[b] === 0) continue;
        const h = ds.accountHolder[b];
        if (h === me || ordinary(t.reference[e]) || (me >= 0 && employs.has(me * ds.parties.length + h))) continue;
        if (myEntity >= 0 && ctx.partyEntity[h] === myEntity) continue;
        txs.push(e);
        total += t.baseAmount[e];
        if (!payees.includes(b)) payees.push(b);
        for (const r of official[h]) what.add(r);
      }
      if (txs.length === 0 || total < p.minTotal) continue;
      if (needOfficials > 1 && new Set(payees.map((b) => ds.accountHolder[b])).size < needOfficials) continue;
      out.push({
        key: ds.accounts[a].id,
        value: Math.round(total * 100) / 100,
        accounts: [a, ...payees],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { roles: [...what].sort().join(", ").replace(/_/g, " "), payees: payees.length },
      });
    }
    return out;
  },
  explain: (m, _p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} paid ${money(ctx, m.value)} in ${plural(m.transactions.length, "payment")} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)} to ${plural(Number(m.facts?.payees ?? 0), "account")} held by parties with the role ${m.facts?.roles} (${m.accounts
      .slice(1)
      .map((b) => accountLabel(ctx, b))
      .join(", ")})`,
});

import { z } from "zod";
import { CORRIDOR_DESTINATION, CORRIDOR_SOURCE, CORRIDOR_TRANSIT } from "./corridors.js";
import { inColumns, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, bestDistinctWindow, DAY, day, money, plural, windowEvidence } from "./windows.js";

/**
 * Parameters of {@link wildlifeSectorRule}.
 *
 * @example
 * ```ts
 * import { WildlifeSectorParamsSchema } from "wildtrace";
 * WildlifeSectorParamsSchema.parse({}).windowDays; // 90
 * WildlifeSectorParamsSchema.parse({ minCounterparties: 3 }).minCounterparties; // 3
 * WildlifeSectorParamsSchema.safeParse({ windowDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const WildlifeSectorParamsSchema = z
  .object({
    /** Sectors used as fronts in wildlife trafficking (codes of `SECTORS`). [default: import_export, freight_forwarding, customs_clearing, logistics, travel_agency, zoo_breeder, pet_trade, hunting_safari, traditional_medicine, seafood, timber, jewellery, antiques, casino] */
    sectors: z
      .array(z.string())
      .default([
        "import_export",
        "freight_forwarding",
        "customs_clearing",
        "logistics",
        "travel_agency",
        "zoo_breeder",
        "pet_trade",
        "hunting_safari",
        "traditional_medicine",
        "seafood",
        "timber",
        "jewellery",
        "antiques",
        "casino",
      ]),
    /** Distinct front-sector counterparties in one window that alert; one regular trading partner stays quiet. [default: 2] */
    minCounterparties: z.number().int().min(1).default(2),
    /** Sliding window in days. [default: 90] */
    windowDays: z.number().positive().default(90),
    /** Least value exchanged with them in the window, base currency. [default: 10000] */
    minTotal: z.number().min(0).default(10000),
    /** Leave out subjects that are themselves in one of `sectors` (a trader paying forwarders is ordinary business). [default: true] */
    skipFrontSubjects: z.boolean().default(true),
    /** Count only counterparties in another country that plays a role in the corridors data. [default: true] */
    corridorCountriesOnly: z.boolean().default(true),
  })
  .strict();

/**
 * `wildlife_sector`: an account dealing with several counterparties in the sectors used as fronts
 * for wildlife trafficking: import-export, freight forwarding, customs clearing, logistics,
 * travel; zoos, breeders, pet shops, safari outfitters, traditional medicine; and the convergence
 * sectors (jewellery, antiques, casinos) (Themis IWT red flags: counterparty sector; FATF 2020).
 * By default only counterparties abroad in a corridor country count, and subjects that are
 * themselves in those sectors (traders paying forwarders) are left out; regular trade with one
 * partner stays quiet; weighted low alone.
 *
 * @example
 * ```ts
 * import { wildlifeSectorRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [{ id: "F1", kind: "company", name: "Pemba Marine Logistics", sector: "freight forwarding" }, { id: "F2", kind: "company", name: "Kilwa Clearing", sector: "customs clearing" }],
 *   accounts: [{ id: "A", country: "CN" }, { id: "B1", holder: "F1", country: "MZ" }, { id: "B2", holder: "F2", country: "TZ" }],
 *   transactions: [
 *     { id: "T1", date: "2024-01-01", amount: 8000, currency: "USD", fromAccount: "A", toAccount: "B1" },
 *     { id: "T2", date: "2024-01-05", amount: 7000, currency: "USD", fromAccount: "A", toAccount: "B2" },
 *   ],
 * });
 * runRules(dataset, { rules: [wildlifeSectorRule] }).alerts[0].value; // 2
 * ```
 */
export const wildlifeSectorRule = defineRule({
  id: "wildlife_sector",
  title: "Counterparties in wildlife front sectors",
  typology: "wildlife_sector",
  indicator: "Themis IWT red flags: counterparty sector (logistics, clearing, travel, zoos, pet shops, traditional medicine, convergence sectors); FATF (2020)",
  description: "Distinct counterparties in front sectors that one account paid (or was paid by) within a sliding window.",
  needs: ["sectors"],
  unit: "counterparties",
  params: WildlifeSectorParamsSchema,
  threshold: (p) => p.minCounterparties,
  bands: (p) => [
    { min: p.minCounterparties, severity: "low", score: 30, reason: "several counterparties in sectors used as trafficking fronts" },
    { min: p.minCounterparties * 2, severity: "medium", score: 45, reason: "many counterparties in sectors used as trafficking fronts" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    const front = new Uint8Array(ds.accounts.length);
    const fronts = new Set(p.sectors);
    const corridor = new Uint8Array(ds.countries.length);
    for (const m of ctx.corridorRoles.roles.values()) {
      ds.countries.forEach((c, k) => {
        if ((m.get(c) ?? 0) & (CORRIDOR_SOURCE | CORRIDOR_TRANSIT | CORRIDOR_DESTINATION)) corridor[k] = 1;
      });
    }
    const subjectIsFront = new Uint8Array(ds.accounts.length);
    for (let a = 0; a < ds.accounts.length; a++) {
      const h = ds.accountHolder[a];
      if (h >= 0 && fronts.has(ds.parties[h].sector ?? "")) {
        subjectIsFront[a] = 1;
        if (!p.corridorCountriesOnly || corridor[ds.accountCountry[a]] === 1) front[a] = 1;
      }
    }
    const abroad = (a: number, o: number) => !p.corridorCountriesOnly || ds.accountCountry[a] !== ds.accountCountry[o];
    // prefilter: transfers with front-sector accounts per account and direction
    const nIn = new Int32Array(ds.accounts.length);
    const nOut = new Int32Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      const f = t.from[i];
      const to = t.to[i];
      if (f < 0 || to < 0 || f === to) continue;
      if (front[f] === 1) nIn[to]++;
      if (front[to] === 1) nOut[f]++;
    }
    const counts = new Int32Array(ds.accounts.length);
    const ok = new Uint8Array(Math.max(inTx.length, outTx.length));
    const inSide = inColumns(ctx);
    const outSide = outColumns(ctx);
    const W = p.windowDays * DAY;
    const out: Measurement[] = [];
    for (let a = 0; a < ds.accounts.length; a++) {
      if (nIn[a] < p.minCounterparties && nOut[a] < p.minCounterparties) continue;
      if (p.skipFrontSubjects && subjectIsFront[a] === 1) continue;
      const me = ds.accountHolder[a];
      const notMe = (o: number) => o >= 0 && front[o] === 1 && (me < 0 || ds.accountHolder[o] !== me) && abroad(a, o);
      // the counterparty decides: accept(i, o) is notMe(o), o being from[i] (in) or to[i] (out)
      const accept = (_i: number, o: number) => notMe(o);
      const wi = bestDistinctWindow(inTx, inStart[a], inStart[a + 1], inSide, W, accept, counts, ok);
      const wo = bestDistinctWindow(outTx, outStart[a], outStart[a + 1], outSide, W, accept, counts, ok);
      const useOut = wo.distinct > wi.distinct || (wo.distinct === wi.distinct && wo.total >= wi.total);
      const w = useOut ? wo : wi;
      if (w.distinct < p.minCounterparties || w.total < p.minTotal) continue;
      const ev = useOut ? windowEvidence(outTx, w.l, w.r, t.to, accept) : windowEvidence(inTx, w.l, w.r, t.from, accept);
      const sectors = [...new Set(ev.parties.map((o) => ds.parties[ds.accountHolder[o]].sector))].sort();
      out.push({
        key: `${ds.accounts[a].id}:${useOut ? "out" : "in"}:${day(t.time[ev.txs[0]])}`,
        value: w.distinct,
        accounts: [a, ...ev.parties],
        transactions: ev.txs,
        start: t.time[ev.txs[0]],
        end: t.time[ev.txs[ev.txs.length - 1]],
        facts: { total: w.total, dir: useOut ? "paid" : "was paid by", sectors: sectors.join(", ").replace(/_/g, " ") },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} ${m.facts?.dir} ${plural(m.value, "counterparty", "counterparties")} in front sectors (${m.facts?.sectors}) for ${money(ctx, Number(m.facts?.total ?? 0))} within ${p.windowDays} days from ${day(m.start ?? 0)}`,
});

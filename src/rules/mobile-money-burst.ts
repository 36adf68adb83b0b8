import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { CORRIDOR_SOURCE } from "./corridors.js";
import { inColumns, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, bestDistinctWindow, channelMask, day, HOUR, money, plural, windowEvidence } from "./windows.js";

/**
 * Parameters of {@link mobileMoneyBurstRule}.
 *
 * @example
 * ```ts
 * import { MobileMoneyBurstParamsSchema } from "wildtrace";
 * MobileMoneyBurstParamsSchema.parse({}).windowHours; // 72
 * MobileMoneyBurstParamsSchema.parse({ minCounterparties: 5 }).minCounterparties; // 5
 * MobileMoneyBurstParamsSchema.safeParse({ windowHoursX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const MobileMoneyBurstParamsSchema = z
  .object({
    /** Channels of the burst. [default: mobile_money, cash_deposit, cash_withdrawal, hawala] */
    channels: z.array(z.enum(CHANNELS)).default(["mobile_money", "cash_deposit", "cash_withdrawal", "hawala"]),
    /** Sliding window in hours. [default: 72] */
    windowHours: z.number().positive().default(72),
    /** Distinct counterparties paid (or paying) in one window that alert. [default: 3] */
    minCounterparties: z.number().int().min(2).default(3),
    /** Least total in the window, base currency. [default: 1000] */
    minTotal: z.number().min(0).default(1000),
    /** Only accounts in a source country of the corridors data. [default: true] */
    sourceCountriesOnly: z.boolean().default(true),
  })
  .strict();

/**
 * `mobile_money_burst`: a burst of mobile-money, cash or hawala payments between an account and
 * several counterparties in a source country within hours (Themis IWT red flags: mobile money and
 * cash dominate in source countries; poachers paid in cash or mobile money). Per account and
 * direction, the window with the most distinct counterparties.
 *
 * @example
 * ```ts
 * import { mobileMoneyBurstRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   accounts: [{ id: "A", country: "TZ" }, { id: "M1", country: "TZ" }, { id: "M2", country: "TZ" }, { id: "M3", country: "TZ" }],
 *   transactions: ["M1", "M2", "M3"].map((m, k) => ({ id: `T${k}`, date: `2024-01-1${k + 2}`, amount: 900, currency: "USD", fromAccount: "A", toAccount: m, channel: "mobile_money" })),
 * });
 * runRules(dataset, { rules: [mobileMoneyBurstRule] }).alerts[0].value; // 3
 * ```
 */
export const mobileMoneyBurstRule = defineRule({
  id: "mobile_money_burst",
  title: "Mobile-money or cash burst in a source country",
  typology: "mobile_money_burst",
  indicator: "Themis IWT red flags: channels (mobile money and cash in source countries), cash placement; FATF (2020)",
  description: "Most distinct counterparties of an account in a source country over mobile money, cash or hawala within hours.",
  needs: ["countries", ["mobile_money", "cash"]],
  unit: "counterparties",
  params: MobileMoneyBurstParamsSchema,
  threshold: (p) => p.minCounterparties,
  bands: (p) => [
    { min: p.minCounterparties, severity: "low", score: 35, reason: "a burst of mobile-money or cash payments in a source country, as when poachers or couriers are paid" },
    { min: p.minCounterparties * 2, severity: "medium", score: 55, reason: "a large burst of mobile-money or cash payments in a source country" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    const mask = channelMask(p.channels);
    const { roles } = ctx.corridorRoles;
    const source = new Set<string>();
    for (const m of roles.values()) for (const [c, b] of m) if (b & CORRIDOR_SOURCE) source.add(c);
    const counts = new Int32Array(ds.accounts.length);
    const ok = new Uint8Array(Math.max(inTx.length, outTx.length));
    const inSide = inColumns(ctx);
    const outSide = outColumns(ctx);
    // burst-channel transfers between two different accounts (or cash), one pass in table order
    const burst = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) if (mask[t.channel[i]] === 1 && t.from[i] !== t.to[i]) burst[i] = 1;
    const accept = (i: number) => burst[i] === 1;
    const W = p.windowHours * HOUR;
    const out: Measurement[] = [];
    // prefilter: accounts with fewer burst-channel transfers than minCounterparties cannot alert
    const nTx = new Int32Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      if (burst[i] === 0) continue;
      if (t.from[i] >= 0) nTx[t.from[i]]++;
      if (t.to[i] >= 0) nTx[t.to[i]]++;
    }
    const inSource = new Uint8Array(ds.countries.length);
    ds.countries.forEach((c, k) => {
      inSource[k] = source.has(c) ? 1 : 0;
    });
    for (let a = 0; a < ds.accounts.length; a++) {
      if (nTx[a] < p.minCounterparties) continue;
      if (p.sourceCountriesOnly && inSource[ds.accountCountry[a]] === 0) continue;
      const wo = bestDistinctWindow(outTx, outStart[a], outStart[a + 1], outSide, W, accept, counts, ok);
      const wi = bestDistinctWindow(inTx, inStart[a], inStart[a + 1], inSide, W, accept, counts, ok);
      const useOut = wo.distinct > wi.distinct || (wo.distinct === wi.distinct && wo.total >= wi.total);
      const w = useOut ? wo : wi;
      if (w.distinct < p.minCounterparties || w.total < p.minTotal) continue;
      const ev = useOut ? windowEvidence(outTx, w.l, w.r, t.to, accept) : windowEvidence(inTx, w.l, w.r, t.from, accept);
      out.push({
        key: `${ds.accounts[a].id}:${useOut ? "out" : "in"}:${day(t.time[ev.txs[0]])}`,
        value: w.distinct,
        accounts: [a, ...ev.parties],
        transactions: ev.txs,
        start: t.time[ev.txs[0]],
        end: t.time[ev.txs[ev.txs.length - 1]],
        facts: { total: w.total, dir: useOut ? "paid" : "received from", country: ds.countries[ds.accountCountry[a]] },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} in ${m.facts?.country} ${m.facts?.dir} ${plural(m.value, "counterparty", "counterparties")} ${money(ctx, Number(m.facts?.total ?? 0))} by mobile money, cash or hawala within ${p.windowHours} hours from ${day(m.start ?? 0)} (threshold: ${p.minCounterparties})`,
});

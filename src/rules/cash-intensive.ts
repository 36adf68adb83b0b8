import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountEvents, accountLabel, DAY, day, money } from "./windows.js";

/**
 * Parameters of {@link cashIntensiveRule}.
 *
 * @example
 * ```ts
 * import { CashIntensiveParamsSchema } from "wildtrace";
 * CashIntensiveParamsSchema.parse({}).windowDays; // 30
 * CashIntensiveParamsSchema.parse({ minCash: 50000 }).minCash; // 50000
 * CashIntensiveParamsSchema.safeParse({ windowDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const CashIntensiveParamsSchema = z
  .object({
    /** Sliding window in days. [default: 30] */
    windowDays: z.number().positive().default(30),
    /** Cash volume in one window that alerts, base currency... [default: 20000] */
    minCash: z.number().min(0).default(20000),
    /** ...when cash is at least this share of the window's volume. [default: 0.8] */
    minShare: z.number().gt(0).max(1).default(0.8),
    /** Holder sectors where cash is expected (shops, restaurants, farms) and that stay quiet. [default: retail, hospitality, agriculture] */
    expectedCashSectors: z.array(z.string()).default(["retail", "hospitality", "agriculture"]),
  })
  .strict();

const CASH_DEPOSIT = CHANNELS.indexOf("cash_deposit");
const CASH_WITHDRAWAL = CHANNELS.indexOf("cash_withdrawal");

/**
 * `cash_intensive`: an account whose activity is mostly cash, in large volume, while its holder
 * is not a cash business (Themis IWT red flags: poachers and middlemen paid in cash; FinCEN 2021:
 * cash in 12% of wildlife SARs). Shops, restaurants and farms stay quiet.
 *
 * @example
 * ```ts
 * import { cashIntensiveRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [1, 2, 3].map((d) => ({ id: `T${d}`, date: `2024-01-0${d}`, amount: 8000, currency: "USD", toAccount: "A", channel: "cash_deposit" })) });
 * runRules(dataset, { rules: [cashIntensiveRule] }).alerts[0].value; // 24000
 * ```
 */
export const cashIntensiveRule = defineRule({
  id: "cash_intensive",
  title: "Cash-intensive account outside a cash business",
  typology: "cash_intensive",
  indicator: "Themis IWT red flags: cash placement; FinCEN (2021) wildlife SARs by channel",
  description: "Cash volume (deposits and withdrawals) of an account in a sliding window where cash dominates its activity.",
  needs: ["cash"],
  unit: "base",
  params: CashIntensiveParamsSchema,
  threshold: (p) => p.minCash,
  bands: (p) => [
    { min: p.minCash, severity: "low", score: 30, reason: "large cash volume for a holder that is not a cash business" },
    { min: p.minCash * 5, severity: "medium", score: 50, reason: "very large cash volume for a holder that is not a cash business" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const W = p.windowDays * DAY;
    const expected = new Set(p.expectedCashSectors);
    const out: Measurement[] = [];
    // prefilter: an account whose cash over the whole period stays under minCash cannot alert
    const cashTotal = new Float64Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      if (t.to[i] >= 0 && (t.channel[i] === CASH_DEPOSIT || t.from[i] < 0)) cashTotal[t.to[i]] += t.baseAmount[i];
      if (t.from[i] >= 0 && (t.channel[i] === CASH_WITHDRAWAL || t.to[i] < 0)) cashTotal[t.from[i]] += t.baseAmount[i];
    }
    for (let a = 0; a < ds.accounts.length; a++) {
      if (cashTotal[a] < p.minCash) continue;
      const h = ds.accountHolder[a];
      if (h >= 0 && expected.has(ds.parties[h].sector ?? "")) continue;
      const ev = accountEvents(ctx, a);
      const isCash = (i: number) =>
        (t.to[i] === a && (t.channel[i] === CASH_DEPOSIT || t.from[i] < 0)) || (t.from[i] === a && (t.channel[i] === CASH_WITHDRAWAL || t.to[i] < 0));
      let l = 0;
      let cash = 0;
      let total = 0;
      let best: { l: number; r: number; cash: number; total: number } | undefined;
      for (let r = 0; r < ev.length; r++) {
        while (t.time[ev[r]] - t.time[ev[l]] > W) {
          const j = ev[l++];
          total -= t.baseAmount[j];
          if (isCash(j)) cash -= t.baseAmount[j];
        }
        total += t.baseAmount[ev[r]];
        if (isCash(ev[r])) cash += t.baseAmount[ev[r]];
        if (cash >= p.minCash && cash >= p.minShare * total - 1e-9 && (!best || cash > best.cash)) best = { l, r, cash, total };
      }
      if (!best) continue;
      const txs = ev.slice(best.l, best.r + 1).filter(isCash);
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[txs[0]])}`,
        value: Math.round(best.cash * 100) / 100,
        accounts: [a],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { share: Math.round((best.cash / best.total) * 100) },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} moved ${money(ctx, m.value)} in cash between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, ${m.facts?.share}% of its activity in that window (threshold ${money(ctx, p.minCash)} in ${p.windowDays} days)`,
});

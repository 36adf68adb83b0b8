import { z } from "zod";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountEvents, accountLabel, DAY, day, money, plural } from "./windows.js";

/**
 * Parameters of {@link dormantActivationRule}.
 *
 * @example
 * ```ts
 * import { DormantActivationParamsSchema } from "wildtrace";
 * DormantActivationParamsSchema.parse({}).dormantDays; // 180
 * DormantActivationParamsSchema.parse({ minAmount: 25000 }).minAmount; // 25000
 * DormantActivationParamsSchema.safeParse({ dormantDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const DormantActivationParamsSchema = z
  .object({
    /** Days without any transaction (or since opening) that make an account dormant. [default: 180] */
    dormantDays: z.number().positive().default(180),
    /** Days after the reactivation over which the volume is summed. [default: 30] */
    activeDays: z.number().positive().default(30),
    /** Volume after reactivation that alerts, base currency. [default: 10000] */
    minAmount: z.number().min(0).default(10000),
  })
  .strict();

/**
 * `dormant_activation`: an account silent for months (or since it was opened, when that is within
 * the period the data covers) suddenly moves large sums (FATF 2020; FinCEN 2021: dormant accounts reactivated to move wildlife proceeds). The
 * measured value is the volume (in and out) in the days after the reactivation.
 *
 * @example
 * ```ts
 * import { dormantActivationRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T0", date: "2023-01-02", amount: 50, currency: "USD", fromAccount: "X", toAccount: "A" },
 *   { id: "T1", date: "2024-01-02", amount: 29950, currency: "USD", fromAccount: "X", toAccount: "A" },
 * ] });
 * runRules(dataset, { rules: [dormantActivationRule] }).alerts[0].value; // 29950
 * ```
 */
export const dormantActivationRule = defineRule({
  id: "dormant_activation",
  title: "Dormant account suddenly active",
  typology: "dormant_activation",
  indicator: "FATF (2020) and FinCEN (2021) red flags: dormant account reactivated with large flows",
  description: "Volume moved in the first days after an account was silent for months (or since opening).",
  needs: ["transactions"],
  unit: "base",
  params: DormantActivationParamsSchema,
  threshold: (p) => p.minAmount,
  bands: (p) => [
    { min: p.minAmount, severity: "low", score: 30, reason: "a long-silent account suddenly moved a large sum" },
    { min: p.minAmount * 5, severity: "medium", score: 50, reason: "a long-silent account suddenly moved a very large sum" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const dormant = p.dormantDays * DAY;
    const active = p.activeDays * DAY;
    const out: Measurement[] = [];
    const { byTime } = ctx.adjacency;
    // the data cannot show dormancy before its own first transaction
    const dataStart = byTime.length > 0 ? t.time[byTime[0]] : Number.POSITIVE_INFINITY;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    // prefilter: total volume under minAmount, or (without a usable opening date) all activity
    // within dormantDays, cannot alert
    const volume = new Float64Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      if (t.from[i] >= 0) volume[t.from[i]] += t.baseAmount[i];
      if (t.to[i] >= 0 && t.to[i] !== t.from[i]) volume[t.to[i]] += t.baseAmount[i];
    }
    for (let a = 0; a < ds.accounts.length; a++) {
      if (volume[a] < p.minAmount) continue;
      const first = Math.min(inStart[a] < inStart[a + 1] ? t.time[inTx[inStart[a]]] : Number.POSITIVE_INFINITY, outStart[a] < outStart[a + 1] ? t.time[outTx[outStart[a]]] : Number.POSITIVE_INFINITY);
      const last = Math.max(inStart[a] < inStart[a + 1] ? t.time[inTx[inStart[a + 1] - 1]] : Number.NEGATIVE_INFINITY, outStart[a] < outStart[a + 1] ? t.time[outTx[outStart[a + 1] - 1]] : Number.NEGATIVE_INFINITY);
      const openedAt = ds.accounts[a].opened ? Date.parse(ds.accounts[a].opened as string) : Number.NaN;
      if (last - first < dormant && !(openedAt >= dataStart && first - openedAt >= dormant)) continue;
      const ev = accountEvents(ctx, a);
      if (ev.length === 0) continue;
      let opened = ds.accounts[a].opened ? Date.parse(ds.accounts[a].opened as string) : Number.NaN;
      if (opened < dataStart) opened = Number.NaN;
      let best: { k: number; sum: number; silent: number } | undefined;
      for (let k = 0; k < ev.length; k++) {
        const prev = k > 0 ? t.time[ev[k - 1]] : opened;
        if (!Number.isFinite(prev) || t.time[ev[k]] - prev < dormant) continue;
        let sum = 0;
        for (let q = k; q < ev.length && t.time[ev[q]] - t.time[ev[k]] <= active; q++) sum += t.baseAmount[ev[q]];
        if (sum >= p.minAmount && (!best || sum > best.sum)) best = { k, sum, silent: t.time[ev[k]] - prev };
      }
      if (!best) continue;
      const txs: number[] = [];
      for (let q = best.k; q < ev.length && t.time[ev[q]] - t.time[ev[best.k]] <= active; q++) txs.push(ev[q]);
      const cps = new Set<number>();
      for (const i of txs) {
        const o = t.from[i] === a ? t.to[i] : t.from[i];
        if (o >= 0) cps.add(o);
      }
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[txs[0]])}`,
        value: Math.round(best.sum * 100) / 100,
        accounts: [a, ...[...cps].sort((x, y) => x - y)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { silentDays: Math.floor(best.silent / DAY) },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} was silent for ${m.facts?.silentDays} days, then moved ${money(ctx, m.value)} in ${plural(m.transactions.length, "transaction")} within ${p.activeDays} days from ${day(m.start ?? 0)} (threshold ${money(ctx, p.minAmount)})`,
});

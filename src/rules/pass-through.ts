import { z } from "zod";
import { inColumns } from "./list-columns.js";
import { matchRelays } from "./relays.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money } from "./windows.js";

/**
 * Parameters of {@link passThroughRule}.
 *
 * @example
 * ```ts
 * import { PassThroughParamsSchema } from "wildtrace";
 * PassThroughParamsSchema.parse({}).windowDays; // 30
 * PassThroughParamsSchema.parse({ windowDays: 10 }).windowDays; // 10
 * PassThroughParamsSchema.safeParse({ windowDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const PassThroughParamsSchema = z
  .object({
    /** Sliding window in days over which inflow is compared with what left again. [default: 30] */
    windowDays: z.number().positive().default(30),
    /** An incoming transfer "leaves again" if an outgoing one follows within this many days... [default: 3] */
    maxDelayDays: z.number().positive().default(3),
    /** ...for at least this fraction of its amount... [default: 0.85] */
    minRatio: z.number().min(0).max(1).default(0.85),
    /** ...and at most this fraction. [default: 1.02] */
    maxRatio: z.number().min(1).default(1.02),
    /** Share (0-1) of the window's inflow that left again, alerting from this value. [default: 0.8] */
    minShare: z.number().gt(0).max(1).default(0.8),
    /** Least inflow in the window, base currency. [default: 10000] */
    minInflow: z.number().min(0).default(10000),
  })
  .strict();

/**
 * `pass_through`: most of what an account receives leaves again within days, in about the same
 * amounts (Themis IWT red flags: funds from foreign companies arrive and leave almost at once;
 * FATF 2020). The measured value is the percentage of the window's inflow that was passed on.
 *
 * @example
 * ```ts
 * import { passThroughRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "I1", date: "2024-01-02", amount: 48000, currency: "USD", fromAccount: "CN", toAccount: "MY" },
 *   { id: "O1", date: "2024-01-03", amount: 47500, currency: "USD", fromAccount: "MY", toAccount: "MZ" },
 * ] });
 * runRules(dataset, { rules: [passThroughRule] }).alerts[0].value; // 100
 * ```
 */
export const passThroughRule = defineRule({
  id: "pass_through",
  title: "Pass-through: money in, same money out within days",
  typology: "pass_through",
  indicator: "Themis IWT red flags: pass-through accounts; FATF (2020) Money Laundering and the Illegal Wildlife Trade",
  description: "Percentage of an account's inflow in a sliding window that left again within days in about the same amounts.",
  needs: ["transactions"],
  unit: "percent",
  params: PassThroughParamsSchema,
  threshold: (p) => p.minShare * 100,
  bands: (p) => [
    { min: p.minShare * 100, severity: "medium", score: 45, reason: "the account acts as a conduit rather than using the money" },
    { min: Math.max(p.minShare * 100, 95), severity: "medium", score: 55, reason: "almost everything received left again at once" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx } = ctx.adjacency;
    const W = p.windowDays * DAY;
    const out: Measurement[] = [];
    const matchedOut = new Map<number, number>();
    const { time: inTime, amount: inAmount } = inColumns(ctx);
    for (let a = 0; a < ds.accounts.length; a++) {
      const lo = inStart[a];
      const hi = inStart[a + 1];
      if (lo === hi) continue;
      const pairs = matchRelays(ctx, a, p.maxDelayDays * DAY, p.minRatio, p.maxRatio, 0);
      if (pairs.length === 0) continue;
      matchedOut.clear();
      for (const [i, o] of pairs) matchedOut.set(i, o);
      let l = lo;
      let inflow = 0;
      let passed = 0;
      let best: { l: number; r: number; inflow: number; passed: number } | undefined;
      for (let r = lo; r < hi; r++) {
        const i = inTx[r];
        while (inTime[r] - inTime[l] > W) {
          const j = inTx[l];
          inflow -= inAmount[l];
          if (matchedOut.has(j)) passed -= inAmount[l];
          l++;
        }
        inflow += inAmount[r];
        if (matchedOut.has(i)) passed += inAmount[r];
        if (inflow >= p.minInflow && passed >= p.minShare * inflow - 1e-9 && (!best || passed > best.passed)) best = { l, r, inflow, passed };
      }
      if (!best) continue;
      const txs: number[] = [];
      let sent = 0;
      for (let k = best.l; k <= best.r; k++) {
        const i = inTx[k];
        const o = matchedOut.get(i);
        if (o === undefined) continue;
        txs.push(i, o);
        sent += t.baseAmount[o];
      }
      txs.sort((x, y) => t.time[x] - t.time[y] || x - y);
      const cps = new Set<number>();
      for (const i of txs) {
        const o = t.from[i] === a ? t.to[i] : t.from[i];
        if (o >= 0) cps.add(o);
      }
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[inTx[best.l]])}`,
        value: Math.round((best.passed / best.inflow) * 1000) / 10,
        accounts: [a, ...[...cps].sort((x, y) => x - y)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { inflow: best.inflow, passed: best.passed, sent },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Of ${money(ctx, Number(m.facts?.inflow ?? 0))} received by account ${accountLabel(ctx, m.accounts[0])} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, ${m.value}% left again within ${p.maxDelayDays} days in matching amounts (${money(ctx, Number(m.facts?.sent ?? 0))} sent on; threshold ${p.minShare * 100}%)`,
});

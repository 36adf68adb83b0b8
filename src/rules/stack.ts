import { z } from "zod";
import { onwardStarts, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { day, HOUR, money } from "./windows.js";

/**
 * Parameters of {@link stackRule}.
 *
 * @example
 * ```ts
 * import { StackParamsSchema } from "wildtrace";
 * StackParamsSchema.parse({}).minHops; // 4
 * StackParamsSchema.parse({ maxGapHours: 48 }).maxGapHours; // 48
 * StackParamsSchema.safeParse({ minHopsX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const StackParamsSchema = z
  .object({
    /** Fewest transfers in a layering chain. [default: 4] */
    minHops: z.number().int().min(2).default(4),
    /** Most hours between a transfer and the next one in the chain. [default: 72] */
    maxGapHours: z.number().positive().default(72),
    /** Each next transfer carries at least this fraction of the previous one... [default: 0.8] */
    minCarry: z.number().min(0).max(1).default(0.8),
    /** ...and at most this fraction (a little more is allowed for rounding). [default: 1.05] */
    maxCarry: z.number().min(1).default(1.05),
    /** Least amount of the first transfer, base currency. [default: 1000] */
    minAmount: z.number().min(0).default(1000),
    /** Successors examined per transfer. [default: 20] */
    maxBranch: z.number().int().min(1).default(20),
  })
  .strict();

/**
 * `stack`: a layering chain, where about the same amount is passed on from account to account,
 * each within hours or days of receiving it (IBM AMLSim / AMLworld "stack"; FATF layering).
 * Longest chains are found by dynamic programming over transfers in reverse time order, so the
 * search is linear in the number of transfers times `maxBranch`.
 *
 * @example
 * ```ts
 * import { stackRule, runRules, createDataset } from "wildtrace";
 * const hops = ["A", "B", "C", "D", "E"];
 * const { dataset } = createDataset({ transactions: hops.slice(0, -1).map((a, k) => ({ id: `T${k}`, date: `2024-01-0${k + 1}`, amount: 10000 - k * 100, currency: "USD", fromAccount: a, toAccount: hops[k + 1] })) });
 * runRules(dataset, { rules: [stackRule] }).alerts[0].value; // 4
 * ```
 */
export const stackRule = defineRule({
  id: "stack",
  title: "Stack: layering chain through several accounts",
  typology: "stack",
  indicator: "IBM AMLSim / AMLworld stack (layering) pattern; FATF (2020): layering through multiple accounts",
  description: "Longest chain of transfers in which each account passes on most of what it just received.",
  needs: ["transactions"],
  unit: "transfers",
  params: StackParamsSchema,
  threshold: (p) => p.minHops,
  bands: (p) => [
    { min: p.minHops, severity: "low", score: 40, reason: "the same money was passed on quickly through several accounts" },
    { min: p.minHops + 2, severity: "medium", score: 60, reason: "a long chain of quick pass-ons is typical layering" },
    { min: p.minHops + 4, severity: "high", score: 75, reason: "a very long layering chain" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { outStart, outTx, byTime } = ctx.adjacency;
    const best = new Int32Array(t.length).fill(1);
    const next = new Int32Array(t.length).fill(-1);
    const gap = p.maxGapHours * HOUR;
    // the receiver's outgoing list from the first payment at or after e (shared with other
    // rules), read through list-ordered copies of time, amount and receiver
    const onward = onwardStarts(ctx);
    const { other: outTo, time: outTime, amount: outAmount } = outColumns(ctx);
    for (let k = byTime.length - 1; k >= 0; k--) {
      const e = byTime[k];
      const b = t.to[e];
      if (b < 0) continue;
      const te = t.time[e];
      const a = t.baseAmount[e];
      const hi = outStart[b + 1];
      let seen = 0;
      // strictly after e: skip the payments at e's own time
      let q = onward[e];
      while (q < hi && outTime[q] <= te) q++;
      for (; q < hi && seen < p.maxBranch; q++) {
        if (outTime[q] - te > gap) break;
        const af = outAmount[q];
        if (af < p.minCarry * a || af > p.maxCarry * a || outTo[q] < 0) continue;
        const f = outTx[q];
        seen++;
        if (best[f] + 1 > best[e]) {
          best[e] = best[f] + 1;
          next[e] = f;
        }
      }
    }
    const used = new Uint8Array(t.length);
    const out: Measurement[] = [];
    for (let k = 0; k < byTime.length; k++) {
      const e = byTime[k];
      if (used[e] || best[e] < p.minHops || t.baseAmount[e] < p.minAmount || t.from[e] < 0) continue;
      const txs: number[] = [];
      const accounts: number[] = [t.from[e]];
      const seenAcc = new Set<number>(accounts);
      for (let f = e; f >= 0; f = next[f]) {
        const to = t.to[f];
        if (seenAcc.has(to)) break;
        txs.push(f);
        accounts.push(to);
        seenAcc.add(to);
      }
      if (txs.length < p.minHops) continue;
      for (const f of txs) used[f] = 1;
      out.push({
        key: `${t.id.get(e)}`,
        value: txs.length,
        accounts,
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { first: t.baseAmount[txs[0]], last: t.baseAmount[txs[txs.length - 1]] },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `${money(ctx, Number(m.facts?.first ?? 0))} was passed along a chain of ${m.value} transfers (${m.accounts.map((a) => ctx.dataset.accounts[a].id).join(" -> ")}) between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, each within ${p.maxGapHours} hours of the previous one, and ${money(ctx, Number(m.facts?.last ?? 0))} reached the last account`,
});

import { z } from "zod";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, firstAfter, money, plural } from "./windows.js";

/** Parameters of {@link scatterGatherRule}. */
export const ScatterGatherParamsSchema = z
  .object({
    /** Distinct intermediaries that alert. [default: 4] */
    minIntermediaries: z.number().int().min(2).default(4),
    /** Days from a payment to the intermediary's onward payment, and of the whole pattern. [default: 10] */
    windowDays: z.number().positive().default(10),
    /** The onward payment carries at least this fraction of what the intermediary received. [default: 0.5] */
    minCarry: z.number().min(0).max(1).default(0.5),
    /** Least amount per scattered payment, base currency. [default: 0] */
    minAmount: z.number().min(0).default(0),
    /** Onward payments examined per intermediary. [default: 50] */
    maxBranch: z.number().int().min(1).default(50),
  })
  .strict();

/**
 * `scatter_gather`: one account pays several intermediaries, which each pay on to the same final
 * account within days (IBM AMLSim / AMLworld "scatter-gather"): splitting to avoid one large,
 * visible transfer.
 *
 * @example
 * ```ts
 * import { scatterGatherRule, runRules, createDataset } from "wildtrace";
 * const mids = ["M1", "M2", "M3", "M4"];
 * const { dataset } = createDataset({ transactions: mids.flatMap((m, k) => [
 *   { id: `S${k}`, date: "2024-01-01", amount: 5000, currency: "USD", fromAccount: "SRC", toAccount: m },
 *   { id: `G${k}`, date: "2024-01-03", amount: 4900, currency: "USD", fromAccount: m, toAccount: "DST" },
 * ]) });
 * runRules(dataset, { rules: [scatterGatherRule] }).alerts[0].value; // 4
 * ```
 */
export const scatterGatherRule = defineRule({
  id: "scatter_gather",
  title: "Scatter-gather: split through intermediaries and regrouped",
  typology: "scatter_gather",
  indicator: "IBM AMLSim / AMLworld scatter-gather pattern",
  description: "Most distinct intermediaries through which one account's payments reach one final account within a window.",
  needs: ["transactions"],
  unit: "intermediaries",
  params: ScatterGatherParamsSchema,
  threshold: (p) => p.minIntermediaries,
  bands: (p) => [
    { min: p.minIntermediaries, severity: "medium", score: 50, reason: "money was split across intermediaries and regrouped" },
    { min: p.minIntermediaries * 2, severity: "high", score: 70, reason: "money was split across many intermediaries and regrouped" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { outStart, outTx } = ctx.adjacency;
    const W = p.windowDays * DAY;
    const out: Measurement[] = [];
    for (let s = 0; s < ds.accounts.length; s++) {
      if (outStart[s + 1] - outStart[s] < p.minIntermediaries) continue;
      const byTarget = new Map<number, Map<number, [number, number]>>();
      for (let k = outStart[s]; k < outStart[s + 1]; k++) {
        const e = outTx[k];
        const m = t.to[e];
        if (m < 0 || m === s || t.baseAmount[e] < p.minAmount) continue;
        const te = t.time[e];
        const hi = outStart[m + 1];
        let seen = 0;
        for (let q = firstAfter(outTx, outStart[m], hi, t.time, te - 0.5); q < hi && seen < p.maxBranch; q++) {
          const f = outTx[q];
          if (t.time[f] - te > W) break;
          const d = t.to[f];
          if (d < 0 || d === s || d === m || f === e || t.baseAmount[f] < p.minCarry * t.baseAmount[e]) continue;
          seen++;
          let mids = byTarget.get(d);
          if (!mids) byTarget.set(d, (mids = new Map()));
          if (!mids.has(m)) mids.set(m, [e, f]);
        }
      }
      let bestD = -1;
      let bestMids: Map<number, [number, number]> | undefined;
      for (const [d, mids] of byTarget) {
        if (!bestMids || mids.size > bestMids.size || (mids.size === bestMids.size && d < bestD)) {
          bestD = d;
          bestMids = mids;
        }
      }
      if (!bestMids || bestMids.size < p.minIntermediaries) continue;
      const pairs = [...bestMids.entries()].sort((a, b) => a[0] - b[0]);
      const txs = pairs.flatMap(([, ef]) => ef).sort((x, y) => t.time[x] - t.time[y] || x - y);
      const span = t.time[txs[txs.length - 1]] - t.time[txs[0]];
      if (span > 2 * W) continue;
      let scattered = 0;
      let gathered = 0;
      for (const [, [e, f]] of pairs) {
        scattered += t.baseAmount[e];
        gathered += t.baseAmount[f];
      }
      out.push({
        key: `${ds.accounts[s].id}>${ds.accounts[bestD].id}:${day(t.time[txs[0]])}`,
        value: bestMids.size,
        accounts: [s, bestD, ...pairs.map(([m]) => m)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { scattered, gathered },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} paid ${money(ctx, Number(m.facts?.scattered ?? 0))} to ${plural(m.value, "intermediary", "intermediaries")}, which passed ${money(ctx, Number(m.facts?.gathered ?? 0))} on to the same account ${accountLabel(ctx, m.accounts[1])} within ${p.windowDays} days`,
});

import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { inColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, bestDistinctWindow, channelMask, DAY, day, firstAfter, money, plural } from "./windows.js";

/**
 * Parameters of {@link gatherScatterRule}.
 *
 * @example
 * ```ts
 * import { GatherScatterParamsSchema } from "wildtrace";
 * GatherScatterParamsSchema.parse({}).minCounterparties; // 5
 * GatherScatterParamsSchema.parse({ windowDays: 14 }).windowDays; // 14
 * GatherScatterParamsSchema.safeParse({ minCounterpartiesX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const GatherScatterParamsSchema = z
  .object({
    /** Distinct senders and distinct recipients both reach this. [default: 5] */
    minCounterparties: z.number().int().min(2).default(5),
    /** Sliding window of the gathering, in days; the scattering follows within the same length. [default: 7] */
    windowDays: z.number().positive().default(7),
    /** The scattered amount is at least this fraction of the gathered amount. [default: 0.7] */
    minCarry: z.number().min(0).max(1).default(0.7),
    /** Channels not counted. [default: ["card"]] */
    excludeChannels: z.array(z.enum(CHANNELS)).default(["card"]),
  })
  .strict();

/**
 * `gather_scatter`: an account collects from many senders and soon pays most of it out to many
 * recipients (IBM AMLSim / AMLworld "gather-scatter"): a collection hub of a network.
 *
 * @example
 * ```ts
 * import { gatherScatterRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [0, 1, 2, 3, 4].flatMap((k) => [
 *   { id: `I${k}`, date: "2024-01-01", amount: 1000, currency: "USD", fromAccount: `S${k}`, toAccount: "HUB" },
 *   { id: `O${k}`, date: "2024-01-03", amount: 950, currency: "USD", fromAccount: "HUB", toAccount: `R${k}` },
 * ]) });
 * runRules(dataset, { rules: [gatherScatterRule] }).alerts.length; // 1
 * ```
 */
export const gatherScatterRule = defineRule({
  id: "gather_scatter",
  title: "Gather-scatter: collected from many, paid out to many",
  typology: "gather_scatter",
  indicator: "IBM AMLSim / AMLworld gather-scatter pattern",
  description: "Smaller of the distinct senders in a window and the distinct recipients paid from it soon after.",
  needs: ["transactions"],
  unit: "counterparties",
  params: GatherScatterParamsSchema,
  threshold: (p) => p.minCounterparties,
  bands: (p) => [
    { min: p.minCounterparties, severity: "medium", score: 45, reason: "a hub collected from many and paid out to many" },
    { min: p.minCounterparties * 3, severity: "high", score: 65, reason: "a large collection and distribution hub" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    const excluded = channelMask(p.excludeChannels);
    // judged in one pass in table order: the window scans then read one byte per transfer
    const plain = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) if (excluded[t.channel[i]] === 0 && t.from[i] !== t.to[i]) plain[i] = 1;
    const accept = (i: number) => plain[i] === 1;
    const counts = new Int32Array(ds.accounts.length);
    const ok = new Uint8Array(inTx.length);
    const side = inColumns(ctx);
    const W = p.windowDays * DAY;
    const out: Measurement[] = [];
    for (let a = 0; a < ds.accounts.length; a++) {
      if (inStart[a + 1] - inStart[a] < p.minCounterparties || outStart[a + 1] - outStart[a] < p.minCounterparties) continue;
      const w = bestDistinctWindow(inTx, inStart[a], inStart[a + 1], side, W, accept, counts, ok);
      if (w.distinct < p.minCounterparties) continue;
      const tStart = t.time[inTx[w.l]];
      const tEnd = t.time[inTx[w.r]];
      const ins: number[] = [];
      for (let k = w.l; k <= w.r; k++) if (t.from[inTx[k]] >= 0 && accept(inTx[k])) ins.push(inTx[k]);
      const outs: number[] = [];
      const recips = new Set<number>();
      let paid = 0;
      const hi = outStart[a + 1];
      for (let k = firstAfter(outTx, outStart[a], hi, t.time, tStart - 0.5); k < hi; k++) {
        const e = outTx[k];
        if (t.time[e] > tEnd + W) break;
        if (t.to[e] < 0 || !accept(e)) continue;
        outs.push(e);
        recips.add(t.to[e]);
        paid += t.baseAmount[e];
      }
      const value = Math.min(w.distinct, recips.size);
      if (value < p.minCounterparties || paid < p.minCarry * w.total) continue;
      const txs = [...ins, ...outs].sort((x, y) => t.time[x] - t.time[y] || x - y);
      const senders = [...new Set(ins.map((i) => t.from[i]))];
      out.push({
        key: `${ds.accounts[a].id}:${day(tStart)}`,
        value,
        accounts: [a, ...senders, ...[...recips].sort((x, y) => x - y)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { senders: w.distinct, recipients: recips.size, gathered: w.total, paid },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} collected ${money(ctx, Number(m.facts?.gathered ?? 0))} from ${plural(Number(m.facts?.senders ?? 0), "sender")} within ${p.windowDays} days and paid ${money(ctx, Number(m.facts?.paid ?? 0))} out to ${plural(Number(m.facts?.recipients ?? 0), "recipient")} soon after`,
});

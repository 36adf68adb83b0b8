import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { inColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, bestDistinctWindow, channelMask, DAY, day, money, plural, windowEvidence } from "./windows.js";

/**
 * Parameters of {@link fanInRule}.
 *
 * @example
 * ```ts
 * import { FanInParamsSchema } from "wildtrace";
 * FanInParamsSchema.parse({}).windowDays; // 7
 * FanInParamsSchema.parse({ minCounterparties: 8 }).minCounterparties; // 8
 * FanInParamsSchema.safeParse({ windowDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const FanInParamsSchema = z
  .object({
    /** Sliding window length in days. [default: 7] */
    windowDays: z.number().positive().default(7),
    /** Distinct senders in one window that alert. [default: 10] */
    minCounterparties: z.number().int().min(2).default(10),
    /** A sender counts once it made this many transfers in the window. [default: 1] */
    minTransfersPerSender: z.number().int().min(1).default(1),
    /** Least total received in the window, base currency. [default: 0] */
    minTotal: z.number().min(0).default(0),
    /** Channels not counted: card acquiring is how merchants are paid. [default: ["card"]] */
    excludeChannels: z.array(z.enum(CHANNELS)).default(["card"]),
  })
  .strict();

/**
 * `fan_in`: many accounts pay one account within a short sliding window (IBM AMLSim / AMLworld
 * "fan-in"; FATF 2020: funds pooled from many payers). Card payments are left out by default so
 * that merchants paid by many customers stay quiet.
 *
 * @example
 * ```ts
 * import { fanInRule, runRules, createDataset } from "wildtrace";
 * const tx = Array.from({ length: 10 }, (_, k) => ({ id: `T${k}`, date: "2024-01-02", amount: 900, currency: "USD", fromAccount: `S${k}`, toAccount: "HUB" }));
 * const { dataset } = createDataset({ transactions: tx });
 * runRules(dataset, { rules: [fanInRule] }).alerts[0].value; // 10
 * ```
 */
export const fanInRule = defineRule({
  id: "fan_in",
  title: "Fan-in: many payers into one account",
  typology: "fan_in",
  indicator: "IBM AMLSim / AMLworld fan-in pattern; FATF (2020) Money Laundering and the Illegal Wildlife Trade: pooling of funds",
  description: "Most distinct senders paying one account within a sliding window (cash and card left out).",
  needs: ["transactions"],
  unit: "counterparties",
  params: FanInParamsSchema,
  threshold: (p) => p.minCounterparties,
  bands: (p) => [
    { min: p.minCounterparties, severity: "low", score: 35, reason: `${p.minCounterparties} or more senders in ${p.windowDays} days is unusual pooling` },
    { min: p.minCounterparties * 2, severity: "medium", score: 55, reason: `${p.minCounterparties * 2} or more senders in ${p.windowDays} days is heavy pooling` },
    { min: p.minCounterparties * 4, severity: "high", score: 75, reason: `${p.minCounterparties * 4} or more senders in ${p.windowDays} days is extreme pooling` },
  ],
  measure(ctx, p) {
    const { inStart, inTx } = ctx.adjacency;
    const t = ctx.dataset.transactions;
    const excluded = channelMask(p.excludeChannels);
    // judged in one pass in table order: the window scans then read one byte per transfer
    const plain = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) if (excluded[t.channel[i]] === 0 && t.from[i] !== t.to[i]) plain[i] = 1;
    const accept = (i: number) => plain[i] === 1;
    const counts = new Int32Array(ctx.dataset.accounts.length);
    const ok = new Uint8Array(inTx.length);
    const side = inColumns(ctx);
    const out: Measurement[] = [];
    for (let a = 0; a < ctx.dataset.accounts.length; a++) {
      const lo = inStart[a];
      const hi = inStart[a + 1];
      if (hi - lo < p.minCounterparties) continue;
      const w = bestDistinctWindow(inTx, lo, hi, side, p.windowDays * DAY, accept, counts, ok, p.minTransfersPerSender);
      if (w.distinct < p.minCounterparties || w.total < p.minTotal) continue;
      const ev = windowEvidence(inTx, w.l, w.r, t.from, accept, p.minTransfersPerSender);
      const start = t.time[ev.txs[0]];
      out.push({
        key: `${ctx.dataset.accounts[a].id}:${day(start)}`,
        value: w.distinct,
        accounts: [a, ...ev.parties],
        transactions: ev.txs,
        start,
        end: t.time[ev.txs[ev.txs.length - 1]],
        facts: { total: w.total },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} received ${plural(m.transactions.length, "transfer")} totalling ${money(ctx, Number(m.facts?.total ?? 0))} from ${plural(m.value, "different sender")} within ${p.windowDays} days (from ${day(m.start ?? 0)}), against a threshold of ${p.minCounterparties}`,
});


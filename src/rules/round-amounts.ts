import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountEvents, accountLabel, channelMask, DAY, day, plural } from "./windows.js";

/**
 * Parameters of {@link roundAmountsRule}.
 *
 * @example
 * ```ts
 * import { RoundAmountsParamsSchema } from "wildtrace";
 * RoundAmountsParamsSchema.parse({}).roundTo; // 1000
 * RoundAmountsParamsSchema.parse({ roundTo: 500 }).roundTo; // 500
 * RoundAmountsParamsSchema.safeParse({ roundToX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const RoundAmountsParamsSchema = z
  .object({
    /** An amount (in its own currency) is round when it is a multiple of this. [default: 1000] */
    roundTo: z.number().positive().default(1000),
    /** Channels examined: cash-like ones, where round amounts mark placement. [default: cash_deposit, cash_withdrawal, mobile_money, hawala] */
    channels: z.array(z.enum(CHANNELS)).default(["cash_deposit", "cash_withdrawal", "mobile_money", "hawala"]),
    /** Sliding window in days. [default: 30] */
    windowDays: z.number().positive().default(30),
    /** Round transactions in one window that alert... [default: 5] */
    minCount: z.number().int().min(2).default(5),
    /** ...when they are at least this share of the window's transactions on those channels. [default: 0.8] */
    minShare: z.number().gt(0).max(1).default(0.8),
  })
  .strict();

/**
 * `round_amounts`: an account's cash or mobile-money transactions are mostly round amounts
 * (Themis IWT red flags: cash placement in round amounts; FATF 2020). A weak indicator alone,
 * weighted low in the scores.
 *
 * @example
 * ```ts
 * import { roundAmountsRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [1, 2, 3, 4, 5].map((d) => ({ id: `T${d}`, date: `2024-01-0${d}`, amount: 500000, currency: "TZS", toAccount: "A", channel: "cash_deposit" })) });
 * runRules(dataset, { rules: [roundAmountsRule] }).alerts[0].value; // 5
 * ```
 */
export const roundAmountsRule = defineRule({
  id: "round_amounts",
  title: "Round amounts in cash and mobile money",
  typology: "round_amounts",
  indicator: "Themis IWT red flags: cash placement in round amounts; FATF (2020)",
  description: "Most round-amount cash-like transactions of an account in a sliding window, when they dominate that window.",
  needs: [["cash", "mobile_money"]],
  unit: "transactions",
  params: RoundAmountsParamsSchema,
  threshold: (p) => p.minCount,
  bands: (p) => [
    { min: p.minCount, severity: "low", score: 25, reason: "round cash amounts are typical of placement, though weak alone" },
    { min: p.minCount * 3, severity: "medium", score: 40, reason: "many round cash amounts" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const mask = channelMask(p.channels);
    const W = p.windowDays * DAY;
    const isRound = (i: number) => {
      const q = t.amount[i] / p.roundTo;
      return Math.abs(q - Math.round(q)) < 1e-9 && q >= 1;
    };
    const out: Measurement[] = [];
    // prefilter: accounts with fewer round cash-like transactions than minCount cannot alert
    const rounds = new Int32Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      if (mask[t.channel[i]] !== 1 || !isRound(i)) continue;
      if (t.from[i] >= 0) rounds[t.from[i]]++;
      if (t.to[i] >= 0 && t.to[i] !== t.from[i]) rounds[t.to[i]]++;
    }
    for (let a = 0; a < ds.accounts.length; a++) {
      if (rounds[a] < p.minCount) continue;
      const ev = accountEvents(ctx, a).filter((i) => mask[t.channel[i]] === 1);
      if (ev.length < p.minCount) continue;
      let l = 0;
      let round = 0;
      let best: { l: number; r: number; round: number } | undefined;
      for (let r = 0; r < ev.length; r++) {
        while (t.time[ev[r]] - t.time[ev[l]] > W) if (isRound(ev[l++])) round--;
        if (isRound(ev[r])) round++;
        if (round >= p.minCount && round >= p.minShare * (r - l + 1) && (!best || round > best.round)) best = { l, r, round };
      }
      if (!best) continue;
      const txs = ev.slice(best.l, best.r + 1).filter(isRound);
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[txs[0]])}`,
        value: best.round,
        accounts: [a],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { of: best.r - best.l + 1 },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} had ${plural(m.value, "round-amount transaction")} (multiples of ${p.roundTo}) out of ${m.facts?.of} cash or mobile-money transactions between ${day(m.start ?? 0)} and ${day(m.end ?? 0)} (threshold: ${p.minCount} in ${p.windowDays} days)`,
});

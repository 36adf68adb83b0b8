import { z } from "zod";
import { matchRelays } from "./relays.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, HOUR, money, plural } from "./windows.js";

/**
 * Parameters of {@link rapidMovementRule}.
 *
 * @example
 * ```ts
 * import { RapidMovementParamsSchema } from "wildtrace";
 * RapidMovementParamsSchema.parse({}).maxGapHours; // 24
 * RapidMovementParamsSchema.parse({ maxGapHours: 6 }).maxGapHours; // 6
 * RapidMovementParamsSchema.safeParse({ maxGapHoursX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const RapidMovementParamsSchema = z
  .object({
    /** Most hours between receiving and paying on. [default: 24] */
    maxGapHours: z.number().positive().default(24),
    /** The onward payment carries at least this fraction of the incoming one. [default: 0.8] */
    minRatio: z.number().min(0).max(1).default(0.8),
    /** Sliding window in days. [default: 7] */
    windowDays: z.number().positive().default(7),
    /** Quick relays in one window that alert. [default: 3] */
    minRelays: z.number().int().min(1).default(3),
    /** Least amount of an incoming transfer counted, base currency. [default: 1000] */
    minAmount: z.number().min(0).default(1000),
  })
  .strict();

/**
 * `rapid_movement`: funds received are paid on within hours, again and again (FATF 2020; FinCEN
 * 2021 wildlife SARs: rapid movement of funds through accounts). Counts quick relays (an incoming
 * transfer followed by an outgoing one of most of its amount within `maxGapHours`) per window.
 *
 * @example
 * ```ts
 * import { rapidMovementRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [1, 2, 3].flatMap((d) => [
 *   { id: `I${d}`, date: `2024-01-0${d}T08:00:00Z`, amount: 5000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: `O${d}`, date: `2024-01-0${d}T15:00:00Z`, amount: 4900, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ]) });
 * runRules(dataset, { rules: [rapidMovementRule] }).alerts[0].value; // 3
 * ```
 */
export const rapidMovementRule = defineRule({
  id: "rapid_movement",
  title: "Rapid movement: received and paid on within hours",
  typology: "rapid_movement",
  indicator: "FATF (2020) and FinCEN (2021) wildlife trafficking red flags: rapid movement of funds",
  description: "Most quick relays (received, then mostly paid on within hours) of an account in a sliding window.",
  needs: ["transactions"],
  unit: "relays",
  params: RapidMovementParamsSchema,
  threshold: (p) => p.minRelays,
  bands: (p) => [
    { min: p.minRelays, severity: "low", score: 35, reason: "money repeatedly stayed only hours in the account" },
    { min: p.minRelays * 3, severity: "medium", score: 55, reason: "money very often stayed only hours in the account" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const W = p.windowDays * DAY;
    const out: Measurement[] = [];
    for (let a = 0; a < ds.accounts.length; a++) {
      const pairs = matchRelays(ctx, a, p.maxGapHours * HOUR, p.minRatio, 1.02, p.minAmount);
      if (pairs.length < p.minRelays) continue;
      let l = 0;
      let bl = 0;
      let br = -1;
      for (let r = 0; r < pairs.length; r++) {
        while (t.time[pairs[r][0]] - t.time[pairs[l][0]] > W) l++;
        if (r - l > br - bl) {
          bl = l;
          br = r;
        }
      }
      const sel = pairs.slice(bl, br + 1);
      if (sel.length < p.minRelays) continue;
      let total = 0;
      const cps = new Set<number>();
      for (const [i, o] of sel) {
        total += t.baseAmount[i];
        if (t.from[i] >= 0) cps.add(t.from[i]);
        if (t.to[o] >= 0) cps.add(t.to[o]);
      }
      const txs = sel.flat().sort((x, y) => t.time[x] - t.time[y] || x - y);
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[sel[0][0]])}`,
        value: sel.length,
        accounts: [a, ...[...cps].sort((x, y) => x - y)],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { total },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} paid on ${plural(m.value, "incoming transfer")} (${money(ctx, Number(m.facts?.total ?? 0))} in all) within ${p.maxGapHours} hours of receiving each, between ${day(m.start ?? 0)} and ${day(m.end ?? 0)} (threshold: ${p.minRelays} in ${p.windowDays} days)`,
});

import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money, plural } from "./windows.js";

/**
 * Parameters of {@link structuringRule}.
 *
 * @example
 * ```ts
 * import { StructuringParamsSchema } from "wildtrace";
 * StructuringParamsSchema.parse({}).reportingThreshold; // 10000
 * StructuringParamsSchema.parse({ reportingThreshold: 15000 }).reportingThreshold; // 15000
 * StructuringParamsSchema.safeParse({ reportingThresholdX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const StructuringParamsSchema = z
  .object({
    /** The cash reporting threshold, base currency (10,000 in the US and many FIUs). [default: 10000] */
    reportingThreshold: z.number().positive().default(10000),
    /** "Just under" means within this fraction below the threshold. [default: 0.1] */
    margin: z.number().gt(0).lt(1).default(0.1),
    /** Sliding window in days. [default: 7] */
    windowDays: z.number().positive().default(7),
    /** Cash transactions just under the threshold in one window that alert. [default: 3] */
    minCount: z.number().int().min(2).default(3),
  })
  .strict();

const CASH_DEPOSIT = CHANNELS.indexOf("cash_deposit");
const CASH_WITHDRAWAL = CHANNELS.indexOf("cash_withdrawal");

/**
 * `structuring`: repeated cash deposits or withdrawals just under the reporting threshold within
 * a sliding window (FinCEN structuring guidance; FATF 2020 cash placement; Themis: poachers paid
 * in cash). Counted per account and direction.
 *
 * @example
 * ```ts
 * import { structuringRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [9800, 9700, 9900].map((amount, k) => ({ id: `T${k}`, date: `2024-01-1${k}`, amount, currency: "USD", toAccount: "A", channel: "cash_deposit" })) });
 * runRules(dataset, { rules: [structuringRule] }).alerts[0].value; // 3
 * ```
 */
export const structuringRule = defineRule({
  id: "structuring",
  title: "Structuring: repeated cash just under the reporting threshold",
  typology: "structuring",
  indicator: "FinCEN / FATF cash structuring red flag; Themis IWT red flags: cash placement",
  description: "Most cash deposits (or withdrawals) of one account just under the reporting threshold within a sliding window.",
  needs: ["cash"],
  unit: "transactions",
  params: StructuringParamsSchema,
  threshold: (p) => p.minCount,
  bands: (p) => [
    { min: p.minCount, severity: "medium", score: 55, reason: `${p.minCount} or more cash amounts just under the reporting threshold suggest it is being avoided` },
    { min: p.minCount * 2, severity: "high", score: 75, reason: "many cash amounts just under the reporting threshold" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    const lo = p.reportingThreshold * (1 - p.margin);
    const hiAmt = p.reportingThreshold;
    const W = p.windowDays * DAY;
    const under = (i: number) => t.baseAmount[i] >= lo && t.baseAmount[i] < hiAmt;
    const out: Measurement[] = [];
    const scan = (a: number, list: Int32Array, s: number, e: number, isCash: (i: number) => boolean, dir: string) => {
      const picked: number[] = [];
      for (let k = s; k < e; k++) if (isCash(list[k]) && under(list[k])) picked.push(list[k]);
      if (picked.length < p.minCount) return;
      let l = 0;
      let bestL = 0;
      let bestR = -1;
      for (let r = 0; r < picked.length; r++) {
        while (t.time[picked[r]] - t.time[picked[l]] > W) l++;
        if (r - l > bestR - bestL) {
          bestL = l;
          bestR = r;
        }
      }
      const txs = picked.slice(bestL, bestR + 1);
      if (txs.length < p.minCount) return;
      let total = 0;
      for (const i of txs) total += t.baseAmount[i];
      out.push({
        key: `${ds.accounts[a].id}:${dir}:${day(t.time[txs[0]])}`,
        value: txs.length,
        accounts: [a],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { total, dir },
      });
    };
    // one pass in table order: the cash deposits (1) and withdrawals (2) just under the threshold,
    // counted per account; only accounts with minCount of them can alert, and only they are scanned
    const flag = new Uint8Array(t.length);
    const nIn = new Int32Array(ds.accounts.length);
    const nOut = new Int32Array(ds.accounts.length);
    for (let i = 0; i < t.length; i++) {
      if (!under(i)) continue;
      const from = t.from[i];
      const to = t.to[i];
      const c = t.channel[i];
      if (to >= 0 && (c === CASH_DEPOSIT || from < 0)) {
        flag[i] |= 1;
        nIn[to]++;
      }
      if (from >= 0 && (c === CASH_WITHDRAWAL || to < 0)) {
        flag[i] |= 2;
        nOut[from]++;
      }
    }
    const cashIn = (i: number) => (flag[i] & 1) !== 0;
    const cashOut = (i: number) => (flag[i] & 2) !== 0;
    for (let a = 0; a < ds.accounts.length; a++) {
      if (nIn[a] >= p.minCount) scan(a, inTx, inStart[a], inStart[a + 1], cashIn, "in");
      if (nOut[a] >= p.minCount) scan(a, outTx, outStart[a], outStart[a + 1], cashOut, "out");
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Account ${accountLabel(ctx, m.accounts[0])} had ${plural(m.value, m.facts?.dir === "in" ? "cash deposit" : "cash withdrawal")} totalling ${money(ctx, Number(m.facts?.total ?? 0))} between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, each just under the ${money(ctx, p.reportingThreshold)} reporting threshold (threshold: ${p.minCount} in ${p.windowDays} days)`,
});

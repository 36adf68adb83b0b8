import { z } from "zod";
import { onwardStartsByOut, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money } from "./windows.js";

/**
 * Parameters of {@link cycleRule}.
 *
 * @example
 * ```ts
 * import { CycleParamsSchema } from "wildtrace";
 * CycleParamsSchema.parse({}).minLength; // 3
 * CycleParamsSchema.parse({ windowDays: 14 }).windowDays; // 14
 * CycleParamsSchema.safeParse({ minLengthX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const CycleParamsSchema = z
  .object({
    /** Fewest transfers in a cycle (2 would flag every refund). [default: 3] */
    minLength: z.number().int().min(2).default(3),
    /** Most transfers in a cycle. [default: 6] */
    maxLength: z.number().int().min(2).max(12).default(6),
    /** The whole cycle happens within this many days of its first transfer. [default: 30] */
    windowDays: z.number().positive().default(30),
    /** Each transfer happens at or after the previous one (time-respecting cycle). [default: true] */
    timeOrdered: z.boolean().default(true),
    /** Each transfer is within this fraction of the previous one's amount. [default: 0.2] */
    amountTolerance: z.number().min(0).max(10).default(0.2),
    /** Least amount of the first transfer, base currency. [default: 0] */
    minAmount: z.number().min(0).default(0),
    /** Search budget: most extensions tried per starting transfer. [default: 2000] */
    maxExpansions: z.number().int().min(10).default(2000),
  })
  .strict();

/**
 * `cycle`: money leaves an account and comes back to it through other accounts (IBM AMLSim /
 * AMLworld "cycle"; Themis IWT red flags: circular transfers among local accounts). By default
 * time-respecting: each transfer at or after the previous one, within a window, carrying about
 * the same amount. Each cycle is reported once, from its lowest-numbered account.
 *
 * @example
 * ```ts
 * import { cycleRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 1000, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-02", amount: 990, currency: "USD", fromAccount: "B", toAccount: "C" },
 *   { id: "T3", date: "2024-01-03", amount: 980, currency: "USD", fromAccount: "C", toAccount: "A" },
 * ] });
 * runRules(dataset, { rules: [cycleRule] }).alerts[0].accounts; // ["A", "B", "C"]
 * ```
 */
export const cycleRule = defineRule({
  id: "cycle",
  title: "Cycle: money returns to where it started",
  typology: "cycle",
  indicator: "IBM AMLSim / AMLworld cycle pattern; Themis IWT red flags: circular transfers among local accounts",
  description: "Transfers of about the same amount that leave an account and return to it through other accounts, in time order.",
  needs: ["transactions"],
  unit: "transfers",
  params: CycleParamsSchema,
  threshold: (p) => p.minLength,
  bands: (p) => [
    { min: p.minLength, severity: "medium", score: 50, reason: "money went round a closed loop of accounts" },
    { min: Math.max(p.minLength + 2, 5), severity: "high", score: 70, reason: "a long loop hides the origin of the money" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { outStart, outTx } = ctx.adjacency;
    const n = ds.accounts.length;
    const onPath = new Uint8Array(n);
    const W = p.windowDays * DAY;
    const found = new Map<string, Measurement>();
    const pathTx: number[] = [];
    const pathAcc: number[] = [];
    let budget = 0;
    const record = () => {
      const key = pathAcc.map((a) => ds.accounts[a].id).join(">");
      if (found.has(key)) return;
      const txs = [...pathTx].sort((x, y) => t.time[x] - t.time[y] || x - y);
      found.set(key, {
        key: `${key}:${day(t.time[txs[0]])}`,
        value: pathTx.length,
        accounts: [...pathAcc],
        transactions: txs,
        start: t.time[txs[0]],
        end: t.time[txs[txs.length - 1]],
        facts: { amount: t.baseAmount[pathTx[0]], back: t.baseAmount[pathTx[pathTx.length - 1]] },
      });
    };
    // the previous transfer (at position prevK of its sender's list) pays into node, so node's
    // first payment at or after it is onward[prevK]
    const onward = onwardStartsByOut(ctx);
    const { other: outTo, time: outTime, amount: outAmount } = outColumns(ctx);
    const dfs = (s: number, node: number, prevK: number, t0: number) => {
      if (budget-- <= 0) return;
      const hi = outStart[node + 1];
      const prevTx = outTx[prevK];
      const tPrev = outTime[prevK];
      const aPrev = outAmount[prevK];
      const lo = p.timeOrdered ? onward[prevK] : outStart[node];
      for (let k = lo; k < hi; k++) {
        const te = outTime[k];
        if (p.timeOrdered) {
          if (te > t0 + W) break;
          if (te < tPrev) continue;
        } else if (Math.abs(te - t0) > W) {
          if (te > t0) break;
          continue;
        }
        const nx = outTo[k];
        if (nx < 0 || !(Math.abs(outAmount[k] - aPrev) <= p.amountTolerance * aPrev)) continue;
        const e = outTx[k];
        if (e === prevTx) continue;
        if (nx === s) {
          if (pathTx.length + 1 >= p.minLength) {
            pathTx.push(e);
            record();
            pathTx.pop();
          }
          continue;
        }
        if (nx < s || onPath[nx] || pathTx.length + 1 >= p.maxLength) continue;
        onPath[nx] = 1;
        pathTx.push(e);
        pathAcc.push(nx);
        dfs(s, nx, k, t0);
        pathAcc.pop();
        pathTx.pop();
        onPath[nx] = 0;
        if (budget <= 0) return;
      }
    };
    for (let s = 0; s < n; s++) {
      for (let k = outStart[s]; k < outStart[s + 1]; k++) {
        const a = outTo[k];
        if (a <= s || outAmount[k] < p.minAmount) continue;
        const e0 = outTx[k];
        budget = p.maxExpansions;
        onPath[s] = 1;
        onPath[a] = 1;
        pathTx.push(e0);
        pathAcc.push(s, a);
        dfs(s, a, k, outTime[k]);
        pathAcc.length = 0;
        pathTx.length = 0;
        onPath[s] = 0;
        onPath[a] = 0;
      }
    }
    return [...found.values()];
  },
  explain: (m, p, ctx) =>
    `Money went round a loop of ${m.value} transfers (${m.accounts.map((a) => ctx.dataset.accounts[a].id).join(" -> ")} -> ${ctx.dataset.accounts[m.accounts[0]].id}) between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}: ${money(ctx, Number(m.facts?.amount ?? 0))} left ${accountLabel(ctx, m.accounts[0])} and ${money(ctx, Number(m.facts?.back ?? 0))} came back${p.timeOrdered ? ", each transfer after the previous one" : ""}`,
});

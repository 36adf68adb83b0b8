import { z } from "zod";
import { onwardStarts, onwardStartsByOut, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, money, plural } from "./windows.js";

/**
 * Parameters of {@link scatterGatherRule}.
 *
 * @example
 * ```ts
 * import { ScatterGatherParamsSchema } from "wildtrace";
 * ScatterGatherParamsSchema.parse({}).minIntermediaries; // 4
 * ScatterGatherParamsSchema.parse({ minIntermediaries: 3 }).minIntermediaries; // 3
 * ScatterGatherParamsSchema.safeParse({ minIntermediariesX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
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
 * `scatter_gather`: one source pays several intermediaries, which each pay on to the same final
 * account within days (IBM AMLSim / AMLworld "scatter-gather"): splitting to avoid one large,
 * visible transfer. A source is all the accounts of one holder, or of one resolved entity (a
 * trader paying from two identities is one source).
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
    const n = ds.accounts.length;
    const W = p.windowDays * DAY;
    const count = new Int32Array(n);
    const stampD = new Int32Array(n).fill(-1);
    let stamp = 0;
    const seq: number[] = [];
    const touched: number[] = [];
    const out: Measurement[] = [];
    // onward payments of intermediary m after payment e of s: calls visit(f, d) for each candidate
    const onward = (s: number, e: number, visit: (f: number, d: number) => void) => {
      const m = t.to[e];
      const te = t.time[e];
      const hi = outStart[m + 1];
      let seen = 0;
      for (let q = onwardFrom[e]; q < hi && seen < p.maxBranch; q++) {
        const f = outTx[q];
        if (t.time[f] - te > W) break;
        const d = t.to[f];
        if (d < 0 || sameSource(d, s) || d === m || f === e || t.baseAmount[f] < p.minCarry * t.baseAmount[e]) continue;
        seen++;
        visit(f, d);
      }
    };
    // sources: the accounts of one holder (or one resolved entity) scatter together
    const groupOf = (a: number): number => {
      const h = ds.accountHolder[a];
      if (h < 0) return a;
      const e = ctx.partyEntity[h];
      return e >= 0 ? n + ds.parties.length + e : n + h;
    };
    // groups as dense ids in order of their first (lowest) account, with their accounts in a CSR
    // (typed arrays rather than a map of arrays: no per-account garbage)
    const dense = new Map<number, number>();
    const group = new Int32Array(n).fill(-1);
    let groups = 0;
    for (let a = 0; a < n; a++) {
      if (outStart[a + 1] === outStart[a]) continue;
      const g = groupOf(a);
      let id = dense.get(g);
      if (id === undefined) {
        id = groups++;
        dense.set(g, id);
      }
      group[a] = id;
    }
    const memberStart = new Int32Array(groups + 1);
    for (let a = 0; a < n; a++) if (group[a] >= 0) memberStart[group[a] + 1]++;
    for (let g = 0; g < groups; g++) memberStart[g + 1] += memberStart[g];
    const memberOf = new Int32Array(memberStart[groups]);
    const fill = memberStart.slice(0, groups);
    for (let a = 0; a < n; a++) if (group[a] >= 0) memberOf[fill[group[a]]++] = a;
    const sameSource = (x: number, y: number) => x >= 0 && y >= 0 && group[x] === group[y] && group[x] !== -1;
    const onwardFrom = onwardStarts(ctx);
    const onwardOut = onwardStartsByOut(ctx);
    // receiver, time and amount of each outgoing list entry, in list order (shared with other
    // rules) so that the scans below read memory in sequence
    const { other: outTo, time: outTime, amount: outAmount } = outColumns(ctx);
    // payments of one source grouped by intermediary: head[m] starts a chain through next[]
    const head = new Int32Array(n).fill(-1);
    let next = new Int32Array(64);
    const inter: number[] = [];
    for (let gs = 0; gs < groups; gs++) {
      const gLo = memberStart[gs];
      const gHi = memberStart[gs + 1];
      const s = memberOf[gLo];
      let deg = 0;
      for (let x = gLo; x < gHi; x++) deg += outStart[memberOf[x] + 1] - outStart[memberOf[x]];
      if (deg < p.minIntermediaries) continue;
      seq.length = 0;
      for (let x = gLo; x < gHi; x++) {
        const src = memberOf[x];
        for (let k = outStart[src]; k < outStart[src + 1]; k++) {
          const m = outTo[k];
          if (m < 0 || group[m] === gs || outAmount[k] < p.minAmount || outStart[m + 1] === outStart[m]) continue;
          seq.push(k);
        }
      }
      if (seq.length < p.minIntermediaries) continue;
      if (next.length < seq.length) next = new Int32Array(seq.length * 2);
      inter.length = 0;
      for (let j = 0; j < seq.length; j++) {
        const m = outTo[seq[j]];
        if (head[m] < 0) inter.push(m);
        next[j] = head[m];
        head[m] = j;
      }
      // each (intermediary, target) pair counts once, with a stamp per intermediary; the order of
      // the payments does not change the counts. Fewer intermediaries than the threshold cannot alert.
      const enough = inter.length >= p.minIntermediaries;
      touched.length = 0;
      for (const m of inter) {
        const first = head[m];
        head[m] = -1;
        if (!enough) continue;
        stamp++;
        const hi = outStart[m + 1];
        for (let j = first; j >= 0; j = next[j]) {
          const k = seq[j];
          const e = outTx[k];
          const te = outTime[k];
          const least = p.minCarry * outAmount[k];
          let seen = 0;
          for (let q = onwardOut[k]; q < hi && seen < p.maxBranch; q++) {
            if (outTime[q] - te > W) break;
            const d = outTo[q];
            if (d < 0 || group[d] === gs || d === m || outTx[q] === e || outAmount[q] < least) continue;
            seen++;
            if (stampD[d] === stamp) continue;
            stampD[d] = stamp;
            if (count[d] === 0) touched.push(d);
            count[d]++;
          }
        }
      }
      if (!enough) continue;
      let bestD = -1;
      for (const d of touched) {
        if (bestD < 0 || count[d] > count[bestD] || (count[d] === count[bestD] && d < bestD)) bestD = d;
      }
      const best = bestD >= 0 ? count[bestD] : 0;
      for (const d of touched) count[d] = 0;
      if (best < p.minIntermediaries) continue;
      const srcs = Array.from(memberOf.subarray(gLo, gHi));
      // evidence: the first payment to each intermediary that reached bestD, and its onward payment
      const mids = new Map<number, [number, number]>();
      for (const src of srcs) for (let k = outStart[src]; k < outStart[src + 1]; k++) {
        const e = outTx[k];
        const m = t.to[e];
        if (m < 0 || sameSource(m, s) || mids.has(m) || t.baseAmount[e] < p.minAmount) continue;
        onward(s, e, (f, d) => {
          if (d === bestD && !mids.has(m)) mids.set(m, [e, f]);
        });
      }
      const pairs = [...mids.entries()].sort((a, b) => a[0] - b[0]);
      const txs = pairs.flatMap(([, ef]) => ef).sort((x, y) => t.time[x] - t.time[y] || x - y);
      const span = t.time[txs[txs.length - 1]] - t.time[txs[0]];
      if (span > 2 * W) continue;
      let scattered = 0;
      let gathered = 0;
      for (const [, [e, f]] of pairs) {
        scattered += t.baseAmount[e];
        gathered += t.baseAmount[f];
      }
      const senders = srcs.filter((a) => pairs.some(([, [e]]) => t.from[e] === a));
      out.push({
        key: `${ds.accounts[senders[0]].id}>${ds.accounts[bestD].id}:${day(t.time[txs[0]])}`,
        value: pairs.length,
        accounts: [senders[0], bestD, ...pairs.map(([m]) => m), ...senders.slice(1)],
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

import { z } from "zod";
import { CORRIDOR_DESTINATION, CORRIDOR_SOURCE, CORRIDOR_TRANSIT } from "./corridors.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, DAY, day, firstAfter, money, sideCountries } from "./windows.js";

/**
 * Parameters of {@link highRiskCorridorRule}.
 *
 * @example
 * ```ts
 * import { HighRiskCorridorParamsSchema } from "wildtrace";
 * HighRiskCorridorParamsSchema.parse({}).maxHops; // 4
 * HighRiskCorridorParamsSchema.parse({ minAmount: 10000 }).minAmount; // 10000
 * HighRiskCorridorParamsSchema.safeParse({ maxHopsX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const HighRiskCorridorParamsSchema = z
  .object({
    /** Commodities considered (keys of the corridors data); empty means all. [default: []] */
    commodities: z.array(z.string()).default([]),
    /** Most transfers in a followed chain. [default: 4] */
    maxHops: z.number().int().min(1).max(8).default(4),
    /** Most days between a transfer and the next one in the chain. [default: 30] */
    maxGapDays: z.number().positive().default(30),
    /** Each next transfer carries at least this fraction of the previous one. [default: 0.5] */
    minCarry: z.number().min(0).max(1).default(0.5),
    /** Least amount of the first transfer, base currency. [default: 5000] */
    minAmount: z.number().min(0).default(5000),
    /** Onward transfers examined per account. [default: 20] */
    maxBranch: z.number().int().min(1).default(20),
  })
  .strict();

const STAGE_NAMES = ["destination market", "transit hub", "source country"];

/**
 * `high_risk_corridor`: money that travels from a destination market of a wildlife commodity to
 * its source countries, directly or through transit hubs (Themis IWT red flags: geography;
 * organisers in destination countries pay associates in source countries). Money flows against
 * the goods: a buyer in CN pays through MY a supplier in TZ. The measured value is the number of
 * corridor stages crossed in order (2 = destination to source, 3 = through a transit hub), so a
 * multi-hop chain counts more than a single hop. Corridors are data (`datasets/corridors`);
 * seizure counts from the ROUTES data are quoted as context.
 *
 * @example
 * ```ts
 * import { highRiskCorridorRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   accounts: [{ id: "CN1", country: "CN" }, { id: "MY1", country: "MY" }, { id: "TZ1", country: "TZ" }],
 *   transactions: [
 *     { id: "T1", date: "2024-01-08", amount: 48000, currency: "USD", fromAccount: "CN1", toAccount: "MY1" },
 *     { id: "T2", date: "2024-01-09", amount: 47500, currency: "USD", fromAccount: "MY1", toAccount: "TZ1" },
 *   ],
 * });
 * runRules(dataset, { rules: [highRiskCorridorRule] }).alerts[0].value; // 3
 * ```
 */
export const highRiskCorridorRule = defineRule({
  id: "high_risk_corridor",
  title: "High-risk wildlife corridor: destination to source money chain",
  typology: "high_risk_corridor",
  indicator: "Themis IWT red flags (geography, direction); FATF (2020); ROUTES seizure routes 2009-2017",
  description: "Corridor stages (destination, transit, source) crossed in order by a chain of transfers that passes most of the money on.",
  needs: ["countries"],
  unit: "stages",
  params: HighRiskCorridorParamsSchema,
  threshold: () => 2,
  bands: () => [
    { min: 2, severity: "low", score: 35, reason: "money from a wildlife destination market reached a source country (common in ordinary trade too)" },
    { min: 3, severity: "high", score: 70, reason: "a multi-hop chain through a transit hub matches a known trafficking corridor" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { outStart, outTx, byTime } = ctx.adjacency;
    const { roles, seizures } = ctx.corridorRoles;
    const names = [...roles.keys()].filter((c) => p.commodities.length === 0 || p.commodities.includes(c));
    // role bits per commodity per country index
    const bits = names.map((c) => {
      const m = roles.get(c)!;
      return ds.countries.map((code) => m.get(code) ?? 0);
    });
    const gap = p.maxGapDays * DAY;
    interface Best {
      stages: number;
      commodity: number;
      txs: number[];
      countries: number[];
      seizures: number;
    }
    const bestByAccount = new Map<number, Best>();
    const stageOf = (c: number, country: number): number => {
      const b = bits[c][country];
      return b & CORRIDOR_SOURCE ? 2 : b & CORRIDOR_TRANSIT ? 1 : b & CORRIDOR_DESTINATION ? 0 : -1;
    };
    const pathTx: number[] = [];
    const pathCountry: number[] = [];
    const consider = (c: number, start: number) => {
      // stages crossed in order along the countries of the path
      let stage = 0;
      let crossed = 1;
      let transit = false;
      for (let k = 1; k < pathCountry.length; k++) {
        const s = stageOf(c, pathCountry[k]);
        if (s < 0 || pathCountry[k] === pathCountry[k - 1]) continue;
        if (s < stage) return;
        if (s > stage) {
          if (s === 1) transit = true;
          stage = s;
        }
      }
      if (stage !== 2) return;
      crossed = transit ? 3 : 2;
      let seized = 0;
      for (let k = 1; k < pathCountry.length; k++) {
        if (pathCountry[k] !== pathCountry[k - 1]) seized += seizures.get(`${ds.countries[pathCountry[k]]}>${ds.countries[pathCountry[k - 1]]}`) ?? 0;
      }
      const prev = bestByAccount.get(start);
      const better =
        !prev ||
        crossed > prev.stages ||
        (crossed === prev.stages && (names[c] !== "general") > (names[prev.commodity] !== "general")) ||
        (crossed === prev.stages && (names[c] !== "general") === (names[prev.commodity] !== "general") && pathTx.length < prev.txs.length);
      if (better) bestByAccount.set(start, { stages: crossed, commodity: c, txs: [...pathTx], countries: [...pathCountry], seizures: seized });
    };
    const extend = (c: number, start: number) => {
      const last = pathTx[pathTx.length - 1];
      const lastCountry = pathCountry[pathCountry.length - 1];
      if (lastCountry !== pathCountry[0] && stageOf(c, lastCountry) === 2) consider(c, start);
      if (pathTx.length >= p.maxHops) return;
      const b = t.to[last];
      if (b < 0) return;
      const hi = outStart[b + 1];
      let seen = 0;
      for (let q = firstAfter(outTx, outStart[b], hi, t.time, t.time[last]); q < hi && seen < p.maxBranch; q++) {
        const f = outTx[q];
        if (t.time[f] - t.time[last] > gap) break;
        if (t.to[f] < 0 || t.baseAmount[f] < p.minCarry * t.baseAmount[last]) continue;
        seen++;
        const [, fc] = sideCountries(ctx, f);
        if (fc === 0) continue;
        const s = stageOf(c, fc);
        if (s < 0 && fc !== lastCountry) continue;
        pathTx.push(f);
        pathCountry.push(fc);
        extend(c, start);
        pathTx.pop();
        pathCountry.pop();
      }
    };
    for (let k = 0; k < byTime.length; k++) {
      const e = byTime[k];
      const a = t.from[e];
      if (a < 0 || t.to[e] < 0 || t.baseAmount[e] < p.minAmount) continue;
      const [fc, tc] = sideCountries(ctx, e);
      if (fc === 0 || tc === 0 || fc === tc) continue;
      for (let c = 0; c < names.length; c++) {
        if (stageOf(c, fc) !== 0 || stageOf(c, tc) < 1) continue;
        pathTx.push(e);
        pathCountry.push(fc, tc);
        extend(c, a);
        pathTx.length = 0;
        pathCountry.length = 0;
      }
    }
    const out: Measurement[] = [];
    for (const [a, b] of [...bestByAccount.entries()].sort((x, y) => x[0] - y[0])) {
      const accounts = [a];
      for (const f of b.txs) if (!accounts.includes(t.to[f])) accounts.push(t.to[f]);
      const countries: string[] = [];
      for (const c of b.countries) if (countries[countries.length - 1] !== ds.countries[c]) countries.push(ds.countries[c]);
      out.push({
        key: `${ds.accounts[a].id}:${day(t.time[b.txs[0]])}`,
        value: b.stages,
        accounts,
        transactions: b.txs,
        start: t.time[b.txs[0]],
        end: t.time[b.txs[b.txs.length - 1]],
        facts: { commodity: names[b.commodity], countries: countries.join(" -> "), seizures: b.seizures, amount: t.baseAmount[b.txs[0]] },
      });
    }
    return out;
  },
  explain: (m, _p, ctx) =>
    `${money(ctx, Number(m.facts?.amount ?? 0))} from account ${accountLabel(ctx, m.accounts[0])} travelled ${m.facts?.countries} in ${m.transactions.length} transfer(s) between ${day(m.start ?? 0)} and ${day(m.end ?? 0)}, crossing ${m.value === 3 ? `${STAGE_NAMES.join(", ")}` : `${STAGE_NAMES[0]} and ${STAGE_NAMES[2]}`} of the ${String(m.facts?.commodity).replace(/_/g, " ")} corridor${Number(m.facts?.seizures) > 0 ? ` (the reverse goods route appears in ${m.facts?.seizures} ROUTES airport seizures)` : ""}`,
});

import { z } from "zod";
import { CHANNELS } from "../model/codes.js";
import type { RuleContext } from "./context.js";
import { outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { accountLabel, bestDistinctWindow, channelMask, DAY, day, money, plural, windowEvidence } from "./windows.js";

/**
 * Words that mark a payment as ordinary pay (salaries, wages, pensions, dividends) in the
 * languages of the lexicon; fan-out and official-payment rules do not count such payments.
 *
 * @example
 * ```ts
 * ORDINARY_REFERENCES.includes("salary"); // true
 * ORDINARY_REFERENCES.includes("mshahara"); // true: Swahili for salary
 * ```
 */
export const ORDINARY_REFERENCES: readonly string[] = Object.freeze([
  "salary",
  "salaries",
  "payroll",
  "wage",
  "wages",
  "pension",
  "dividend",
  "mshahara",
  "salaire",
  "salário",
  "salario",
  "lương",
  "工资",
  "薪水",
  "gaji",
]);

/**
 * Parameters of {@link fanOutRule}.
 *
 * @example
 * ```ts
 * import { FanOutParamsSchema } from "wildtrace";
 * FanOutParamsSchema.parse({}).windowDays; // 7
 * FanOutParamsSchema.parse({ minCounterparties: 8 }).minCounterparties; // 8
 * FanOutParamsSchema.safeParse({ windowDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const FanOutParamsSchema = z
  .object({
    /** Sliding window length in days. [default: 7] */
    windowDays: z.number().positive().default(7),
    /** Distinct recipients in one window that alert. [default: 10] */
    minCounterparties: z.number().int().min(2).default(10),
    /** A recipient counts once it received this many transfers in the window. [default: 1] */
    minTransfersPerRecipient: z.number().int().min(1).default(1),
    /** Least total paid in the window, base currency. [default: 0] */
    minTotal: z.number().min(0).default(0),
    /** Channels not counted. [default: ["card"]] */
    excludeChannels: z.array(z.enum(CHANNELS)).default(["card"]),
    /** Payments whose reference contains one of these words are ordinary (payroll, pensions) and not counted. [default: {@link ORDINARY_REFERENCES}] */
    ordinaryReferences: z.array(z.string().min(2)).default([...ORDINARY_REFERENCES]),
  })
  .strict();

/**
 * Holder pairs (employer, employee) from `employs` relationships, as `employer * parties + employee`.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", kind: "company", name: "Kilwa Timber Ltd" }, { id: "P2", kind: "person", name: "Juma Ali" }],
 *   relationships: [{ from: "P1", to: "P2", type: "employs" }],
 *   transactions: [],
 * });
 * const pairs = employmentPairs(createRuleContext(dataset));
 * pairs.has(0 * dataset.parties.length + 1); // true: P1 (party 0) employs P2 (party 1)
 * ```
 */
export function employmentPairs(ctx: RuleContext): Set<number> {
  const ds = ctx.dataset;
  const s = new Set<number>();
  for (const r of ds.relationships) {
    if (r.type !== "employs") continue;
    const a = ds.partyIndex.get(r.from);
    const b = ds.partyIndex.get(r.to);
    if (a !== undefined && b !== undefined) s.add(a * ds.parties.length + b);
  }
  return s;
}

/**
 * Per reference index: 1 when the reference names an ordinary purpose (whole-word match).
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-31", amount: 400, currency: "USD", fromAccount: "A", toAccount: "B", reference: "Salary January" },
 *   { id: "T2", date: "2024-01-31", amount: 400, currency: "USD", fromAccount: "A", toAccount: "C", reference: "invoice 42" },
 * ] });
 * const ordinary = ordinaryReferenceFlags(createRuleContext(dataset), ORDINARY_REFERENCES);
 * ordinary(dataset.transactions.reference[0]); // true
 * ordinary(dataset.transactions.reference[1]); // false
 * ```
 */
export function ordinaryReferenceFlags(ctx: RuleContext, words: readonly string[]): (i: number) => boolean {
  const refs = ctx.dataset.references;
  const flags = new Int8Array(refs.length).fill(-1);
  const set = new Set(words.map((w) => w.toLowerCase()));
  const lower = [...set];
  const unspaced = words.filter((w) => /[\p{Script=Han}\p{Script=Thai}]/u.test(w));
  return (r: number) => {
    if (r <= 0) return false;
    if (flags[r] < 0) {
      const text = refs[r].toLowerCase();
      // a token equal to a word is also a substring: split only the few texts containing one
      const hit =
        (lower.some((w) => text.includes(w)) && text.split(/[^\p{L}\p{N}]+/u).some((tok) => set.has(tok))) || unspaced.some((w) => text.includes(w));
      flags[r] = hit ? 1 : 0;
    }
    return flags[r] === 1;
  };
}

/**
 * `fan_out`: one account pays many accounts within a short sliding window (IBM AMLSim / AMLworld
 * "fan-out"; dispersal of proceeds). Payroll stays quiet: payments referenced as salaries or
 * wages, and payments to parties the payer `employs`, are not counted; neither are card payments.
 *
 * @example
 * ```ts
 * import { fanOutRule, runRules, createDataset } from "wildtrace";
 * const tx = Array.from({ length: 10 }, (_, k) => ({ id: `T${k}`, date: "2024-01-02", amount: 900, currency: "USD", fromAccount: "HUB", toAccount: `R${k}` }));
 * const { dataset } = createDataset({ transactions: tx });
 * runRules(dataset, { rules: [fanOutRule] }).alerts[0].value; // 10
 * ```
 */
export const fanOutRule = defineRule({
  id: "fan_out",
  title: "Fan-out: one account pays many",
  typology: "fan_out",
  indicator: "IBM AMLSim / AMLworld fan-out pattern; FATF (2020): dispersal of proceeds to many associates",
  description: "Most distinct recipients paid by one account within a sliding window (payroll, card and cash left out).",
  needs: ["transactions"],
  unit: "counterparties",
  params: FanOutParamsSchema,
  threshold: (p) => p.minCounterparties,
  bands: (p) => [
    { min: p.minCounterparties, severity: "low", score: 35, reason: `${p.minCounterparties} or more recipients in ${p.windowDays} days is unusual dispersal` },
    { min: p.minCounterparties * 2, severity: "medium", score: 55, reason: `${p.minCounterparties * 2} or more recipients in ${p.windowDays} days is heavy dispersal` },
    { min: p.minCounterparties * 4, severity: "high", score: 75, reason: `${p.minCounterparties * 4} or more recipients in ${p.windowDays} days is extreme dispersal` },
  ],
  measure(ctx, p) {
    const { outStart, outTx } = ctx.adjacency;
    const ds = ctx.dataset;
    const t = ds.transactions;
    const excluded = channelMask(p.excludeChannels);
    const ordinary = ordinaryReferenceFlags(ctx, p.ordinaryReferences);
    const employs = employmentPairs(ctx);
    // channel, self-transfer and reference, judged in one pass in table order (the window scan
    // below then reads one byte per payment instead of four columns)
    const plain = new Uint8Array(t.length);
    for (let i = 0; i < t.length; i++) {
      if (t.from[i] >= 0 && excluded[t.channel[i]] === 0 && t.from[i] !== t.to[i] && !ordinary(t.reference[i])) plain[i] = 1;
    }
    const accept = (i: number) => {
      if (plain[i] === 0) return false;
      if (employs.size === 0) return true;
      const h = ds.accountHolder[t.from[i]];
      const e = ds.accountHolder[t.to[i]];
      return h < 0 || e < 0 || !employs.has(h * ds.parties.length + e);
    };
    const counts = new Int32Array(ds.accounts.length);
    const ok = new Uint8Array(outTx.length);
    const side = outColumns(ctx);
    const out: Measurement[] = [];
    for (let a = 0; a < ds.accounts.length; a++) {
      const lo = outStart[a];
      const hi = outStart[a + 1];
      if (hi - lo < p.minCounterparties) continue;
      const w = bestDistinctWindow(outTx, lo, hi, side, p.windowDays * DAY, accept, counts, ok, p.minTransfersPerRecipient);
      if (w.distinct < p.minCounterparties || w.total < p.minTotal) continue;
      const ev = windowEvidence(outTx, w.l, w.r, t.to, accept, p.minTransfersPerRecipient);
      const start = t.time[ev.txs[0]];
      out.push({
        key: `${ds.accounts[a].id}:${day(start)}`,
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
    `Account ${accountLabel(ctx, m.accounts[0])} made ${plural(m.transactions.length, "transfer")} totalling ${money(ctx, Number(m.facts?.total ?? 0))} to ${plural(m.value, "different recipient")} within ${p.windowDays} days (from ${day(m.start ?? 0)}), against a threshold of ${p.minCounterparties}`,
});

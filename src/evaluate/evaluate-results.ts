import { z } from "zod";
import { OptionError } from "../errors.js";
import { type Truth, TruthSchema } from "../generate/truth.js";

/**
 * Grade an analysis against the answer key of a generated case: per typology, how many planted
 * accounts and transactions the alerts of that typology found (recall) and how many of the alerted
 * ones were planted (precision); where the planted accounts rank in the risk scores (precision@k,
 * mean rank); how well the best community matches each scheme's network (Jaccard); how much of
 * each scheme the money traces reached; and how many planted duplicate identities entity
 * resolution merged.
 *
 * Recall and precision follow the usual definitions (e.g. Manning, Raghavan & Schütze,
 * "Introduction to Information Retrieval", ch. 8); Jaccard similarity of two sets is
 * |A ∩ B| / |A ∪ B|; `coverage` is the share of the scheme's network inside that community.
 */

/** The parts of results.json the evaluation reads (other keys are ignored). */
const ResultsForEvaluation = z.object({
  entities: z.array(z.object({ id: z.string(), members: z.array(z.string()) })).default([]),
  alerts: z.array(z.object({ id: z.string(), typology: z.string(), accounts: z.array(z.string()).default([]), transactions: z.array(z.string()).default([]) })).default([]),
  scores: z.array(z.object({ id: z.string(), kind: z.string(), score: z.number(), rank: z.number().optional() })).default([]),
  communities: z.array(z.object({ id: z.union([z.string(), z.number()]), members: z.array(z.string()) })).default([]),
  flows: z.array(z.object({ seed: z.string(), path: z.array(z.string()), transactions: z.array(z.string()).default([]) })).default([]),
});

/** Options of {@link evaluateResults}. */
export interface EvaluateOptions {
  /** Cut-offs for precision@k and recall@k over account scores. [default: [10, 25, 50, 100]] */
  k?: readonly number[];
}

/**
 * Defaults of {@link EvaluateOptions}.
 *
 * @example
 * ```ts
 * import { EVALUATE_DEFAULTS } from "wildtrace";
 * EVALUATE_DEFAULTS.k; // [10, 25, 50, 100]
 * ```
 */
export const EVALUATE_DEFAULTS = Object.freeze({ k: Object.freeze([10, 25, 50, 100]) });

/** Recall and precision of one typology. `null` where undefined (nothing planted / nothing alerted). */
export interface TypologyEvaluation {
  typology: string;
  alerts: number;
  plantedAccounts: number;
  plantedTransactions: number;
  alertedAccounts: number;
  alertedTransactions: number;
  /** Planted accounts of this typology named by an alert of this typology / planted accounts of it. */
  accountRecall: number | null;
  /** Alerted accounts that are planted accounts of this typology / alerted accounts. */
  accountPrecision: number | null;
  transactionRecall: number | null;
  transactionPrecision: number | null;
  /** Alerted accounts that belong to any planted scheme / alerted accounts (a wrong-typology hit still points at the network). */
  plantedPrecision: number | null;
}

/** The whole grade. */
export interface Evaluation {
  typologies: TypologyEvaluation[];
  overall: { alerts: number; accountRecall: number | null; accountPrecision: number | null; transactionRecall: number | null; transactionPrecision: number | null };
  ranking: { plantedAccounts: number; scoredPlanted: number; meanRank: number | null; medianRank: number | null; precisionAtK: Record<string, number>; recallAtK: Record<string, number> };
  communities: { schemes: { scheme: string; community: string | null; jaccard: number; coverage: number; size: number; truthSize: number }[]; meanJaccard: number | null };
  trace: { flows: number; seedsTraced: number; traceSeeds: number; reach: number | null; schemes: { scheme: string; reached: number; accounts: number; reach: number }[] };
  duplicates: { planted: number; merged: number; recall: number | null };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Evaluate results against a truth file. Both are plain parsed JSON; the truth is validated and a
 * malformed truth file throws an {@link OptionError}. Missing result sections count as empty.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { analyze, evaluateResults, loadCase } from "wildtrace";
 * const results = analyze(await loadCase("datasets/ivory-tz-my-cn"));
 * const truth = JSON.parse(readFileSync("datasets/ivory-tz-my-cn/truth.json", "utf8"));
 * const grade = evaluateResults(results, truth);
 * console.log(grade.ranking.precisionAtK["10"], grade.communities.meanJaccard);
 * ```
 */
export function evaluateResults(results: unknown, truth: unknown, options: EvaluateOptions = {}): Evaluation {
  const t = TruthSchema.safeParse(truth);
  if (!t.success) throw new OptionError("evaluateResults", `truth is not a truth.json: ${t.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const r = ResultsForEvaluation.safeParse(results);
  if (!r.success) throw new OptionError("evaluateResults", `results are not a results.json: ${r.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const ks = options.k ?? EVALUATE_DEFAULTS.k;
  if (ks.some((k) => !Number.isInteger(k) || k < 1)) throw new OptionError("evaluateResults", "k must be positive integers");
  return grade(r.data, t.data, ks);
}

function grade(res: z.infer<typeof ResultsForEvaluation>, truth: Truth, ks: readonly number[]): Evaluation {
  const planted = new Set(truth.accounts);
  const plantedTx = new Set(truth.transactions);

  // Typologies.
  const names = new Set<string>([...Object.keys(truth.typologies), ...res.alerts.map((a) => a.typology)]);
  const typologies: TypologyEvaluation[] = [...names].sort().map((name) => {
    const tt = Object.hasOwn(truth.typologies, name) ? truth.typologies[name] : { accounts: [], transactions: [] };
    const ta = new Set(tt.accounts);
    const tx = new Set(tt.transactions);
    const alerts = res.alerts.filter((a) => a.typology === name);
    const aa = new Set(alerts.flatMap((a) => a.accounts));
    const at = new Set(alerts.flatMap((a) => a.transactions));
    const hit = (s: Set<string>, ref: Set<string>) => [...s].filter((x) => ref.has(x)).length;
    return {
      typology: name,
      alerts: alerts.length,
      plantedAccounts: ta.size,
      plantedTransactions: tx.size,
      alertedAccounts: aa.size,
      alertedTransactions: at.size,
      accountRecall: ratio(hit(ta, aa), ta.size),
      accountPrecision: ratio(hit(aa, ta), aa.size),
      transactionRecall: ratio(hit(tx, at), tx.size),
      transactionPrecision: ratio(hit(at, tx), at.size),
      plantedPrecision: ratio(hit(aa, planted), aa.size),
    };
  });
  const allAlertedAccounts = new Set(res.alerts.flatMap((a) => a.accounts));
  const allAlertedTx = new Set(res.alerts.flatMap((a) => a.transactions));
  const count = (s: Iterable<string>, ref: Set<string>) => {
    let n = 0;
    for (const x of s) if (ref.has(x)) n++;
    return n;
  };
  const overall = {
    alerts: res.alerts.length,
    accountRecall: ratio(count(planted, allAlertedAccounts), planted.size),
    accountPrecision: ratio(count(allAlertedAccounts, planted), allAlertedAccounts.size),
    transactionRecall: ratio(count(plantedTx, allAlertedTx), plantedTx.size),
    transactionPrecision: ratio(count(allAlertedTx, plantedTx), allAlertedTx.size),
  };

  // Ranking of planted accounts in the account scores (sorted by score desc, id asc as in results).
  const accountScores = res.scores.filter((s) => s.kind === "account").sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranks: number[] = [];
  accountScores.forEach((s, i) => {
    if (planted.has(s.id)) ranks.push(i + 1);
  });
  const precisionAtK: Record<string, number> = {};
  const recallAtK: Record<string, number> = {};
  for (const k of ks) {
    const top = accountScores.slice(0, k).filter((s) => planted.has(s.id)).length;
    precisionAtK[String(k)] = r4(top / k);
    recallAtK[String(k)] = planted.size === 0 ? 0 : r4(top / planted.size);
  }
  const sortedRanks = [...ranks].sort((a, b) => a - b);
  const ranking = {
    plantedAccounts: planted.size,
    scoredPlanted: ranks.length,
    meanRank: ranks.length === 0 ? null : r4(ranks.reduce((a, b) => a + b, 0) / ranks.length),
    medianRank: sortedRanks.length === 0 ? null : sortedRanks[Math.floor((sortedRanks.length - 1) / 2)],
    precisionAtK,
    recallAtK,
  };

  // Best community per scheme (Jaccard with the scheme's network).
  const comms = res.communities.map((c) => ({ id: String(c.id), members: new Set(c.members) }));
  const schemes = truth.schemes.map((s) => {
    const target = new Set(s.community.length > 0 ? s.community : s.accounts);
    let best: { id: string | null; j: number; size: number; inter: number } = { id: null, j: 0, size: 0, inter: 0 };
    for (const c of comms) {
      const inter = count(c.members, target);
      if (inter === 0) continue;
      const j = inter / (c.members.size + target.size - inter);
      if (j > best.j || (j === best.j && best.id !== null && c.id < best.id)) best = { id: c.id, j, size: c.members.size, inter };
    }
    return { scheme: s.id, community: best.id, jaccard: r4(best.j), coverage: target.size === 0 ? 0 : r4(best.inter / target.size), size: best.size, truthSize: target.size };
  });
  const communities = { schemes, meanJaccard: schemes.length === 0 ? null : r4(schemes.reduce((a, s) => a + s.jaccard, 0) / schemes.length) };

  // Trace reach.
  const reached = new Set(res.flows.flatMap((f) => f.path));
  const flowSeeds = new Set(res.flows.map((f) => f.seed));
  const traceSchemes = truth.schemes.map((s) => {
    const n = count(s.accounts, reached);
    return { scheme: s.id, reached: n, accounts: s.accounts.length, reach: s.accounts.length === 0 ? 0 : r4(n / s.accounts.length) };
  });
  const trace = {
    flows: res.flows.length,
    seedsTraced: count(truth.traceSeeds, flowSeeds),
    traceSeeds: truth.traceSeeds.length,
    reach: ratio(count(planted, reached), planted.size),
    schemes: traceSchemes,
  };

  // Planted duplicate identities merged by entity resolution.
  const entityOf = new Map<string, string>();
  for (const e of res.entities) for (const m of e.members) entityOf.set(m, e.id);
  const merged = truth.duplicates.filter(([a, b]) => entityOf.has(a) && entityOf.get(a) === entityOf.get(b)).length;
  const duplicates = { planted: truth.duplicates.length, merged, recall: ratio(merged, truth.duplicates.length) };

  return { typologies, overall, ranking, communities, trace, duplicates };
}

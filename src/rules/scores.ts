import type { Dataset } from "../model/dataset.js";
import { DEFAULT_TYPOLOGY_WEIGHTS, PATH_TYPOLOGIES, type ScoringConfig, ScoringConfigSchema, TYPOLOGY_FAMILIES } from "./config.js";
import type { EntityCluster } from "./context.js";
import type { Alert, Typology } from "./types.js";

/** A risk score, as written to the `scores` array of results.json. */
export interface Score {
  id: string;
  kind: "account" | "party";
  /** 0-100. */
  score: number;
  /** 1-based rank within its kind. */
  rank: number;
  /** Alert ids behind the score, strongest first. */
  reasons: string[];
}

/** One alert as it counts for one subject: its typology and (possibly reduced) score. */
type Contribution = Pick<Alert, "typology" | "score" | "id">;

/** Options of {@link scoreAlerts}. */
export interface ScoreOptions {
  /** Weight per typology. [default: {@link DEFAULT_TYPOLOGY_WEIGHTS}] */
  weights?: Partial<Record<Typology, number>>;
  /** Decay, agreement bonus and its minimum. [default: decay 0.5, bonus 15, min 30] */
  scoring?: Partial<ScoringConfig>;
  /** Resolved entities: a party is scored on the alerts of every member of its entity. [default: none] */
  entities?: readonly EntityCluster[];
}

/**
 * Combine alerts into a score. Per typology, alerts (strongest first) are combined as a noisy-OR
 * with diminishing returns: the k-th alert counts `decay^(k-1)` of its score, so ten weak alerts
 * of one kind never outweigh one strong alert of another. The strongest weighted typology gives
 * the base; each further independent family (flow, cash, profile, geography, text, people) whose
 * strength reaches `agreementMin` adds `agreementBonus`. Capped at 100.
 *
 * @example
 * ```ts
 * import { combineAlertScores } from "wildtrace";
 * combineAlertScores([{ typology: "fan_in", score: 35 }]);                                      // 21
 * combineAlertScores([{ typology: "fan_in", score: 35 }, { typology: "wildlife_keyword", score: 55 }]); // 70
 * ```
 */
export function combineAlertScores(alerts: readonly Pick<Alert, "typology" | "score">[], options: Omit<ScoreOptions, "entities"> = {}): number {
  const s = ScoringConfigSchema.parse(options.scoring ?? {});
  const byTypology = new Map<Typology, number[]>();
  for (const a of alerts) {
    const l = byTypology.get(a.typology);
    if (l) l.push(a.score);
    else byTypology.set(a.typology, [a.score]);
  }
  let base = 0;
  const families = new Set<string>();
  for (const [typ, scores] of byTypology) {
    scores.sort((x, y) => y - x);
    let miss = 1;
    let f = 1;
    for (const v of scores) {
      miss *= 1 - (Math.min(100, v) / 100) * f;
      f *= s.decay;
    }
    const strength = 100 * (1 - miss);
    const w = options.weights?.[typ] ?? DEFAULT_TYPOLOGY_WEIGHTS[typ] ?? 1;
    base = Math.max(base, w * strength);
    if (strength >= s.agreementMin && w > 0) families.add(TYPOLOGY_FAMILIES[typ] ?? typ);
  }
  const bonus = Math.max(0, families.size - 1) * s.agreementBonus;
  return Math.round(Math.min(100, base + bonus) * 10) / 10;
}

/**
 * Risk scores per account and per party from alerts: an account is scored on the alerts that list
 * it, a party on the alerts that list it or its accounts (and, with resolved entities, those of
 * every member of its entity). An alert counts fully for its subject (the first account, every
 * account of a path typology, the holder of those) and `involvedFactor` of its score for the
 * counterparties it merely lists. Sorted by score (descending), then id; only subjects with alerts.
 *
 * @example
 * ```ts
 * import { loadCase, runRules, scoreAlerts } from "wildtrace";
 * const { dataset } = await loadCase("datasets/mini");
 * const scores = scoreAlerts(dataset, runRules(dataset).alerts);
 * scores[0].reasons; // alert ids, strongest first
 * ```
 */
export function scoreAlerts(dataset: Dataset, alerts: readonly Alert[], options: ScoreOptions = {}): Score[] {
  const s = ScoringConfigSchema.parse(options.scoring ?? {});
  const byAccount = new Map<string, Map<string, Contribution>>();
  const byParty = new Map<string, Map<string, Contribution>>();
  const add = (m: Map<string, Map<string, Contribution>>, k: string, a: Alert, full: boolean) => {
    let l = m.get(k);
    if (!l) m.set(k, (l = new Map()));
    const score = full ? a.score : a.score * s.involvedFactor;
    const prev = l.get(a.id);
    if (!prev || prev.score < score) l.set(a.id, { id: a.id, typology: a.typology, score });
  };
  for (const a of alerts) {
    const path = PATH_TYPOLOGIES.has(a.typology);
    a.accounts.forEach((acc, k) => {
      const full = path || k === 0;
      add(byAccount, acc, a, full);
      const idx = dataset.accountIndex.get(acc);
      const h = idx === undefined ? -1 : dataset.accountHolder[idx];
      if (h >= 0) add(byParty, dataset.parties[h].id, a, full);
    });
    a.parties.forEach((p, k) => {
      add(byParty, p, a, path || k === 0);
    });
  }
  // resolved entities: members share their alerts
  for (const e of options.entities ?? []) {
    const union = new Map<string, Contribution>();
    for (const m of e.members) {
      for (const c of byParty.get(m)?.values() ?? []) {
        const prev = union.get(c.id);
        if (!prev || prev.score < c.score) union.set(c.id, c);
      }
    }
    if (union.size === 0) continue;
    for (const m of e.members) if (dataset.partyIndex.has(m)) byParty.set(m, union);
  }
  const make = (kind: "account" | "party", m: Map<string, Map<string, Contribution>>): Score[] => {
    const list: Score[] = [];
    for (const [id, cs] of m) {
      const as = [...cs.values()];
      const reasons = as.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)).map((a) => a.id);
      list.push({ id, kind, score: combineAlertScores(as, options), rank: 0, reasons });
    }
    list.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    list.forEach((sc, k) => {
      sc.rank = k + 1;
    });
    return list;
  };
  return [...make("account", byAccount), ...make("party", byParty)].sort(
    (x, y) => y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0),
  );
}

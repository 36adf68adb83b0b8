/**
 * The weighted, undirected "who pays whom" graph that community detection runs on, built from the
 * transaction table in typed arrays (no per-transaction objects), with the weighting that keeps
 * ordinary hubs from swallowing networks:
 *
 * - hub damping: an endpoint with more distinct counterparties than `hubDegree` (a supermarket, a
 *   payroll account, a utility) has its edges scaled by `hubDegree / degree`, so that sharing a
 *   grocer no longer looks like working together. This is our heuristic; it follows the same idea
 *   as the Adamic-Adar index, which discounts ties through well-connected nodes (Adamic and Adar,
 *   "Friends and neighbors on the Web", Social Networks 25, 2003);
 * - card payments into such hubs are left out altogether (retail spending is not a relationship);
 * - risk: an edge between two accounts that the rules flagged is multiplied by
 *   `1 + riskWeight * min(riskA, riskB)` (risks 0..1), so that the network behind the alerts holds
 *   together (the "combine and weight indicators" advice of FATF, "Money Laundering and the Illegal
 *   Wildlife Trade", 2020).
 */
import { OptionError } from "../errors.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";
import { edgeRows, type WeightedGraph, weightedGraphFromEdges } from "./weighted-graph.js";

/** How a transfer turns into edge weight. */
export type EdgeWeighting = "amount" | "count" | "log";

/** A risk score from the rules stage (`scores` in results.json). */
export interface RiskScore {
  id: string;
  kind: "account" | "party";
  /** 0..100. */
  score: number;
}

/** Options of {@link buildFlowGraph}. */
export interface FlowGraphOptions {
  /** Nodes are accounts, or parties (accounts collapse into their holder; holder-less accounts stay). [default: "account"] */
  level?: "account" | "party";
  /**
   * Edge weight per transfer: base amount, 1, or log(1 + base amount). The default is log: with raw
   * amounts a few large transfers dominate the modularity null model and split a ring whose flows
   * are most of the case (measured on the generated ring case in test/detect), while log keeps the
   * order of amounts and still counts repeated transfers. [default: "log"]
   */
  weighting?: EdgeWeighting;
  /** Distinct counterparties above which an endpoint is a hub and its edges are damped. [default: 50] */
  hubDegree?: number;
  /** Leave out card payments into hubs. [default: true] */
  dropCardToHubs?: boolean;
  /** Risk scores (0..100) of accounts and parties, e.g. results.scores. [default: none] */
  scores?: readonly RiskScore[];
  /** Multiplier of the risk boost, see the file header. [default: 4] */
  riskWeight?: number;
  /** Party level only: resolved entities (results.json `entities`); the parties of one entity become one node named by its id. [default: none] */
  entities?: readonly { id: string; members: readonly string[] }[];
  /** Party level only: weight of a relationship (owns, directs...) as a multiple of the median edge weight. [default: 1] */
  relationshipWeight?: number;
}

/**
 * Defaults of {@link FlowGraphOptions}.
 *
 * @example
 * ```ts
 * import { FLOW_GRAPH_DEFAULTS } from "wildtrace";
 * FLOW_GRAPH_DEFAULTS.level; // "account"
 * FLOW_GRAPH_DEFAULTS.hubDegree; // 50
 * ```
 */
export const FLOW_GRAPH_DEFAULTS = Object.freeze({
  level: "account" as const,
  weighting: "log" as const,
  hubDegree: 50,
  dropCardToHubs: true,
  riskWeight: 4,
  relationshipWeight: 1,
});

/** A {@link WeightedGraph} over accounts or parties, with the mapping back to the dataset. */
export interface FlowGraph extends WeightedGraph {
  /** Node ids: account ids; or at party level entity ids, party ids, and account ids for accounts without a holder. */
  readonly ids: readonly string[];
  /** Node of each account (index in dataset.accounts). */
  readonly accountNode: Int32Array;
  /** Risk of each node, 0..1 (0 without scores). */
  readonly risk: Float64Array;
  /** Distinct counterparties of each node (before weighting). */
  readonly degree: Int32Array;
  /** The hub threshold used, and the number of nodes above it. */
  readonly hubDegree: number;
  readonly hubs: number;
  /** Transfers left out: self-transfers, cash sides, card payments into hubs. */
  readonly skipped: number;
}

/**
 * Build the weighted community graph of a dataset (see the file header for the weighting).
 * Works on the typed arrays in O(transactions + accounts).
 *
 * @example
 * ```ts
 * import { buildFlowGraph, createDataset } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 900, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-02", amount: 100, currency: "USD", fromAccount: "B", toAccount: "A" },
 * ] });
 * const g = buildFlowGraph(dataset, { weighting: "amount" });
 * g.weights[0]; // 1000 (both directions add up)
 * ```
 */
export function buildFlowGraph(dataset: Dataset, options: FlowGraphOptions = {}): FlowGraph {
  const o = { ...FLOW_GRAPH_DEFAULTS, ...stripUndefined(options) };
  if (o.level !== "account" && o.level !== "party") throw new OptionError("buildFlowGraph", `level must be "account" or "party", got ${String(o.level)}`);
  if (!["amount", "count", "log"].includes(o.weighting)) throw new OptionError("buildFlowGraph", `weighting must be amount, count or log, got ${String(o.weighting)}`);
  if (!(o.hubDegree >= 1)) throw new OptionError("buildFlowGraph", `hubDegree must be >= 1, got ${o.hubDegree}`);
  if (!(o.riskWeight >= 0 && o.riskWeight < Number.POSITIVE_INFINITY)) throw new OptionError("buildFlowGraph", `riskWeight must be a finite number >= 0, got ${o.riskWeight}`);
  if (!(o.relationshipWeight >= 0)) throw new OptionError("buildFlowGraph", `relationshipWeight must be >= 0, got ${o.relationshipWeight}`);
  const nAcc = dataset.accounts.length;
  const accountNode = new Int32Array(nAcc);
  // Party level: parties resolved into one entity share a node (named by the entity id).
  const entities = o.level === "party" ? (o.entities ?? []) : [];
  const partyNode = new Int32Array(dataset.parties.length).fill(-1);
  const entityOf = new Int32Array(dataset.parties.length).fill(-1);
  const entityNode = new Int32Array(entities.length).fill(-1);
  entities.forEach((e, k) => {
    for (const m of e.members) {
      const p = dataset.partyIndex.get(m);
      if (p !== undefined && entityOf[p] < 0) entityOf[p] = k;
    }
  });
  const ids: string[] = [];
  if (o.level === "account") {
    for (let a = 0; a < nAcc; a++) {
      accountNode[a] = a;
      ids.push(dataset.accounts[a].id);
    }
  } else {
    for (let p = 0; p < partyNode.length; p++) {
      const e = entityOf[p];
      if (e < 0) partyNode[p] = ids.length;
      else if (entityNode[e] < 0) partyNode[p] = entityNode[e] = ids.length;
      else {
        partyNode[p] = entityNode[e];
        continue;
      }
      ids.push(e < 0 ? dataset.parties[p].id : entities[e].id);
    }
    for (let a = 0; a < nAcc; a++) {
      const h = dataset.accountHolder[a];
      if (h >= 0) accountNode[a] = partyNode[h];
      else {
        accountNode[a] = ids.length;
        ids.push(dataset.accounts[a].id);
      }
    }
  }
  const n = ids.length;
  const risk = nodeRisk(dataset, o.level, accountNode, partyNode, n, o.scores);
  const t = dataset.transactions;
  const m = t.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const ones = new Float64Array(m);
  let skipped = 0;
  // At account level the node of an account is the account: no look-up (at 10M transactions each
  // random read of a per-account array is a cache miss).
  const identity = o.level === "account";
  for (let i = 0; i < m; i++) {
    const f = t.from[i];
    const to = t.to[i];
    if (f < 0 || to < 0) {
      skipped++;
      continue;
    }
    const u = identity ? f : accountNode[f];
    const v = identity ? to : accountNode[to];
    if (u === v) {
      skipped++;
      continue;
    }
    src[i] = u;
    dst[i] = v;
    ones[i] = 1;
  }
  const degree = distinctCounterparties(n, src, dst, ones);
  const damp = new Float64Array(n);
  let hubs = 0;
  for (let v = 0; v < n; v++) {
    if (degree[v] > o.hubDegree) {
      damp[v] = o.hubDegree / degree[v];
      hubs++;
    } else damp[v] = 1;
  }
  const card = CHANNELS.indexOf("card");
  // Damping and risk of each node side by side, so that each end costs one cache line; read only
  // for the few nodes flagged in `special` (a hub or a scored node): every other node has damping
  // 1 and risk 0, and the flags (a byte a node) stay in the caches where the pairs (16 bytes a
  // node, 15 MB at 10M transactions) would not. The weights are the same to the bit: x * 1 is x,
  // and the smaller of a risk and 0 is 0.
  const dampRisk = new Float64Array(2 * n);
  const special = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    dampRisk[2 * v] = damp[v];
    dampRisk[2 * v + 1] = risk[v];
    if (damp[v] !== 1 || risk[v] !== 0) special[v] = 1;
  }
  const w = new Float64Array(m);
  const dropCard = o.dropCardToHubs;
  const riskWeight = o.riskWeight;
  for (let i = 0; i < m; i++) {
    if (ones[i] === 0) continue;
    const u = src[i];
    const v = dst[i];
    const su = special[u] === 1;
    const sv = special[v] === 1;
    const dampV = sv ? dampRisk[2 * v] : 1;
    if (dropCard && dampV < 1 && t.channel[i] === card) {
      skipped++;
      continue;
    }
    const base = o.weighting === "amount" ? t.baseAmount[i] : o.weighting === "count" ? 1 : Math.log1p(t.baseAmount[i]);
    if (!su && !sv) {
      w[i] = base;
      continue;
    }
    const r = su && sv ? Math.min(dampRisk[2 * u + 1], dampRisk[2 * v + 1]) : 0;
    w[i] = base * (su ? dampRisk[2 * u] : 1) * dampV * (1 + riskWeight * r);
  }
  let graph: WeightedGraph;
  if (o.level === "party" && o.relationshipWeight > 0 && dataset.relationships.length > 0) {
    const unit = o.relationshipWeight * median(w);
    const extra = dataset.relationships.length;
    const s2 = new Int32Array(m + extra);
    const d2 = new Int32Array(m + extra);
    const w2 = new Float64Array(m + extra);
    s2.set(src);
    d2.set(dst);
    w2.set(w);
    let k = m;
    for (const rel of dataset.relationships) {
      const pa = dataset.partyIndex.get(rel.from);
      const pb = dataset.partyIndex.get(rel.to);
      if (pa === undefined || pb === undefined) continue;
      const a = partyNode[pa];
      const b = partyNode[pb];
      if (a === b) continue;
      s2[k] = a;
      d2[k] = b;
      w2[k++] = unit;
    }
    graph = weightedGraphFromEdges(n, s2, d2, w2, k);
  } else graph = weightedGraphFromEdges(n, src, dst, w, m);
  return { ...graph, ids, accountNode, risk, degree, hubDegree: o.hubDegree, hubs, skipped };
}

/** Distinct counterparties of each node over the transfers `i` with `keep[i] > 0` (edge `src[i]`-`dst[i]`, no self-loops). */
function distinctCounterparties(n: number, src: Int32Array, dst: Int32Array, keep: Float64Array): Int32Array {
  const { offsets, nbr } = edgeRows(n, src, dst, keep, src.length, false);
  const degree = new Int32Array(n);
  const lastRow = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    let d = 0;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      if (lastRow[nbr[e]] !== v) {
        lastRow[nbr[e]] = v;
        d++;
      }
    }
    degree[v] = d;
  }
  return degree;
}

/** Risk 0..1 per node: the highest score among the node, its accounts and their holders. */
function nodeRisk(dataset: Dataset, level: "account" | "party", accountNode: Int32Array, partyNode: Int32Array, n: number, scores: readonly RiskScore[] | undefined): Float64Array {
  const risk = new Float64Array(n);
  if (!scores || scores.length === 0) return risk;
  const acc = new Float64Array(dataset.accounts.length);
  const party = new Float64Array(dataset.parties.length);
  for (const s of scores) {
    const v = Math.max(0, Math.min(100, Number(s.score) || 0)) / 100;
    if (s.kind === "account") {
      const a = dataset.accountIndex.get(s.id);
      if (a !== undefined && v > acc[a]) acc[a] = v;
    } else if (s.kind === "party") {
      const p = dataset.partyIndex.get(s.id);
      if (p !== undefined && v > party[p]) party[p] = v;
    }
  }
  if (level === "party") for (let p = 0; p < party.length; p++) if (party[p] > risk[partyNode[p]]) risk[partyNode[p]] = party[p];
  for (let a = 0; a < acc.length; a++) {
    const h = dataset.accountHolder[a];
    const r = Math.max(acc[a], h >= 0 ? party[h] : 0);
    const node = accountNode[a];
    if (r > risk[node]) risk[node] = r;
  }
  return risk;
}

function median(values: Float64Array): number {
  const pos = values.filter((v) => v > 0).sort();
  if (pos.length === 0) return 1;
  return pos[pos.length >> 1];
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

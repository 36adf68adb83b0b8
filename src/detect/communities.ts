/**
 * Communities: who works together. Louvain (Blondel et al. 2008, see `louvain.ts`) on the
 * hub-damped, risk-weighted flow graph (see `flow-graph.ts`), disconnected communities split, then
 * a summary per community (flows, countries, sectors, alerts, central members) and a risk score
 * from the members' scores, so that an analyst starts with the few communities that matter.
 */
import Graph from "graphology";
import graphologyLouvain from "graphology-communities-louvain";
import { createRng } from "../_lib/random.js";
import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import type { ProgressHandler } from "../model/progress.js";
import { buildFlowGraph, type FlowGraph, type FlowGraphOptions } from "./flow-graph.js";
import { LOUVAIN_DEFAULTS, louvain, splitDisconnected } from "./louvain.js";
import { pageRank } from "./pagerank.js";
import { modularity, weightedGraphFromEdges } from "./weighted-graph.js";

/** An alert as the community summary needs it (results.json `alerts`). */
export interface AlertRef {
  id: string;
  accounts: readonly string[];
  parties?: readonly string[];
  typology?: string;
}

/** Options of {@link detectCommunities}. */
export interface CommunityOptions extends FlowGraphOptions {
  /** Louvain resolution (higher: smaller communities). [default: 1] */
  resolution?: number;
  /** Seed of the Louvain visiting order. [default: 42] */
  seed?: number;
  /** "wildtrace": Louvain on typed arrays (fast at scale); "graphology": graphology-communities-louvain (builds a graphology graph, about 20 us per edge). [default: "wildtrace"] */
  engine?: "wildtrace" | "graphology";
  /**
   * Communities larger than this are split again by Louvain on their own subgraph, recursively
   * (modularity cannot see communities much smaller than the square root of the graph's weight:
   * Fortunato and Barthélemy, "Resolution limit in community detection", PNAS 104, 36, 2007; a
   * ten-account network in a 2,000-account case otherwise sits inside a community of 100+).
   * `Infinity` turns it off. [default: 40]
   */
  maxSize?: number;
  /** Smallest community listed. [default: 3] */
  minSize?: number;
  /** Most communities listed (after ranking). [default: 100] */
  limit?: number;
  /** Alerts of the rules stage, to list the alerts inside each community. [default: none] */
  alerts?: readonly AlertRef[];
  /** How many central members each summary lists. [default: 5] */
  central?: number;
  /** Members whose scores make the community score (the mean of the top ones). [default: 3] */
  scoreTop?: number;
  /** Progress: stage "communities", one report per step (flow graph, Louvain, splitting, summaries). [default: none] */
  onProgress?: ProgressHandler;
}

/**
 * Defaults of {@link CommunityOptions} (besides those of the flow graph).
 *
 * @example
 * ```ts
 * import { COMMUNITY_DEFAULTS } from "wildtrace";
 * COMMUNITY_DEFAULTS.minSize; // 3
 * COMMUNITY_DEFAULTS.maxSize; // 40
 * ```
 */
export const COMMUNITY_DEFAULTS = Object.freeze({
  resolution: LOUVAIN_DEFAULTS.resolution,
  seed: LOUVAIN_DEFAULTS.seed,
  engine: "wildtrace" as const,
  maxSize: 40,
  minSize: 3,
  limit: 100,
  central: 5,
  scoreTop: 3,
});

/** What an analyst needs to know about a community before opening it. */
export interface CommunitySummary {
  /** Transfers between members: total base amount and count. */
  internalFlow: number;
  internalTransfers: number;
  /** Money received from outside (other accounts and cash deposits), and paid outside. */
  inflow: number;
  outflow: number;
  /** Countries of the members' accounts, sorted. */
  countries: string[];
  /** Sectors of the members' holders, sorted. */
  sectors: string[];
  /** Alerts involving a member, sorted by id; and their typologies. */
  alerts: string[];
  typologies: string[];
  /** Members with a risk score above 0, and the highest score (0..100). */
  scoredMembers: number;
  maxScore: number;
  /** Members with the highest PageRank on the community's own money flows. */
  central: { id: string; pagerank: number }[];
  /** Members that are hubs (more counterparties than hubDegree). */
  hubs: string[];
}

/** One community of results.json. */
export interface Community {
  /** `C1`, `C2`... in rank order. */
  id: string;
  /** Node ids (account ids, or party ids at party level), sorted. */
  members: string[];
  size: number;
  /** Mean of the `scoreTop` highest member scores, 0..100. */
  score: number;
  summary: CommunitySummary;
}

/** The result of {@link detectCommunities}. */
export interface CommunitiesResult {
  communities: Community[];
  stats: {
    engine: "wildtrace" | "graphology";
    level: "account" | "party";
    nodes: number;
    edges: number;
    /** All communities found (isolated nodes included), before minSize and limit. */
    found: number;
    /** Communities of at least minSize members. */
    eligible: number;
    modularity: number;
    /** Communities split because they were disconnected. */
    split: number;
    /** Communities added by splitting those above maxSize. */
    subdivided: number;
    hubs: number;
    skippedTransfers: number;
  };
}

/**
 * Find the communities of a dataset and summarise them, ranked by risk score (then alerts, then
 * internal flow, then first member). Same dataset, options and seed give the same result.
 *
 * @example
 * ```ts
 * import { createDataset, detectCommunities } from "wildtrace";
 * const tx = (id: string, from: string, to: string) => ({ id, date: "2024-01-01", amount: 5000, currency: "USD", fromAccount: from, toAccount: to });
 * const { dataset } = createDataset({ transactions: [tx("T1", "A", "B"), tx("T2", "B", "C"), tx("T3", "C", "A"), tx("T4", "X", "Y"), tx("T5", "Y", "Z")] });
 * const { communities } = detectCommunities(dataset, { seed: 1, minSize: 3 });
 * communities.map((c) => c.members); // [["A", "B", "C"], ["X", "Y", "Z"]]
 * ```
 */
export function detectCommunities(dataset: Dataset, options: CommunityOptions = {}): CommunitiesResult {
  const resolution = options.resolution ?? COMMUNITY_DEFAULTS.resolution;
  const seed = options.seed ?? COMMUNITY_DEFAULTS.seed;
  const engine = options.engine ?? COMMUNITY_DEFAULTS.engine;
  const minSize = options.minSize ?? COMMUNITY_DEFAULTS.minSize;
  const limit = options.limit ?? COMMUNITY_DEFAULTS.limit;
  const centralCount = options.central ?? COMMUNITY_DEFAULTS.central;
  const scoreTop = options.scoreTop ?? COMMUNITY_DEFAULTS.scoreTop;
  const maxSize = options.maxSize ?? COMMUNITY_DEFAULTS.maxSize;
  if (engine !== "wildtrace" && engine !== "graphology") throw new OptionError("detectCommunities", `engine must be "wildtrace" or "graphology", got ${String(engine)}`);
  if (!Number.isInteger(minSize) || minSize < 1) throw new OptionError("detectCommunities", `minSize must be a positive integer, got ${minSize}`);
  if (!(limit >= 0)) throw new OptionError("detectCommunities", `limit must be >= 0, got ${limit}`);
  if (!(maxSize >= 2)) throw new OptionError("detectCommunities", `maxSize must be >= 2, got ${maxSize}`);
  if (!Number.isInteger(scoreTop) || scoreTop < 1) throw new OptionError("detectCommunities", `scoreTop must be a positive integer, got ${scoreTop}`);
  const progress = options.onProgress;
  const step = (done: number, message: string) => progress?.({ stage: "communities", done, total: 4, message });
  step(0, "building the flow graph");
  const g = buildFlowGraph(dataset, options);
  const n = g.nodes;
  let comm: Int32Array;
  let split = 0;
  step(1, `Louvain on ${n} nodes`);
  if (engine === "wildtrace") {
    const r = louvain(g, { resolution, seed });
    comm = r.communities;
    split = r.split;
  } else {
    const raw = graphologyPartition(g, resolution, seed);
    comm = splitDisconnected(g, raw);
    split = countLabels(comm) - countLabels(raw);
  }
  const before = countLabels(comm);
  step(2, `splitting communities over ${maxSize} members`);
  comm = subdivideLarge(g, comm, maxSize, resolution, seed);
  const count = countLabels(comm);
  const subdivided = count - before;
  const q = modularity(g, comm, resolution);

  step(3, "summaries");
  // Per-community aggregates for ranking, over all communities.
  const size = new Int32Array(count);
  for (let v = 0; v < n; v++) size[comm[v]]++;
  const topScores = communityScores(g.risk, comm, count, scoreTop);
  const alertNodes = alertsByNode(dataset, g, options.alerts ?? []);
  const alertCount = new Int32Array(count);
  const alertSeen = new Map<number, Set<string>>();
  for (const [node, list] of alertNodes) {
    const c = comm[node];
    let s = alertSeen.get(c);
    if (!s) alertSeen.set(c, (s = new Set()));
    for (const a of list) s.add(a.id);
  }
  for (const [c, s] of alertSeen) alertCount[c] = s.size;
  const t = dataset.transactions;
  const internal = new Float64Array(count);
  const accountComm = new Int32Array(g.accountNode.length);
  for (let a = 0; a < accountComm.length; a++) accountComm[a] = comm[g.accountNode[a]];
  for (let i = 0; i < t.length; i++) {
    const f = t.from[i];
    const to = t.to[i];
    if (f >= 0 && to >= 0 && accountComm[f] === accountComm[to]) internal[accountComm[f]] += t.baseAmount[i];
  }
  const firstMember = new Array<string>(count);
  for (let v = 0; v < n; v++) {
    const c = comm[v];
    if (firstMember[c] === undefined || g.ids[v] < firstMember[c]) firstMember[c] = g.ids[v];
  }
  const eligible: number[] = [];
  for (let c = 0; c < count; c++) if (size[c] >= minSize) eligible.push(c);
  eligible.sort(
    (a, b) =>
      topScores[b] - topScores[a] ||
      alertCount[b] - alertCount[a] ||
      internal[b] - internal[a] ||
      (firstMember[a] < firstMember[b] ? -1 : firstMember[a] > firstMember[b] ? 1 : 0),
  );
  const chosen = eligible.slice(0, Math.min(eligible.length, limit));
  const communities = summarise(dataset, g, comm, chosen, alertNodes, topScores, centralCount);
  return {
    communities,
    stats: {
      engine,
      level: options.level ?? "account",
      nodes: n,
      edges: g.neighbors.length / 2,
      found: count,
      eligible: eligible.length,
      modularity: round(q, 6),
      split,
      subdivided,
      hubs: g.hubs,
      skippedTransfers: g.skipped,
    },
  };
}

function graphologyPartition(g: FlowGraph, resolution: number, seed: number): Int32Array {
  const graph = new Graph({ type: "undirected", multi: false });
  for (let v = 0; v < g.nodes; v++) graph.addNode(String(v));
  for (let v = 0; v < g.nodes; v++) {
    for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
      const u = g.neighbors[e];
      if (u > v) graph.addEdge(String(v), String(u), { weight: g.weights[e] });
    }
  }
  const rng = createRng(seed);
  const mapping = graphologyLouvain(graph, { getEdgeWeight: "weight", resolution, rng: () => rng.next() });
  const comm = new Int32Array(g.nodes);
  for (let v = 0; v < g.nodes; v++) comm[v] = mapping[String(v)];
  return comm;
}

/**
 * Split communities above `maxSize` members by running Louvain on each one's induced subgraph,
 * recursively, until every community is small enough or cannot be split. Labels are renumbered by
 * smallest member.
 */
function subdivideLarge(g: FlowGraph, comm: Int32Array, maxSize: number, resolution: number, seed: number): Int32Array {
  if (!Number.isFinite(maxSize)) return comm;
  const n = g.nodes;
  const out = Int32Array.from(comm);
  let next = countLabels(out);
  // Communities above maxSize, by label, each with its members in node order.
  const size = new Int32Array(labelBound(out));
  for (let v = 0; v < n; v++) size[out[v]]++;
  const large: (number[] | undefined)[] = [];
  for (let v = 0; v < n; v++) {
    const c = out[v];
    if (size[c] <= maxSize) continue;
    let l = large[c];
    if (!l) large[c] = l = [];
    l.push(v);
  }
  const queue: number[][] = [];
  for (const members of large) if (members) queue.push(members);
  const local = new Int32Array(n).fill(-1);
  // Edge list of the subgraph being split, reused: a subgraph has at most half of the entries of
  // its members' rows, and the largest community's rows bound every part's (sized to that, not to
  // the whole graph: fewer large allocations, each of which can start a garbage collection).
  const { offsets, neighbors, weights } = g;
  let room = 0;
  for (const members of queue) {
    let entries = 0;
    for (const v of members) entries += offsets[v + 1] - offsets[v];
    if (entries > room) room = entries;
  }
  const src = new Int32Array(room);
  const dst = new Int32Array(room);
  const w = new Float64Array(room);
  for (let head = 0; head < queue.length; head++) {
    const members = queue[head];
    for (let k = 0; k < members.length; k++) local[members[k]] = k;
    let count = 0;
    for (let k = 0; k < members.length; k++) {
      const v = members[k];
      const end = offsets[v + 1];
      for (let e = offsets[v]; e < end; e++) {
        const lu = local[neighbors[e]];
        if (lu > k) {
          src[count] = k;
          dst[count] = lu;
          w[count++] = weights[e];
        }
      }
    }
    const sub = weightedGraphFromEdges(members.length, src, dst, w, count);
    for (const v of members) local[v] = -1;
    const r = louvain(sub, { resolution, seed });
    if (r.count <= 1) continue;
    const parts: number[][] = Array.from({ length: r.count }, () => []);
    members.forEach((v, k) => {
      parts[r.communities[k]].push(v);
    });
    // The first part keeps the label; the others get new ones.
    for (let p = 1; p < parts.length; p++) {
      const label = next++;
      for (const v of parts[p]) out[v] = label;
    }
    for (const part of parts) if (part.length > maxSize) queue.push(part);
  }
  // Renumber by smallest member.
  const map = new Int32Array(labelBound(out)).fill(-1);
  let k = 0;
  for (let v = 0; v < n; v++) {
    if (map[out[v]] < 0) map[out[v]] = k++;
    out[v] = map[out[v]];
  }
  return out;
}

/** One more than the largest label (labels are non-negative integers). */
function labelBound(comm: Int32Array): number {
  let max = -1;
  for (let v = 0; v < comm.length; v++) if (comm[v] > max) max = comm[v];
  return max + 1;
}

/** Distinct labels of a partition (labels are non-negative integers). */
function countLabels(comm: Int32Array): number {
  const seen = new Uint8Array(labelBound(comm));
  let count = 0;
  for (let v = 0; v < comm.length; v++) {
    if (seen[comm[v]] === 0) {
      seen[comm[v]] = 1;
      count++;
    }
  }
  return count;
}

/** Mean of the `top` highest member risks per community, as 0..100 with one decimal. */
function communityScores(risk: Float64Array, comm: Int32Array, count: number, top: number): Float64Array {
  const best = new Float64Array(count * top);
  for (let v = 0; v < risk.length; v++) {
    const r = risk[v];
    if (r <= 0) continue;
    const base = comm[v] * top;
    if (r <= best[base + top - 1]) continue;
    let k = top - 1;
    while (k > 0 && best[base + k - 1] < r) {
      best[base + k] = best[base + k - 1];
      k--;
    }
    best[base + k] = r;
  }
  const out = new Float64Array(count);
  for (let c = 0; c < count; c++) {
    let s = 0;
    for (let k = 0; k < top; k++) s += best[c * top + k];
    out[c] = round((100 * s) / top, 1);
  }
  return out;
}

/** Alerts per node (an alert touches a node through one of its accounts or parties). */
function alertsByNode(dataset: Dataset, g: FlowGraph, alerts: readonly AlertRef[]): Map<number, AlertRef[]> {
  const byNode = new Map<number, AlertRef[]>();
  // Nodes of each party's accounts, in account order (CSR: partyStart[p] .. partyStart[p + 1]).
  const nAcc = g.accountNode.length;
  const partyStart = new Int32Array(dataset.parties.length + 1);
  for (let a = 0; a < nAcc; a++) if (dataset.accountHolder[a] >= 0) partyStart[dataset.accountHolder[a] + 1]++;
  for (let p = 0; p < dataset.parties.length; p++) partyStart[p + 1] += partyStart[p];
  const partyNodes = new Int32Array(partyStart[dataset.parties.length]);
  const fill = partyStart.slice(0, dataset.parties.length);
  for (let a = 0; a < nAcc; a++) {
    const h = dataset.accountHolder[a];
    if (h >= 0) partyNodes[fill[h]++] = g.accountNode[a];
  }
  for (const alert of alerts) {
    const nodes = new Set<number>();
    for (const id of alert.accounts ?? []) {
      const a = dataset.accountIndex.get(id);
      if (a !== undefined) nodes.add(g.accountNode[a]);
    }
    for (const id of alert.parties ?? []) {
      const p = dataset.partyIndex.get(id);
      if (p !== undefined) for (let k = partyStart[p]; k < partyStart[p + 1]; k++) nodes.add(partyNodes[k]);
    }
    for (const v of nodes) {
      let l = byNode.get(v);
      if (!l) byNode.set(v, (l = []));
      l.push(alert);
    }
  }
  return byNode;
}

function summarise(
  dataset: Dataset,
  g: FlowGraph,
  comm: Int32Array,
  chosen: number[],
  alertNodes: Map<number, AlertRef[]>,
  scores: Float64Array,
  centralCount: number,
): Community[] {
  const n = g.nodes;
  const rankOf = new Int32Array(countLabels(comm)).fill(-1);
  chosen.forEach((c, r) => {
    rankOf[c] = r;
  });
  const membersOf: number[][] = chosen.map(() => []);
  for (let v = 0; v < n; v++) if (rankOf[comm[v]] >= 0) membersOf[rankOf[comm[v]]].push(v);
  const accountsOf: number[][] = chosen.map(() => []);
  for (let a = 0; a < g.accountNode.length; a++) {
    const r = rankOf[comm[g.accountNode[a]]];
    if (r >= 0) accountsOf[r].push(a);
  }
  const t = dataset.transactions;
  const internalFlow = new Float64Array(chosen.length);
  const internalTransfers = new Int32Array(chosen.length);
  const inflow = new Float64Array(chosen.length);
  const outflow = new Float64Array(chosen.length);
  const edges: { src: number[]; dst: number[]; w: number[] }[] = chosen.map(() => ({ src: [], dst: [], w: [] }));
  const accountRank = new Int32Array(g.accountNode.length);
  for (let a = 0; a < accountRank.length; a++) accountRank[a] = rankOf[comm[g.accountNode[a]]];
  for (let i = 0; i < t.length; i++) {
    const f = t.from[i];
    const to = t.to[i];
    const rf = f >= 0 ? accountRank[f] : -1;
    const rt = to >= 0 ? accountRank[to] : -1;
    if (rf < 0 && rt < 0) continue;
    const amt = t.baseAmount[i];
    if (rf >= 0 && rf === rt) {
      internalFlow[rf] += amt;
      internalTransfers[rf]++;
      const u = g.accountNode[f];
      const v = g.accountNode[to];
      if (u !== v) {
        edges[rf].src.push(u);
        edges[rf].dst.push(v);
        edges[rf].w.push(amt);
      }
      continue;
    }
    if (rf >= 0) outflow[rf] += amt;
    if (rt >= 0) inflow[rt] += amt;
  }
  const local = new Int32Array(n).fill(-1);
  return chosen.map((c, r) => {
    const members = membersOf[r];
    members.forEach((v, k) => {
      local[v] = k;
    });
    const e = edges[r];
    const pr = pageRank(
      members.length,
      e.src.map((v) => local[v]),
      e.dst.map((v) => local[v]),
      e.w,
    );
    const central = members
      .map((v, k) => ({ id: g.ids[v], pagerank: round(pr[k], 4) }))
      .sort((a, b) => b.pagerank - a.pagerank || cmp(a.id, b.id))
      .slice(0, centralCount);
    const countries = new Set<string>();
    const sectors = new Set<string>();
    for (const a of accountsOf[r]) {
      const cc = dataset.countries[dataset.accountCountry[a]];
      if (cc) countries.add(cc);
      const h = dataset.accountHolder[a];
      const sector = h >= 0 ? dataset.parties[h].sector : undefined;
      if (sector) sectors.add(sector);
    }
    const alertIds = new Set<string>();
    const typologies = new Set<string>();
    let scored = 0;
    let maxScore = 0;
    const hubs: string[] = [];
    for (const v of members) {
      for (const a of alertNodes.get(v) ?? []) {
        alertIds.add(a.id);
        if (a.typology) typologies.add(a.typology);
      }
      if (g.risk[v] > 0) scored++;
      if (g.risk[v] * 100 > maxScore) maxScore = g.risk[v] * 100;
      if (g.degree[v] > g.hubDegree) hubs.push(g.ids[v]);
    }
    for (const v of members) local[v] = -1;
    return {
      id: `C${r + 1}`,
      members: members.map((v) => g.ids[v]).sort(cmp),
      size: members.length,
      score: scores[c],
      summary: {
        internalFlow: round(internalFlow[r], 2),
        internalTransfers: internalTransfers[r],
        inflow: round(inflow[r], 2),
        outflow: round(outflow[r], 2),
        countries: [...countries].sort(cmp),
        sectors: [...sectors].sort(cmp),
        alerts: [...alertIds].sort(cmp),
        typologies: [...typologies].sort(cmp),
        scoredMembers: scored,
        maxScore: round(maxScore, 1),
        central,
        hubs: hubs.sort(cmp),
      },
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

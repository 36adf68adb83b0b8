import { OptionError } from "../errors.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";
import { type CaseResults, parseCaseResults } from "./case-results.js";
import { forceLayout } from "./force-layout.js";

/**
 * The link chart of a case report: which accounts to show, how they are joined, and where they
 * sit. Pure data; {@link renderLinkChartSvg} draws it.
 */

/** Options of {@link buildLinkChart}. */
export interface LinkChartOptions {
  /** Most accounts on the chart. [default: 120] */
  maxNodes?: number;
  /** Top communities drawn (in the results' ranking). [default: 5] */
  maxCommunities?: number;
  /** Traced flows drawn (in the results' order). [default: 20] */
  maxFlows?: number;
  /** Transactions kept per account for the details panel (largest first). [default: 40] */
  transactionsPerNode?: number;
  /** Seed of the layout. [default: 42] */
  seed?: number;
  /** Layout iterations. [default: 300] */
  iterations?: number;
  /** Width of the drawing. [default: 1000] */
  width?: number;
  /** Height of the drawing. [default: 760] */
  height?: number;
}

/**
 * Defaults of {@link LinkChartOptions}.
 *
 * @example
 * ```ts
 * import { LINK_CHART_DEFAULTS } from "wildtrace";
 * LINK_CHART_DEFAULTS.maxNodes; // 120
 * ```
 */
export const LINK_CHART_DEFAULTS = Object.freeze({
  maxNodes: 120,
  maxCommunities: 5,
  maxFlows: 20,
  transactionsPerNode: 40,
  seed: 42,
  iterations: 300,
  width: 1000,
  height: 760,
});

/** An account on the chart. */
export interface LinkChartNode {
  /** Account id. */
  id: string;
  /** The holder's name, or the account id. */
  label: string;
  /** Holder party id ("" when unknown). */
  holder: string;
  country: string;
  institution: string;
  type: string;
  /** Community id ("" when the account is in none of the communities drawn). */
  community: string;
  /** Colour group: index of the community among those drawn, -1 for none. */
  group: number;
  /** Risk score of the account (0 when unscored). */
  score: number;
  /** Rank among scored subjects (0 when unscored). */
  rank: number;
  /** On a traced flow. */
  flow: boolean;
  /** Ids of the alerts naming the account or its holder. */
  alerts: string[];
  /** Sum of base amounts in and out over the whole case. */
  volume: number;
  /** Transactions kept for the details panel, by time. */
  transactions: LinkChartTransaction[];
  x: number;
  y: number;
  /** Radius in drawing units. */
  r: number;
}

/** A transaction as the details panel lists it. */
export interface LinkChartTransaction {
  id: string;
  date: string;
  amount: number;
  from: string;
  to: string;
  channel: string;
  reference: string;
}

/** Transactions between two accounts of the chart, added up. */
export interface LinkChartEdge {
  /** Index of the paying node. */
  source: number;
  /** Index of the receiving node. */
  target: number;
  /** Sum of base amounts. */
  amount: number;
  count: number;
  /** Part of a traced flow. */
  flow: boolean;
  /** First and last transaction (ISO). */
  start: string;
  end: string;
}

/** The chart: nodes with positions, aggregated edges, and why these accounts were chosen. */
export interface LinkChart {
  nodes: LinkChartNode[];
  edges: LinkChartEdge[];
  width: number;
  height: number;
  /** What filled the chart: communities and flows, else scored accounts, else the busiest accounts. */
  basis: "communities_and_flows" | "scores" | "volume" | "empty";
  /** Base currency of the amounts. */
  currency: string;
}

/**
 * Choose and lay out the accounts of a case's link chart: the accounts on the traced flows and
 * the members of the top communities (best-scored first), up to `maxNodes`; without communities
 * or flows, the best-scored accounts; without scores, the busiest accounts. Edges add up every
 * transaction between two chosen accounts in one pass over the typed arrays. The layout is
 * seeded, so the chart is the same on every run.
 *
 * @example
 * ```ts
 * import { analyze, buildLinkChart, loadCase } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const chart = buildLinkChart(analyze(load), load.dataset, { maxNodes: 50 });
 * chart.nodes[0]; // { id: "ACC-...", label: "...", x: ..., y: ..., alerts: [...], ... }
 * ```
 */
export function buildLinkChart(results: unknown, dataset: Dataset, options: LinkChartOptions = {}): LinkChart {
  const o = { ...LINK_CHART_DEFAULTS, ...options };
  for (const k of ["maxNodes", "maxCommunities", "maxFlows", "transactionsPerNode", "iterations"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new OptionError("buildLinkChart", `\`${k}\` must be a non-negative integer`);
  }
  const r: CaseResults = parseCaseResults(results, "buildLinkChart");
  const nAcc = dataset.accounts.length;
  const chosen: number[] = [];
  const slot = new Int32Array(nAcc).fill(-1);
  const add = (id: string): void => {
    const a = dataset.accountIndex.get(id);
    if (a === undefined || slot[a] >= 0 || chosen.length >= o.maxNodes) return;
    slot[a] = chosen.length;
    chosen.push(a);
  };
  const accountScore = new Map<string, { score: number; rank: number }>();
  for (const s of r.scores) if (s.kind === "account") accountScore.set(s.id, { score: s.score, rank: s.rank });
  const flows = r.flows.slice(0, o.maxFlows);
  const communities = r.communities.slice(0, o.maxCommunities);
  let basis: LinkChart["basis"] = "empty";
  if (flows.length > 0 || communities.length > 0) {
    basis = "communities_and_flows";
    for (const f of flows) for (const id of f.path) add(id);
    const share = communities.length > 0 ? Math.max(1, Math.ceil((o.maxNodes - chosen.length) / communities.length)) : 0;
    for (const c of communities) {
      const members = [...c.members].sort((a, b) => (accountScore.get(b)?.score ?? 0) - (accountScore.get(a)?.score ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
      for (const id of members.slice(0, share)) add(id);
    }
  }
  if (chosen.length === 0 && accountScore.size > 0) {
    basis = "scores";
    const ranked = r.scores.filter((s) => s.kind === "account");
    for (const s of ranked) add(s.id);
  }
  const volume = new Float64Array(nAcc);
  const t = dataset.transactions;
  for (let i = 0; i < t.length; i++) {
    if (t.from[i] >= 0) volume[t.from[i]] += t.baseAmount[i];
    if (t.to[i] >= 0) volume[t.to[i]] += t.baseAmount[i];
  }
  if (chosen.length === 0 && nAcc > 0) {
    basis = "volume";
    const order = Array.from({ length: nAcc }, (_, i) => i).sort((a, b) => volume[b] - volume[a] || a - b);
    for (const a of order.slice(0, o.maxNodes)) if (volume[a] > 0) add(dataset.accounts[a].id);
  }

  const flowTx = new Set<string>();
  for (const f of flows) for (const id of f.transactions) flowTx.add(id);
  const n = chosen.length;
  const edgeOf = new Map<number, number>();
  const edges: { source: number; target: number; amount: number; count: number; flow: boolean; start: number; end: number }[] = [];
  const kept: number[][] = Array.from({ length: n }, () => []);
  const keep = (node: number, i: number): void => {
    const list = kept[node];
    list.push(i);
    if (list.length > o.transactionsPerNode * 8) prune(list);
  };
  const prune = (list: number[]): void => {
    list.sort((a, b) => t.baseAmount[b] - t.baseAmount[a] || a - b);
    list.length = Math.min(list.length, o.transactionsPerNode);
  };
  for (let i = 0; i < t.length; i++) {
    const f = t.from[i];
    const to = t.to[i];
    const sf = f >= 0 ? slot[f] : -1;
    const st = to >= 0 ? slot[to] : -1;
    if (sf < 0 && st < 0) continue;
    if (sf >= 0) keep(sf, i);
    if (st >= 0 && st !== sf) keep(st, i);
    if (sf < 0 || st < 0) continue;
    const key = sf * n + st;
    let e = edgeOf.get(key);
    if (e === undefined) {
      e = edges.length;
      edgeOf.set(key, e);
      edges.push({ source: sf, target: st, amount: 0, count: 0, flow: false, start: t.time[i], end: t.time[i] });
    }
    const edge = edges[e];
    edge.amount += t.baseAmount[i];
    edge.count++;
    if (!edge.flow && flowTx.size > 0 && flowTx.has(t.id.get(i))) edge.flow = true;
    if (t.time[i] < edge.start) edge.start = t.time[i];
    if (t.time[i] > edge.end) edge.end = t.time[i];
  }
  edges.sort((a, b) => a.source - b.source || a.target - b.target);
  const maxVolume = Math.max(1, ...chosen.map((a) => volume[a]));
  const radius = chosen.map((a) => Math.round((6 + 14 * Math.sqrt(volume[a] / maxVolume)) * 10) / 10);
  const { x, y } = forceLayout(
    n,
    edges.filter((e) => e.source !== e.target).map((e) => [e.source, e.target] as const),
    { seed: o.seed, iterations: o.iterations, width: o.width, height: o.height, margin: 60, radii: radius, padding: 8 },
  );

  const alertsOf = new Map<string, string[]>();
  const holderIds = new Map<string, string[]>();
  for (const a of chosen) {
    const h = dataset.accountHolder[a];
    if (h >= 0) {
      const pid = dataset.parties[h].id;
      const list = holderIds.get(pid);
      if (list) list.push(dataset.accounts[a].id);
      else holderIds.set(pid, [dataset.accounts[a].id]);
    }
  }
  for (const al of r.alerts) {
    const targets = new Set<string>();
    for (const id of al.accounts) if (dataset.accountIndex.has(id)) targets.add(id);
    for (const pid of al.parties) for (const id of holderIds.get(pid) ?? []) targets.add(id);
    for (const id of targets) {
      const list = alertsOf.get(id);
      if (list) list.push(al.id);
      else alertsOf.set(id, [al.id]);
    }
  }
  const communityOf = new Map<string, { id: string; group: number }>();
  communities.forEach((c, g) => {
    for (const id of c.members) if (!communityOf.has(id)) communityOf.set(id, { id: c.id, group: g });
  });
  const flowAccounts = new Set(flows.flatMap((f) => f.path));
  const accId = (a: number): string => (a >= 0 ? dataset.accounts[a].id : "(cash)");
  const nodes: LinkChartNode[] = chosen.map((a, k) => {
    const acc = dataset.accounts[a];
    const h = dataset.accountHolder[a];
    const sc = accountScore.get(acc.id);
    const list = kept[k];
    prune(list);
    list.sort((p, q) => t.time[p] - t.time[q] || p - q);
    return {
      id: acc.id,
      label: h >= 0 && dataset.parties[h].name ? dataset.parties[h].name : acc.id,
      holder: h >= 0 ? dataset.parties[h].id : "",
      country: dataset.countries[dataset.accountCountry[a]] ?? "",
      institution: acc.institution ?? "",
      type: acc.type,
      community: communityOf.get(acc.id)?.id ?? "",
      group: communityOf.get(acc.id)?.group ?? -1,
      score: sc?.score ?? 0,
      rank: sc?.rank ?? 0,
      flow: flowAccounts.has(acc.id),
      alerts: alertsOf.get(acc.id) ?? [],
      volume: Math.round(volume[a] * 100) / 100,
      transactions: list.map((i) => ({
        id: t.id.get(i),
        date: new Date(t.time[i]).toISOString(),
        amount: Math.round(t.baseAmount[i] * 100) / 100,
        from: accId(t.from[i]),
        to: accId(t.to[i]),
        channel: CHANNELS[t.channel[i]],
        reference: dataset.references[t.reference[i]] ?? "",
      })),
      x: x[k],
      y: y[k],
      r: radius[k],
    };
  });
  return {
    nodes,
    edges: edges.map((e) => ({
      source: e.source,
      target: e.target,
      amount: Math.round(e.amount * 100) / 100,
      count: e.count,
      flow: e.flow,
      start: new Date(e.start).toISOString(),
      end: new Date(e.end).toISOString(),
    })),
    width: o.width,
    height: o.height,
    basis: n === 0 ? "empty" : basis,
    currency: dataset.baseCurrency,
  };
}

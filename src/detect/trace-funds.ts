/**
 * Following the money: where did the funds of an account or party go (forward), and where did they
 * come from (backward). Time-respecting paths with amounts attributed along the way; see
 * `trace-engine.ts` for the rules (Holme and Saramäki 2012 for time-respecting paths; proportional
 * and FIFO attribution as used in tracing of tainted funds, e.g. Anderson et al., "Bitcoin
 * redux", WEIS 2018, which compares "poison", "haircut" and FIFO tainting).
 */
import { OptionError } from "../errors.js";
import { buildAccountAdjacency } from "../graph/adjacency.js";
import { type Dataset, transactionCountries } from "../model/dataset.js";
import { chainCountries, type EngineSettings, parcelChain, runTrace } from "./trace-engine.js";

const DAY_MS = 86_400_000;

/** Options of {@link traceFunds}. */
export interface TraceOptions {
  /** Follow the money onwards, back to its origins, or both. [default: "both"] */
  direction?: "forward" | "backward" | "both";
  /** Most transfers on a path (the bundled ivory case runs 7-8 hops from financier to couriers). [default: 8] */
  maxHops?: number;
  /** Longest wait, in days, between money arriving in an account and moving on. [default: 30] */
  maxDelayDays?: number;
  /** Smallest amount (base currency) still followed. [default: 1] */
  minAmount?: number;
  /** How an arrival is shared among the transfers that move it on. [default: "proportional"] */
  attribution?: "proportional" | "fifo";
  /** Most transfers examined per seed and direction; the trace is marked truncated when reached. [default: 50000] */
  budget?: number;
  /** Most paths returned per seed and direction (the largest amounts first). [default: 50] */
  maxPaths?: number;
}

/**
 * Defaults of {@link TraceOptions}.
 *
 * @example
 * ```ts
 * import { TRACE_DEFAULTS } from "wildtrace";
 * TRACE_DEFAULTS.maxHops; // 8
 * TRACE_DEFAULTS.attribution; // "proportional"
 * ```
 */
export const TRACE_DEFAULTS = Object.freeze({
  direction: "both" as const,
  maxHops: 8,
  maxDelayDays: 30,
  minAmount: 1,
  attribution: "proportional" as const,
  budget: 50_000,
  maxPaths: 50,
});

/** One path of money (results.json `flows`). */
export interface FlowPath {
  /** The seed as given (account or party id). */
  seed: string;
  direction: "forward" | "backward";
  /** Account ids in the order the money moved (backward paths end at the seed). */
  path: string[];
  /** Transaction ids in the order the money moved. */
  transactions: string[];
  /** Amount (base currency) attributed to the whole path. */
  amount: number;
  /** Countries crossed, in order, consecutive repeats collapsed. */
  countries: string[];
  /** First and last transfer (ISO). */
  start: string;
  end: string;
}

/** A transfer of the traced subgraph, with the amount attributed to the seed's money. */
export interface TracedTransfer {
  id: string;
  from: string;
  to: string;
  date: string;
  amount: number;
  traced: number;
}

/** One seed in one direction: the traced subgraph and its best paths. */
export interface Trace {
  seed: string;
  direction: "forward" | "backward";
  /** Accounts reached (seed accounts included), sorted. */
  accounts: string[];
  /** Transfers the money moved through, by date then id. */
  transfers: TracedTransfer[];
  /** Paths ranked by amount (then length, then discovery order: earlier, larger parcels first). */
  paths: FlowPath[];
  /** Transfers examined, and whether the budget stopped the search. */
  examined: number;
  truncated: boolean;
}

/** The result of {@link traceFunds}. */
export interface TraceResult {
  traces: Trace[];
  /** Every trace's paths, seed by seed (results.json `flows`). */
  flows: FlowPath[];
  /** Seeds that are neither an account nor a party of the dataset. */
  unknownSeeds: string[];
}

/**
 * Trace funds from accounts or parties (a party stands for all the accounts it holds).
 *
 * @example
 * ```ts
 * import { createDataset, traceFunds } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 1000, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-03", amount: 600, currency: "USD", fromAccount: "B", toAccount: "C" },
 * ] });
 * const { flows } = traceFunds(dataset, ["A"], { direction: "forward" });
 * flows[0].path; // ["A", "B", "C"]
 * flows[0].amount; // 600
 * ```
 */
export function traceFunds(dataset: Dataset, seeds: readonly string[], options: TraceOptions = {}): TraceResult {
  const o = resolveTraceOptions("traceFunds", options);
  const t = dataset.transactions;
  const traces: Trace[] = [];
  const unknownSeeds = traceEach(dataset, seeds, o, (run) => {
    const { seed, direction, accounts, result: r } = run;
    const { parcels } = r;
    const reached = new Set<number>(accounts);
    for (let p = 0; p < parcels.tx.length; p++) reached.add(parcels.account[p]);
    const txs = [...r.assigned.keys()].sort((a, b) => t.time[a] - t.time[b] || cmp(t.id.get(a), t.id.get(b)));
    traces.push({
      seed,
      direction,
      accounts: [...reached].map((a) => dataset.accounts[a].id).sort(cmp),
      transfers: txs.map((tx) => ({
        id: t.id.get(tx),
        from: dataset.accounts[t.from[tx]].id,
        to: dataset.accounts[t.to[tx]].id,
        date: new Date(t.time[tx]).toISOString(),
        amount: t.baseAmount[tx],
        traced: round2(Math.min(t.baseAmount[tx], r.assigned.get(tx) ?? 0)),
      })),
      paths: run.paths(),
      examined: r.examined,
      truncated: r.truncated,
    });
  });
  return { traces, flows: traces.flatMap((tr) => tr.paths), unknownSeeds };
}

/** The result of {@link traceFlows}. */
export interface TraceFlowsResult {
  /** Every trace's paths, seed by seed, as {@link TraceResult} `flows`. */
  flows: FlowPath[];
  /** Seeds that are neither an account nor a party of the dataset. */
  unknownSeeds: string[];
  /** `"<seed> <direction>"` of each trace that the budget stopped, in trace order. */
  truncated: string[];
}

/**
 * The paths of {@link traceFunds} without the per-trace account and transfer lists: the same
 * `flows` and `unknownSeeds` for the same arguments, at less cost (what results.json needs).
 *
 * @example
 * ```ts
 * import { createDataset, traceFlows } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 1000, currency: "USD", fromAccount: "A", toAccount: "B" },
 *   { id: "T2", date: "2024-01-03", amount: 600, currency: "USD", fromAccount: "B", toAccount: "C" },
 * ] });
 * traceFlows(dataset, ["A"], { direction: "forward" }).flows[0].path; // ["A", "B", "C"]
 * ```
 */
export function traceFlows(dataset: Dataset, seeds: readonly string[], options: TraceOptions = {}): TraceFlowsResult {
  // Errors name traceFunds: these are its options, and runDetect's messages stay as they were.
  const o = resolveTraceOptions("traceFunds", options);
  const flows: FlowPath[] = [];
  const truncated: string[] = [];
  const unknownSeeds = traceEach(dataset, seeds, o, (run) => {
    flows.push(...run.paths());
    if (run.result.truncated) truncated.push(`${run.seed} ${run.direction}`);
  });
  return { flows, unknownSeeds, truncated };
}

/** One seed traced in one direction, as {@link traceEach} hands it over. */
interface SeedRun {
  seed: string;
  direction: "forward" | "backward";
  /** The seed's accounts (indices). */
  accounts: readonly number[];
  result: ReturnType<typeof runTrace>;
  /** The run's paths, ranked (largest amount first, then longest, then discovery order). */
  paths(): FlowPath[];
}

/** Run the trace of every seed in every direction, in order; returns the unknown seeds. */
function traceEach(dataset: Dataset, seeds: readonly string[], o: ReturnType<typeof resolveTraceOptions>, visit: (run: SeedRun) => void): string[] {
  const adj = buildAccountAdjacency(dataset);
  const t = dataset.transactions;
  let held: Map<number, number[]> | undefined;
  const unknownSeeds: string[] = [];
  const directions: ("forward" | "backward")[] = o.direction === "both" ? ["forward", "backward"] : [o.direction];
  const countriesOf = (tx: number) => transactionCountries(dataset, tx);
  const accIds = (chain: number[]) => [dataset.accounts[t.from[chain[0]]].id, ...chain.map((tx) => dataset.accounts[t.to[tx]].id)];
  for (const seed of seeds) {
    const acc = dataset.accountIndex.get(seed);
    const party = acc !== undefined ? undefined : dataset.partyIndex.get(seed);
    if (party !== undefined && held === undefined) held = holdings(dataset);
    const accounts = acc !== undefined ? [acc] : party !== undefined ? (held?.get(party) ?? []) : undefined;
    if (accounts === undefined) {
      unknownSeeds.push(seed);
      continue;
    }
    const own = new Set(accounts);
    for (const direction of directions) {
      const forward = direction === "forward";
      const starts: number[] = [];
      for (const a of accounts) {
        const list = forward ? adj.outTx : adj.inTx;
        const lo = forward ? adj.outStart[a] : adj.inStart[a];
        const hi = forward ? adj.outStart[a + 1] : adj.inStart[a + 1];
        for (let k = lo; k < hi; k++) {
          const other = forward ? t.to[list[k]] : t.from[list[k]];
          if (other >= 0 && !own.has(other)) starts.push(list[k]);
        }
      }
      starts.sort((x, y) => t.time[x] - t.time[y] || x - y);
      const result = runTrace(dataset, adj, starts, forward, o.settings);
      const paths = (): FlowPath[] => {
        const { parcels } = result;
        const leaves: number[] = [];
        for (let p = 0; p < parcels.tx.length; p++) if (parcels.children[p] === 0) leaves.push(p);
        // Largest amount first, then longest, then the order the search found them (deterministic).
        leaves.sort((a, b) => parcels.amount[b] - parcels.amount[a] || parcels.hop[b] - parcels.hop[a] || a - b);
        return leaves.slice(0, o.maxPaths).map((p) => {
          const chain = parcelChain(parcels, p, forward);
          return {
            seed,
            direction,
            path: accIds(chain),
            transactions: chain.map((tx) => t.id.get(tx)),
            amount: round2(parcels.amount[p]),
            countries: chainCountries(countriesOf, chain),
            start: new Date(t.time[chain[0]]).toISOString(),
            end: new Date(t.time[chain[chain.length - 1]]).toISOString(),
          };
        });
      };
      visit({ seed, direction, accounts, result, paths });
    }
  }
  return unknownSeeds;
}

/**
 * Validate trace options, fill in the defaults and turn them into the search settings (shared by
 * {@link traceFunds} and {@link findCorridors}). Throws an `OptionError` naming `fn`.
 *
 * @example
 * ```ts
 * import { resolveTraceOptions } from "wildtrace";
 * const o = resolveTraceOptions("myTool", { maxDelayDays: 7 });
 * o.settings.maxDelayMs; // 604800000
 * o.maxHops; // 8
 * ```
 */
export function resolveTraceOptions(fn: string, options: TraceOptions): Required<TraceOptions> & { settings: EngineSettings } {
  const o = {
    direction: options.direction ?? TRACE_DEFAULTS.direction,
    maxHops: options.maxHops ?? TRACE_DEFAULTS.maxHops,
    maxDelayDays: options.maxDelayDays ?? TRACE_DEFAULTS.maxDelayDays,
    minAmount: options.minAmount ?? TRACE_DEFAULTS.minAmount,
    attribution: options.attribution ?? TRACE_DEFAULTS.attribution,
    budget: options.budget ?? TRACE_DEFAULTS.budget,
    maxPaths: options.maxPaths ?? TRACE_DEFAULTS.maxPaths,
  };
  if (!["forward", "backward", "both"].includes(o.direction)) throw new OptionError(fn, `direction must be forward, backward or both, got ${String(o.direction)}`);
  if (!Number.isInteger(o.maxHops) || o.maxHops < 1) throw new OptionError(fn, `maxHops must be an integer >= 1, got ${o.maxHops}`);
  if (!(o.maxDelayDays >= 0)) throw new OptionError(fn, `maxDelayDays must be >= 0, got ${o.maxDelayDays}`);
  if (!(o.minAmount >= 0) || !Number.isFinite(o.minAmount)) throw new OptionError(fn, `minAmount must be a finite number >= 0, got ${o.minAmount}`);
  if (o.attribution !== "proportional" && o.attribution !== "fifo") throw new OptionError(fn, `attribution must be proportional or fifo, got ${String(o.attribution)}`);
  if (!Number.isInteger(o.budget) || o.budget < 1) throw new OptionError(fn, `budget must be an integer >= 1, got ${o.budget}`);
  if (!Number.isInteger(o.maxPaths) || o.maxPaths < 0) throw new OptionError(fn, `maxPaths must be an integer >= 0, got ${o.maxPaths}`);
  const settings: EngineSettings = { maxHops: o.maxHops, maxDelayMs: o.maxDelayDays * DAY_MS, minAmount: o.minAmount, attribution: o.attribution, budget: o.budget };
  return { ...o, settings };
}

/** Accounts held by each party, in account order. */
function holdings(dataset: Dataset): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let a = 0; a < dataset.accounts.length; a++) {
    const h = dataset.accountHolder[a];
    if (h < 0) continue;
    let l = m.get(h);
    if (!l) m.set(h, (l = []));
    l.push(a);
  }
  return m;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Corridors: the money that links destination-country payers (the buyers' side of the illegal
 * wildlife trade) to source-country recipients (the suppliers' side) through up to N hops,
 * aggregated by the chain of countries it crossed (e.g. CN > HK > MY > TZ) and ranked by amount.
 * The "source, transit, destination chain across several hops" red flag of the Themis IWT toolkit
 * and FATF's 2020 IWT report. Country roles per commodity come from `datasets/corridors/` (the
 * rules' corridor data: Themis IWT toolkit lists, UNODC World Wildlife Crime Reports). The search
 * is the time-respecting one of `trace-engine.ts`, with one attribution ledger shared by all
 * starts so that no money is counted twice.
 */
import { z } from "zod";
import { OptionError } from "../errors.js";
import { buildAccountAdjacency } from "../graph/adjacency.js";
import { type Dataset, transactionCountries } from "../model/dataset.js";
import { defaultCorridors } from "../rules/corridors.js";
import { chainCountries, parcelChain, runTrace } from "./trace-engine.js";
import { resolveTraceOptions, type TraceOptions } from "./trace-funds.js";

/**
 * Country roles, as ISO 3166-1 alpha-2 codes (money flows from destination payers to source recipients).
 *
 * @example
 * ```ts
 * import { CountryRolesSchema } from "wildtrace";
 * CountryRolesSchema.parse({ source: ["TZ", "MZ"], transit: ["KE"], destination: ["VN", "CN"] });
 * CountryRolesSchema.safeParse({ source: ["tz"], transit: [], destination: [] }).success; // false: upper case only
 * ```
 */
export const CountryRolesSchema = z.object({
  source: z.array(z.string().regex(/^[A-Z]{2}$/)),
  transit: z.array(z.string().regex(/^[A-Z]{2}$/)),
  destination: z.array(z.string().regex(/^[A-Z]{2}$/)),
});
export type CountryRoles = z.infer<typeof CountryRolesSchema>;

/** Options of {@link findCorridors}. */
export interface CorridorOptions extends Omit<TraceOptions, "direction" | "maxPaths"> {
  /** Commodity whose country roles to use, from `datasets/corridors/corridors.json` (`defaultCorridors()`). [default: "general"] */
  commodity?: string;
  /** Country roles; override `commodity`. [default: the commodity's roles] */
  roles?: CountryRoles;
  /** Most corridors returned. [default: 20] */
  limit?: number;
  /** Example paths per corridor (largest first). [default: 3] */
  examples?: number;
  /** Most transfers examined over the whole search. [default: 500000] */
  budget?: number;
}

/**
 * Defaults of {@link CorridorOptions} (the trace defaults apply to the rest).
 *
 * @example
 * ```ts
 * import { CORRIDOR_DEFAULTS } from "wildtrace";
 * CORRIDOR_DEFAULTS; // { limit: 20, examples: 3, budget: 500000 }
 * ```
 */
export const CORRIDOR_DEFAULTS = Object.freeze({ limit: 20, examples: 3, budget: 500_000 });

/** One corridor of results.json. */
export interface Corridor {
  /** Countries in the order the money crossed them, payer's first. */
  countries: string[];
  /** Amount (base currency) that reached source-country recipients along this chain. */
  amount: number;
  /** Number of paths. */
  count: number;
  /** The largest paths, as account ids in money order. */
  examples: string[][];
}

/** The result of {@link findCorridors}. */
export interface CorridorsResult {
  corridors: Corridor[];
  /** Start transfers (cross-border payments from destination countries), transfers examined, and whether the budget was reached. */
  starts: number;
  examined: number;
  truncated: boolean;
}

/**
 * Find the corridors of a dataset (see the file header).
 *
 * @example
 * ```ts
 * import { createDataset, findCorridors } from "wildtrace";
 * const { dataset } = createDataset({
 *   accounts: [{ id: "B", country: "CN" }, { id: "H", country: "HK" }, { id: "S", country: "TZ" }],
 *   transactions: [
 *     { id: "T1", date: "2024-01-01", amount: 50000, currency: "USD", fromAccount: "B", toAccount: "H" },
 *     { id: "T2", date: "2024-01-02", amount: 48000, currency: "USD", fromAccount: "H", toAccount: "S" },
 *   ],
 * });
 * findCorridors(dataset).corridors[0]; // { countries: ["CN", "HK", "TZ"], amount: 48000, count: 1, examples: [["B", "H", "S"]] }
 * ```
 */
export function findCorridors(dataset: Dataset, options: CorridorOptions = {}): CorridorsResult {
  const o = resolveTraceOptions("findCorridors", { ...options, budget: options.budget ?? CORRIDOR_DEFAULTS.budget, direction: "forward" });
  const limit = options.limit ?? CORRIDOR_DEFAULTS.limit;
  const exampleCount = options.examples ?? CORRIDOR_DEFAULTS.examples;
  if (!Number.isInteger(limit) || limit < 0) throw new OptionError("findCorridors", `limit must be an integer >= 0, got ${limit}`);
  if (!Number.isInteger(exampleCount) || exampleCount < 0) throw new OptionError("findCorridors", `examples must be an integer >= 0, got ${exampleCount}`);
  const parsed = CorridorRolesOrThrow(options.roles ?? commodityRoles(options.commodity ?? "general"));
  const codeSet = (codes: readonly string[]) => {
    const s = new Uint8Array(dataset.countries.length);
    for (const c of codes) {
      const k = dataset.countries.indexOf(c);
      if (k > 0) s[k] = 1;
    }
    return s;
  };
  const isSource = codeSet(parsed.source);
  const isDestination = codeSet(parsed.destination);
  const t = dataset.transactions;
  const effFrom = (i: number) => t.fromCountry[i] || (t.from[i] >= 0 ? dataset.accountCountry[t.from[i]] : 0);
  const effTo = (i: number) => t.toCountry[i] || (t.to[i] >= 0 ? dataset.accountCountry[t.to[i]] : 0);
  const adj = buildAccountAdjacency(dataset);
  const starts: number[] = [];
  for (let k = 0; k < adj.byTime.length; k++) {
    const i = adj.byTime[k];
    if (t.from[i] < 0 || t.to[i] < 0) continue;
    const fc = effFrom(i);
    const tc = effTo(i);
    if (isDestination[fc] && tc !== fc && tc !== 0) starts.push(i);
  }
  // One search per start, in time order, sharing one ledger: the earliest money claims a transfer
  // first, so a later start downstream (HK -> MY after CN -> HK) only gets what is left.
  const assigned = new Map<number, number>();
  const stop = (_acc: number, tx: number) => isSource[effTo(tx)] === 1;
  const countriesOf = (tx: number) => transactionCountries(dataset, tx);
  // Paths are kept as transfer chains; account ids are made only for the corridors returned.
  const byChain = new Map<string, { countries: string[]; amount: number; count: number; paths: { amount: number; chain: number[] }[] }>();
  let examined = 0;
  let truncated = false;
  for (const start of starts) {
    if (examined >= o.budget) {
      truncated = true;
      break;
    }
    const r = runTrace(dataset, adj, [start], true, { ...o.settings, budget: o.budget - examined }, assigned, stop);
    examined += r.examined;
    if (r.truncated) truncated = true;
    const { parcels } = r;
    for (let p = 0; p < parcels.tx.length; p++) {
      if (!isSource[effTo(parcels.tx[p])]) continue;
      const chain = parcelChain(parcels, p, true);
      const countries = chainCountries(countriesOf, chain);
      if (countries.length < 2) continue;
      const key = countries.join(">");
      let c = byChain.get(key);
      if (!c) byChain.set(key, (c = { countries, amount: 0, count: 0, paths: [] }));
      c.amount += parcels.amount[p];
      c.count++;
      c.paths.push({ amount: parcels.amount[p], chain });
    }
    if (truncated) break;
  }
  const corridors = [...byChain.entries()]
    .sort((a, b) => b[1].amount - a[1].amount || cmp(a[0], b[0]))
    .slice(0, limit)
    .map(([, c]) => ({
      countries: c.countries,
      amount: Math.round(c.amount * 100) / 100,
      count: c.count,
      examples: distinctPaths(c.paths.map((p) => ({ amount: p.amount, path: [dataset.accounts[t.from[p.chain[0]]].id, ...p.chain.map((tx) => dataset.accounts[t.to[tx]].id)] }))).slice(0, exampleCount),
    }));
  return { corridors, starts: starts.length, examined, truncated };
}

function commodityRoles(commodity: string): CountryRoles {
  const all = defaultCorridors().commodities;
  if (!Object.hasOwn(all, commodity)) throw new OptionError("findCorridors", `unknown commodity '${commodity}' (known: ${Object.keys(all).sort().join(", ")})`);
  return all[commodity];
}

function CorridorRolesOrThrow(roles: CountryRoles): CountryRoles {
  const parsed = CountryRolesSchema.safeParse(roles);
  if (!parsed.success) throw new OptionError("findCorridors", `roles are invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Paths with the same accounts merged (amounts added), largest first, then shortest, then by ids. */
function distinctPaths(paths: { amount: number; path: string[] }[]): string[][] {
  const merged = new Map<string, { amount: number; path: string[] }>();
  for (const p of paths) {
    const key = p.path.join("\u0000");
    const m = merged.get(key);
    if (m) m.amount += p.amount;
    else merged.set(key, { amount: p.amount, path: p.path });
  }
  return [...merged.entries()]
    .sort((x, y) => y[1].amount - x[1].amount || x[1].path.length - y[1].path.length || cmp(x[0], y[0]))
    .map(([, p]) => p.path);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

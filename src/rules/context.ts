import { type AccountAdjacency, buildAccountAdjacency } from "../graph/adjacency.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";
import { type Corridors, corridorRoles, defaultCorridors } from "./corridors.js";
import { compileLexicon, defaultLexicon, type Lexicon, type LexiconHit, type LexiconMatcher } from "./lexicon.js";
import type { RuleInput } from "./types.js";
import type { WatchlistEntry } from "./watchlist.js";

/** A cluster of parties that are the same real-world subject (a resolved entity from the resolve stage fits). */
export interface EntityCluster {
  readonly id: string;
  readonly members: readonly string[];
}

/** What every rule reads: the dataset, derived structures (built lazily, once) and reference data. */
export interface RuleContext {
  readonly dataset: Dataset;
  /** Time-sorted in/out transaction lists per account. */
  readonly adjacency: AccountAdjacency;
  readonly lexicon: LexiconMatcher;
  readonly corridors: Corridors;
  /** Role bits per commodity and country, and ROUTES seizures per goods-direction pair. */
  readonly corridorRoles: ReturnType<typeof corridorRoles>;
  readonly watchlist: readonly WatchlistEntry[];
  /** Per party index: the index of its resolved entity in `entities`, or -1. */
  readonly partyEntity: Int32Array;
  readonly entities: readonly EntityCluster[];
  /** Lexicon hits of reference `r` (an index into `dataset.references`), cached. */
  referenceHits(r: number): readonly LexiconHit[];
  /** Why an input is missing, or undefined when it is present. */
  missing(input: RuleInput): string | undefined;
}

/** Options of {@link createRuleContext}. */
export interface RuleContextOptions {
  /** Wildlife lexicon. [default: datasets/lexicon/lexicon.json] */
  lexicon?: Lexicon;
  /** Corridors. [default: datasets/corridors] */
  corridors?: Corridors;
  /** Watchlist entries. [default: none] */
  watchlist?: readonly WatchlistEntry[];
  /** Resolved entities (clusters of party ids). [default: none] */
  entities?: readonly EntityCluster[];
}

/**
 * Build the context the rules read. Derived structures are computed on first use.
 *
 * @example
 * ```ts
 * import { createDataset, createRuleContext } from "wildtrace";
 * const { dataset } = createDataset({ transactions: [{ id: "T1", date: "2024-01-01", amount: 5, currency: "USD", fromAccount: "A", reference: "ivory" }] });
 * const ctx = createRuleContext(dataset);
 * ctx.referenceHits(dataset.transactions.reference[0])[0].term; // "ivory"
 * ctx.missing("parties"); // "no parties in the dataset"
 * ```
 */
export function createRuleContext(dataset: Dataset, options: RuleContextOptions = {}): RuleContext {
  let lexicon: LexiconMatcher | undefined;
  let corridors: Corridors | undefined;
  let roles: ReturnType<typeof corridorRoles> | undefined;
  let hitCache: (readonly LexiconHit[] | undefined)[] | undefined;
  let present: Set<RuleInput> | undefined;
  const entities = options.entities ?? [];
  const partyEntity = new Int32Array(dataset.parties.length).fill(-1);
  entities.forEach((e, k) => {
    for (const m of e.members) {
      const p = dataset.partyIndex.get(m);
      if (p !== undefined) partyEntity[p] = k;
    }
  });
  const NONE: readonly LexiconHit[] = Object.freeze([]);
  const ctx: RuleContext = {
    dataset,
    get adjacency() {
      return buildAccountAdjacency(dataset);
    },
    get lexicon() {
      if (!lexicon) lexicon = compileLexicon(options.lexicon ?? defaultLexicon());
      return lexicon;
    },
    get corridors() {
      if (!corridors) corridors = options.corridors ?? defaultCorridors();
      return corridors;
    },
    get corridorRoles() {
      if (!roles) roles = corridorRoles(ctx.corridors);
      return roles;
    },
    watchlist: options.watchlist ?? [],
    partyEntity,
    entities,
    referenceHits(r: number) {
      if (r <= 0 || r >= dataset.references.length) return NONE;
      if (!hitCache) hitCache = new Array(dataset.references.length);
      let h = hitCache[r];
      if (h === undefined) {
        const found = ctx.lexicon.match(dataset.references[r]);
        h = found.length === 0 ? NONE : found;
        hitCache[r] = h;
      }
      return h;
    },
    missing(input: RuleInput) {
      if (!present) present = presentInputs(dataset, ctx.watchlist.length > 0);
      return present.has(input) ? undefined : MISSING[input];
    },
  };
  return ctx;
}

const MISSING: Readonly<Record<RuleInput, string>> = Object.freeze({
  transactions: "no transactions in the dataset",
  parties: "no parties in the dataset",
  references: "no payment references in the dataset",
  narratives: "no report narratives in the dataset",
  roles: "no party has a role (official, pep, ranger, customs...)",
  sectors: "no party has a sector",
  countries: "no account, party or transaction has a country",
  relationships: "no relationships in the dataset",
  cash: "no cash deposits or withdrawals in the dataset",
  mobile_money: "no mobile-money transactions in the dataset",
  watchlist: "no watchlist was given (config `watchlist` or option `watchlist`)",
});

function presentInputs(ds: Dataset, watchlist: boolean): Set<RuleInput> {
  const s = new Set<RuleInput>();
  const t = ds.transactions;
  if (t.length > 0) s.add("transactions");
  if (ds.parties.length > 0) s.add("parties");
  if (ds.references.length > 1) s.add("references");
  if (ds.reports.some((r) => r.reason.trim() !== "")) s.add("narratives");
  if (ds.parties.some((p) => p.roles.length > 0)) s.add("roles");
  if (ds.parties.some((p) => p.sector)) s.add("sectors");
  if (ds.countries.length > 1) s.add("countries");
  if (ds.relationships.length > 0) s.add("relationships");
  const cd = CHANNELS.indexOf("cash_deposit");
  const cw = CHANNELS.indexOf("cash_withdrawal");
  const mm = CHANNELS.indexOf("mobile_money");
  for (let i = 0; i < t.length; i++) {
    const c = t.channel[i];
    if (c === cd || c === cw || t.from[i] < 0 || t.to[i] < 0) s.add("cash");
    if (c === mm) s.add("mobile_money");
  }
  if (watchlist) s.add("watchlist");
  return s;
}

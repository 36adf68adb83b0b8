import { MultiDirectedGraph } from "graphology";
import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import { addressKey } from "../resolve/fold.js";
import { identifierKey } from "../resolve/identifier-key.js";

/**
 * Node attributes of the entity graph. Keys are namespaced: `party:<id>`, `account:<id>`,
 * `phone:<E.164>`, `email:<address>`, `identifier:<type>:<country>:<value>`, `address:<folded>`.
 * - `kind`: `party`, `account`, `phone`, `email`, `identifier` or `address`.
 * - `label`: the party's name, the account id, the phone, email or identifier, the address text.
 * - parties: `id`, `partyKind`, `country`, `birthDate`, `sector`, `roles`.
 * - accounts: `id`, `institution`, `country`, `accountType`.
 * - phones, emails, identifiers, addresses: `parties` (how many parties hold it).
 */
export type EntityNodeAttributes = {
  kind: "party" | "account" | "phone" | "email" | "identifier" | "address";
  label: string;
  id?: string;
  partyKind?: string;
  country?: string;
  birthDate?: string;
  sector?: string;
  roles?: string[];
  institution?: string;
  accountType?: string;
  parties?: number;
};

/**
 * Edge attributes of the entity graph: `type` is `holds` (party to account), a relationship type
 * from the data (`owns`, `directs`, `family`, `employs`, `associate`, ...; party to party, with
 * `since`, `until`, `share` when given), or `shares_phone`, `shares_email`, `shares_identifier`,
 * `shares_address` (party to a phone, email, identifier or address held by two or more parties;
 * `has_...` for one held by a single party, with `identifiers: "all"`).
 */
export type EntityEdgeAttributes = {
  type: string;
  since?: string;
  until?: string;
  share?: number;
};

/** Options of {@link buildEntityGraph}. */
export interface EntityGraphOptions {
  /** Which phones, emails, identifiers and addresses become nodes: those shared by two or more parties, all, or none. [default: "shared"] */
  identifiers?: "shared" | "all" | "none";
  /** Include accounts and `holds` edges. [default: true] */
  accounts?: boolean;
}

/**
 * Defaults of {@link EntityGraphOptions}.
 *
 * @example
 * ```ts
 * import { ENTITY_GRAPH_DEFAULTS } from "wildtrace";
 * ENTITY_GRAPH_DEFAULTS; // { identifiers: "shared", accounts: true }
 * ```
 */
export const ENTITY_GRAPH_DEFAULTS = Object.freeze({ identifiers: "shared" as const, accounts: true });

/** The entity graph: a graphology directed multigraph. */
export type EntityGraph = MultiDirectedGraph<EntityNodeAttributes, EntityEdgeAttributes>;

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface SharedNode {
  kind: "phone" | "email" | "identifier" | "address";
  label: string;
  holders: string[];
}

/**
 * Build the entity graph: parties, accounts, and the phones, emails, identifiers and addresses
 * they share, as nodes; `holds`, relationship (`owns`, `directs`, `family`...) and `shares_*`
 * edges. This is the graph that shows a front company, its director and the phone they share
 * behind the money. A plain graphology multigraph; nodes in kind then key order; never mutates
 * the dataset. Apply `applyResolution` first for one node per resolved entity.
 *
 * @example
 * ```ts
 * import { buildEntityGraph, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [
 *     { id: "P3", kind: "company", name: "Pemba Marine Logistics Lda", country: "MZ", phone: "+258 84 555 0192" },
 *     { id: "P12", kind: "person", name: "Zhang Wei", country: "CN", phone: "+258 84 555 0192" },
 *   ],
 *   accounts: [{ id: "ACC-MZ-01", holder: "P3" }],
 *   relationships: [{ from: "P12", to: "P3", type: "directs" }],
 * });
 * const g = buildEntityGraph(dataset);
 * g.hasEdge("directs:party:P12->party:P3");                // true
 * g.hasEdge("holds:party:P3->account:ACC-MZ-01");          // true
 * g.hasEdge("shares_phone:party:P12->phone:+258845550192"); // true
 * ```
 */
export function buildEntityGraph(dataset: Dataset, options: EntityGraphOptions = {}): EntityGraph {
  const mode = options.identifiers ?? ENTITY_GRAPH_DEFAULTS.identifiers;
  if (mode !== "shared" && mode !== "all" && mode !== "none") throw new OptionError("buildEntityGraph", `identifiers must be "shared", "all" or "none", got '${String(mode)}'`);
  const withAccounts = options.accounts ?? ENTITY_GRAPH_DEFAULTS.accounts;
  const graph: EntityGraph = new MultiDirectedGraph<EntityNodeAttributes, EntityEdgeAttributes>();
  const addEdge = (type: string, source: string, target: string, attrs: EntityEdgeAttributes): void => {
    const base = `${type}:${source}->${target}`;
    let key = base;
    for (let n = 2; graph.hasEdge(key); n++) key = `${base}#${n}`;
    graph.addDirectedEdgeWithKey(key, source, target, attrs);
  };

  const parties = [...dataset.parties].sort((a, b) => byCodeUnit(a.id, b.id));
  for (const p of parties) {
    const attrs: EntityNodeAttributes = { kind: "party", label: p.name || p.id, id: p.id, partyKind: p.kind };
    if (p.country !== undefined) attrs.country = p.country;
    if (p.birthDate !== undefined) attrs.birthDate = p.birthDate;
    if (p.sector !== undefined) attrs.sector = p.sector;
    if (p.roles.length > 0) attrs.roles = [...p.roles];
    graph.addNode(`party:${p.id}`, attrs);
  }
  if (withAccounts) {
    const accounts = dataset.accounts.map((_, a) => a).sort((x, y) => byCodeUnit(dataset.accounts[x].id, dataset.accounts[y].id));
    for (const a of accounts) {
      const acc = dataset.accounts[a];
      const attrs: EntityNodeAttributes = { kind: "account", label: acc.id, id: acc.id, accountType: acc.type };
      if (acc.institution !== undefined) attrs.institution = acc.institution;
      if (acc.country !== undefined) attrs.country = acc.country;
      graph.addNode(`account:${acc.id}`, attrs);
    }
  }

  // Shared phones, emails, identifiers, addresses.
  const shared = new Map<string, SharedNode>();
  if (mode !== "none") {
    for (const p of parties) {
      const mine = new Set<string>();
      const note = (key: string, kind: SharedNode["kind"], label: string): void => {
        if (mine.has(key)) return;
        mine.add(key);
        let s = shared.get(key);
        if (!s) shared.set(key, (s = { kind, label, holders: [] }));
        s.holders.push(p.id);
      };
      for (const ident of p.identifiers) {
        const k = identifierKey(ident, p.country);
        if (!k) continue;
        if (k.rule === "phone") note(`phone:${k.key}`, "phone", k.key);
        else if (k.rule === "email") note(`email:${k.key}`, "email", k.key);
        else note(`identifier:${k.key}`, "identifier", k.key);
      }
      for (const ad of p.addresses) {
        const k = addressKey(ad.text);
        if (k.length >= 4) note(`address:${k}`, "address", ad.text);
      }
    }
  }
  const sharedKeys = [...shared.keys()].filter((k) => mode === "all" || shared.get(k)!.holders.length >= 2).sort(byCodeUnit);
  for (const key of sharedKeys) {
    const s = shared.get(key)!;
    graph.addNode(key, { kind: s.kind, label: s.label, parties: s.holders.length });
  }

  // Edges.
  if (withAccounts) {
    const accounts = dataset.accounts.map((_, a) => a).sort((x, y) => byCodeUnit(dataset.accounts[x].id, dataset.accounts[y].id));
    for (const a of accounts) {
      const h = dataset.accountHolder[a];
      if (h >= 0) addEdge("holds", `party:${dataset.parties[h].id}`, `account:${dataset.accounts[a].id}`, { type: "holds" });
    }
  }
  const rels = [...dataset.relationships].sort(
    (x, y) => byCodeUnit(x.from, y.from) || byCodeUnit(x.to, y.to) || byCodeUnit(x.type, y.type) || byCodeUnit(x.since ?? "", y.since ?? "") || byCodeUnit(x.until ?? "", y.until ?? "") || (x.share ?? -1) - (y.share ?? -1),
  );
  for (const r of rels) {
    const source = `party:${r.from}`;
    const target = `party:${r.to}`;
    if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
    const attrs: EntityEdgeAttributes = { type: r.type };
    if (r.since !== undefined) attrs.since = r.since;
    if (r.until !== undefined) attrs.until = r.until;
    if (r.share !== undefined) attrs.share = r.share;
    addEdge(r.type, source, target, attrs);
  }
  for (const key of sharedKeys) {
    const s = shared.get(key)!;
    const type = `${s.holders.length >= 2 ? "shares" : "has"}_${s.kind}`;
    for (const pid of s.holders) addEdge(type, `party:${pid}`, key, { type });
  }
  return graph;
}

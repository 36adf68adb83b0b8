import type { AbstractGraph } from "graphology-types";
import { type CsvValue, toCsv } from "./csv-writer.js";
import { attributeColumns, columnsOf, type FlatValue, flatAttributes, kindOf, pascalName } from "./export-values.js";

/**
 * i2 Analyst's Notebook import files: one CSV of entities and one of links, to load with the
 * Importer (File > Import, "Entities" then "Links" specifications; each column maps to an
 * identity, a label, a date or an attribute). The column names below are the ones to map.
 */

/** Entity types i2 ships in its standard palettes, by wildtrace kind. */
const ENTITY_TYPE: Readonly<Record<string, string>> = Object.freeze({
  account: "Account",
  person: "Person",
  company: "Organisation",
  organization: "Organisation",
  organisation: "Organisation",
  party: "Person",
  entity: "Person",
  country: "Country",
});

function entityType(kind: string): string {
  return Object.hasOwn(ENTITY_TYPE, kind) ? ENTITY_TYPE[kind] : pascalName(kind, "Entity");
}

function dateOf(props: Map<string, FlatValue>): string {
  for (const k of ["date", "start", "since", "first"]) {
    const v = props.get(k);
    if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  }
  return "";
}

/**
 * Write a graph as i2 Analyst's Notebook import CSV: `entities` (Entity Type, Identity, Label,
 * then every attribute) and `links` (Link Type, Link Identity, From/To Entity Type, From/To
 * Identity, Direction, Label, Date, then every attribute). Entity types follow i2's standard
 * names (Account, Person, Organisation; a party's `partyKind` decides between the last two); the
 * link type is the edge's `type` or `kind`.
 *
 * @example
 * ```ts
 * import { MultiDirectedGraph } from "graphology";
 * import { toI2Csv } from "wildtrace";
 * const g = new MultiDirectedGraph();
 * g.addNode("ACC-MZ-01", { kind: "account", label: "ACC-MZ-01", country: "MZ" });
 * g.addNode("ACC-TZ-01", { kind: "account", label: "ACC-TZ-01", country: "TZ" });
 * g.addEdge("ACC-MZ-01", "ACC-TZ-01", { type: "transaction", amount: 46900, date: "2024-01-10" });
 * const { entities, links } = toI2Csv(g); // import entities.csv first, then links.csv
 * ```
 */
export function toI2Csv(graph: AbstractGraph): { entities: string; links: string } {
  const types = new Map<string, string>();
  const nodeRows: { key: string; type: string; label: string; props: Map<string, FlatValue> }[] = [];
  graph.forEachNode((key, attributes) => {
    const props = flatAttributes(attributes);
    const kind = kindOf(attributes);
    const type = entityType((kind === "party" || kind === "entity") && typeof attributes.partyKind === "string" ? attributes.partyKind : kind);
    types.set(key, type);
    const label = props.get("label") ?? props.get("name") ?? key;
    nodeRows.push({ key, type, label: String(label), props });
  });
  const nodeCols = columnsOf(nodeRows.map((r) => r.props));
  const entities = toCsv(
    ["Entity Type", "Identity", "Label", ...nodeCols.map((c) => c.name)],
    nodeRows.map((r): CsvValue[] => [r.type, r.key, r.label, ...nodeCols.map((c) => r.props.get(c.name))]),
  );
  const edgeCols = attributeColumns(
    (function* () {
      for (const e of graph.edgeEntries()) yield e.attributes;
    })(),
  );
  const links = toCsv(
    ["Link Type", "Link Identity", "From Entity Type", "From Identity", "To Entity Type", "To Identity", "Direction", "Label", "Date", ...edgeCols.map((c) => c.name)],
    (function* (): Generator<CsvValue[]> {
      for (const e of graph.edgeEntries()) {
        const props = flatAttributes(e.attributes);
        const type = pascalName(kindOf(e.attributes), "Link");
        const label = props.get("label") ?? (typeof props.get("amount") === "number" ? String(props.get("amount")) : type);
        yield [
          type,
          e.edge,
          types.get(e.source)!,
          e.source,
          types.get(e.target)!,
          e.target,
          e.undirected ? "None" : "Forward",
          String(label),
          dateOf(props),
          ...edgeCols.map((c) => props.get(c.name)),
        ];
      }
    })(),
  );
  return { entities, links };
}

import type { AbstractGraph } from "graphology-types";
import { type CsvValue, toCsv } from "./csv-writer.js";
import { attributeColumns, columnsOf, type FlatValue, flatAttributes, kindOf, pascalName } from "./export-values.js";

/**
 * Neo4j exports: a Cypher script to run in cypher-shell or the browser, and the CSV files of
 * `neo4j-admin database import` (header syntax from the Neo4j Operations Manual, "Import":
 * `:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns such as `amount:double`,
 * arrays as `:string[]` with `;` between the values).
 */

/** Options of {@link toCypher} and {@link toNeo4jCsv}. */
export interface CypherExportOptions {
  /** Label put on every node (with a uniqueness constraint on `wt_id`). [default: "Wildtrace"] */
  baseLabel?: string;
}

/**
 * Defaults of {@link CypherExportOptions}.
 *
 * @example
 * ```ts
 * import { CYPHER_EXPORT_DEFAULTS } from "wildtrace";
 * CYPHER_EXPORT_DEFAULTS.baseLabel; // "Wildtrace"
 * ```
 */
export const CYPHER_EXPORT_DEFAULTS = Object.freeze({ baseLabel: "Wildtrace" });

/**
 * A Cypher string literal: single-quoted, with backslash, quotes and every control or line
 * separator character written as an escape, so no value can end the string or the statement.
 *
 * @example
 * ```ts
 * import { cypherString } from "wildtrace";
 * cypherString("O'Brien\n"); // "'O\\'Brien\\n'"
 * ```
 */
export function cypherString(text: string): string {
  if (!CYPHER_SPECIAL.test(text)) return `'${text}'`;
  let out = "'";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}'`;
}

const CYPHER_SPECIAL = /[\\'\u0000-\u001F\u007F\u2028\u2029\uD800-\uDFFF]/;

/** A property key or label in backticks (backticks doubled). */
function cypherName(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}

function cypherValue(v: FlatValue): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return cypherString(v);
}

function cypherMap(id: string | undefined, props: Map<string, FlatValue>): string {
  const parts: string[] = [];
  if (id !== undefined) parts.push(`wt_id: ${cypherString(id)}`);
  for (const [k, v] of props) if (k !== "wt_id") parts.push(`${cypherName(k)}: ${cypherValue(v)}`);
  return `{${parts.join(", ")}}`;
}

function relType(kind: string): string {
  const t = pascalName(kind, "LINK").replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
  return /^[A-Z][A-Z0-9_]*$/.test(t) ? t : "LINK";
}

function nodeLabel(kind: string): string {
  return pascalName(kind, "Node");
}

/**
 * Write a graph as a Cypher script: a uniqueness constraint, one `CREATE` per node (labels from
 * the node's `kind` or `type`, every attribute a property, the graph key as `wt_id`) and one
 * `MATCH ... CREATE` per edge (relationship type from the edge's `type` or `kind`, upper snake
 * case; `LINK` when absent). One statement a line, each ending with `;`.
 *
 * @example
 * ```ts
 * import { MultiDirectedGraph } from "graphology";
 * import { toCypher } from "wildtrace";
 * const g = new MultiDirectedGraph();
 * g.addNode("ACC-CN-01", { kind: "account", country: "CN" });
 * g.addNode("ACC-MY-01", { kind: "account", country: "MY" });
 * g.addEdge("ACC-CN-01", "ACC-MY-01", { type: "paid", amount: 48000 });
 * toCypher(g).split("\n").filter((l) => l.endsWith(";")).length; // 4: constraint, 2 nodes, 1 edge
 * ```
 */
export function toCypher(graph: AbstractGraph, options: CypherExportOptions = {}): string {
  const base = nodeLabel(options.baseLabel ?? CYPHER_EXPORT_DEFAULTS.baseLabel);
  const lines: string[] = [
    `// wildtrace Cypher export: ${graph.order} nodes, ${graph.size} relationships`,
    `CREATE CONSTRAINT wildtrace_wt_id IF NOT EXISTS FOR (n:${cypherName(base)}) REQUIRE n.wt_id IS UNIQUE;`,
  ];
  graph.forEachNode((key, attributes) => {
    const label = nodeLabel(kindOf(attributes));
    const labels = label === base ? cypherName(base) : `${cypherName(base)}:${cypherName(label)}`;
    lines.push(`CREATE (:${labels} ${cypherMap(key, flatAttributes(attributes))});`);
  });
  graph.forEachEdge((_key, attributes, source, target, _sa, _ta, undirected) => {
    const type = relType(kindOf(attributes));
    const props = flatAttributes(attributes);
    if (undirected) props.set("undirected", true);
    lines.push(
      `MATCH (a:${cypherName(base)} {wt_id: ${cypherString(source)}}), (b:${cypherName(base)} {wt_id: ${cypherString(target)}}) CREATE (a)-[:${type} ${cypherMap(undefined, props)}]->(b);`,
    );
  });
  return `${lines.join("\n")}\n`;
}

const NEO4J_TYPE = { number: "double", boolean: "boolean", string: "string" } as const;

/**
 * Write a graph as the two CSV files of `neo4j-admin database import full`
 * (`--nodes=nodes.csv --relationships=relationships.csv --array-delimiter=";"`). Values go through
 * the formula-neutralising CSV writer, like every CSV file wildtrace writes.
 *
 * @example
 * ```ts
 * import { MultiDirectedGraph } from "graphology";
 * import { toNeo4jCsv } from "wildtrace";
 * const g = new MultiDirectedGraph();
 * g.addNode("P1", { kind: "person", name: "Nguyen Van Hung" });
 * g.addNode("P2", { kind: "company", name: "Kilwa Clearing & Forwarding Ltd" });
 * g.addEdge("P1", "P2", { type: "directs" });
 * const { nodes, relationships } = toNeo4jCsv(g);
 * nodes.split("\n")[0]; // "wt_id:ID,:LABEL,kind:string,name:string"
 * ```
 */
export function toNeo4jCsv(graph: AbstractGraph, options: CypherExportOptions = {}): { nodes: string; relationships: string } {
  const base = nodeLabel(options.baseLabel ?? CYPHER_EXPORT_DEFAULTS.baseLabel);
  const nodeRows: { key: string; label: string; props: Map<string, FlatValue> }[] = [];
  graph.forEachNode((key, attributes) => {
    const label = nodeLabel(kindOf(attributes));
    const props = flatAttributes(attributes);
    props.delete("wt_id");
    nodeRows.push({ key, label: label === base ? base : `${base};${label}`, props });
  });
  const nodeCols = columnsOf(nodeRows.map((r) => r.props));
  const nodes = toCsv(
    ["wt_id:ID", ":LABEL", ...nodeCols.map((c) => `${c.name}:${NEO4J_TYPE[c.type]}`)],
    nodeRows.map((r): CsvValue[] => [r.key, r.label, ...nodeCols.map((c) => r.props.get(c.name))]),
  );
  // Edges are many: their columns are found in a first pass, rows written in a second, so that
  // no per-edge record is kept.
  const edgeCols = attributeColumns(
    (function* () {
      for (const e of graph.edgeEntries()) yield e.attributes;
    })(),
    graph.undirectedSize > 0 ? [{ name: "undirected", type: "boolean" }] : [],
  );
  const relationships = toCsv(
    [":START_ID", ":END_ID", ":TYPE", ...edgeCols.map((c) => `${c.name}:${NEO4J_TYPE[c.type]}`)],
    (function* (): Generator<CsvValue[]> {
      for (const e of graph.edgeEntries()) {
        const props = flatAttributes(e.attributes);
        if (e.undirected) props.set("undirected", true);
        yield [e.source, e.target, relType(kindOf(e.attributes)), ...edgeCols.map((c) => props.get(c.name))];
      }
    })(),
  );
  return { nodes, relationships };
}

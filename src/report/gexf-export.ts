import type { AbstractGraph, Attributes } from "graphology-types";
import { OptionError } from "../errors.js";
import { type FlatValue, flatAttributes, flatValue } from "./export-values.js";

/**
 * GEXF writer (format: https://gexf.net/, versions 1.2 and 1.3, as Gephi reads them). Our own
 * rather than graphology-gexf's, which holds the whole document in an XML writer and runs out of
 * memory on a case of a million transactions: this one writes the document in pieces. Attribute
 * types are inferred per attribute name (`boolean`, `long` for integers, `double`, else
 * `string`); arrays are written joined by `;`, objects as JSON. Text is XML-escaped, line breaks
 * tabs and line separators as character references (so attribute-value normalisation keeps
 * them), and characters
 * XML 1.0 forbids become U+FFFD.
 */

/** Options of {@link toGexf}. */
export interface GexfExportOptions {
  /** GEXF version (Gephi reads both). [default: "1.3"] */
  version?: "1.2" | "1.3";
}

/**
 * Defaults of {@link GexfExportOptions}.
 *
 * @example
 * ```ts
 * import { GEXF_EXPORT_DEFAULTS } from "wildtrace";
 * GEXF_EXPORT_DEFAULTS.version; // "1.3"
 * ```
 */
export const GEXF_EXPORT_DEFAULTS = Object.freeze({ version: "1.3" } as const);

const VIZ = new Set(["x", "y", "size", "color", "label", "weight"]);
const NS = {
  "1.2": { gexf: "http://www.gexf.net/1.2draft", viz: "http://www.gexf.net/1.2draft/viz" },
  "1.3": { gexf: "http://gexf.net/1.3", viz: "http://gexf.net/1.3/viz" },
} as const;

const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Readonly<Record<string, string>> = Object.freeze({
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\n": "&#xA;",
  "\r": "&#xD;",
  "\t": "&#x9;",
  "\u0085": "&#x85;",
  "\u2028": "&#x2028;",
  "\u2029": "&#x2029;",
});
const NEEDS_ESCAPE = /[&<>"\n\r\t\u0085\u2028\u2029\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Escape text for a double-quoted XML attribute. */
function attr(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(XML_INVALID, "\uFFFD").replace(/[&<>"\n\r\t\u0085\u2028\u2029]/g, (c) => XML_ESCAPES[c]);
}

type GexfType = "boolean" | "long" | "double" | "string";

function typeOf(v: FlatValue): GexfType {
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "long" : "double";
  return "string";
}

function merge(a: GexfType | undefined, b: GexfType): GexfType {
  if (a === undefined || a === b) return b;
  if ((a === "long" && b === "double") || (a === "double" && b === "long")) return "double";
  return "string";
}

/** Attributes of one element written as GEXF, without the viz and reserved ones. */
function attributesOf(attributes: Attributes): Map<string, FlatValue> {
  return flatAttributes(attributes, VIZ);
}

function model(types: Map<string, GexfType>): { id: Map<string, string>; xml: string[] } {
  const names = [...types.keys()].sort();
  const id = new Map(names.map((n, i) => [n, String(i)]));
  return { id, xml: names.map((n, i) => `      <attribute id="${i}" title="${attr(n)}" type="${types.get(n)}"/>`) };
}

function attvalues(values: Map<string, FlatValue>, ids: Map<string, string>): string {
  if (values.size === 0) return "";
  let out = "\n        <attvalues>";
  for (const [k, v] of values) out += `\n          <attvalue for="${ids.get(k)}" value="${attr(String(v))}"/>`;
  return `${out}\n        </attvalues>`;
}

function hexColour(c: unknown): { r: number; g: number; b: number } | undefined {
  if (typeof c !== "string" || !/^#[0-9a-fA-F]{6}$/.test(c)) return undefined;
  return { r: Number.parseInt(c.slice(1, 3), 16), g: Number.parseInt(c.slice(3, 5), 16), b: Number.parseInt(c.slice(5, 7), 16) };
}

const finite = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Write a graph (transactions or entities) as GEXF for Gephi, with every attribute. A node's
 * `label`, `x`, `y`, `size` and `color` (`#rrggbb`) become its label and viz data; an edge's
 * `label` and numeric `weight` its label and weight. Parallel edges keep their own ids; in a
 * mixed graph, undirected edges are marked so.
 *
 * @example
 * ```ts
 * import { MultiDirectedGraph } from "graphology";
 * import { toGexf } from "wildtrace";
 * const g = new MultiDirectedGraph();
 * g.addNode("ACC-CN-01", { kind: "account", label: "ACC-CN-01", country: "CN" });
 * g.addNode("ACC-MY-01", { kind: "account", label: "ACC-MY-01", country: "MY" });
 * g.addEdge("ACC-CN-01", "ACC-MY-01", { amount: 48000, date: "2024-01-08" });
 * const xml = toGexf(g); // open in Gephi: File > Open
 * ```
 */
export function toGexf(graph: AbstractGraph, options: GexfExportOptions = {}): string {
  const version = options.version ?? GEXF_EXPORT_DEFAULTS.version;
  if (version !== "1.2" && version !== "1.3") throw new OptionError("toGexf", "`version` must be '1.2' or '1.3'");
  const nodeTypes = new Map<string, GexfType>();
  const edgeTypes = new Map<string, GexfType>();
  graph.forEachNode((_k, a) => {
    for (const [k, v] of attributesOf(a)) nodeTypes.set(k, merge(nodeTypes.get(k), typeOf(v)));
  });
  graph.forEachEdge((_k, a) => {
    for (const [k, v] of attributesOf(a)) edgeTypes.set(k, merge(edgeTypes.get(k), typeOf(v)));
  });
  const nodeModel = model(nodeTypes);
  const edgeModel = model(edgeTypes);
  const defaultType = graph.type === "undirected" ? "undirected" : "directed";
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="${NS[version].gexf}" xmlns:viz="${NS[version].viz}" version="${version}">\n  <meta>\n    <creator>wildtrace</creator>\n  </meta>\n  <graph defaultedgetype="${defaultType}" mode="static">`,
    `    <attributes class="node">${nodeModel.xml.length > 0 ? `\n${nodeModel.xml.join("\n")}\n    ` : ""}</attributes>`,
    `    <attributes class="edge">${edgeModel.xml.length > 0 ? `\n${edgeModel.xml.join("\n")}\n    ` : ""}</attributes>`,
    "    <nodes>",
  ];
  graph.forEachNode((key, a) => {
    const label = flatValue(a.label);
    let viz = "";
    if (finite(a.size)) viz += `\n        <viz:size value="${a.size}"/>`;
    if (finite(a.x) && finite(a.y)) viz += `\n        <viz:position x="${a.x}" y="${a.y}" z="0"/>`;
    const c = hexColour(a.color);
    if (c) viz += `\n        <viz:color r="${c.r}" g="${c.g}" b="${c.b}"/>`;
    const body = attvalues(attributesOf(a), nodeModel.id) + viz;
    parts.push(`      <node id="${attr(key)}" label="${attr(label === undefined ? key : String(label))}"${body ? `>${body}\n      </node>` : "/>"}`);
  });
  parts.push("    </nodes>", "    <edges>");
  graph.forEachEdge((key, a, source, target, _sa, _ta, undirected) => {
    const label = flatValue(a.label);
    const extra =
      (undirected && defaultType === "directed" ? ' type="undirected"' : !undirected && defaultType === "undirected" ? ' type="directed"' : "") +
      (finite(a.weight) ? ` weight="${a.weight}"` : "") +
      (label === undefined ? "" : ` label="${attr(String(label))}"`);
    const body = attvalues(attributesOf(a), edgeModel.id);
    parts.push(`      <edge id="${attr(key)}" source="${attr(source)}" target="${attr(target)}"${extra}${body ? `>${body}\n      </edge>` : "/>"}`);
  });
  parts.push("    </edges>\n  </graph>\n</gexf>\n");
  return parts.join("\n");
}

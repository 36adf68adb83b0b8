import type { Attributes } from "graphology-types";
import type { AbstractGraph } from "graphology-types";
import { write } from "graphology-gexf";
import { OptionError } from "../errors.js";
import { flatAttributes, flatValue, xmlSafe } from "./export-values.js";

/** Options of {@link toGexf}. */
export interface GexfExportOptions {
  /** GEXF version (Gephi reads both). [default: "1.3"] */
  version?: "1.2" | "1.3";
  /** Indent the XML. [default: true] */
  pretty?: boolean;
}

/** Defaults of {@link GexfExportOptions}. */
export const GEXF_EXPORT_DEFAULTS = Object.freeze({ version: "1.3", pretty: true } as const);

const VIZ = new Set(["x", "y", "size", "color", "label", "weight"]);

function clean(attributes: Attributes): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = Object.create(null);
  for (const [k, v] of flatAttributes(attributes, VIZ)) out[xmlSafe(k)] = typeof v === "string" ? xmlSafe(v) : v;
  return out;
}

/**
 * Write a graph (transactions or entities) as GEXF for Gephi (https://gexf.net/), with every
 * attribute: arrays are joined with `;`, objects written as JSON, characters XML forbids replaced.
 * `label`, `x`, `y`, `size`, `color` become the node's label and viz data, an edge's numeric
 * `weight` its weight. Uses graphology-gexf's writer, which escapes markup.
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
  return write(graph, {
    version,
    pretty: options.pretty ?? GEXF_EXPORT_DEFAULTS.pretty,
    formatNode: (key, attributes) => {
      const label = flatValue(attributes.label);
      const viz: { x?: number; y?: number; size?: number; color?: string } = {};
      for (const k of ["x", "y", "size"] as const) if (typeof attributes[k] === "number" && Number.isFinite(attributes[k])) viz[k] = attributes[k];
      if (typeof attributes.color === "string" && /^#[0-9a-fA-F]{6}$/.test(attributes.color)) viz.color = attributes.color;
      return { label: xmlSafe(label === undefined ? key : String(label)), attributes: clean(attributes), ...(Object.keys(viz).length > 0 ? { viz } : {}) };
    },
    formatEdge: (_key, attributes) => {
      const label = flatValue(attributes.label);
      const weight = typeof attributes.weight === "number" && Number.isFinite(attributes.weight) ? attributes.weight : undefined;
      return { ...(label === undefined ? {} : { label: xmlSafe(String(label)) }), ...(weight === undefined ? {} : { weight }), attributes: clean(attributes) };
    },
  });
}

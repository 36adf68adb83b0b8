import type { Attributes } from "graphology-types";

/**
 * Private helpers shared by the graph exports (not re-exported from the package): flattening
 * attribute values into scalars and collecting the attribute columns of a graph in a stable order.
 */

/** A flattened attribute value: what every export format can hold. */
export type FlatValue = string | number | boolean;

/** Characters XML 1.0 cannot hold at all (https://www.w3.org/TR/xml/#charsets). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Remove characters that XML 1.0 forbids (control characters, lone surrogates).
 *
 * @example
 * ```ts
 * xmlSafe("Kilwa\u0007 Traders"); // "Kilwa\uFFFD Traders"
 * ```
 */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD");
}

/**
 * One attribute value as a scalar: arrays joined with `;`, objects as JSON, non-finite numbers and
 * empty values dropped (undefined).
 *
 * @example
 * ```ts
 * flatValue(["wire", "cash"]); // "wire;cash"
 * flatValue(Number.NaN); // undefined
 * flatValue({ a: 1 }); // '{"a":1}'
 * ```
 */
export function flatValue(value: unknown): FlatValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))).join(";");
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value);
}

/**
 * Flatten every attribute; keys in sorted order; `skip` names are left out.
 *
 * @example
 * ```ts
 * flatAttributes({ score: 0.8, label: "ACC-1", channels: ["wire", "cash"], x: 1 }, new Set(["x"]));
 * // Map { "channels" => "wire;cash", "label" => "ACC-1", "score" => 0.8 }
 * ```
 */
export function flatAttributes(attributes: Attributes, skip: ReadonlySet<string> = new Set()): Map<string, FlatValue> {
  const out = new Map<string, FlatValue>();
  for (const k of Object.keys(attributes).sort()) {
    if (skip.has(k)) continue;
    const v = flatValue(attributes[k]);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

/** Type of a column: number when every present value is a number, boolean likewise, else string. */
export type ColumnType = "number" | "boolean" | "string";

/**
 * The attribute columns of a set of flattened records, sorted, with their types.
 *
 * @example
 * ```ts
 * const a = new Map<string, FlatValue>([["score", 0.8], ["label", "A"]]);
 * const b = new Map<string, FlatValue>([["score", "n/a"], ["flag", true]]);
 * columnsOf([a, b]);
 * // [{ name: "flag", type: "boolean" }, { name: "label", type: "string" }, { name: "score", type: "string" }]
 * ```
 */
export function columnsOf(records: Iterable<Map<string, FlatValue>>): { name: string; type: ColumnType }[] {
  const types = new Map<string, ColumnType>();
  for (const r of records) {
    for (const [k, v] of r) {
      const t: ColumnType = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
      const had = types.get(k);
      types.set(k, had === undefined || had === t ? t : "string");
    }
  }
  return [...types.keys()].sort().map((name) => ({ name, type: types.get(name)! }));
}

/**
 * "customs_clearing" -> "CustomsClearing"; anything else than letters, digits and _ dropped.
 *
 * @example
 * ```ts
 * pascalName("customs_clearing", "Link"); // "CustomsClearing"
 * pascalName("2nd hop", "Link"); // "Link": a name must start with a letter
 * ```
 */
export function pascalName(text: string, fallback: string): string {
  const words = String(text)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : fallback;
}

/**
 * Kind of a node or edge from its `kind` or `type` attribute.
 *
 * @example
 * ```ts
 * kindOf({ kind: "account" }); // "account"
 * kindOf({ type: "transfer" }); // "transfer"
 * kindOf({}); // ""
 * ```
 */
export function kindOf(attributes: Attributes): string {
  const k = attributes.kind ?? attributes.type;
  return typeof k === "string" ? k : "";
}

/**
 * The attribute columns of many attribute objects, sorted, with their types, in one pass without keeping them.
 *
 * @example
 * ```ts
 * attributeColumns([{ score: 0.8, label: "A" }, { score: 2, flag: true }], [{ name: "id", type: "string" }]);
 * // [{ name: "flag", type: "boolean" }, { name: "id", type: "string" },
 * //  { name: "label", type: "string" }, { name: "score", type: "number" }]
 * ```
 */
export function attributeColumns(items: Iterable<Attributes>, extra: readonly { name: string; type: ColumnType }[] = []): { name: string; type: ColumnType }[] {
  const types = new Map<string, ColumnType>(extra.map((c) => [c.name, c.type]));
  for (const attributes of items) {
    for (const k in attributes) {
      const v = flatValue(attributes[k]);
      if (v === undefined) continue;
      const t: ColumnType = typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string";
      const had = types.get(k);
      types.set(k, had === undefined || had === t ? t : "string");
    }
  }
  return [...types.keys()].sort().map((name) => ({ name, type: types.get(name)! }));
}

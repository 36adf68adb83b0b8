import type { DatasetBuilder, SourceLocation } from "./builder.js";
import { camelKey, RECORD_FIELDS, type RecordKind } from "./fields.js";
import type { Quarantine } from "./quarantine.js";
import { type FieldGetter, type RecordReadOptions, readAccountRecord, readPartyRecord, readRelationshipRecord, readTransactionRecord } from "./records.js";

/** Statistics of one source (a file or an in-memory table). */
export interface SourceStats {
  file: string;
  kind: RecordKind | "fx" | "goaml" | "ftm";
  format: string;
  rowsRead: number;
}

/**
 * Read one record of a kind through its getter into the builder.
 *
 * @example
 * ```ts
 * import { DatasetBuilder, Quarantine, acceptRecord } from "wildtrace";
 * const q = new Quarantine();
 * const b = new DatasetBuilder(q);
 * const row: Record<string, string> = { id: "T1", date: "2024-01-01", amount: "5", currency: "USD", from_account: "A" };
 * acceptRecord("transactions", (f) => row[f], { file: "api", line: 1 }, b, q); // true
 * ```
 */
export function acceptRecord(kind: RecordKind, get: FieldGetter, loc: SourceLocation, builder: DatasetBuilder, q: Quarantine, opts: RecordReadOptions = {}, extra?: ReadonlyArray<readonly [string, string]>): boolean {
  switch (kind) {
    case "transactions": {
      const t = readTransactionRecord(get, loc, q, opts);
      return t ? builder.addTransaction(t, loc) : false;
    }
    case "accounts": {
      const a = readAccountRecord(get, loc, q, opts);
      return a ? builder.addAccount(a, loc) : false;
    }
    case "parties": {
      const p = readPartyRecord(get, loc, q, opts, extra);
      return p ? builder.addParty(p, loc) : false;
    }
    case "relationships": {
      const r = readRelationshipRecord(get, loc, q, opts);
      if (r) builder.addRelationship(r, loc);
      return r !== undefined;
    }
  }
}

/**
 * Turn a JSON value into the text a cell would hold. Arrays join with `;`.
 *
 * @example
 * ```ts
 * import { cellText } from "wildtrace";
 * cellText(["R1", "R2"]); // "R1;R2"
 * cellText(1500); // "1500"
 * cellText(Number.NaN); // undefined, an empty cell
 * ```
 */
export function cellText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return v;
  // DataFrames mark a missing cell as NaN: an empty cell, not the text "NaN".
  if (typeof v === "number" && Number.isNaN(v)) return undefined;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x))).join(";");
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/**
 * A getter over a plain object record that accepts canonical snake_case keys and camelCase keys,
 * reading only own properties (so `__proto__` and friends are plain data), plus the extra keys.
 *
 * @example
 * ```ts
 * import { objectGetter } from "wildtrace";
 * const { get } = objectGetter("transactions", { id: "T1", fromAccount: "A" });
 * get("from_account"); // "A"
 * ```
 */
export function objectGetter(kind: RecordKind, obj: Record<string, unknown>, columns?: Readonly<Record<string, string>>): { get: FieldGetter; extra: [string, string][] } {
  const known = new Set<string>();
  const get: FieldGetter = (field) => {
    const keys = columns && Object.hasOwn(columns, field) ? [columns[field]] : [field, camelKey(field)];
    for (const k of keys) {
      if (Object.hasOwn(obj, k)) return cellText(obj[k]);
    }
    return undefined;
  };
  for (const f of RECORD_FIELDS[kind]) {
    if (columns && Object.hasOwn(columns, f)) known.add(columns[f]);
    else {
      known.add(f);
      known.add(camelKey(f));
    }
  }
  const extra: [string, string][] = [];
  for (const k of Object.keys(obj)) if (!known.has(k)) extra.push([k, cellText(obj[k]) ?? ""]);
  return { get, extra };
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { readAccountRecord, readPartyRecord } from "../../src/ingest/records.js";
import { normaliseCountry } from "../../src/model/countries.js";

// The readings of multi-valued cells and identifiers before their allocation-free fast paths.
function oldMulti(v: string | undefined): string[] {
  if (v === undefined || v.trim() === "") return [];
  return v
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

function oldIdentifier(raw: string, country: string | undefined) {
  const parts = raw.split(":").map((s) => s.trim());
  if (parts.length >= 3) {
    const c = normaliseCountry(parts[1]);
    const value = parts.slice(2).join(":");
    return c ? { type: parts[0].toLowerCase(), value, country: c } : { type: parts[0].toLowerCase(), value: parts.slice(1).join(":") };
  }
  if (parts.length === 2) return { type: parts[0].toLowerCase(), value: parts[1], ...(country ? { country } : {}) };
  return { type: "id_number", value: raw.trim(), ...(country ? { country } : {}) };
}

const cell = fc.string({ unit: fc.constantFrom("a", "B", "VN", "tz", ":", ";", " ", "-", "x"), maxLength: 14 });

describe("record readers, fast paths against the former readings", () => {
  it("parties: identifiers, phones, aliases and roles as before (property)", () => {
    fc.assert(
      fc.property(cell, cell, cell, cell, fc.constantFrom("", "VN", "TZ"), (idNumber, phone, aliases, roles, country) => {
        const row: Record<string, string> = { id: "P1", name: "N", country, id_number: idNumber, phone, aliases, roles };
        const p = readPartyRecord((f) => row[f], { file: "p.csv", line: 2 }, new Quarantine());
        const c = country === "" ? undefined : country;
        expect(p?.identifiers).toEqual([...oldMulti(idNumber).map((v) => oldIdentifier(v, c)), ...oldMulti(phone).map((v) => ({ type: "phone", value: v }))]);
        expect(JSON.stringify(p?.identifiers)).toBe(JSON.stringify([...oldMulti(idNumber).map((v) => oldIdentifier(v, c)), ...oldMulti(phone).map((v) => ({ type: "phone", value: v }))]));
        expect(p?.aliases).toEqual(oldMulti(aliases));
        expect(p?.roles).toEqual(oldMulti(roles).map((r) => r.toLowerCase().replace(/[\s-]+/g, "_")));
      }),
      { numRuns: 500 },
    );
  });
  it("kinds and account types: canonical and free-form cells as before", () => {
    const q = new Quarantine();
    const kinds: [string, string | undefined][] = [
      ["company", "company"],
      [" Company ", "company"],
      ["legal-entity", "company"],
      ["natural person", "person"],
      ["__proto__", undefined],
      ["toString", undefined],
      ["robot", undefined],
    ];
    for (const [kind, want] of kinds) {
      const p = readPartyRecord((f) => ({ id: "P1", name: "Acme", kind })[f], { file: "p.csv", line: 2 }, q);
      expect(p?.kind).toBe(want);
    }
    for (const type of ["mobile_money", "Mobile Money", "momo", "__proto__", "hasOwnProperty"]) {
      const a = readAccountRecord((f) => ({ id: "A1", type })[f], { file: "a.csv", line: 2 }, q);
      expect(a?.type).toBe(type.startsWith("__") || type === "hasOwnProperty" ? undefined : "mobile_money");
    }
  });
});

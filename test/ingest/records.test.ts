import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, readDate } from "../../src/ingest/normalise-date.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { readAccountRecord, readPartyRecord, readRelationshipRecord } from "../../src/ingest/records.js";
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
  it("dates of parties, accounts and relationships: the day of the instant readDate gives, as before (property)", () => {
    // Days written the plain way (taken as they are), and every other form readDate knows or refuses.
    const day = fc.date({ min: new Date(Date.UTC(50, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const raw = fc.oneof(
      day,
      day.map((d) => ` ${d} `),
      day.map((d) => `${d}T10:00:00Z`),
      day.map((d) => `${d}T23:30:00-05:00`),
      fc.constantFrom("2024-02-29", "2023-02-29", "2024-13-01", "0099-12-31", "0100-01-01", "20240301", "01/02/2024", "2024-3-1", "", " ", "never"),
    );
    const old = (r: string, opts: { dateOrder?: "dmy" }) => {
      if (r.trim() === "") return undefined;
      const t = readDate(r, opts);
      return Number.isNaN(t) ? null : formatInstant(t).slice(0, 10);
    };
    fc.assert(
      fc.property(raw, fc.constantFrom(undefined, "dmy" as const), (r, dateOrder) => {
        const opts = { dateOrder };
        const want = old(r, opts);
        const q = new Quarantine();
        const p = readPartyRecord((f) => ({ id: "P1", name: "N", birth_date: r })[f], { file: "p.csv", line: 2 }, q, opts);
        const a = readAccountRecord((f) => ({ id: "A1", opened: r })[f], { file: "a.csv", line: 2 }, q, opts);
        const rel = readRelationshipRecord((f) => ({ from: "P1", to: "P2", type: "owns", since: r, until: r })[f], { file: "r.csv", line: 2 }, q, opts);
        if (want === null) {
          expect([p, a, rel]).toEqual([undefined, undefined, undefined]);
          expect(q.entries.map((e) => e.code)).toEqual(["invalid_date", "invalid_date", "invalid_date", "invalid_date"]);
        } else {
          expect([p?.birthDate, a?.opened, rel?.since, rel?.until]).toEqual([want, want, want, want]);
          expect(q.entries).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { applyResolution } from "../../src/resolve/apply-resolution.js";
import { resolveEntities } from "../../src/resolve/resolve-entities.js";

function mini() {
  return createDataset({
    parties: [
      { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", country: "VN", birth_date: "1979-04-12", id_number: "passport:VN:C4521876", address: "12 Pho Hue, Ha Noi", roles: "buyer" },
      { id: "P1", kind: "person", name: "Nguyen Van Hung", id_number: "passport:VN:C4521876", phone: "+84 90 312 4471" },
      { id: "P8", kind: "company", name: "Golden Dragon Trading Co Ltd", country: "CN" },
    ],
    accounts: [
      { id: "A1", holder: "P1" },
      { id: "A2", holder: "P2" },
      { id: "A8", holder: "P8" },
    ],
    relationships: [
      { from: "P1", to: "P8", type: "associate" },
      { from: "P2", to: "P8", type: "associate" },
      { from: "P1", to: "P2", type: "family" },
    ],
    transactions: [{ id: "T1", date: "2024-01-01", amount: 10, currency: "USD", from_account: "A8", to_account: "A2" }],
  }).dataset;
}

describe("applyResolution", () => {
  it("merges the members into the first one, remaps holders and relationships", () => {
    const ds = mini();
    const merged = applyResolution(ds, resolveEntities(ds));
    expect(merged.parties.map((p) => p.id)).toEqual(["P1", "P8"]);
    const p1 = merged.parties[merged.partyIndex.get("P1")!];
    expect(p1.name).toBe("Nguyen Van Hung");
    expect(p1.aliases).toEqual(["NGUYỄN VĂN HÙNG"]);
    expect(p1.birthDate).toBe("1979-04-12");
    expect(p1.country).toBe("VN");
    expect(p1.roles).toEqual(["buyer"]);
    expect(p1.identifiers.map((i) => i.type).sort()).toEqual(["passport", "phone"]);
    expect(p1.attributes.merged_from).toBe("P1;P2");
    expect(merged.accounts.map((a) => a.holder)).toEqual(["P1", "P1", "P8"]);
    expect([...merged.accountHolder]).toEqual([merged.partyIndex.get("P1"), merged.partyIndex.get("P1"), merged.partyIndex.get("P8")]);
    // The two associate links become one; the family link to itself is dropped.
    expect(merged.relationships).toEqual([{ from: "P1", to: "P8", type: "associate" }]);
    expect(merged.transactions).toBe(ds.transactions);
  });
  it("never mutates the input", () => {
    const ds = mini();
    const before = JSON.stringify({ p: ds.parties, a: ds.accounts, r: ds.relationships, h: [...ds.accountHolder] });
    applyResolution(ds, resolveEntities(ds));
    expect(JSON.stringify({ p: ds.parties, a: ds.accounts, r: ds.relationships, h: [...ds.accountHolder] })).toBe(before);
  });
  it("returns the dataset itself when nothing merges, and rejects entities it cannot apply", () => {
    const ds = mini();
    expect(applyResolution(ds, { entities: [] })).toBe(ds);
    expect(() => applyResolution(ds, { entities: [{ id: "E-X", members: ["P1", "X"], evidence: [], score: 1 }] })).toThrow(OptionError);
    expect(() =>
      applyResolution(ds, {
        entities: [
          { id: "E-P1", members: ["P1", "P2"], evidence: [], score: 1 },
          { id: "E-P2", members: ["P2", "P8"], evidence: [], score: 1 },
        ],
      }),
    ).toThrow(/applyResolution: party 'P2'/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import type { Dataset } from "../../src/model/dataset.js";
import { resolveEntities } from "../../src/resolve/resolve-entities.js";

type Row = Record<string, string>;

function dataset(parties: Row[]): Dataset {
  const { dataset, quarantine } = createDataset({ parties });
  expect(quarantine).toEqual([]);
  return dataset;
}

function clusters(parties: Row[], options = {}): string[][] {
  return resolveEntities(dataset(parties), options).entities.map((e) => e.members);
}

describe("resolveEntities: identifier rules", () => {
  it("links different spellings through a shared passport, with the evidence", () => {
    const r = resolveEntities(
      dataset([
        { id: "P2", kind: "person", name: "Nguyen V. Hung", id_number: "passport:VN:C4521876" },
        { id: "P1", kind: "person", name: "Hùng Nguyễn", id_number: "passport:VN:C 452 1876" },
      ]),
    );
    expect(r.entities).toEqual([{ id: "E-P1", members: ["P1", "P2"], evidence: [{ rule: "passport", members: ["P1", "P2"], values: ["passport:VN:C4521876"], score: 1 }], score: 1 }]);
    expect([...r.partyToEntity]).toEqual([
      ["P1", "E-P1"],
      ["P2", "E-P1"],
    ]);
  });
  it("does not link the same passport number issued by two countries", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Zhang Wei", birth_date: "1968-02-29", id_number: "passport:CN:E77120034" },
        { id: "P2", kind: "person", name: "Zhang Wei", birth_date: "1975-07-01", id_number: "passport:SG:E77120034" },
      ]),
    ).toEqual([]);
  });
  it("links national ids, tax and registration numbers", () => {
    expect(
      clusters([
        { id: "C1", kind: "company", name: "Golden Dragon Trading Co Ltd", id_number: "registration_number:CN:91440300MA5F" },
        { id: "C2", kind: "company", name: "Golden Dragon Trading Company Limited", id_number: "registration_number:CN:91440300-MA5F" },
        { id: "C3", kind: "company", name: "Kilwa Clearing & Forwarding", id_number: "tax:TZ:118-442-907" },
        { id: "C4", kind: "company", name: "Kilwa Clearing and Forwarding Ltd", id_number: "tin:TZ:118442907" },
        { id: "P1", kind: "person", name: "Juma Said Mrisho", id_number: "national_id:TZ:19850930-11220-00001-27" },
        { id: "P2", kind: "person", name: "J. S. Mrisho", id_number: "national_id:TZ:19850930112200000127" },
      ]),
    ).toEqual([
      ["C1", "C2"],
      ["C3", "C4"],
      ["P1", "P2"],
    ]);
  });
  it("links a shared phone in E.164 or email when the names agree", () => {
    const r = resolveEntities(
      dataset([
        { id: "P1", kind: "person", name: "Nguyen Van Hung", country: "VN", phone: "+84 90 312 4471" },
        { id: "P2", kind: "person", name: "Hung Nguyen", country: "VN", phone: "090 312 4471" },
        { id: "P3", kind: "person", name: "Grace Mwakyusa", email: "grace.m@example.tz" },
        { id: "P4", kind: "person", name: "Grace Mwakyusa Said", email: "GRACE.M@example.tz" },
      ]),
    );
    expect(r.entities.map((e) => e.members)).toEqual([
      ["P1", "P2"],
      ["P3", "P4"],
    ]);
    expect(r.entities[0].evidence[0]).toEqual({ rule: "phone", members: ["P1", "P2"], values: ["+84903124471"], score: 0.9 });
    expect(r.entities[1].evidence[0].rule).toBe("email");
  });
  it("hard negative: a household email or phone does not merge people with other names", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Juma Said Mrisho", country: "TZ", phone: "+255 713 402 118", email: "family@example.tz" },
        { id: "P2", kind: "person", name: "Amina Juma", country: "TZ", phone: "0713 402 118", email: "family@example.tz" },
      ]),
    ).toEqual([]);
  });
  it("hard negative: a shared office phone is weak and does not glue the staff together", () => {
    const staff = ["Abdallah Rashidi", "Hamisi Omari Kombo", "John Banda", "John Banda", "Neema Mushi"].map((name, i) => ({
      id: `S${i + 1}`,
      kind: "person",
      name,
      country: "TZ",
      phone: "+255 754 880 310",
    }));
    const r = resolveEntities(dataset(staff));
    expect(r.entities).toEqual([]);
    expect(r.stats.weakIdentifiers).toBe(1);
    // Below the share limit the phone is strong again, and links the two John Bandas only.
    expect(clusters(staff, { maxIdentifierShare: 5 })).toEqual([["S3", "S4"]]);
  });
  it("never links a person and a company through an identifier", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Zhang Wei", phone: "+86 755 8812 0044" },
        { id: "C1", kind: "company", name: "Zhang Wei Trading", phone: "+86 755 8812 0044" },
      ]),
    ).toEqual([]);
  });
});

describe("resolveEntities: fuzzy names", () => {
  it("merges spellings across case, diacritics and token order when the birth date agrees", () => {
    const r = resolveEntities(
      dataset([
        { id: "P1", kind: "person", name: "Nguyen Van Hung", country: "VN", birth_date: "1979-04-12" },
        { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", country: "VN", birth_date: "1979-04-12" },
        { id: "P3", kind: "person", name: "Hung Nguyen", birth_date: "1979-04-12" },
      ]),
    );
    expect(r.entities).toHaveLength(1);
    const e = r.entities[0];
    expect(e.members).toEqual(["P1", "P2", "P3"]);
    expect(e.evidence.map((x) => x.rule)).toEqual(["fuzzy_name", "fuzzy_name", "fuzzy_name"]);
    expect(e.evidence[0]).toEqual({ rule: "fuzzy_name", members: ["P1", "P2"], values: ["Nguyen Van Hung", "NGUYỄN VĂN HÙNG", "birth_date=1979-04-12", "country=VN"], score: 1 });
    expect(e.evidence[1].values).toEqual(["Nguyen Van Hung", "Hung Nguyen", "birth_date=1979-04-12"]);
  });
  it("merges a transliterated name", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "张伟", birth_date: "1968-02-29" },
        { id: "P2", kind: "person", name: "Wei Zhang", birth_date: "1968-02-29" },
      ]),
    ).toEqual([["P1", "P2"]]);
  });
  it("tolerates a typo, supported by an address or a phone", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Juma Said Mrisho", address: "Plot 4, Kilwa Masoko" },
        { id: "P2", kind: "person", name: "Jumma Said Mrisho", address: "plot 4 kilwa masoko" },
        { id: "P3", kind: "person", name: "Abdallah Rashidi", country: "TZ", phone: "+255 715 118 442" },
        { id: "P4", kind: "person", name: "Abdalla Rashidi", country: "TZ", phone: "0715 118 442" },
      ]),
    ).toEqual([
      ["P1", "P2"],
      ["P3", "P4"],
    ]);
  });
  it("links names with a typo in every token through the birth date", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Abdallah Rashidi Mwinyimkuu", birth_date: "1971-06-03" },
        { id: "P2", kind: "person", name: "Abdalla Rashid Mwinyimku", birth_date: "1971-06-03" },
        { id: "P3", kind: "person", name: "Baraka Said Omari", birth_date: "1971-06-03" },
      ]),
    ).toEqual([["P1", "P2"]]);
  });
  it("links one-token names with a typo through the birth date when one-token names may link", () => {
    const parties = [
      { id: "P1", kind: "person", name: "Hamisi", birth_date: "1971-06-03" },
      { id: "P2", kind: "person", name: "Hamissi", birth_date: "1971-06-03" },
    ];
    expect(clusters(parties)).toEqual([]);
    expect(resolveEntities(dataset(parties), { minNameTokens: 1 }).entities.map((e) => e.members)).toEqual([["P1", "P2"]]);
  });
  it("links names with a typo in every token through a shared address", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Abdallah Rashidi", address: "Plot 4, Kilwa Masoko" },
        { id: "P2", kind: "person", name: "Abdalla Rashid", address: "plot 4 kilwa masoko" },
        { id: "P3", kind: "person", name: "Baraka Omari", address: "Plot 4, Kilwa Masoko" },
      ]),
    ).toEqual([["P1", "P2"]]);
  });
  it("does not compare everybody born on the same day", () => {
    // 20 x 20 people born on one day, with names of every pair of first letters: a birth date is a
    // blocking key only together with a pair of first letters, so only the names whose first
    // letters agree are compared ("Assa Bondo" with "Bssa Aondo"), not all 400 x 399 / 2 pairs.
    const letters = "abcdefghijklmnopqrst";
    const people = [];
    for (const a of letters) for (const b of letters) people.push({ id: `P-${a}${b}`, kind: "person", name: `${a}ssa ${b}ondo`, birth_date: "1980-01-01" });
    const r = resolveEntities(dataset(people));
    expect(r.stats.comparisons).toBeLessThan(people.length);
    expect(r.entities).toEqual([]);
  });
  it("hard negative: the same common name with another birth date is another person", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Zhang Wei", country: "CN", birth_date: "1968-02-29", address: "Guangzhou" },
        { id: "P2", kind: "person", name: "Zhang Wei", country: "CN", birth_date: "1990-10-10", address: "Guangzhou" },
      ]),
    ).toEqual([]);
  });
  it("hard negative: a common name plus the same country is not enough", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Zhang Wei", country: "CN" },
        { id: "P2", kind: "person", name: "Wei Zhang", country: "CN" },
      ]),
    ).toEqual([]);
    // Unless the caller lowers the bar on purpose.
    expect(clusters([{ id: "P1", kind: "person", name: "Zhang Wei", country: "CN" }, { id: "P2", kind: "person", name: "Wei Zhang", country: "CN" }], { minSupport: 0.5 })).toEqual([["P1", "P2"]]);
  });
  it("hard negatives: another given name, a single-token name, a company with a person's name", () => {
    expect(
      clusters([
        { id: "P1", kind: "person", name: "Nguyen Van Hung", birth_date: "1979-04-12" },
        { id: "P2", kind: "person", name: "Nguyen Van Tuan", birth_date: "1979-04-12" },
        { id: "P3", kind: "person", name: "Hamisi", birth_date: "1972-06-18" },
        { id: "P4", kind: "person", name: "Hamisi", birth_date: "1972-06-18" },
        { id: "C1", kind: "company", name: "Hung Nguyen", birth_date: "1979-04-12" },
      ]),
    ).toEqual([]);
  });
  it("guards against chains: one cluster never holds two birth dates through fuzzy links", () => {
    const r = resolveEntities(
      dataset([
        { id: "A", kind: "person", name: "Nguyen Van Hung", birth_date: "1979-04-12", address: "12 Pho Hue, Hanoi" },
        { id: "B", kind: "person", name: "Nguyen Hung", address: "12 Pho Hue, Hanoi", phone: "+84 90 312 4471" },
        { id: "C", kind: "person", name: "Hung Van Nguyen", birth_date: "1985-01-01", phone: "+84 90 312 4471" },
      ]),
    );
    // B-C share a phone (a contact link, stronger than A-B's fuzzy name): A stays apart.
    expect(r.entities.map((e) => e.members)).toEqual([["B", "C"]]);
    expect(r.stats.refusedLinks).toBeGreaterThan(0);
  });
  it("can be switched off", () => {
    expect(
      clusters(
        [
          { id: "P1", kind: "person", name: "Nguyen Van Hung", birth_date: "1979-04-12" },
          { id: "P2", kind: "person", name: "Hung Nguyen", birth_date: "1979-04-12" },
        ],
        { fuzzy: false },
      ),
    ).toEqual([]);
  });
});

describe("resolveEntities: contract", () => {
  it("rejects invalid options with a typed error naming the function", () => {
    const ds = dataset([]);
    expect(() => resolveEntities(ds, { nameThreshold: 2 })).toThrow(OptionError);
    expect(() => resolveEntities(ds, { maxIdentifierShare: 1 })).toThrow(/resolveEntities: maxIdentifierShare/);
    expect(() => resolveEntities(ds, { maxBlockSize: 0.5 })).toThrow(OptionError);
  });
  it("does not mutate the dataset", () => {
    const ds = dataset([
      { id: "P1", kind: "person", name: "Nguyen Van Hung", birth_date: "1979-04-12", phone: "+84 90 312 4471" },
      { id: "P2", kind: "person", name: "Hung Nguyen", birth_date: "1979-04-12", phone: "+84 90 312 4471" },
    ]);
    const before = JSON.stringify(ds.parties);
    resolveEntities(ds);
    expect(JSON.stringify(ds.parties)).toBe(before);
  });
  it("skips oversized blocks and says so", () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ id: `P${i}`, kind: "person", name: "Nguyen Van Hung", birth_date: "1970-01-01" }));
    const r = resolveEntities(dataset(many), { maxBlockSize: 10 });
    expect(r.stats.skippedBlocks).toBeGreaterThan(0);
    expect(r.stats.comparisons).toBe(0);
  });
  it("clusters independently of the input order (property)", () => {
    const names = ["Nguyen Van Hung", "Hung Nguyen", "NGUYỄN VĂN HÙNG", "Nguyen Van Tuan", "Zhang Wei", "Wei Zhang", "Juma Said Mrisho", "Jumma Said"];
    const dates = ["", "1979-04-12", "1985-09-30"];
    const phones = ["", "+255 713 402 118", "+84 90 312 4471"];
    const passports = ["", "passport:VN:C4521876", "passport:CN:E77120034"];
    const party = fc.record({ name: fc.constantFrom(...names), birth: fc.constantFrom(...dates), phone: fc.constantFrom(...phones), passport: fc.constantFrom(...passports), country: fc.constantFrom("", "VN", "CN") });
    fc.assert(
      fc.property(fc.array(party, { minLength: 2, maxLength: 14 }), fc.nat(), (list, seed) => {
        const rows = list.map((p, i) => ({ id: `P${i}`, kind: "person", name: p.name, birth_date: p.birth, phone: p.phone, id_number: p.passport, country: p.country }));
        const shuffled = [...rows];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const j = s % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = resolveEntities(dataset(rows), { maxIdentifierShare: 4 });
        const b = resolveEntities(dataset(shuffled), { maxIdentifierShare: 4 });
        expect(JSON.stringify(b.entities)).toBe(JSON.stringify(a.entities));
        expect([...b.partyToEntity]).toEqual([...a.partyToEntity]);
        expect(b.stats).toEqual(a.stats);
      }),
      { numRuns: 150 },
    );
  });
});

describe("resolveEntities: progress", () => {
  it("reports reading the parties and comparing candidates, and gives the same result with a handler", () => {
    const parties = Array.from({ length: 40 }, (_, i) => ({ id: `P${i}`, kind: "person" as const, name: `Amina Juma Mrema ${i % 2 ? "A" : "B"}`, birthDate: "1980-01-01" }));
    const { dataset } = createDataset({ parties });
    const events: { done: number; total?: number; message?: string }[] = [];
    const withProgress = resolveEntities(dataset, { onProgress: (e) => events.push({ done: e.done, total: e.total, message: e.message }) });
    expect(events).toEqual([
      { done: 0, total: 40, message: "reading parties" },
      { done: 0, total: 40, message: "comparing candidate pairs" },
    ]);
    expect(JSON.stringify(withProgress.entities)).toBe(JSON.stringify(resolveEntities(dataset).entities));
  });
});

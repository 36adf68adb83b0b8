import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { goamlCodes } from "../../src/ingest/goaml-codes.js";
import { GOAML_WORKER_MIN_BYTES, goamlReader, readGoamlFile, readGoamlStream } from "../../src/ingest/goaml-reader.js";
import { goamlPartyId, goamlPerson, occupationRoles } from "../../src/ingest/goaml-subjects.js";
import type { XmlNode } from "../../src/ingest/goaml-xml.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { caseReaders } from "../../src/ingest/readers.js";
import { findTransaction, getTransaction } from "../../src/model/dataset.js";
import { writeLargeGoamlReport } from "./goaml-fixture.js";

const SAMPLE = "datasets/goaml-sample";

async function readXml(xml: string, options: Parameters<typeof readGoamlStream>[3] = {}) {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  const stats = await readGoamlStream(Readable.from([xml]), "r.xml", { builder, quarantine: q }, options);
  return { stats, dataset: builder.build(), quarantine: q.entries };
}

const HEAD = `<report><rentity_id>9</rentity_id><report_code>SAR</report_code><entity_reference>R-9</entity_reference><currency_code_local>TZS</currency_code_local>`;

describe("goAML sample set (datasets/goaml-sample)", async () => {
  const load = await loadCase(SAMPLE, { readers: caseReaders() });
  const ds = load.dataset;
  const party = (name: string) => ds.parties.filter((p) => p.name === name);

  it("loads every record, with nothing quarantined", () => {
    expect(load.quarantine).toEqual([]);
    expect(load.sources.map((s) => [s.file, s.kind, s.rowsRead])).toEqual([
      ["fx.csv", "fx", 3],
      ["ctr-2024-0305.xml", "goaml", 3],
      ["str-2024-0228-mobile.xml", "goaml", 5],
      ["str-2024-0412.xml", "goaml", 5],
      ["str-2024-0430.xml", "goaml", 3],
    ]);
    expect(ds.transactions.length).toBe(16);
    expect(ds.reports.length).toBe(4);
    expect(ds.accounts.length).toBe(10);
    expect(ds.parties.length).toBe(12);
    expect(ds.relationships.length).toBe(5);
  });

  it("reads the report header, indicators through the code table, and links transactions to reports", () => {
    const r = ds.reports.find((x) => x.reference === "KCB-STR-2024-0412")!;
    expect(r).toMatchObject({
      id: "1043/KCB-STR-2024-0412",
      code: "STR",
      reportingEntity: "1043/Dar es Salaam - Kariakoo",
      submissionDate: "2024-04-12",
      file: "str-2024-0412.xml",
      action: "Account placed under enhanced monitoring; relationship under review.",
    });
    expect(r.reason).toContain('"meno"');
    expect(r.reason).toContain("Msasani Clearing & Forwarding");
    expect(r.indicators).toEqual([
      "IWT01 wildlife product named or implied in payment or narrative",
      "CASH03 cash deposits by third parties",
      "XB07 funds to or from a transit hub with no trade rationale",
    ]);
    expect(ds.reports.map((x) => x.code).sort()).toEqual(["CTR", "STR", "STR", "STR"]);
    const ctr = ds.reports.find((x) => x.code === "CTR")!;
    expect(ctr.indicators).toEqual([]);
    expect(ctr.reason).toBe("");
    expect(getTransaction(ds, findTransaction(ds, "KCB240228-TND-0031")).reportIds).toEqual([ctr.id]);
  });

  it("turns a cash side without an account into a deposit or a withdrawal", () => {
    const dep = getTransaction(ds, findTransaction(ds, "KCB240301-0007"));
    expect(dep).toMatchObject({ date: "2024-03-01T10:42:00.000Z", amount: 24_000_000, currency: "TZS", channel: "cash_deposit", toAccount: "0150-2281-7730", fromCountry: "TZ", toCountry: "TZ", reference: "cash deposit clearing charges" });
    expect(dep.fromAccount).toBeUndefined();
    const wd = getTransaction(ds, findTransaction(ds, "ZOB-24-CSH-00871"));
    expect(wd).toMatchObject({ channel: "cash_withdrawal", fromAccount: "2201-0044-5519", amount: 9_800_000 });
    expect(wd.toAccount).toBeUndefined();
  });

  it("reads wires with foreign currency, countries and converted base amounts", () => {
    const out = getTransaction(ds, findTransaction(ds, "KCB240308-SW-4471"));
    expect(out.reference).toBe("PAYMENT FOR SEA SHELLS AND HANDICRAFTS INV 2231 | goods: Sea shells and handicrafts (per invoice 2231)");
    expect(out).toMatchObject({ amount: 124_160_000, currency: "TZS", channel: "wire", fromAccount: "0150-2281-7730", toAccount: "5140-1188-2093", fromCountry: "TZ", toCountry: "MY" });
    expect(out.baseAmount).toBeCloseTo(124_160_000 * 0.000391, 2);
    const channels = new Map<string, number>();
    for (let i = 0; i < ds.transactions.length; i++) {
      const c = getTransaction(ds, i).channel;
      channels.set(c, (channels.get(c) ?? 0) + 1);
    }
    expect(Object.fromEntries(channels)).toEqual({ cash_deposit: 5, cash_withdrawal: 2, mobile_money: 5, wire: 4 });
  });

  it("reads involved_parties with the FIU's role codes", () => {
    const t = getTransaction(ds, findTransaction(ds, "SP7Q3B77MM"));
    expect(t).toMatchObject({ fromAccount: "255713400101", toAccount: "255785330044", channel: "mobile_money", amount: 450_000, reference: "chai ya kaka" });
    const wallet = ds.accounts[ds.accountIndex.get("255785330044")!];
    expect(wallet.type).toBe("mobile_money");
    const ranger = ds.parties[ds.partyIndex.get(wallet.holder!)!];
    expect(ranger).toMatchObject({ name: "Ramadhani Kitwana", birthDate: "1983-12-02", country: "TZ", roles: ["game_ranger", "ranger", "official"] });
    expect(ranger.attributes.employer).toBe("Tanzania Wildlife Management Authority");
  });

  it("reads accounts with institution, currency, opening date, country and holder", () => {
    const acc = ds.accounts[ds.accountIndex.get("0150-2281-7730")!];
    expect(acc).toMatchObject({ id: "0150-2281-7730", type: "bank", institution: "Kilimanjaro Commercial Bank Ltd", country: "TZ", currency: "TZS", opened: "2022-12-01" });
    expect(ds.parties[ds.partyIndex.get(acc.holder!)!].name).toBe("Msasani Clearing & Forwarding Co. Ltd");
    const hk = ds.accounts[ds.accountIndex.get("012-345678-001")!];
    expect(hk).toMatchObject({ country: "HK", currency: "USD", institution: "Harbour Commerce Bank (Hong Kong) Ltd" });
    const own = ds.accounts[ds.accountIndex.get("0150-9988-1122")!];
    expect(ds.parties[ds.partyIndex.get(own.holder!)!].name).toBe("Hamisi Kombo");
  });

  it("reads entities with registration, sector, directors and signatories", () => {
    const [msasani] = party("Msasani Clearing & Forwarding Co. Ltd");
    expect(msasani).toMatchObject({ kind: "company", country: "TZ", sector: "customs_clearing" });
    expect(msasani.identifiers).toEqual([
      { type: "registration_number", value: "135792", country: "TZ" },
      { type: "tax_number", value: "112-553-901", country: "TZ" },
      { type: "phone", value: "+255 22 286 0417" },
    ]);
    expect(msasani.attributes).toMatchObject({ legal_form: "LTD", incorporation_date: "2022-11-03" });
    expect(msasani.addresses).toEqual([{ text: "Warehouse 7, Bandari Road, Dar es Salaam", country: "TZ" }]);
    const [mrema] = party("Juma Said Mrema");
    const [zhang] = party("Hong Zhang");
    const [bahari] = party("Bahari Freight Agencies Ltd");
    expect(ds.relationships).toEqual([
      { from: mrema.id, to: msasani.id, type: "directs" },
      { from: mrema.id, to: msasani.id, type: "signatory" },
      { from: mrema.id, to: msasani.id, type: "represents" }, // t_conductor of the USD wire
      { from: mrema.id, to: bahari.id, type: "directs" },
      { from: zhang.id, to: bahari.id, type: "owns" },
    ]);
  });

  it("gives persons stable ids from identifiers, so the same person in several reports is one party", () => {
    const mrema = party("Juma Said Mrema");
    expect(mrema).toHaveLength(1);
    expect(mrema[0].id).toBe(goamlPartyId("person", "passport|TZ|AB1234567"));
    // merged across reports: birth date from the STR, phone from the mobile STR
    expect(mrema[0].birthDate).toBe("1971-09-30");
    expect(mrema[0].identifiers).toContainEqual({ type: "phone", value: "+255 713 400 101" });
    const kombo = party("Hamisi Kombo");
    expect(kombo).toHaveLength(1);
    expect(kombo[0].identifiers).toEqual([
      { type: "national_id", value: "19790214-11101-00002-17", country: "TZ" },
      { type: "email", value: "h.kombo79@mail.example" },
      { type: "phone", value: "+255 754 310 442" },
    ]);
    expect(party("Athumani Ngoma")).toHaveLength(1);
  });
});

describe("goamlPartyId", () => {
  it("is the first 16 hex digits of the SHA-256 of the kind and key, for any string (lone surrogates too)", () => {
    const text = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(fc.constantFrom("person" as const, "entity" as const), text, (kind, key) => {
        const expected = `${kind}-${createHash("sha256").update(`${kind}\u0000${key}`).digest("hex").slice(0, 16)}`;
        expect(goamlPartyId(kind, key)).toBe(expected);
        expect(goamlPartyId(kind, key, new Map())).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("occupationRoles", () => {
  it("adds the official roles the rules look for, and nothing for private occupations", () => {
    expect(occupationRoles("Senior Customs Officer", "Tanzania Revenue Authority")).toEqual(["senior_customs_officer", "customs", "official"]);
    expect(occupationRoles("Veterinary surgeon", "Private clinic")).toEqual(["veterinary_surgeon", "vet"]);
    expect(occupationRoles("Ranger-in-charge", undefined)).toEqual(["ranger_in_charge", "ranger"]);
    expect(occupationRoles("Clearing agent", "Msasani Clearing & Forwarding Co. Ltd")).toEqual(["clearing_agent"]);
    expect(occupationRoles(undefined, undefined)).toEqual([]);
  });
});

describe("readGoamlStream", () => {
  it("quarantines a bad transaction with its line and keeps the others", async () => {
    const xml = `${HEAD}
<transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-02-30T10:00:00</date_transaction><amount_local>100</amount_local>
<t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A1</account></to_account></t_to></transaction>
<transaction><transactionnumber>T2</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>-5</amount_local>
<t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A1</account></to_account><to_country>Atlantis</to_country></t_to></transaction>
<transaction><transactionnumber>T3</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>250.5</amount_local>
<t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A1</account></to_account></t_to></transaction>
<transaction><transactionnumber>T4</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>10</amount_local><t_from><from_funds_code>CASH</from_funds_code></t_from></transaction>
</report>`;
    const { stats, dataset, quarantine } = await readXml(xml);
    expect(stats.rowsRead).toBe(4);
    expect(dataset.transactions.id.toArray()).toEqual(["T3"]);
    expect(getTransaction(dataset, 0)).toMatchObject({ amount: 250.5, channel: "cash_deposit", toAccount: "A1", reportIds: ["9/R-9"] });
    expect(quarantine.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "date_transaction", "invalid_date"],
      [4, "amount_local", "non_positive_amount"],
      [4, "t_to/to_country", "unknown_country"],
      [8, "t_from", "no_data"],
    ]);
    expect(dataset.reports[0]).toMatchObject({ id: "9/R-9", code: "SAR" });
  });

  it("completes an account from a later, richer mention (its holder)", async () => {
    const tx = (id: string, account: string) =>
      `<transaction><transactionnumber>${id}</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>5</amount_local><t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code>${account}</t_to></transaction>`;
    const bare = "<to_account><account>A1</account></to_account>";
    const rich = "<to_account><institution_name>Zanzibar Ocean Bank PLC</institution_name><account>A1</account><t_entity><name>Bahari Freight Agencies Ltd</name><incorporation_number>087654</incorporation_number><incorporation_country_code>TZ</incorporation_country_code></t_entity></to_account>";
    const { dataset, quarantine } = await readXml(`${HEAD}${tx("T1", bare)}${tx("T2", rich)}${tx("T3", bare)}</report>`);
    expect(quarantine).toEqual([]);
    expect(dataset.accounts).toHaveLength(1);
    expect(dataset.accounts[0]).toMatchObject({ id: "A1", institution: "Zanzibar Ocean Bank PLC", holder: dataset.parties[0].id });
    expect(dataset.parties.map((p) => p.name)).toEqual(["Bahari Freight Agencies Ltd"]);
  });

  it("gives each walk-in person element the party read from it alone, however alike the elements (same texts, order or names)", async () => {
    // Near-identical person elements: texts that differ in one character or join to the same name,
    // children in another order, one child more, another element name: a person met again must
    // be the same element, not a similar one.
    const child = fc.constantFrom<[string, string]>(["first_name", "Walk"], ["first_name", "Walk In"], ["first_name", "Walj"], ["last_name", "In 1"], ["last_name", "1"], ["last_name", "In 10"], ["id_number", "N1"], ["id_number", "N10"], ["nationality1", "TZ"], ["middle_name", "In"]);
    const person = fc.record({ name: fc.constantFrom("from_person", "from_person_my_client"), children: fc.array(child, { minLength: 1, maxLength: 4 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 5 }), { minLength: 1, maxLength: 14 }), fc.array(person, { minLength: 6, maxLength: 6 }), async (picks, pool) => {
        const xml = `${HEAD}${picks
          .map((k, i) => {
            const p = pool[k];
            const inner = p.children.map(([n, t]) => `<${n}>${t}</${n}>`).join("");
            return `<transaction><transactionnumber>T${i}</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>5</amount_local><t_from><from_funds_code>BANKD</from_funds_code><${p.name}>${inner}</${p.name}></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A1</account></to_account></t_to></transaction>`;
          })
          .join("\n")}</report>`;
        const { dataset } = await readXml(xml);
        const expectedNames = new Map<string, Set<string>>();
        const payers: (string | undefined)[] = [];
        for (const k of picks) {
          const p = pool[k];
          const node: XmlNode = { name: p.name, text: "", line: 1, children: p.children.map(([n, t]) => ({ name: n, text: t, line: 1, children: [] })) };
          const party = goamlPerson(node, "9/R-9");
          payers.push(party === undefined ? undefined : `${party.id}:account`);
          if (party !== undefined) {
            const names = expectedNames.get(party.id) ?? new Set<string>();
            names.add(party.name);
            expectedNames.set(party.id, names);
          }
        }
        expect(Array.from({ length: dataset.transactions.length }, (_, i) => getTransaction(dataset, i).fromAccount)).toEqual(payers);
        expect(new Map(dataset.parties.map((p) => [p.id, new Set([p.name, ...p.aliases])]))).toEqual(expectedNames);
      }),
      { numRuns: 200 },
    );
  });

  it("decodes a character split between two byte chunks", async () => {
    const xml = `${HEAD}<transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>5</amount_local><transaction_description>Nguyễn象</transaction_description><t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A</account></to_account></t_to></transaction></report>`;
    const bytes = Buffer.from(xml, "utf8");
    const at = bytes.indexOf(Buffer.from("ễ", "utf8")) + 1;
    const q = new Quarantine();
    const builder = new DatasetBuilder(q);
    await readGoamlStream(Readable.from([bytes.subarray(0, at), bytes.subarray(at)]), "split.xml", { builder, quarantine: q });
    expect(q.entries).toEqual([]);
    expect(getTransaction(builder.build(), 0).reference).toBe("Nguyễn象");
  });

  it("gives a party without an account an account standing for it, and keeps amounts in foreign currency on request", async () => {
    const xml = `${HEAD}<transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-03-01T08:00:00</date_transaction><transmode_code>SWIFT</transmode_code><amount_local>256000</amount_local>
<t_from><from_funds_code>BANKD</from_funds_code><from_foreign_currency><foreign_currency_code>usd</foreign_currency_code><foreign_amount>100</foreign_amount></from_foreign_currency><from_entity><name>Lian Hup Trading Sdn Bhd</name><incorporation_country_code>MY</incorporation_country_code></from_entity><from_country>MY</from_country></t_from>
<t_to><to_funds_code>BANKD</to_funds_code><to_account><account>A1</account></to_account></t_to></transaction></report>`;
    const local = await readXml(xml);
    const foreign = await readXml(xml, { amounts: "foreign" });
    const company = local.dataset.parties[0];
    expect(company).toMatchObject({ name: "Lian Hup Trading Sdn Bhd", kind: "company", country: "MY" });
    expect(getTransaction(local.dataset, 0)).toMatchObject({ amount: 256000, currency: "TZS", fromAccount: `${company.id}:account`, channel: "wire" });
    expect(local.dataset.accounts[local.dataset.accountIndex.get(`${company.id}:account`)!]).toMatchObject({ type: "other", holder: company.id, country: "MY" });
    expect(getTransaction(foreign.dataset, 0)).toMatchObject({ amount: 100, currency: "USD" });
  });

  it("maps transmode codes through a user table, passes unknown codes as 'other', and rejects a bad table", async () => {
    const tx = (mode: string) =>
      `<transaction><transactionnumber>${mode}</transactionnumber><date_transaction>2024-03-01</date_transaction><transmode_code>${mode}</transmode_code><amount_local>1</amount_local><t_from><from_funds_code>B</from_funds_code><from_account><account>A</account></from_account></t_from><t_to><to_funds_code>B</to_funds_code><to_account><account>B</account></to_account></t_to></transaction>`;
    const { dataset } = await readXml(`${HEAD}${tx("Z9")}${tx("M1")}${tx("EFT")}</report>`, { codes: { transmode: { M1: "M-Pesa" } } });
    expect([0, 1, 2].map((i) => getTransaction(dataset, i).channel)).toEqual(["other", "mobile_money", "wire"]);
    expect(() => goamlCodes({ transmode: { Q: "teleport" } })).toThrow(OptionError);
    expect(() => goamlCodes({ roles: { Q: "sideways" as "from" } })).toThrow(/goamlCodes/);
  });

  it("reads an activity report's parties and a goaml-codes.json found next to the files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-goaml-"));
    writeFileSync(
      join(dir, "sar.xml"),
      `<report><rentity_id>5</rentity_id><report_code>SAR</report_code><entity_reference>S1</entity_reference><reason>Ranger paid by trader</reason>
<activity><report_parties>
<report_party><person><first_name>Ramadhani</first_name><last_name>Kitwana</last_name><id_number>19831202-14120-00009-30</id_number><nationality1>TZ</nationality1></person><significance>8</significance></report_party>
<report_party><significance>1</significance></report_party>
</report_parties></activity><report_indicators><indicator>IWT03</indicator></report_indicators></report>`,
    );
    writeFileSync(join(dir, "goaml-codes.json"), JSON.stringify({ indicators: { IWT03: "payments to officials" } }));
    const load = await loadCase(dir, { readers: caseReaders() });
    expect(load.dataset.parties.map((p) => p.name)).toEqual(["Ramadhani Kitwana"]);
    expect(load.dataset.reports[0]).toMatchObject({ id: "5/S1", code: "SAR", reason: "Ranger paid by trader", indicators: ["payments to officials"] });
    expect(load.quarantine.map((e) => [e.file, e.line, e.code])).toEqual([["sar.xml", 4, "no_data"]]);
    expect(load.sources[0]).toMatchObject({ file: "sar.xml", kind: "goaml", rowsRead: 2 });
  });

  it("quarantines an unusable goaml-codes.json once and uses the default codes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-goaml-"));
    const one = `${HEAD}<transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-03-01</date_transaction><transmode_code>CASH</transmode_code><amount_local>5</amount_local><t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A</account></to_account></t_to></transaction></report>`;
    writeFileSync(join(dir, "a.xml"), one);
    writeFileSync(join(dir, "b.xml"), one.replace(/T1/g, "T2").replace("R-9", "R-10"));
    writeFileSync(join(dir, "goaml-codes.json"), '{"transmode": {"A": 7}}');
    const load = await loadCase(dir, { readers: caseReaders() });
    expect(load.dataset.transactions.length).toBe(2);
    expect(load.quarantine.map((e) => [e.file, e.code])).toEqual([["goaml-codes.json", "invalid_value"]]);
  });
});

describe("readGoamlFile with the worker thread", () => {
  const dir = mkdtempSync(join(tmpdir(), "wt-goaml-worker-"));

  /** Everything a reading gives, as text: stats, the whole dataset and the quarantine. */
  async function readFileAs(path: string, worker: boolean | undefined, options: Parameters<typeof readGoamlFile>[3] = {}): Promise<string> {
    const q = new Quarantine();
    const builder = new DatasetBuilder(q);
    const stats = await readGoamlFile(path, "f.xml", { builder, quarantine: q }, { ...options, worker });
    return dumpRead(stats, builder.build(), q.entries);
  }

  function dumpRead(stats: unknown, dataset: unknown, quarantine: unknown): string {
    return JSON.stringify({ stats, dataset, quarantine }, (_k, v) => {
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      if (v instanceof Map || v instanceof Set) return [...v];
      if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.toArray === "function") return v.toArray();
      return v;
    });
  }

  it("gives the dataset and quarantine of the one-thread reading on the bundled reports, in both amount modes", async () => {
    for (const f of ["str-2024-0412.xml", "str-2024-0430.xml", "ctr-2024-0305.xml", "str-2024-0228-mobile.xml"]) {
      for (const amounts of ["local", "foreign"] as const) {
        const path = join(SAMPLE, f);
        expect(await readFileAs(path, true, { amounts })).toBe(await readFileAs(path, false, { amounts }));
      }
    }
  }, 60_000);

  it("gives the same case through loadCase (parties met again across files are merged the same way)", async () => {
    const dump = async (worker: boolean) => {
      const { dataset, quarantine } = await loadCase(SAMPLE, { readers: [goamlReader({ worker })] });
      return dumpRead(undefined, dataset, quarantine);
    };
    expect(await dump(true)).toBe(await dump(false));
  }, 60_000);

  it("gives the same result on generated reports, cut anywhere or damaged anywhere", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          transactions: fc.integer({ min: 1, max: 3000 }),
          accounts: fc.integer({ min: 1, max: 400 }),
          detail: fc.constantFrom("lean" as const, "full" as const),
          seed: fc.integer({ min: 1, max: 1000 }),
          cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          damage: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("<", "&bogus;", "<amount_local>x</amount_local>", "<from_country>ZZ</from_country>", "\u0000", "</transaction>"))),
        }),
        async ({ transactions, accounts, detail, seed, cut, damage }) => {
          const path = join(dir, `r${n++}.xml`);
          writeLargeGoamlReport(path, { transactions, accounts, detail, seed });
          let bytes = readFileSync(path);
          if (damage !== null) {
            const at = Math.floor(damage[0] * bytes.length);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(damage[1]), bytes.subarray(at)]);
          }
          if (cut !== null) bytes = bytes.subarray(0, Math.floor(cut * bytes.length));
          writeFileSync(path, bytes);
          expect(await readFileAs(path, true)).toBe(await readFileAs(path, false));
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  it("reads a file below GOAML_WORKER_MIN_BYTES to the same result by default", async () => {
    expect(GOAML_WORKER_MIN_BYTES).toBe(16 << 20);
    const path = join(dir, "auto.xml");
    writeLargeGoamlReport(path, { transactions: 100, accounts: 50, detail: "full" });
    expect(await readFileAs(path, undefined)).toBe(await readFileAs(path, true));
  }, 60_000);

  it("reports a missing file as the one-thread reading does", async () => {
    const q = new Quarantine();
    await expect(readGoamlFile(join(dir, "nope.xml"), "nope.xml", { builder: new DatasetBuilder(q), quarantine: q }, { worker: true })).rejects.toThrow(/ENOENT/);
  }, 60_000);
});

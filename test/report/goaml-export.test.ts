import { Readable } from "node:stream";
import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { readGoamlStream } from "../../src/ingest/goaml-reader.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { caseReaders } from "../../src/ingest/readers.js";
import { CHANNELS } from "../../src/model/codes.js";
import { type Dataset, findTransaction, getTransaction, transactionCountries } from "../../src/model/dataset.js";
import { exportGoamlReport } from "../../src/report/goaml-export.js";

async function reimport(xml: string) {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  await readGoamlStream(Readable.from([xml]), "export.xml", { builder, quarantine: q });
  return { dataset: builder.build(), quarantine: q.entries };
}

function wellFormed(xml: string): void {
  const p = new SaxesParser();
  p.on("error", (e) => {
    throw e;
  });
  p.write(xml).close();
}

/** A transaction as compared across the round trip: report ids aside, countries as effective countries. */
function txView(ds: Dataset, i: number) {
  const { reportIds: _r, baseAmount: _b, fromCountry: _f, toCountry: _t, ...rest } = getTransaction(ds, i);
  return { ...rest, countries: transactionCountries(ds, i) };
}

function partyView(ds: Dataset, id: string | undefined) {
  if (id === undefined) return undefined;
  const p = ds.parties[ds.partyIndex.get(id)!];
  return { kind: p.kind, name: p.name, birthDate: p.birthDate, country: p.country, identifiers: [...p.identifiers].sort((a, b) => `${a.type}${a.value}`.localeCompare(`${b.type}${b.value}`)) };
}

describe("exportGoamlReport", async () => {
  const { dataset: sample } = await loadCase("datasets/goaml-sample", { readers: caseReaders() });

  it("writes a well-formed STR skeleton that imports back to the same transactions, accounts and parties", async () => {
    const ids = ["KCB240301-0007", "KCB240306-0021", "KCB240308-SW-4471", "KCB240315-SW-0902", "ZOB-24-IN-88120", "ZOB-24-CSH-00871", "SP7Q3B77MM"];
    const selection = ids.map((id) => findTransaction(sample, id));
    const xml = exportGoamlReport(sample, { transactions: selection }, { rentityId: "1043", entityReference: "WT-0001", submissionDate: "2024-05-02", reason: "Ivory network: cash in, USD out to MY", indicators: ["IWT01"] });
    wellFormed(xml);
    expect(xml).toContain("<report_code>STR</report_code>");
    expect(xml).toContain("Msasani Clearing &amp; Forwarding Co. Ltd");
    expect(xml).toContain("<!-- analyst:");
    const back = await reimport(xml);
    expect(back.quarantine).toEqual([]);
    expect(back.dataset.reports[0]).toMatchObject({ id: "1043/WT-0001", code: "STR", reason: "Ivory network: cash in, USD out to MY", indicators: ["IWT01"], submissionDate: "2024-05-02" });
    expect(back.dataset.transactions.length).toBe(ids.length);
    for (const id of ids) {
      expect(txView(back.dataset, findTransaction(back.dataset, id))).toEqual(txView(sample, findTransaction(sample, id)));
    }
    for (const acc of back.dataset.accounts) {
      const orig = sample.accounts[sample.accountIndex.get(acc.id)!];
      expect({ ...acc, holder: partyView(back.dataset, acc.holder) }).toEqual({ ...orig, holder: partyView(sample, orig.holder) });
    }
    // Holders keep their stable ids (same identifiers), and directors come along with their links.
    const holderIds = back.dataset.accounts.map((a) => a.holder).filter((h): h is string => h !== undefined);
    for (const h of holderIds) expect(sample.partyIndex.has(h)).toBe(true);
    const mrema = sample.parties.find((p) => p.name === "Juma Said Mrema")!;
    expect(back.dataset.relationships).toContainEqual({ from: mrema.id, to: sample.parties.find((p) => p.name === "Bahari Freight Agencies Ltd")!.id, type: "directs" });
  });

  it("is deterministic and ignores the order of the selection", () => {
    const a = exportGoamlReport(sample, { transactions: [3, 1, 2] });
    const b = exportGoamlReport(sample, { transactions: [2, 3, 1, 1] });
    expect(a).toBe(b);
  });

  it("writes a foreign-currency block when a transaction is not in the local currency", async () => {
    const { dataset } = createDataset({
      accounts: [{ id: "A", country: "TZ" }, { id: "B", country: "MY" }],
      transactions: [
        { id: "T1", date: "2024-03-01T10:00:00Z", amount: 100, currency: "USD", from_account: "A", to_account: "B" },
        { id: "T2", date: "2024-03-02T10:00:00Z", amount: 2560, currency: "TZS", from_account: "A", to_account: "B" },
        { id: "T3", date: "2024-03-03T10:00:00Z", amount: 5120, currency: "TZS", from_account: "A", to_account: "B" },
      ],
    });
    const xml = exportGoamlReport(dataset, { transactions: [0, 1, 2] });
    expect(xml).toContain("<currency_code_local>TZS</currency_code_local>");
    expect(xml).toMatch(/<from_foreign_currency>\s*<foreign_currency_code>USD<\/foreign_currency_code>\s*<foreign_amount>100<\/foreign_amount>/);
    expect(xml).toMatch(/<amount_local\/><!-- analyst: value of 100 USD in TZS -->/);
  });

  it("writes an activity report for parties without transactions", async () => {
    const ranger = sample.parties.find((p) => p.name === "Ramadhani Kitwana")!;
    const xml = exportGoamlReport(sample, { transactions: [], parties: [ranger.id] }, { reportCode: "SAR" });
    const back = await reimport(xml);
    expect(back.dataset.parties.map((p) => [p.id, p.name])).toEqual([[ranger.id, "Ramadhani Kitwana"]]);
  });

  it("keeps comments well-formed whatever the names in them", () => {
    const { dataset } = createDataset({
      parties: [{ id: "P1", kind: "person", name: "Eve --> <x> & 'y' -" }, { id: "P2", kind: "company", name: "Holder Ltd" }],
      accounts: [{ id: "A", holder: "P2" }],
      transactions: [{ id: "T1", date: "2024-03-01", amount: 5, currency: "USD", to_account: "A" }],
    });
    const xml = exportGoamlReport(dataset, { transactions: [0], parties: ["P1"] });
    wellFormed(xml);
    expect(xml).toContain("<!-- analyst: also named in the selection: Eve - -> <x> & 'y' - (P1) -->");
  });

  it("throws an OptionError naming the function for a bad selection", () => {
    expect(() => exportGoamlReport(sample, { transactions: [999] })).toThrow(OptionError);
    expect(() => exportGoamlReport(sample, { transactions: [], parties: ["nobody"] })).toThrow(/exportGoamlReport/);
  });

  it("round-trips any transactions between held accounts, escaping any text (property)", async () => {
    const text = fc
      .string({ unit: fc.constantFrom("a", "Z", " ", "&", "<", ">", '"', "'", "é", "象", "]]>", "--", "\t"), maxLength: 20 })
      .map((s) => s.trim().replace(/\s+/g, " "));
    const txArb = fc.record({
      from: fc.constantFrom("A1", "A2", "W3", "X4", undefined),
      to: fc.constantFrom("A1", "A2", "W3", "X4", undefined),
      channel: fc.constantFrom(...CHANNELS),
      amount: fc.integer({ min: 1, max: 10_000_000_000 }).map((n) => n / 100),
      second: fc.integer({ min: 0, max: 10_000_000 }),
      reference: text,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(txArb, { minLength: 1, maxLength: 12 }), text, async (raw, name) => {
        const rows = raw
          .filter((t) => t.from !== undefined || t.to !== undefined)
          .map((t, i) => {
            let channel: string = t.channel;
            if ((channel === "cash_deposit" && !t.to) || (channel === "cash_withdrawal" && !t.from)) channel = "other";
            return { id: `T${i}`, date: new Date(Date.UTC(2024, 0, 1) + t.second * 1000).toISOString(), amount: t.amount, currency: "TZS", from_account: t.from, to_account: t.to, channel, reference: t.reference };
          });
        if (rows.length === 0) return;
        const { dataset, quarantine } = createDataset({
          parties: [
            { id: "P1", kind: "person", name: `Asha ${name || "Mushi"}`.trim(), country: "TZ", birth_date: "1990-01-02", id_number: "passport:TZ:AB99" },
            { id: "P2", kind: "company", name: "Kijiji Traders Ltd", country: "TZ", id_number: "registration_number:TZ:555" },
          ],
          accounts: [
            { id: "A1", holder: "P1", country: "TZ", currency: "TZS", institution: "Bank & Co <TZ>" },
            { id: "A2", holder: "P2", country: "TZ" },
            { id: "W3", holder: "P1", type: "mobile_money", institution: "Simu Pesa" },
            { id: "X4", country: "KE" },
          ],
          transactions: rows,
        });
        expect(quarantine).toEqual([]);
        const xml = exportGoamlReport(dataset, { transactions: rows.map((_, i) => i) });
        wellFormed(xml);
        const back = await reimport(xml);
        expect(back.quarantine).toEqual([]);
        for (let i = 0; i < rows.length; i++) {
          expect(txView(back.dataset, findTransaction(back.dataset, `T${i}`))).toEqual(txView(dataset, i));
        }
        for (const acc of back.dataset.accounts) {
          const orig = dataset.accounts[dataset.accountIndex.get(acc.id)!];
          expect(acc.type).toBe(orig.type);
          expect(partyView(back.dataset, acc.holder)).toEqual(partyView(dataset, orig.holder));
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});

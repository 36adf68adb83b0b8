import { defaultModel, Model } from "@alephdata/followthemoney";
import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { type FtmEntity, readFtmEntities } from "../../src/ingest/ftm-reader.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { caseReaders } from "../../src/ingest/readers.js";
import { type Dataset, getTransaction } from "../../src/model/dataset.js";
import { exportFtm, ftmLines } from "../../src/report/ftm-export.js";

const model = new Model(defaultModel);

/** Check entities against the official FtM model: schemata, properties, types and references. */
function validate(entities: readonly FtmEntity[]): string[] {
  const problems: string[] = [];
  const byId = new Map(entities.map((e) => [e.id, e]));
  expect(byId.size).toBe(entities.length);
  for (const e of entities) {
    const schema = model.schemata[e.schema];
    if (!schema) {
      problems.push(`${e.id}: unknown schema ${e.schema}`);
      continue;
    }
    if (schema.abstract) problems.push(`${e.id}: abstract schema ${e.schema}`);
    for (const [name, values] of Object.entries(e.properties)) {
      if (!schema.hasProperty(name)) {
        problems.push(`${e.id}: ${e.schema} has no property ${name}`);
        continue;
      }
      const prop = schema.getProperty(name);
      for (const v of values) {
        if (typeof v !== "string" || v === "") problems.push(`${e.id}.${name}: empty or non-string value`);
        if (prop.type.name === "entity") {
          const target = byId.get(v);
          if (!target) problems.push(`${e.id}.${name}: dangling reference ${v}`);
          else if (!model.getSchema(target.schema).isA(prop.getRange())) problems.push(`${e.id}.${name}: ${target.schema} is not a ${prop.getRange().name}`);
        }
        if (prop.type.name === "date" && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/.test(v)) problems.push(`${e.id}.${name}: bad date ${v}`);
        if (prop.type.name === "country" && !/^[a-z]{2}$/.test(v)) problems.push(`${e.id}.${name}: bad country ${v}`);
        if (prop.type.name === "number" && !Number.isFinite(Number(v))) problems.push(`${e.id}.${name}: bad number ${v}`);
      }
    }
    if (schema.isEdge && schema.edge) {
      for (const side of [schema.edge.source, schema.edge.target]) {
        if (!e.properties[side]?.length && e.schema !== "Payment") problems.push(`${e.id}: edge without ${side}`);
      }
    }
    model.getEntity({ id: e.id, schema: e.schema, properties: e.properties });
  }
  return problems;
}

function reimport(entities: readonly FtmEntity[]) {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  readFtmEntities(JSON.parse(JSON.stringify(entities)), "export.ftm.json", { builder, quarantine: q });
  return { dataset: builder.build(), quarantine: q.entries };
}

function view(ds: Dataset) {
  return {
    parties: ds.parties.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      aliases: p.aliases,
      country: p.country,
      birthDate: p.birthDate,
      sector: p.sector,
      roles: p.roles,
      identifiers: p.identifiers.map((i) => `${i.type}:${i.value}`).sort(),
      addresses: p.addresses.map((a) => a.text),
    })),
    accounts: [...ds.accounts].sort((a, b) => a.id.localeCompare(b.id)),
    relationships: [...ds.relationships].sort((a, b) => `${a.from}${a.to}${a.type}`.localeCompare(`${b.from}${b.to}${b.type}`)),
    transactions: Array.from({ length: ds.transactions.length }, (_, i) => {
      const { reportIds: _r, baseAmount: _b, fromCountry: _f, toCountry: _t, ...rest } = getTransaction(ds, i);
      return rest;
    }),
  };
}

describe("exportFtm", async () => {
  const { dataset: sample } = await loadCase("datasets/goaml-sample", { readers: caseReaders() });

  it("writes entities the official followthemoney model accepts", () => {
    const entities = exportFtm(sample);
    expect(validate(entities)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const e of entities) counts[e.schema] = (counts[e.schema] ?? 0) + 1;
    expect(counts).toEqual({ Person: 7, Company: 5, BankAccount: 10, Ownership: 11, Directorship: 2, Representation: 1, UnknownLink: 1, Payment: 16 });
  });

  it("round-trips the goAML sample: same parties, accounts, relationships and transactions", () => {
    const back = reimport(exportFtm(sample));
    expect(back.quarantine).toEqual([]);
    expect(view(back.dataset)).toEqual(view(sample));
  });

  it("round-trips stand-in accounts, all channels, shares, dates and every relationship schema", () => {
    const { dataset, quarantine } = createDataset({
      parties: [
        { id: "P1", kind: "person", name: "Juma Said Mrema", country: "TZ", birth_date: "1971-09-30", id_number: "passport:TZ:AB1234567;national_id:TZ:1971", phone: "+255 713 400 101", email: "juma@example.org", roles: "pep" },
        { id: "P2", kind: "person", name: "Mwanaisha Mrema", country: "TZ" },
        { id: "C1", kind: "company", name: "Msasani Clearing & Forwarding Co. Ltd", country: "TZ", sector: "customs clearing", id_number: "registration_number:TZ:135792", address: "Warehouse 7, Bandari Road" },
        { id: "O1", kind: "organization", name: "Tunduru Wildlife Club", country: "TZ" },
      ],
      relationships: [
        { from: "P1", to: "C1", type: "owns", share: "60", since: "2022-11-03" },
        { from: "P1", to: "C1", type: "directs" },
        { from: "P1", to: "P2", type: "family" },
        { from: "P2", to: "P1", type: "associate", until: "2024-01-01" },
        { from: "C1", to: "P2", type: "employs" },
        { from: "P2", to: "C1", type: "represents" },
        { from: "P1", to: "O1", type: "member" },
        { from: "O1", to: "P1", type: "owns" },
      ],
      accounts: [
        { id: "A1", holder: "C1", institution: "Kilimanjaro Commercial Bank Ltd", country: "TZ", currency: "TZS", opened: "2022-12-01" },
        { id: "W1", holder: "P2", type: "mobile_money", institution: "Simu Pesa" },
        { id: "H1", type: "msb" },
        { id: "P1:account", holder: "P1", type: "other" },
      ],
      transactions: [
        { id: "T1", date: "2024-03-01T10:42:00Z", amount: 24000000, currency: "TZS", to_account: "A1", channel: "cash_deposit", reference: "clearing charges" },
        { id: "T2", date: "2024-03-02", amount: 900000.5, currency: "TZS", from_account: "A1", to_account: "W1", channel: "mobile_money", reference: "posho" },
        { id: "T3", date: "2024-03-03T08:00:00Z", amount: 1500, currency: "USD", from_account: "P1:account", to_account: "H1", channel: "hawala" },
        { id: "T4", date: "2024-03-04T08:00:00Z", amount: 200, currency: "TZS", from_account: "W1", channel: "cash_withdrawal" },
      ],
    });
    expect(quarantine).toEqual([]);
    const entities = exportFtm(dataset);
    expect(validate(entities)).toEqual([]);
    expect(entities.filter((e) => e.schema === "BankAccount").map((e) => e.id)).toEqual(["wt-account-A1", "wt-account-W1", "wt-account-H1"]);
    const t3 = entities.find((e) => e.id === "wt-payment-T3")!;
    expect(t3.properties.payer).toEqual(["wt-party-P1"]);
    expect(t3.properties.payerAccount).toBeUndefined();
    const back = reimport(entities);
    expect(back.quarantine).toEqual([]);
    expect(view(back.dataset)).toEqual(view(dataset));
  });

  it("exports a selection (e.g. a community's accounts) with holders and only the links among them", () => {
    const a = sample.accountIndex.get("2201-0044-5519")!;
    const entities = exportFtm(sample, { accounts: ["2201-0044-5519"] });
    expect(validate(entities)).toEqual([]);
    const holder = sample.parties[sample.accountHolder[a]];
    expect(entities.map((e) => e.schema)).toEqual(["Company", "BankAccount", "Ownership"]);
    expect(entities[0].properties.name).toEqual([holder.name]);
    const withTx = exportFtm(sample, { transactions: [0, 1] });
    expect(withTx.filter((e) => e.schema === "Payment")).toHaveLength(2);
    expect(validate(withTx)).toEqual([]);
  });

  it("writes JSON lines and throws an OptionError for an unknown id", () => {
    const text = ftmLines(exportFtm(sample));
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBe(exportFtm(sample).length);
    expect(JSON.parse(lines[0])).toMatchObject({ schema: "Person" });
    expect(text.endsWith("\n")).toBe(true);
    expect(() => exportFtm(sample, { accounts: ["nope"] })).toThrow(OptionError);
    expect(() => exportFtm(sample, { transactions: [-1] })).toThrow(/exportFtm/);
  });

  it("is deterministic", () => {
    expect(ftmLines(exportFtm(sample))).toBe(ftmLines(exportFtm(sample)));
  });
});

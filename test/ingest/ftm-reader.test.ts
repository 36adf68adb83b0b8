import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ftmShapeProblem } from "../../src/ingest/ftm-reader.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { caseReaders } from "../../src/ingest/readers.js";
import { findTransaction, getTransaction } from "../../src/model/dataset.js";

/** Entities in the form OpenSanctions and Aleph publish (one JSON object per line). */
const ENTITIES = [
  { id: "os-addr-1", schema: "Address", properties: { full: ["Plot 14, Msimbazi Street, Dar es Salaam"], country: ["tz"] } },
  { id: "os-p-mrema", schema: "Person", properties: { name: ["Juma Said Mrema"], alias: ["Mzee Juma"], birthDate: ["1971-09-30"], nationality: ["tz"], passportNumber: ["AB1234567"], topics: ["role.pep"], addressEntity: ["os-addr-1"], phone: ["+255713400101"] } },
  { id: "os-p-zhang", schema: "Person", properties: { firstName: ["Hong"], lastName: ["Zhang"], birthDate: ["1976"], country: ["cn"], religion: ["none given"] } },
  { id: "os-c-bahari", schema: "Company", properties: { name: ["Bahari Freight Agencies Ltd"], jurisdiction: ["tz"], registrationNumber: ["087654"], sector: ["Freight forwarding"], incorporationDate: ["2024-02-01"] } },
  { id: "os-le-wing", schema: "LegalEntity", properties: { name: ["Wing Fat Carvings Co Ltd"], country: ["hk"] } },
  { id: "os-sanction-1", schema: "Sanction", properties: { entity: ["os-le-wing"], authority: ["Fictional Wildlife Authority"] } },
  { id: "acc-1", schema: "BankAccount", properties: { accountNumber: ["2201-0044-5519"], bankName: ["Zanzibar Ocean Bank PLC"], country: ["tz"], currency: ["USD"] } },
  { id: "acc-2", schema: "BankAccount", properties: { accountNumber: ["012-345678-001"], bankName: ["Harbour Commerce Bank"], country: ["hk"] } },
  { id: "own-acc-1", schema: "Ownership", properties: { owner: ["os-c-bahari"], asset: ["acc-1"] } },
  { id: "own-acc-2", schema: "Ownership", properties: { owner: ["os-le-wing"], asset: ["acc-2"] } },
  { id: "own-1", schema: "Ownership", properties: { owner: ["os-p-zhang"], asset: ["os-c-bahari"], percentage: ["40"], startDate: ["2024-02-01"] } },
  { id: "dir-1", schema: "Directorship", properties: { director: ["os-p-mrema"], organization: ["os-c-bahari"], role: ["Director"] } },
  { id: "fam-1", schema: "Family", properties: { person: ["os-p-mrema"], relative: ["os-p-zhang"], relationship: ["brother-in-law"] } },
  { id: "pay-1", schema: "Payment", properties: { payer: ["os-le-wing"], payerAccount: ["acc-2"], beneficiary: ["os-c-bahari"], beneficiaryAccount: ["acc-1"], amount: ["52000"], currency: ["USD"], date: ["2024-04-22"], purpose: ["/INV/ HANDICRAFT FREIGHT HKG-DAR"] } },
  { id: "pay-2", schema: "Payment", properties: { payer: ["os-p-mrema"], beneficiary: ["os-c-bahari"], beneficiaryAccount: ["acc-1"], amount: ["1,500.50"], currency: ["usd"], date: ["2024-04-25T09:30:00"], programme: ["M-Pesa"] } },
  { id: "pay-bad", schema: "Payment", properties: { payerAccount: ["acc-1"], beneficiaryAccount: ["acc-2"], amount: ["lots"], currency: ["USD"], date: ["2024-04-26"] } },
  { id: "vessel-1", schema: "Vessel", properties: { name: ["MV Bahari"] } },
];

function caseWith(lines: string[], name = "entities.ftm.jsonl"): string {
  const dir = mkdtempSync(join(tmpdir(), "wt-ftm-"));
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  return dir;
}

describe("FtM reader", async () => {
  const lines = ENTITIES.map((e) => JSON.stringify(e));
  lines.splice(3, 0, '{"id": "broken", "schema": "Person", "properties": {'); // line 4: bad JSON
  lines.push('{"id": "p-x", "schema": "Person", "properties": {"name": "not a list"}}');
  const load = await loadCase(caseWith(lines), { readers: caseReaders() });
  const ds = load.dataset;
  const party = (id: string) => ds.parties[ds.partyIndex.get(id)!];

  it("counts every line and quarantines bad JSON, bad shapes, bad payments and schemata it does not import", () => {
    expect(load.sources).toEqual([{ file: "entities.ftm.jsonl", kind: "ftm", format: "ftm", rowsRead: ENTITIES.length + 2 }]);
    expect(load.quarantine.map((e) => [e.line, e.field, e.code])).toEqual([
      [4, "*", "invalid_json"],
      [19, "*", "invalid_json"],
      [17, "amount", "invalid_amount"],
      [18, "schema", "invalid_value"],
    ]);
  });

  it("reads persons, companies and legal entities with identifiers, addresses, topics and sanctions", () => {
    expect(ds.parties.map((p) => [p.id, p.kind])).toEqual([
      ["os-p-mrema", "person"],
      ["os-p-zhang", "person"],
      ["os-c-bahari", "company"],
      ["os-le-wing", "company"],
    ]);
    expect(party("os-p-mrema")).toMatchObject({
      name: "Juma Said Mrema",
      aliases: ["Mzee Juma"],
      birthDate: "1971-09-30",
      country: "TZ",
      roles: ["pep"],
      addresses: [{ text: "Plot 14, Msimbazi Street, Dar es Salaam", country: "TZ" }],
      identifiers: [
        { type: "passport", value: "AB1234567", country: "TZ" },
        { type: "phone", value: "+255713400101" },
      ],
    });
    const zhang = party("os-p-zhang");
    expect(zhang).toMatchObject({ name: "Hong Zhang", country: "CN" });
    expect(zhang.birthDate).toBeUndefined();
    expect(zhang.attributes).toMatchObject({ "ftm:birthDate": "1976", "ftm:religion": "none given" });
    expect(party("os-c-bahari")).toMatchObject({ sector: "freight_forwarding", identifiers: [{ type: "registration_number", value: "087654", country: "TZ" }] });
    expect(party("os-le-wing").roles).toEqual(["sanction"]);
  });

  it("reads bank accounts with their holders and the link schemata as relationships", () => {
    expect(ds.accounts.map((a) => [a.id, a.holder, a.institution, a.country, a.currency])).toEqual([
      ["acc-1", "os-c-bahari", "Zanzibar Ocean Bank PLC", "TZ", "USD"],
      ["acc-2", "os-le-wing", "Harbour Commerce Bank", "HK", undefined],
      ["os-p-mrema:account", "os-p-mrema", undefined, undefined, undefined],
    ]);
    expect(ds.relationships).toEqual([
      { from: "os-p-zhang", to: "os-c-bahari", type: "owns", since: "2024-02-01", share: 40 },
      { from: "os-p-mrema", to: "os-c-bahari", type: "directs" },
      { from: "os-p-mrema", to: "os-p-zhang", type: "family" },
    ]);
  });

  it("reads payments as transactions; a payer without an account gets one standing for it", () => {
    expect(ds.transactions.length).toBe(2);
    expect(getTransaction(ds, findTransaction(ds, "pay-1"))).toMatchObject({ date: "2024-04-22T00:00:00.000Z", amount: 52000, currency: "USD", fromAccount: "acc-2", toAccount: "acc-1", channel: "wire", reference: "/INV/ HANDICRAFT FREIGHT HKG-DAR" });
    expect(getTransaction(ds, findTransaction(ds, "pay-2"))).toMatchObject({ amount: 1500.5, currency: "USD", fromAccount: "os-p-mrema:account", toAccount: "acc-1", channel: "mobile_money" });
  });

  it("reads a JSON array file too, and checks entity shapes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-ftm-"));
    writeFileSync(join(dir, "list.ftm.json"), JSON.stringify(ENTITIES.slice(0, 3), null, 1));
    const arr = await loadCase(dir, { readers: caseReaders() });
    expect(arr.dataset.parties.map((p) => p.id)).toEqual(["os-p-mrema", "os-p-zhang"]);
    expect(ftmShapeProblem([])).toMatch(/JSON object/);
    expect(ftmShapeProblem(JSON.parse('{"id": "x", "schema": "Person", "properties": {"__proto__": ["x"]}}'))).toBeUndefined();
    expect(ftmShapeProblem(JSON.parse('{"id": "x", "schema": "Person", "properties": {"__proto__": "x"}}'))).toMatch(/__proto__/);
    expect(ftmShapeProblem({ id: "", schema: "Person" })).toMatch(/id/);
  });

  it("keeps keys such as __proto__ as plain data", async () => {
    const dir = caseWith(['{"id": "p1", "schema": "Person", "properties": {"name": ["A B"], "__proto__": ["polluted"], "constructor": ["c"]}}']);
    const r = await loadCase(dir, { readers: caseReaders() });
    const p = r.dataset.parties[0];
    expect(p.attributes["ftm:__proto__"]).toBe("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(p.attributes)).toBeNull();
  });
});

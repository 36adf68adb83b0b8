import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StrictModeError, WildtraceError } from "../../src/errors.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { getTransaction } from "../../src/model/dataset.js";

function caseDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "wt-case-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const TX_HEADER = "id,date,amount,currency,from_account,to_account,channel,reference";

describe("loadCase: the bundled mini case", () => {
  it("accepts the good rows and quarantines each bad one with its line, field and code", async () => {
    const load = await loadCase("datasets/mini");
    const codes = load.quarantine.map((e) => `${e.file}:${e.line}:${e.field}:${e.code}`).sort();
    expect(codes).toEqual(
      [
        "accounts.csv:14:holder:unknown_party",
        "parties.csv:14:name:missing_value",
        "relationships.csv:6:to:unknown_party",
        "transactions.csv:17:date:invalid_date",
        "transactions.csv:18:amount:invalid_amount",
        "transactions.csv:19:amount:missing_value",
        "transactions.csv:20:currency:unknown_currency",
        "transactions.csv:21:id:duplicate_id",
        "transactions.csv:22:to_account:unknown_account",
        "transactions.csv:23:*:wrong_cell_count",
      ].sort(),
    );
    expect(load.dataset.transactions.length).toBe(16);
    expect(load.rowsRead).toBe(57);
    expect(load.dataset.transactions.length + load.dataset.accounts.length + load.dataset.parties.length + load.dataset.relationships.length + load.quarantinedRows + 3).toBe(load.rowsRead);
  });

  it("keeps hostile text as data", async () => {
    const load = await loadCase("datasets/mini");
    const i = load.dataset.transactions.id.indexOf("T0023");
    expect(getTransaction(load.dataset, i).reference).toBe('=HYPERLINK("http://x")');
  });

  it("converts amounts into the base currency with fx.csv, keeping the original", async () => {
    const load = await loadCase("datasets/mini");
    const t = getTransaction(load.dataset, load.dataset.transactions.id.indexOf("T0007"));
    expect(t.amount).toBe(2500000);
    expect(t.currency).toBe("TZS");
    expect(t.baseAmount).toBeCloseTo(2500000 * 0.000394, 6);
  });
});

describe("loadCase: quarantine codes", () => {
  it("reports an unknown country, an invalid channel, a non-positive amount and a missing side", async () => {
    const dir = caseDir({
      "transactions.csv": `${TX_HEADER},from_country,to_country\nT1,2024-01-01,10,USD,A,B,wire,,Atlantis,\nT2,2024-01-01,10,USD,A,B,pigeon,,,\nT3,2024-01-01,-5,USD,A,B,wire,,,\nT4,2024-01-01,5,USD,,,wire,,,\nT5,2024-01-01,0,USD,A,B,wire,,,\n`,
    });
    const load = await loadCase(dir);
    expect(load.quarantine.map((e) => [e.line, e.field, e.code])).toEqual([
      [2, "from_country", "unknown_country"],
      [3, "channel", "invalid_value"],
      [4, "amount", "non_positive_amount"],
      [5, "from_account", "missing_value"],
      [6, "amount", "non_positive_amount"],
    ]);
    expect(load.dataset.transactions.length).toBe(0);
  });

  it("quarantines every row of a file whose header lacks a required column", async () => {
    const dir = caseDir({ "transactions.csv": "id,date,currency\nT1,2024-01-01,USD\nT2,2024-01-02,USD\n" });
    const load = await loadCase(dir);
    expect(load.quarantine.map((e) => [e.line, e.code])).toEqual([
      [2, "missing_column"],
      [3, "missing_column"],
    ]);
    expect(load.quarantine[0].message).toContain("'amount'");
  });

  it("flags a field over the size limit and an unterminated quote", async () => {
    const dir = caseDir({ "transactions.csv": `${TX_HEADER}\nT1,2024-01-01,10,USD,A,B,wire,${"x".repeat(300)}\nT2,2024-01-01,10,USD,A,B,wire,"open\n` });
    const load = await loadCase(dir, { maxFieldLength: 100 });
    expect(load.quarantine.map((e) => [e.line, e.code])).toEqual([
      [2, "field_too_large"],
      [3, "malformed_file"],
    ]);
  });

  it("quarantines transactions with a missing FX rate", async () => {
    const dir = caseDir({ "fx.csv": "currency,date,rate\nTZS,2024-01-01,0.0004\n", "transactions.csv": `${TX_HEADER}\nT1,2024-01-01,10,KES,A,B,wire,\nT2,2024-01-01,10,TZS,A,B,wire,\n` });
    const load = await loadCase(dir);
    expect(load.quarantine.map((e) => [e.line, e.code])).toEqual([[2, "no_fx_rate"]]);
    expect(load.dataset.transactions.baseAmount[0]).toBeCloseTo(0.004);
  });

  it("creates accounts from transactions when no account records exist, quarantines unknown ones otherwise", async () => {
    const tx = `${TX_HEADER}\nT1,2024-01-01,10,USD,A,B,wire,\n`;
    const auto = await loadCase(caseDir({ "transactions.csv": tx }));
    expect(auto.dataset.accounts.map((a) => a.id)).toEqual(["A", "B"]);
    const strictRefs = await loadCase(caseDir({ "transactions.csv": tx, "accounts.csv": "id\nA\n" }));
    expect(strictRefs.quarantine.map((e) => [e.line, e.field, e.code])).toEqual([[2, "to_account", "unknown_account"]]);
  });

  it("throws a StrictModeError on the first problem in strict mode", async () => {
    const dir = caseDir({ "transactions.csv": `${TX_HEADER}\nT1,2024-02-30,10,USD,A,B,wire,\n` });
    await expect(loadCase(dir, { strict: true })).rejects.toBeInstanceOf(StrictModeError);
  });

  it("throws a WildtraceError for a missing folder or a folder without case files", async () => {
    await expect(loadCase("/no/such/folder")).rejects.toThrow(/not a folder/);
    const empty = mkdtempSync(join(tmpdir(), "wt-empty-"));
    await expect(loadCase(empty)).rejects.toBeInstanceOf(WildtraceError);
  });
});

describe("loadCase: JSON, NDJSON and mappings", () => {
  it("reads JSON arrays and NDJSON with camelCase or snake_case keys and the line of each record", async () => {
    const dir = caseDir({
      "accounts.json": '[\n  {"id": "A", "country": "TZ"},\n  {"id": "B", "country": "Nowhere"},\n  {"id": "C"}\n]\n',
      "transactions.ndjson": '{"id":"T1","date":"2024-01-01","amount":5,"currency":"USD","fromAccount":"A","toAccount":"C"}\n{"id":"T2", broken\n\n{"id":"T3","date":"2024-01-02","amount":"7","currency":"USD","from_account":"C","to_account":"A"}\n',
    });
    const load = await loadCase(dir);
    expect(load.quarantine.map((e) => [e.file, e.line, e.code])).toEqual([
      ["accounts.json", 3, "unknown_country"],
      ["transactions.ndjson", 2, "invalid_json"],
    ]);
    expect(load.dataset.transactions.id.toArray()).toEqual(["T1", "T3"]);
  });

  it("reports a truncated JSON array", async () => {
    const dir = caseDir({ "transactions.json": '[{"id":"T1","date":"2024-01-01","amount":5,"currency":"USD","fromAccount":"A"},\n{"id":"T2","da' });
    const load = await loadCase(dir);
    expect(load.dataset.transactions.length).toBe(1);
    expect(load.quarantine.map((e) => [e.line, e.code])).toEqual([[2, "invalid_json"]]);
  });

  it("reads other headers, day-first dates and decimal commas through a mapping", async () => {
    const dir = caseDir({
      "export.csv": "Ref;Value Date;Montant;Debit;Credit\nX1;03/04/2024;1.250,50;A;B\nX2;31/04/2024;10;A;B\n",
      "mapping.json": JSON.stringify({
        transactions: { file: "export.csv", delimiter: ";", columns: { id: "Ref", date: "Value Date", amount: "Montant", from_account: "Debit", to_account: "Credit" } },
        dateOrder: "dmy",
        decimal: ",",
        defaultCurrency: "mzn",
      }),
    });
    const load = await loadCase(dir);
    const t = getTransaction(load.dataset, 0);
    expect([t.id, t.date, t.amount, t.currency]).toEqual(["X1", "2024-04-03T00:00:00.000Z", 1250.5, "MZN"]);
    expect(load.quarantine.map((e) => [e.file, e.line, e.code])).toEqual([["export.csv", 3, "invalid_date"]]);
  });

  it("rejects an invalid mapping with a message that names the problem", async () => {
    const dir = caseDir({ "transactions.csv": `${TX_HEADER}\n`, "mapping.json": '{"dateOrder": "ymd"}' });
    await expect(loadCase(dir)).rejects.toThrow(/mapping.*dateOrder/);
  });
});

describe("loadCase: hostile input", () => {
  it("never lets keys reach object prototypes", async () => {
    const dir = caseDir({
      "parties.csv": "id,name,__proto__,constructor\nP1,Ann,polluted,x\n",
      "parties.json": "[]",
      "transactions.ndjson": '{"id":"T1","date":"2024-01-01","amount":5,"currency":"USD","fromAccount":"A","__proto__":{"polluted":true}}\n',
    });
    const load = await loadCase(dir);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const p = load.dataset.parties[0];
    expect(Object.getPrototypeOf(p.attributes)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(p.attributes, "__proto__")?.value).toBe("polluted");
    expect(load.dataset.transactions.length).toBe(1);
  });

  it("streams a large file with a huge field without holding it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-big-"));
    mkdirSync(dir, { recursive: true });
    const rows = [TX_HEADER];
    for (let i = 0; i < 20000; i++) rows.push(`T${i},2024-01-01T00:00:${String(i % 60).padStart(2, "0")}Z,${(i % 997) + 1}.5,USD,A${i % 50},B${i % 70},wire,ref ${i}`);
    rows.push(`TX,2024-01-01,1,USD,A,B,wire,"${"y".repeat(3_000_000)}"`);
    writeFileSync(join(dir, "transactions.csv"), `${rows.join("\n")}\n`);
    const load = await loadCase(dir);
    expect(load.dataset.transactions.length).toBe(20000);
    expect(load.quarantine).toHaveLength(1);
    expect(load.quarantine[0]).toMatchObject({ line: 20002, code: "field_too_large" });
  });
});

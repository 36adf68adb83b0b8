import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { readGoamlStream } from "../../src/ingest/goaml-reader.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { caseReaders } from "../../src/ingest/readers.js";
import { writeLargeGoamlReport } from "./goaml-fixture.js";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "wt-hostile-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function read(xml: string, name = "evil.xml") {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  const stats = await readGoamlStream(Readable.from([xml]), name, { builder, quarantine: q });
  return { stats, dataset: builder.build(), quarantine: q.entries };
}

const BODY = `<report><rentity_id>1</rentity_id><report_code>STR</report_code><entity_reference>E1</entity_reference><currency_code_local>TZS</currency_code_local>
<reason>&xxe;</reason>
<transaction><transactionnumber>T1</transactionnumber><date_transaction>2024-03-01</date_transaction><amount_local>5</amount_local><t_from><from_funds_code>CASH</from_funds_code></t_from><t_to><to_funds_code>X</to_funds_code><to_account><account>A</account></to_account></t_to></transaction></report>`;

describe("goAML reader against hostile files", () => {
  it("refuses an external entity (file read attempt) with unsafe_xml and never reads the file", async () => {
    const dir = tempDir();
    const secret = join(dir, "secret.txt");
    writeFileSync(secret, "TOP-SECRET-CONTENT-4471");
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE report [\n  <!ENTITY xxe SYSTEM "file://${secret}">\n]>\n${BODY}`;
    const { dataset, quarantine, stats } = await read(xml);
    expect(quarantine).toHaveLength(1);
    expect(quarantine[0]).toMatchObject({ file: "evil.xml", code: "unsafe_xml", field: "*" });
    expect(quarantine[0].message).toContain("evil.xml");
    expect(quarantine[0].line).toBeGreaterThanOrEqual(2);
    expect(dataset.transactions.length).toBe(0);
    expect(dataset.reports).toEqual([]);
    expect(stats.rowsRead).toBe(1);
    expect(JSON.stringify({ dataset: { ...dataset, partyIndex: 0, accountIndex: 0 }, quarantine })).not.toContain("TOP-SECRET");
  });

  it("refuses nested entity expansion (billion laughs) without expanding it", async () => {
    const levels = ['<!ENTITY lol0 "lololololololololololololololololololololololololololololololol">'];
    for (let i = 1; i <= 12; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE report [\n${levels.join("\n")}\n]>\n${BODY.replace("&xxe;", "&lol12;")}`;
    const before = process.memoryUsage().heapUsed;
    const { quarantine, dataset } = await read(xml, "laughs.xml");
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024); // 10^12 expansions would need terabytes
    expect(quarantine.map((e) => [e.file, e.code])).toEqual([["laughs.xml", "unsafe_xml"]]);
    expect(dataset.transactions.length).toBe(0);
  });

  it("refuses a DOCTYPE that points at an external DTD", async () => {
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE report SYSTEM "http://fiu.example/goaml.dtd">\n${BODY.replace("&xxe;", "x")}`;
    const { quarantine } = await read(xml);
    expect(quarantine.map((e) => e.code)).toEqual(["unsafe_xml"]);
    expect(quarantine[0].message).toContain("external DTD");
  });

  it("does not expand an undeclared entity either: the file is reported malformed", async () => {
    const { quarantine, dataset } = await read(BODY);
    expect(quarantine.map((e) => [e.code, e.line])).toEqual([["malformed_file", 2]]);
    expect(dataset.reports[0]?.reason ?? "").not.toContain("xxe");
  });

  it("reports a truncated file with its line, keeps the complete transactions, and still loads the other files", async () => {
    const dir = tempDir();
    const full = readFileSync("datasets/goaml-sample/str-2024-0412.xml", "utf8");
    const cut = full.indexOf("<transactionnumber>KCB240308-SW-4471");
    writeFileSync(join(dir, "truncated.xml"), full.slice(0, cut + 60));
    copyFileSync("datasets/goaml-sample/ctr-2024-0305.xml", join(dir, "ctr.xml"));
    const load = await loadCase(dir, { readers: caseReaders() });
    const lines = full.slice(0, cut + 60).split("\n").length;
    expect(load.quarantine).toHaveLength(1);
    expect(load.quarantine[0]).toMatchObject({ file: "truncated.xml", code: "malformed_file" });
    expect(load.quarantine[0].line).toBe(lines);
    expect(load.dataset.transactions.id.toArray()).toEqual(["KCB240228-TND-0031", "KCB240301-DSM-0419", "KCB240304-TND-0057", "KCB240301-0007", "KCB240304-0113", "KCB240306-0021"]);
    const trunc = load.sources.find((s) => s.file === "truncated.xml")!;
    expect(trunc.rowsRead).toBe(4); // three transactions and the problem
  });

  it("refuses a wrong root element and a file that is not XML", async () => {
    const wrong = await read("<goAMLReport><transaction/></goAMLReport>", "other.xml");
    expect(wrong.quarantine.map((e) => [e.file, e.line, e.code])).toEqual([["other.xml", 1, "wrong_root"]]);
    const csv = await read("id,date,amount\nT1,2024-01-01,5\n", "not.xml");
    expect(csv.quarantine.map((e) => e.code)).toEqual(["malformed_file"]);
    const empty = await read("", "empty.xml");
    expect(empty.quarantine.map((e) => e.code)).toEqual(["malformed_file"]);
  });

  describe("a 50 MB generated report", () => {
    const dir = tempDir();
    const file = join(dir, "bulk.xml");
    const bytes = writeLargeGoamlReport(file, { transactions: 41_000, accounts: 5000 });
    const probe = (mode: string, heapMb: number) =>
      JSON.parse(
        execFileSync(process.execPath, ["--expose-gc", `--max-old-space-size=${heapMb}`, "--import", "tsx", "test/ingest/goaml-memory-probe.mts", file, mode], { encoding: "utf8" }),
      ) as { transactions: number; peak: number; retained: number };

    it("streams it within a heap limit smaller than the file", () => {
      expect(bytes).toBeGreaterThan(50_000_000);
      const r = probe("stream", 40);
      expect(r.transactions).toBe(41_000);
      expect(r.retained).toBeLessThan(4 * 1024 * 1024);
    });

    it("keeps only the records: retained heap is a fraction of the file size", () => {
      const r = probe("full", 96);
      expect(r.transactions).toBe(41_000);
      expect(r.retained).toBeLessThan(0.5 * bytes);
    });
  });
});

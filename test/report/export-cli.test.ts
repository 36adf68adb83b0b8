import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { originalIdentifiers } from "./fixture.js";

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "wildtrace-export-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("wildtrace export", () => {
  it("writes every format of the mini case", async () => {
    const out = tmp();
    for (const format of ["graphml", "gexf", "cypher", "i2", "ftm", "csv"]) {
      const c = io();
      expect(await main(["export", "datasets/mini", "--format", format, "--out", out, "--quiet"], c.io)).toBe(0);
    }
    const c = io();
    expect(await main(["export", "datasets/mini", "--format", "gexf", "--graph", "entities", "--out", out, "--quiet"], c.io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      "alerts.csv",
      "entities.ftm.json",
      "entities.gexf",
      "scores.csv",
      "transactions-i2-entities.csv",
      "transactions-i2-links.csv",
      "transactions-nodes.csv",
      "transactions-relationships.csv",
      "transactions.cypher",
      "transactions.gexf",
      "transactions.graphml",
    ]);
    expect(readFileSync(join(out, "transactions.gexf"), "utf8")).toContain("ACC-TZ-01");
  });

  it("pseudonymises with a key from the environment, and never writes the key", async () => {
    const out = tmp();
    const key = "fiu-exchange-key-2026-11";
    process.env.WT_TEST_KEY = key;
    try {
      for (const format of ["graphml", "gexf", "cypher", "i2", "ftm", "csv"]) {
        for (const graph of ["transactions", "entities"]) {
          const c = io();
          expect(await main(["export", "datasets/mini", "--format", format, "--graph", graph, "--pseudonymise", "--key-env", "WT_TEST_KEY", "--out", out, "--quiet"], c.io)).toBe(0);
        }
      }
    } finally {
      delete process.env.WT_TEST_KEY;
    }
    const { dataset } = await loadCase("datasets/mini");
    const secrets = originalIdentifiers(dataset).filter((v) => v.length >= 4);
    const files = readdirSync(out);
    expect(files.length).toBe(17);
    for (const f of files) {
      const text = readFileSync(join(out, f), "utf8").toLowerCase();
      for (const v of secrets) expect(text, `${f} holds ${v}`).not.toContain(v.toLowerCase());
      expect(text).not.toContain(key);
    }
  });

  it("refuses a missing key, an unknown format or graph", async () => {
    const c = io();
    delete process.env.WT_ABSENT_KEY;
    expect(await main(["export", "datasets/mini", "--format", "csv", "--pseudonymise", "--key-env", "WT_ABSENT_KEY", "--out", tmp()], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("WT_ABSENT_KEY");
    expect(await main(["export", "datasets/mini", "--format", "pdf", "--out", tmp()], c.io)).toBe(2);
    expect(await main(["export", "datasets/mini", "--format", "gexf", "--graph", "people", "--out", tmp()], c.io)).toBe(2);
    expect(await main(["export", "datasets/mini", "--format", "csv", "--key-env", "X", "--out", tmp()], c.io)).toBe(2);
    const h = io();
    expect(await main(["export", "--help"], h.io)).toBe(0);
    expect(h.out.join("")).toContain("--pseudonymise");
  });
});

describe("wildtrace analyze writes the case report", () => {
  it("writes report.html, report.md and report-chart.svg next to results.json", async () => {
    const out = tmp();
    const c = io();
    expect(await main(["analyze", "datasets/mini", "--out", out, "--quiet"], c.io)).toBe(0);
    const files = readdirSync(out);
    for (const f of ["results.json", "report.html", "report.md", "report-chart.svg"]) expect(files).toContain(f);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(html).toContain("Pemba Marine Logistics Lda");
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("![Link chart](report-chart.svg)");
  });
});

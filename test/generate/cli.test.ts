import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const root = mkdtempSync(join(tmpdir(), "wildtrace-cli-gen-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("wildtrace generate / evaluate / demo", () => {
  it("generate writes a case and its truth, and refuses bad options with the help", async () => {
    const dir = join(root, "case");
    const r = await cli(["generate", "--out", dir, "--seed", "4", "--transactions", "3_000", "--days", "60", "--schemes", "rosewood,abalone", "--difficulty", "easy", "--dirty-rows", "3"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/wrote 3000 transactions \(\d+ planted in abalone, rosewood\)/);
    const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
    expect(truth.seed).toBe(4);
    expect(truth.options).toMatchObject({ difficulty: "easy", dirtyRows: 3, schemes: ["abalone", "rosewood"] });
    expect(truth.dirty).toHaveLength(3);
    const bad = await cli(["generate", "--out", dir, "--schemes", "tiger"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown scheme\(s\) tiger/);
    expect((await cli(["generate", "--seed", "1"])).stderr).toMatch(/--out DIR is required/);
  });

  it("evaluate grades a results.json against a truth.json, as a table or JSON", async () => {
    const dir = join(root, "case");
    const results = join(root, "results.json");
    const { writeFileSync } = await import("node:fs");
    const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
    // A results file that alerts exactly the planted fan-in: recall and precision 100%.
    writeFileSync(results, JSON.stringify({ alerts: [{ id: "a1", typology: "fan_in", accounts: truth.typologies.fan_in.accounts, transactions: truth.typologies.fan_in.transactions }] }));
    const r = await cli(["evaluate", results, dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/fan_in\s+1\s+\d+\s+100%\s+100%/);
    const j = await cli(["evaluate", results, join(dir, "truth.json"), "--json"]);
    expect(JSON.parse(j.stdout).typologies.find((t: { typology: string }) => t.typology === "fan_in").accountRecall).toBe(1);
    expect((await cli(["evaluate", join(root, "nope.json"), dir])).status).toBe(1);
  });

  it("demo runs the pipeline on a case and names three findings", async () => {
    const out = join(root, "demo");
    const r = await cli(["demo", "datasets/pangolin-ng-sg-vn", "--out", out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Three findings to look at first");
    expect(r.stdout).toMatch(/ {2}1\. Account \S+ .* has the highest risk score/);
    expect(r.stdout).toMatch(/Against the answer key/);
    expect(existsSync(join(out, "report.html"))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, "results.json"), "utf8")).schemaVersion).toBe(1);
  });
});

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ["dist/cli.js", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("wildtrace analyze (end to end)", () => {
  it("analyses the bundled mini case with bad rows and writes results.json", () => {
    const out = mkdtempSync(join(tmpdir(), "wt-out-"));
    const r = cli(["analyze", "datasets/mini", "--out", out, "--quiet"]);
    expect(r.stderr).toContain("rows quarantined");
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.schemaVersion).toBe(1);
    expect(results.summary).toMatchObject({ transactions: 16, accounts: 12, parties: 12, relationships: 4, quarantined: 10 });
    expect(results.quarantine).toHaveLength(10);
    expect(results.quarantine[0]).toEqual(expect.objectContaining({ file: expect.any(String), line: expect.any(Number), field: expect.any(String), code: expect.any(String), message: expect.any(String) }));
    const tx = results.summary.sources.find((s: { file: string }) => s.file === "transactions.csv");
    expect(tx).toEqual({ file: "transactions.csv", kind: "transactions", format: "csv", rowsRead: 23, accepted: 16, quarantined: 7 });
  });

  it("gives byte-identical results on a second run", () => {
    const a = mkdtempSync(join(tmpdir(), "wt-a-"));
    const b = mkdtempSync(join(tmpdir(), "wt-b-"));
    expect(cli(["analyze", "datasets/mini", "--out", a, "--quiet"]).status).toBe(0);
    expect(cli(["analyze", "datasets/mini", "--out", b, "--quiet"]).status).toBe(0);
    expect(readFileSync(join(a, "results.json"))).toEqual(readFileSync(join(b, "results.json")));
  });

  it("gives the same results.json on one thread and on two (--threads)", () => {
    const a = mkdtempSync(join(tmpdir(), "wt-t1-"));
    const b = mkdtempSync(join(tmpdir(), "wt-t2-"));
    expect(cli(["analyze", "datasets/ivory-tz-my-cn", "--out", a, "--quiet", "--threads", "1", "--trace-top", "3"]).status).toBe(0);
    expect(cli(["analyze", "datasets/ivory-tz-my-cn", "--out", b, "--quiet", "--threads", "2", "--trace-top", "3"]).status).toBe(0);
    expect(readFileSync(join(a, "results.json"))).toEqual(readFileSync(join(b, "results.json")));
    const bad = cli(["analyze", "datasets/mini", "--out", a, "--threads", "3"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--threads must be 1 or 2, got '3'/);
  }, 60_000);

  it("fails with a clear message and status 1 when the folder does not exist", () => {
    const r = cli(["analyze", "/no/such/case", "--out", mkdtempSync(join(tmpdir(), "wt-x-"))]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a folder/);
  });

  it("fails with status 2 and the help on a usage mistake", () => {
    expect(cli(["analyze"]).status).toBe(2);
    const bad = cli(["analyze", "datasets/mini", "--no-such-flag"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no-such-flag/);
    expect(cli(["frobnicate"]).status).toBe(2);
    expect(cli(["--help"]).stdout).toContain("analyze");
  });

  it("prints progress on stderr unless --quiet", () => {
    const out = mkdtempSync(join(tmpdir(), "wt-p-"));
    expect(cli(["analyze", "datasets/mini", "--out", out]).stderr).toContain("wildtrace: ingest");
    expect(cli(["analyze", "datasets/mini", "--out", out, "--quiet"]).stderr).not.toContain("wildtrace: ingest");
  });
});

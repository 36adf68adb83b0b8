import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { defaultRules } from "../../src/rules/default-rules.js";

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, out: out.join("\n"), err: err.join("\n") };
}

describe("wildtrace rules", () => {
  it("lists every rule with its source, parameters and bands", async () => {
    const r = await cli(["rules"]);
    expect(r.status).toBe(0);
    for (const rule of defaultRules()) expect(r.out).toContain(`${rule.id}${" "}`);
    expect(r.out).toContain("param      windowDays = 7");
    expect(r.out).toContain("source:    Themis IWT red flags");
  });

  it("shows values from a config, as JSON too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-rules-"));
    const file = join(dir, "rules.json");
    writeFileSync(file, JSON.stringify({ rules: { fan_in: { params: { minCounterparties: 8 } }, round_amounts: { enabled: false } } }));
    const text = await cli(["rules", "--config", file]);
    expect(text.out).toContain("param      minCounterparties = 8 (default 10)");
    expect(text.out).toContain("round_amounts (disabled)");
    const json = JSON.parse((await cli(["rules", "--config", file, "--json"])).out);
    expect(json.find((x: { id: string }) => x.id === "fan_in").params.find((p: { name: string }) => p.name === "minCounterparties")).toEqual({ name: "minCounterparties", value: 8, default: 10 });
  });

  it("fails clearly on a bad config", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-rules-"));
    writeFileSync(join(dir, "bad.json"), "{ not json");
    writeFileSync(join(dir, "unknown.json"), JSON.stringify({ rules: { nope: {} } }));
    const a = await cli(["rules", "--config", join(dir, "bad.json")]);
    expect(a.status).toBe(1);
    expect(a.err).toContain("is not valid JSON");
    const b = await cli(["rules", "--config", join(dir, "unknown.json")]);
    expect(b.status).toBe(1);
    expect(b.err).toContain("unknown rule 'nope'");
  });

  it("analyze --config applies the rules config to results.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wt-rules-"));
    const cfg = join(dir, "rules.json");
    writeFileSync(cfg, JSON.stringify({ rules: { structuring: { enabled: false } }, watchlist: [{ id: "W1", name: "Zhang Wei", birthDate: "1968-02-29", reason: "convicted of ivory trafficking" }] }));
    const r = await cli(["analyze", "datasets/mini", "--out", dir, "--quiet", "--config", cfg]);
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
    expect(results.summary.rules.skipped).toEqual([{ rule: "structuring", reason: "disabled in the config" }]);
    expect(results.summary.rules.ran).toContain("watchlist_link");
    expect(results.alerts.some((a: { rule: string }) => a.rule === "structuring")).toBe(false);
    expect(results.alerts.some((a: { id: string }) => a.id === "watchlist_link:P012:W1")).toBe(true);
    expect(Object.keys(results).slice(0, 6)).toEqual(["schemaVersion", "summary", "quarantine", "entities", "alerts", "scores"]);
    expect(results.scores[0]).toEqual(expect.objectContaining({ id: expect.any(String), kind: expect.any(String), score: expect.any(Number), rank: 1, reasons: expect.any(Array) }));
  });
});

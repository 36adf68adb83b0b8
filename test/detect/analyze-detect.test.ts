import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyze, serializeResults } from "../../src/analyze.js";
import { runAnalyze } from "../../src/cli/analyze.js";
import { loadCase } from "../../src/ingest/load-case.js";

describe("analyze: detect stage", () => {
  it("writes communities, flows and corridors after the other keys, deterministically", async () => {
    const load = await loadCase("datasets/mini");
    const a = analyze(load, { seed: 3, trace: ["ACC-CN-01"] });
    const keys = Object.keys(a);
    expect(keys.slice(-3)).toEqual(["communities", "flows", "corridors"]);
    expect(a.flows).toEqual(expect.arrayContaining([expect.objectContaining({ seed: "ACC-CN-01", direction: "forward" })]));
    const flows = a.flows as { path: string[]; direction: string }[];
    for (const f of flows) expect(f.direction === "forward" ? f.path[0] : f.path.at(-1)).toBe("ACC-CN-01");
    expect((a.corridors as { countries: string[] }[])[0].countries).toEqual(["CN", "MY", "MZ"]);
    const b = analyze(await loadCase("datasets/mini"), { seed: 3, trace: ["ACC-CN-01"] });
    expect(serializeResults(b)).toBe(serializeResults(a));
  });

  it("wildtrace analyze --trace (repeatable) writes flows and names unknown seeds", async () => {
    const out = mkdtempSync(join(tmpdir(), "wt-detect-"));
    const err: string[] = [];
    const status = await runAnalyze(["datasets/mini", "--out", out, "--quiet", "--trace", "ACC-TZ-01", "--trace", "NO-SUCH"], { out: () => {}, err: (t) => err.push(t) });
    expect(status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.summary.detect.flows.seeds).toEqual(["ACC-TZ-01", "NO-SUCH"]);
    expect(results.summary.detect.flows.unknownSeeds).toEqual(["NO-SUCH"]);
    const dirs = new Set(results.flows.map((f: { direction: string }) => f.direction));
    expect(dirs).toEqual(new Set(["forward", "backward"]));
    expect(err.join("\n")).toMatch(/--trace NO-SUCH: no such account or party/);
  });
});

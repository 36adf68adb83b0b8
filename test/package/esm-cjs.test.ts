import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

function run(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: "utf8", cwd: process.cwd() });
}

describe("the built package", () => {
  it("loads from ESM (import) with named exports", () => {
    const out = run(["--input-type=module", "-e", "import { loadCase, createDataset, RESULTS_SCHEMA_VERSION } from 'wildtrace'; console.log(typeof loadCase, typeof createDataset, RESULTS_SCHEMA_VERSION);"]);
    expect(out.trim()).toBe("function function 1");
  });

  it("loads from CJS (require) with the same exports", () => {
    const out = run(["-e", "const w = require('wildtrace'); const { dataset } = w.createDataset({ transactions: [{ id: 'T1', date: '2024-01-01', amount: 5, currency: 'USD', fromAccount: 'A' }] }); console.log(typeof w.loadCase, dataset.transactions.length);"]);
    expect(out.trim()).toBe("function 1");
  });

  it("runs analyzeParallel's worker thread from both builds, with the results of analyze", () => {
    const script = (load: string) =>
      `${load}; (async () => { const c = await w.loadCase('datasets/ivory-tz-my-cn'); const a = w.serializeResults(w.analyze(c)); const p = w.serializeResults(await w.analyzeParallel(c, { threads: 2 })); console.log(a === p, JSON.parse(p).entities.length > 0); })();`;
    expect(run(["--input-type=module", "-e", script("import * as w from 'wildtrace'")]).trim()).toBe("true true");
    // Node flags of the process that workers refuse (a larger heap, an input type) must not stop the worker.
    expect(run(["--max-old-space-size=3000", "-e", script("const w = require('wildtrace')")]).trim()).toBe("true true");
  }, 60_000);

  it("declares types for both, side-effect freedom, an engines field and the CLI bin", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8"));
    expect(pkg.exports["."].import.types).toBe("./dist/index.d.ts");
    expect(pkg.exports["."].require.types).toBe("./dist/index.d.cts");
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.engines.node).toBe(">=20");
    expect(pkg.bin.wildtrace).toBe("./dist/cli.js");
    expect(readFileSync("dist/index.d.cts", "utf8")).toContain("loadCase");
    expect(readFileSync("dist/cli.js", "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });

  it("prints nothing when imported", () => {
    const out = execFileSync(process.execPath, ["-e", "require('wildtrace')"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
  });
});

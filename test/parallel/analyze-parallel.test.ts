import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { analyze, analyzeParallel, caseReaders, defaultRules, defineRule, ENTITY_RULES, loadCase, OptionError, serializeResults, splitRulesAtResolution } from "../../src/index.js";

describe("analyzeParallel", () => {
  // The bundled cases cover merged entities (ivory, goaml-sample), quarantined rows (mini) and
  // every rule of both packs; the two paths must give the same bytes.
  for (const name of ["mini", "goaml-sample", "ivory-tz-my-cn"]) {
    it(`gives byte-identical results to analyze on datasets/${name}`, async () => {
      const load = await loadCase(`datasets/${name}`, { readers: caseReaders() });
      const options = { seed: 7, traceTop: 3 };
      const sequential = serializeResults(analyze(load, options));
      const parallel = serializeResults(await analyzeParallel(load, { ...options, threads: 2 }));
      expect(parallel).toBe(sequential);
      if (name === "ivory-tz-my-cn") expect(JSON.parse(parallel).entities.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it("with one thread is analyze itself, and refuses other thread counts", async () => {
    const load = await loadCase("datasets/mini");
    expect(serializeResults(await analyzeParallel(load, { threads: 1 }))).toBe(serializeResults(analyze(load)));
    await expect(analyzeParallel(load, { threads: 3 })).rejects.toThrow(OptionError);
    await expect(analyzeParallel(load, { threads: 3 })).rejects.toThrow(/threads must be 1 or 2, got 3/);
  });

  it("reports bad options the way analyze does, before starting the worker", async () => {
    const load = await loadCase("datasets/mini");
    await expect(analyzeParallel(load, { traceTop: -1 })).rejects.toThrow(/traceTop must be a whole number/);
    await expect(analyzeParallel(load, { rules: { rules: { no_such_rule: {} } } })).rejects.toThrow(/unknown rule 'no_such_rule'/);
    await expect(analyzeParallel(load, { resolve: { nameThreshold: 2 } })).rejects.toThrow(OptionError);
  });

  it("runs a user's rule after resolution, so it sees the resolved entities", async () => {
    const load = await loadCase("datasets/ivory-tz-my-cn");
    const seen: number[] = [];
    const entityCount = defineRule({
      id: "entity_count",
      title: "Entities seen by a user rule",
      typology: "fan_in",
      indicator: "test",
      description: "Counts the resolved entities.",
      needs: [],
      unit: "entities",
      params: z.object({}),
      threshold: () => 1,
      bands: () => [{ min: 1, severity: "low", score: 10, reason: "entities were resolved" }],
      measure: (ctx) => {
        seen.push(ctx.entities.length);
        return [{ key: "all", value: ctx.entities.length, accounts: [0], transactions: [] }];
      },
      explain: (m) => `${m.value} resolved entities`,
    });
    const ruleSet = [...defaultRules(), entityCount];
    const a = serializeResults(analyze(load, { ruleSet }));
    const b = serializeResults(await analyzeParallel(load, { ruleSet, threads: 2 }));
    expect(b).toBe(a);
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBe(seen[0]);
  }, 60_000);
});

describe("splitRulesAtResolution", () => {
  it("keeps entity rules and user rules for after resolution, in rule order", () => {
    const rules = defaultRules();
    const plan = splitRulesAtResolution(rules);
    expect(plan.after.map((r) => r.id)).toEqual(rules.filter((r) => ENTITY_RULES.has(r.id)).map((r) => r.id));
    expect(plan.before.length + plan.after.length).toBe(rules.length);
    const copy = { ...rules[0] }; // same id, not the built-in object: might read entities
    expect(splitRulesAtResolution([copy]).after).toEqual([copy]);
  });

  it("ENTITY_RULES names every built-in rule whose source reads resolved entities", () => {
    // A rule that reads ctx.partyEntity or ctx.entities but is missing from ENTITY_RULES would run
    // before resolution in analyzeParallel and silently see no entities.
    const dir = "src/rules";
    const infrastructure = new Set(["context.ts", "run-rules.ts", "scores.ts", "types.ts", "rule.ts", "index.ts"]);
    const readers: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts") && !infrastructure.has(n))) {
      const src = readFileSync(join(dir, f), "utf8");
      if (/partyEntity|ctx\.entities|\.entities\b/.test(src)) {
        const id = /id:\s*"([a-z_]+)"/.exec(src)?.[1];
        readers.push(id ?? `${f} (a helper: move its entity reads into the rules that use them, or list them)`);
      }
    }
    expect(readers.sort()).toEqual([...ENTITY_RULES].sort());
  });
});

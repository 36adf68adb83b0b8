import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/ingest/load-case.js";
import { runRules } from "../../src/rules/run-rules.js";
import { combineAlertScores, scoreAlerts } from "../../src/rules/scores.js";
import type { Alert, Typology } from "../../src/rules/types.js";

const alert = (id: string, typology: Typology, score: number, accounts: string[], parties: string[] = []): Alert => ({
  id,
  rule: typology,
  typology,
  indicator: "",
  severity: "medium",
  score,
  value: 1,
  threshold: 1,
  explanation: "",
  accounts,
  parties,
  transactions: [],
});

describe("combineAlertScores", () => {
  it("weights generic patterns below wildlife red flags", () => {
    expect(combineAlertScores([{ typology: "fan_in", score: 35 }])).toBe(21);
    expect(combineAlertScores([{ typology: "wildlife_keyword", score: 55 }])).toBe(55);
  });

  it("gives diminishing returns for many alerts of one kind", () => {
    const one = combineAlertScores([{ typology: "fan_in", score: 35 }]);
    const ten = combineAlertScores(Array.from({ length: 10 }, () => ({ typology: "fan_in" as const, score: 35 })));
    expect(ten).toBeGreaterThan(one);
    expect(ten).toBeLessThan(combineAlertScores([{ typology: "official_payment", score: 60 }]));
  });

  it("adds a bonus when independent typologies agree, not when two flow shapes do", () => {
    const flow2 = combineAlertScores([{ typology: "fan_in", score: 55 }, { typology: "gather_scatter", score: 45 }]);
    expect(flow2).toBe(33);
    const mixed = combineAlertScores([{ typology: "fan_in", score: 55 }, { typology: "wildlife_keyword", score: 55 }]);
    expect(mixed).toBe(70);
  });

  it("takes weights and scoring settings from the config", () => {
    expect(combineAlertScores([{ typology: "fan_in", score: 50 }], { weights: { fan_in: 2 } })).toBe(100);
    expect(combineAlertScores([{ typology: "fan_in", score: 50 }, { typology: "cycle", score: 50 }, { typology: "structuring", score: 50 }], { scoring: { agreementBonus: 0 } })).toBe(40);
  });

  it("property: stays within 0-100 and never drops when an alert is added", () => {
    const arb = fc.record({ typology: fc.constantFrom<Typology>("fan_in", "cycle", "structuring", "wildlife_keyword", "official_payment", "round_amounts"), score: fc.integer({ min: 0, max: 100 }) });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 12 }), arb, (list, extra) => {
        const a = combineAlertScores(list);
        const b = combineAlertScores([...list, extra]);
        return a >= 0 && b <= 100 && b >= a;
      }),
      { numRuns: 200 },
    );
  });
});

describe("scoreAlerts", () => {
  it("scores subjects fully and counterparties at half, ranks per kind, sorts by score then id", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const alerts = [alert("official_payment:ACC-TZ-01", "official_payment", 60, ["ACC-TZ-01", "MM-TZ-03"])];
    const scores = scoreAlerts(dataset, alerts);
    expect(scores.map((s) => [s.kind, s.id, s.score, s.rank])).toEqual([
      ["account", "ACC-TZ-01", 60, 1],
      ["party", "P004", 60, 1],
      ["account", "MM-TZ-03", 30, 2],
      ["party", "P007", 30, 2],
    ]);
    expect(scores[0].reasons).toEqual(["official_payment:ACC-TZ-01"]);
  });

  it("gives every account of a path typology (cycle) its full score", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const s = scoreAlerts(dataset, [alert("cycle:x", "cycle", 50, ["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01"])]);
    expect(s.filter((x) => x.kind === "account").map((x) => x.score)).toEqual([40, 40, 40]);
  });

  it("shares alerts across the members of a resolved entity", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const alerts = [alert("a1", "wildlife_keyword", 55, ["ACC-VN-01"]), alert("a2", "high_risk_corridor", 70, ["ACC-VN-02"])];
    const alone = scoreAlerts(dataset, alerts).filter((s) => s.kind === "party");
    expect(alone.map((s) => [s.id, s.score])).toEqual([
      ["P002", 63],
      ["P001", 55],
    ]);
    const merged = scoreAlerts(dataset, alerts, { entities: [{ id: "E1", members: ["P001", "P002"] }] }).filter((s) => s.kind === "party");
    expect(merged.map((s) => [s.id, s.score, s.reasons])).toEqual([
      ["P001", 78, ["a2", "a1"]],
      ["P002", 78, ["a2", "a1"]],
    ]);
  });

  it("keeps ordinary accounts of the mini case out of the top of the ranking", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const scores = scoreAlerts(dataset, runRules(dataset).alerts);
    const top = scores.filter((s) => s.kind === "account").slice(0, 4).map((s) => s.id);
    expect(top).toContain("ACC-TZ-01");
    expect(scores.find((s) => s.id === "ACC-TZ-02")).toBeUndefined();
  });
});

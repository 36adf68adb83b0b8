import { describe, expect, it } from "vitest";
import { evaluateResults, formatEvaluation, OptionError, type Truth } from "../../src/index.js";

const truth: Truth = {
  seed: 1,
  options: {},
  schemes: [
    { id: "ivory", commodity: "elephant ivory", story: "s", typologies: ["fan_in", "structuring"], accounts: ["A1", "A2", "A3", "A4"], parties: ["P1", "P2"], transactions: ["T1", "T2", "T3"], community: ["A1", "A2", "A3"], traceSeeds: ["A1"], route: ["CN", "TZ"] },
    { id: "abalone", commodity: "abalone", story: "s", typologies: ["cash_intensive"], accounts: ["B1", "B2"], parties: ["P3"], transactions: ["T9"], community: ["B1", "B2"], traceSeeds: ["B1"], route: ["HK", "ZA"] },
  ],
  typologies: {
    fan_in: { accounts: ["A1", "A2", "A3"], transactions: ["T1", "T2"] },
    structuring: { accounts: ["A4"], transactions: ["T3"] },
    cash_intensive: { accounts: ["B1"], transactions: ["T9"] },
  },
  accounts: ["A1", "A2", "A3", "A4", "B1", "B2"],
  parties: ["P1", "P2", "P3"],
  transactions: ["T1", "T2", "T3", "T9"],
  traceSeeds: ["A1", "B1"],
  duplicates: [["P1", "P2"]],
  community: ["A1", "A2", "A3", "B1", "B2"],
  dirty: [],
};

const alert = (id: string, typology: string, accounts: string[], transactions: string[]) => ({ id, typology, accounts, transactions });

describe("evaluateResults", () => {
  it("scores a perfect analysis at 100%", () => {
    const results = {
      entities: [{ id: "E1", members: ["P1", "P2"] }],
      alerts: [alert("a1", "fan_in", ["A1", "A2", "A3"], ["T1", "T2"]), alert("a2", "structuring", ["A4"], ["T3"]), alert("a3", "cash_intensive", ["B1"], ["T9"])],
      scores: ["A1", "A2", "A3", "A4", "B1", "B2"].map((id, i) => ({ id, kind: "account", score: 90 - i, rank: i + 1 })),
      communities: [{ id: "C1", members: ["A1", "A2", "A3"] }, { id: "C2", members: ["B1", "B2"] }],
      flows: [{ seed: "A1", path: ["A1", "A2", "A3", "A4"], transactions: ["T1"] }, { seed: "B1", path: ["B1", "B2"], transactions: [] }],
    };
    const ev = evaluateResults(results, truth, { k: [3, 6] });
    for (const t of ev.typologies) {
      expect(t.accountRecall).toBe(1);
      expect(t.accountPrecision).toBe(1);
      expect(t.transactionRecall).toBe(1);
      expect(t.transactionPrecision).toBe(1);
    }
    expect(ev.ranking).toMatchObject({ plantedAccounts: 6, scoredPlanted: 6, meanRank: 3.5, medianRank: 3, precisionAtK: { "3": 1, "6": 1 }, recallAtK: { "3": 0.5, "6": 1 } });
    expect(ev.communities.schemes.map((s) => s.jaccard)).toEqual([1, 1]);
    expect(ev.trace).toMatchObject({ flows: 2, seedsTraced: 2, traceSeeds: 2, reach: 1 });
    expect(ev.duplicates).toEqual({ planted: 1, merged: 1, recall: 1 });
  });

  it("counts misses and false alarms exactly", () => {
    const results = {
      alerts: [alert("a1", "fan_in", ["A1", "X1", "X2", "A4"], ["T1", "T7"]), alert("a2", "round_amounts", ["X3"], ["T8"])],
      scores: [
        { id: "X1", kind: "account", score: 99 },
        { id: "A1", kind: "account", score: 50 },
        { id: "P1", kind: "party", score: 98 },
        { id: "X2", kind: "account", score: 50 },
      ],
      communities: [{ id: 7, members: ["A1", "A2", "X1", "X2"] }],
      flows: [{ seed: "X1", path: ["X1", "A1"], transactions: [] }],
    };
    const ev = evaluateResults(results, truth, { k: [2] });
    const fan = ev.typologies.find((t) => t.typology === "fan_in")!;
    expect(fan.accountRecall).toBeCloseTo(1 / 3, 4);
    expect(fan.accountPrecision).toBe(0.25);
    expect(fan.plantedPrecision).toBe(0.5); // A1 and A4 are planted (A4 for structuring)
    expect(fan.transactionRecall).toBe(0.5);
    expect(fan.transactionPrecision).toBe(0.5);
    const round = ev.typologies.find((t) => t.typology === "round_amounts")!;
    expect(round.accountRecall).toBeNull(); // nothing planted
    expect(round.accountPrecision).toBe(0);
    const structuring = ev.typologies.find((t) => t.typology === "structuring")!;
    expect(structuring.alerts).toBe(0);
    expect(structuring.accountRecall).toBe(0);
    expect(structuring.accountPrecision).toBeNull();
    // Ranks among account scores only: X1 (1), then A1 and X2 tie on 50 and break by id: A1 (2).
    expect(ev.ranking).toMatchObject({ scoredPlanted: 1, meanRank: 2, precisionAtK: { "2": 0.5 } });
    // Community {A1, A2, X1, X2} against ivory's {A1, A2, A3}: 2 / 5.
    expect(ev.communities.schemes[0]).toMatchObject({ scheme: "ivory", community: "7", jaccard: 0.4 });
    expect(ev.communities.schemes[1]).toMatchObject({ scheme: "abalone", community: null, jaccard: 0 });
    expect(ev.trace.reach).toBeCloseTo(1 / 6, 4);
    expect(ev.trace.seedsTraced).toBe(0);
    expect(ev.duplicates.merged).toBe(0);
  });

  it("treats missing sections as empty and rejects a malformed truth", () => {
    const ev = evaluateResults({ schemaVersion: 1, summary: {} }, truth);
    expect(ev.overall).toEqual({ alerts: 0, accountRecall: 0, accountPrecision: null, transactionRecall: 0, transactionPrecision: null });
    expect(() => evaluateResults({}, { seed: 1 })).toThrow(OptionError);
    expect(() => evaluateResults({}, truth, { k: [0] })).toThrow(/evaluateResults/);
  });

  it("formats a table a trainer can read, in text and Markdown", () => {
    const ev = evaluateResults({ alerts: [alert("a1", "fan_in", ["A1"], ["T1"])] }, truth);
    const text = formatEvaluation(ev);
    expect(text).toMatch(/fan_in\s+1\s+3\s+33%\s+100%/);
    const md = formatEvaluation(ev, { format: "markdown" });
    expect(md.split("\n")[0]).toMatch(/^\| typology \| alerts/);
    expect(md).toContain("| fan_in | 1 | 3 | 33% | 100% | 2 | 50% | 100% | 100% |");
  });
});

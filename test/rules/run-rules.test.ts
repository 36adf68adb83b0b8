import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OptionError } from "../../src/errors.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { defaultRules } from "../../src/rules/default-rules.js";
import { fanInRule } from "../../src/rules/fan-in.js";
import { defineRule } from "../../src/rules/rule.js";
import { resolveRules, runRules } from "../../src/rules/run-rules.js";
import { TYPOLOGIES } from "../../src/rules/types.js";
import { d, ds, tx } from "./helpers.js";

describe("runRules on the mini ivory case", async () => {
  const { dataset } = await loadCase("datasets/mini");
  const r = runRules(dataset);

  it("runs every rule whose inputs are there and says why the others were skipped", () => {
    expect(r.ran).toHaveLength(defaultRules().length - 1);
    expect(r.skipped).toEqual([{ rule: "watchlist_link", reason: "no watchlist was given (config `watchlist` or option `watchlist`)" }]);
  });

  it("finds the planted laundering: corridor chain, structuring, bribe, code words, mobile-money payouts", () => {
    const ids = r.alerts.map((a) => a.id);
    expect(ids).toContain("high_risk_corridor:ACC-CN-01:2024-01-08");
    expect(ids).toContain("structuring:ACC-TZ-01:in:2024-01-11");
    expect(ids).toContain("official_payment:ACC-TZ-01");
    expect(ids).toContain("wildlife_keyword:ACC-TZ-01");
    expect(ids).toContain("mobile_money_burst:ACC-TZ-01:out:2024-01-12");
    expect(ids).toContain("pass_through:ACC-MY-01:2024-01-08");
    // the supermarket receiving card payments raises nothing
    expect(r.alerts.filter((a) => a.accounts[0] === "ACC-TZ-02")).toEqual([]);
  });

  it("gives every alert the full contract, with unique ids, sorted by score then id", () => {
    const seen = new Set<string>();
    for (const a of r.alerts) {
      expect(Object.keys(a).slice(0, 13)).toEqual(["id", "rule", "typology", "indicator", "severity", "score", "value", "threshold", "explanation", "accounts", "parties", "transactions", "start"]);
      expect(TYPOLOGIES).toContain(a.typology);
      expect(a.explanation).toMatch(/^[^\n]+\.$/);
      expect(a.value).toBeGreaterThanOrEqual(a.threshold);
      expect(seen.has(a.id)).toBe(false);
      seen.add(a.id);
    }
    const sorted = [...r.alerts].sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
    expect(r.alerts.map((a) => a.id)).toEqual(sorted.map((a) => a.id));
  });

  it("is deterministic and does not modify the dataset", () => {
    const before = JSON.stringify({ ...dataset, transactions: { ...dataset.transactions, amount: [...dataset.transactions.amount] } });
    const again = runRules(dataset);
    expect(JSON.stringify(again.alerts)).toEqual(JSON.stringify(r.alerts));
    expect(JSON.stringify({ ...dataset, transactions: { ...dataset.transactions, amount: [...dataset.transactions.amount] } })).toEqual(before);
  });
});

describe("configuration", () => {
  const dataset = ds({ transactions: Array.from({ length: 8 }, (_, k) => tx(`T${k}`, d(1), 900, `S${k}`, "HUB")) });

  it("overrides parameters and bands per rule, and disables rules", () => {
    const config = { rules: { fan_in: { params: { minCounterparties: 8 }, bands: [{ min: 8, severity: "high", score: 90, reason: "our FIU's limit" }] }, cycle: { enabled: false } } };
    const r = runRules(dataset, { rules: [fanInRule, ...defaultRules().filter((x) => x.id === "cycle")], config });
    expect(r.alerts[0].severity).toBe("high");
    expect(r.alerts[0].score).toBe(90);
    expect(r.alerts[0].explanation).toContain("our FIU's limit");
    expect(r.skipped).toEqual([{ rule: "cycle", reason: "disabled in the config" }]);
  });

  it("rejects unknown rules, unknown or invalid parameters, and prototype keys, naming the function", () => {
    expect(() => runRules(dataset, { config: { rules: { fan_inn: {} } } })).toThrow(/runRules: the config names an unknown rule 'fan_inn'/);
    expect(() => runRules(dataset, { config: { rules: { fan_in: { params: { minCounterparties: 1 } } } } })).toThrow(OptionError);
    expect(() => runRules(dataset, { config: { rules: { fan_in: { params: { windowDayz: 3 } } } } })).toThrow(/rule 'fan_in' params/);
    expect(() => runRules(dataset, { config: { maxEvidence: 0 } })).toThrow(/invalid rules config: maxEvidence/);
    expect(() => runRules(dataset, { config: JSON.parse('{"rules": {"__proto__": {"enabled": false}}}') })).toThrow(OptionError);
    expect(({} as Record<string, unknown>).enabled).toBeUndefined();
  });

  it("caps the evidence and says so in the explanation", () => {
    const many = ds({ transactions: Array.from({ length: 60 }, (_, k) => tx(`T${k}`, d(1), 900, `S${k}`, "HUB")) });
    const [a] = runRules(many, { rules: [fanInRule] }).alerts;
    expect(a.transactions).toHaveLength(50);
    expect(a.explanation).toContain("(the first 50 of 60 transactions are listed)");
  });

  it("accepts user rules through the API", () => {
    const bigCash = defineRule({
      id: "big_cash",
      title: "Large cash deposit",
      typology: "cash_intensive",
      indicator: "Own policy",
      description: "Single cash deposits above a limit.",
      needs: ["cash"],
      unit: "base",
      params: z.object({ min: z.number().positive().default(50000) }).strict(),
      threshold: (p) => p.min,
      bands: (p) => [{ min: p.min, severity: "medium", score: 50, reason: "above the bank's cash limit" }],
      measure: (ctx, p) => {
        const t = ctx.dataset.transactions;
        const out = [];
        for (let i = 0; i < t.length; i++) if (t.from[i] < 0 && t.baseAmount[i] >= p.min) out.push({ key: t.id.get(i), value: t.baseAmount[i], accounts: [t.to[i]], transactions: [i] });
        return out;
      },
      explain: (m) => `A cash deposit of ${m.value} was made`,
    });
    const cash = ds({ transactions: [tx("C1", d(1), 60000, undefined, "A", { channel: "cash_deposit" })] });
    const r = runRules(cash, { rules: [...defaultRules(), bigCash] });
    expect(r.alerts.find((a) => a.rule === "big_cash")?.explanation).toBe("A cash deposit of 60000 was made; above the bank's cash limit.");
    expect(() => resolveRules([bigCash, bigCash], {})).toThrow(/two rules have the id 'big_cash'/);
  });

  it("skips rules whose inputs are absent", () => {
    const r = runRules(ds({ transactions: [tx("T1", d(1), 5, "A", "B")] }));
    const reasons = Object.fromEntries(r.skipped.map((s) => [s.rule, s.reason]));
    expect(reasons.official_payment).toBe("no party has a role (official, pep, ranger, customs...)");
    expect(reasons.structuring).toBe("no cash deposits or withdrawals in the dataset");
    expect(reasons.wildlife_keyword).toBe("no payment references in the dataset; no report narratives in the dataset");
    expect(reasons.high_risk_corridor).toBe("no account, party or transaction has a country");
  });
});

describe("property: unrelated activity never removes an alert", () => {
  it("holds for every default rule on a small random case", () => {
    const arbTx = fc.record({ day: fc.integer({ min: 1, max: 60 }), amt: fc.integer({ min: 100, max: 20000 }), from: fc.integer({ min: 0, max: 7 }), to: fc.integer({ min: 0, max: 7 }), ch: fc.constantFrom("wire", "cash_deposit", "mobile_money") });
    fc.assert(
      fc.property(fc.array(arbTx, { minLength: 5, maxLength: 40 }), fc.array(arbTx, { maxLength: 20 }), (base, extra) => {
        const rows = (list: typeof base, prefix: string, acc: string) =>
          list.map((r, k) => tx(`${prefix}${k}`, d(r.day), r.amt, r.ch === "cash_deposit" ? undefined : `${acc}${r.from}`, `${acc}${r.to === r.from ? (r.to + 1) % 8 : r.to}`, { channel: r.ch }));
        const a = rows(base, "B", "A");
        const before = runRules(ds({ transactions: a })).alerts.map((x) => x.id);
        const after = new Set(runRules(ds({ transactions: [...a, ...rows(extra, "X", "U")] })).alerts.map((x) => x.id));
        return before.every((id) => after.has(id));
      }),
      { numRuns: 25 },
    );
  });

  it("reports progress as each rule starts, in rule order", async () => {
    const { dataset } = await loadCase("datasets/mini");
    const events: { done: number; total?: number; message?: string }[] = [];
    const rules = defaultRules();
    runRules(dataset, { rules, onProgress: (e) => events.push({ done: e.done, total: e.total, message: e.message }) });
    expect(events.map((e) => e.message)).toEqual(rules.map((r) => r.id));
    expect(events.map((e) => e.done)).toEqual(rules.map((_, k) => k));
    expect(new Set(events.map((e) => e.total))).toEqual(new Set([rules.length]));
  });
});

import { describe, expect, it } from "vitest";
import { fanOutRule } from "../../src/rules/fan-out.js";
import { d, ds, run, tx } from "./helpers.js";

const pays = (n: number, reference = "transfer") => Array.from({ length: n }, (_, k) => tx(`T${k}`, d(2 + (k % 3)), 1200 + k, "HUB", `R${k}`, { reference }));

describe("fan_out", () => {
  it("fires when one account pays ten different accounts within a week", () => {
    const [a, ...rest] = run(ds({ transactions: pays(10) }), fanOutRule);
    expect(rest).toEqual([]);
    expect(a.value).toBe(10);
    expect(a.accounts[0]).toBe("HUB");
    expect(a.explanation).toContain("to 10 different recipients within 7 days");
  });

  it("stays quiet for payroll: salary references, or payees the payer employs", () => {
    expect(run(ds({ transactions: pays(25, "Salary January 2024") }), fanOutRule)).toEqual([]);
    expect(run(ds({ transactions: pays(25, "Mshahara Januari") }), fanOutRule)).toEqual([]);
    const parties = [{ id: "EMP", kind: "company", name: "Dar Fresh Ltd" }, ...Array.from({ length: 25 }, (_, k) => ({ id: `W${k}`, kind: "person", name: `Worker ${k}` }))];
    const accounts = [{ id: "HUB", holder: "EMP" }, ...Array.from({ length: 25 }, (_, k) => ({ id: `R${k}`, holder: `W${k}` }))];
    const relationships = Array.from({ length: 25 }, (_, k) => ({ from: "EMP", to: `W${k}`, type: "employs" }));
    expect(run(ds({ parties, accounts, relationships, transactions: pays(25, "January") }), fanOutRule)).toEqual([]);
  });

  it("boundary: 9 recipients do not alert, 10 do", () => {
    expect(run(ds({ transactions: pays(9) }), fanOutRule)).toEqual([]);
    expect(run(ds({ transactions: pays(10) }), fanOutRule)[0].threshold).toBe(10);
  });

  it("matches ordinary words as whole words only", () => {
    // "wages" inside "sewages" is not an ordinary-purpose reference
    expect(run(ds({ transactions: pays(10, "sewages plant") }), fanOutRule)).toHaveLength(1);
  });
});

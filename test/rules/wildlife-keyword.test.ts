import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/model/dataset.js";
import { compileLexicon, defaultLexicon, hitWeight } from "../../src/rules/lexicon.js";
import { wildlifeKeywordRule } from "../../src/rules/wildlife-keyword.js";
import { d, ds, run, tx } from "./helpers.js";

const m = compileLexicon(defaultLexicon());
const one = (reference: string, extra: Parameters<typeof ds>[0] = {}) =>
  run(ds({ ...extra, transactions: [tx("T1", d(3), 900, "A", "B", { reference })] }), wildlifeKeywordRule);

describe("lexicon matching", () => {
  it.each([
    ["ivory carvings 12 pcs", "ivory"],
    ["corne de rhinocéros", "rhino horn"],
    ["escamas de pangolim 40kg", "pangolin scales"],
    ["meno mzigo", "teeth (ivory code word)"],
    ["象牙 2箱", "ivory"],
    ["犀牛角粉", "rhino horn"],
    ["ngà voi", "ivory"],
    ["sừng tê giác", "rhino horn"],
    ["งาช้าง", "ivory"],
    ["sisik tenggiling", "pangolin scales"],
    ["Manis javanica scales", "Sunda pangolin"],
  ])("finds %s", (text, meaning) => {
    expect(m.match(text).map((h) => h.meaning)).toContain(meaning);
  });

  it.each(["cocoa from Ivory Coast", "Côte d'Ivoire cocoa beans", "象牙海岸咖啡", "hornet repellent", "shoe horn", "Horn of Africa relief", "เสื้อ 3 ตัว", "manis sekali"])(
    "does not find a wildlife product in %s",
    (text) => {
      expect(hitWeight(m.match(text))).toBeLessThan(2);
    },
  );

  it("property: surrounding text never removes a hit", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (pre, post) => {
        const text = `${pre.replace(/[\p{L}\p{N}]+$/u, "")} ivory ${post.replace(/^[\p{L}\p{N}]+/u, "")}`;
        return m.match(text).some((h) => h.term === "ivory");
      }),
      { numRuns: 100 },
    );
  });
});

describe("wildlife_keyword", () => {
  it("fires on both accounts of a transaction whose reference names a wildlife product", () => {
    const alerts = one("payment pembe za ndovu");
    expect(alerts.map((a) => a.accounts[0])).toEqual(["A", "B"]);
    expect(alerts[0].explanation).toContain('"pembe za ndovu" (ivory, sw)');
  });

  it("stays quiet for company and country names with species words", () => {
    const parties = [
      { id: "P1", kind: "company", name: "Rhino Logistics Ltd" },
      { id: "P2", kind: "company", name: "Ivory Tower Consulting" },
    ];
    const accounts = [{ id: "A", holder: "P1" }, { id: "B", holder: "P2" }];
    expect(one("Invoice 4471 Ivory Tower Consulting", { parties, accounts })).toEqual([]);
    expect(one("Rhino Logistics Ltd fuel March", { parties, accounts })).toEqual([]);
    expect(one("Tiger Brands groceries")).toEqual([]);
    expect(one("Elephant Insurance premium")).toEqual([]);
    expect(one("Cocoa shipment Ivory Coast")).toEqual([]);
  });

  it("boundary: weight exactly 2 alerts, a lone species name (weight 1) does not", () => {
    const [a] = one("white gold 2 boxes");
    expect(a.value).toBe(2);
    expect(a.threshold).toBe(2);
    expect(one("elephant")).toEqual([]);
    expect(one("elephant tusk")[0].value).toBe(2);
  });

  it("reads report narratives linked to a transaction", () => {
    const base = ds({ transactions: [tx("T1", d(3), 900, "A", "B", { reference: "goods" })] });
    const withReport: Dataset = {
      ...base,
      reports: [{ id: "R1", code: "STR", reason: "Customer said the boxes held pangolin scales", action: "", indicators: [] }],
      transactions: { ...base.transactions, reportIds: new Map([[0, ["R1"]]]) },
    };
    expect(run(withReport, wildlifeKeywordRule)).toHaveLength(2);
    expect(run(withReport, wildlifeKeywordRule, { narratives: false })).toEqual([]);
  });
});

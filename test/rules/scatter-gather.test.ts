import { describe, expect, it } from "vitest";
import { gatherScatterRule } from "../../src/rules/gather-scatter.js";
import { scatterGatherRule } from "../../src/rules/scatter-gather.js";
import { d, ds, run, tx } from "./helpers.js";

const scatter = (n: number, sameTarget = true, gapDays = 2) =>
  Array.from({ length: n }, (_, k) => [
    tx(`S${k}`, d(1), 5000, "SRC", `M${k}`),
    tx(`G${k}`, d(1 + gapDays), 4900, `M${k}`, sameTarget ? "DST" : `D${k}`),
  ]).flat();

describe("scatter_gather", () => {
  it("fires when one account's money reaches one account through four intermediaries", () => {
    const [a] = run(ds({ transactions: scatter(4) }), scatterGatherRule);
    expect(a.value).toBe(4);
    expect(a.accounts.slice(0, 2)).toEqual(["SRC", "DST"]);
    expect(a.transactions).toHaveLength(8);
    expect(a.explanation).toContain("paid USD 20,000 to 4 intermediaries, which passed USD 19,600 on to the same account DST");
  });

  it("treats the accounts of one holder, or of one resolved entity, as one source", () => {
    const rows = scatter(4).map((r, k) => (k % 4 === 0 ? { ...r, fromAccount: "SRC2" } : r));
    expect(run(ds({ transactions: rows }), scatterGatherRule)).toEqual([]);
    const parties = [{ id: "P1", kind: "person", name: "Tran Van Minh" }, { id: "P2", kind: "person", name: "TRẦN VĂN MINH" }];
    const others = ["M0", "M1", "M2", "M3", "DST"].map((id) => ({ id }));
    const sameHolder = ds({ parties, accounts: [{ id: "SRC", holder: "P1" }, { id: "SRC2", holder: "P1" }, ...others], transactions: rows });
    expect(run(sameHolder, scatterGatherRule)[0].value).toBe(4);
    const twoIdentities = ds({ parties, accounts: [{ id: "SRC", holder: "P1" }, { id: "SRC2", holder: "P2" }, ...others], transactions: rows });
    expect(run(twoIdentities, scatterGatherRule)).toEqual([]);
    const [a] = run(twoIdentities, scatterGatherRule, undefined, { entities: [{ id: "E1", members: ["P1", "P2"] }] });
    expect(a.value).toBe(4);
    expect(a.accounts).toContain("SRC2");
  });

  it("stays quiet when the intermediaries pay different people (a distributor paying its agents)", () => {
    expect(run(ds({ transactions: scatter(8, false) }), scatterGatherRule)).toEqual([]);
  });

  it("boundary: three intermediaries do not alert; onward payments after the window do not count", () => {
    expect(run(ds({ transactions: scatter(3) }), scatterGatherRule)).toEqual([]);
    expect(run(ds({ transactions: scatter(4, true, 11) }), scatterGatherRule)).toEqual([]);
    expect(run(ds({ transactions: scatter(4, true, 10) }), scatterGatherRule)).toHaveLength(1);
  });
});

const hub = (nIn: number, nOut: number, outAmount = 950) => [
  ...Array.from({ length: nIn }, (_, k) => tx(`I${k}`, d(1), 1000, `S${k}`, "HUB")),
  ...Array.from({ length: nOut }, (_, k) => tx(`O${k}`, d(3), outAmount, "HUB", `R${k}`)),
];

describe("gather_scatter", () => {
  it("fires for a hub that collects from five and pays out to five", () => {
    const [a] = run(ds({ transactions: hub(5, 5) }), gatherScatterRule);
    expect(a.value).toBe(5);
    expect(a.accounts[0]).toBe("HUB");
  });

  it("stays quiet for a wholesaler paid by many customers that pays one supplier", () => {
    expect(run(ds({ transactions: hub(30, 1, 20000) }), gatherScatterRule)).toEqual([]);
  });

  it("boundary: four recipients do not alert; paying out less than 70% of what came in does not", () => {
    expect(run(ds({ transactions: hub(5, 4) }), gatherScatterRule)).toEqual([]);
    expect(run(ds({ transactions: hub(5, 5, 600) }), gatherScatterRule)).toEqual([]);
    expect(run(ds({ transactions: hub(5, 5, 700) }), gatherScatterRule)).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { findCorridors } from "../../src/detect/corridors.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import type { Dataset } from "../../src/model/dataset.js";
import { type TxRow, txRecords } from "./fixtures.js";

function caseOf(accounts: [string, string][], rows: TxRow[]): Dataset {
  const { dataset, quarantine } = createDataset({
    accounts: accounts.map(([id, country]) => ({ id, country })),
    transactions: txRecords(rows),
  });
  expect(quarantine).toEqual([]);
  return dataset;
}

describe("findCorridors", () => {
  const ds = caseOf(
    [
      ["CN1", "CN"],
      ["CN2", "CN"],
      ["HK1", "HK"],
      ["MY1", "MY"],
      ["TZ1", "TZ"],
      ["TZ2", "TZ"],
      ["NG1", "NG"],
      ["US1", "US"],
    ],
    [
      ["T1", 1, 50_000, "CN1", "HK1"],
      ["T2", 2, 48_000, "HK1", "MY1"], // downstream of T1: must not be counted again as an HK start
      ["T3", 3, 46_000, "MY1", "TZ1"],
      ["T4", 4, 10_000, "TZ1", "TZ2"], // beyond the first source-country recipient: not followed
      ["T5", 5, 9_000, "CN2", "NG1"],
      ["T6", 6, 7_000, "CN2", "US1"], // not to a source country
      ["T7", 1, 3_000, "US1", "TZ2"], // payer not in a destination country
    ],
  );

  it("aggregates money from destination-country payers to source-country recipients by country chain", () => {
    const r = findCorridors(ds);
    expect(r.corridors).toEqual([
      { countries: ["CN", "HK", "MY", "TZ"], amount: 46_000, count: 1, examples: [["CN1", "HK1", "MY1", "TZ1"]] },
      { countries: ["CN", "NG"], amount: 9_000, count: 1, examples: [["CN2", "NG1"]] },
    ]);
    expect(r.starts).toBe(4); // T1, T2 (HK is also a destination), T5, T6
    expect(r.truncated).toBe(false);
  });

  it("respects maxHops and custom roles", () => {
    expect(findCorridors(ds, { maxHops: 2 }).corridors.map((c) => c.countries.join(">"))).toEqual(["CN>NG"]);
    const us = findCorridors(ds, { roles: { source: ["TZ"], transit: [], destination: ["US"] } });
    expect(us.corridors).toEqual([{ countries: ["US", "TZ"], amount: 3_000, count: 1, examples: [["US1", "TZ2"]] }]);
  });

  it("takes the country roles of a commodity from the corridor data", () => {
    // ivory: source TZ MZ KE, destination CN: the CN -> NG payment is not an ivory corridor
    expect(findCorridors(ds, { commodity: "ivory" }).corridors.map((c) => c.countries.join(">"))).toEqual(["CN>HK>MY>TZ"]);
    expect(() => findCorridors(ds, { commodity: "unicorn" })).toThrow(/^findCorridors: unknown commodity 'unicorn'/);
  });

  it("never counts more than reached the recipients", () => {
    const r = findCorridors(ds);
    const total = r.corridors.reduce((s, c) => s + c.amount, 0);
    expect(total).toBeLessThanOrEqual(46_000 + 9_000);
  });

  it("stops at the budget", () => {
    const r = findCorridors(ds, { budget: 2 });
    expect(r.truncated).toBe(true);
    expect(r.examined).toBeLessThanOrEqual(2);
  });

  it("rejects invalid roles with an error naming the function", () => {
    expect(() => findCorridors(ds, { roles: { source: ["tz"], transit: [], destination: [] } })).toThrow(/^findCorridors: roles/);
  });
});

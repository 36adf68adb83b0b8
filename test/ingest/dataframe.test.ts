import { DataFrame } from "danfojs";
import { describe, expect, it } from "vitest";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { fromDataFrame, toColumns, toRows } from "../../src/ingest/dataframe.js";
import { getTransaction } from "../../src/model/dataset.js";

// danfo-js is a dev dependency only (see docs: 377 MB, optional peer); these tests prove the
// interop against the real package.

const ALERTS = [
  { id: "AL-1", rule: "fan_in", severity: "high", score: 87, accounts: ["0150-2281-7730"], transactions: ["KCB240301-0007", "KCB240304-0113"], start: "2024-03-01", end: "2024-03-06" },
  { id: "AL-2", rule: "high_risk_corridor", severity: "medium", score: 55, accounts: ["0150-2281-7730", "5140-1188-2093"], transactions: ["KCB240308-SW-4471"] },
];
const COMMUNITIES = [
  { id: "C1", members: ["A1", "A2", "A3"], size: 3, score: 0.8, summary: { amount: 1_250_000, countries: ["TZ", "MY"], top: { account: "A1" } } },
  { id: "C2", members: ["A4"], size: 1, score: 0.1, summary: { amount: 10 } },
];

describe("DataFrame interop (danfo-js)", () => {
  it("gives rows that new DataFrame(rows) takes, with every column in every row", () => {
    const rows = toRows(ALERTS);
    const df = new DataFrame(rows);
    expect(df.columns).toEqual(["id", "rule", "severity", "score", "accounts", "transactions", "start", "end"]);
    expect(df.shape).toEqual([2, 8]);
    expect(df.values[1]).toEqual(["AL-2", "high_risk_corridor", "medium", 55, "0150-2281-7730;5140-1188-2093", "KCB240308-SW-4471", null, null]);
    expect(df.column("score").values).toEqual([87, 55]);
  });

  it("flattens nested objects into dotted columns, or keeps them as JSON", () => {
    const df = new DataFrame(toRows(COMMUNITIES));
    expect(df.columns).toEqual(["id", "members", "size", "score", "summary.amount", "summary.countries", "summary.top.account"]);
    expect(df.values[0]).toEqual(["C1", "A1;A2;A3", 3, 0.8, 1_250_000, "TZ;MY", "A1"]);
    const json = toRows(COMMUNITIES, { objects: "json", arrays: "json" });
    expect(json[1]).toEqual({ id: "C2", members: '["A4"]', size: 1, score: 0.1, summary: '{"amount":10}' });
    const { columns, values } = toColumns(COMMUNITIES);
    const df2 = new DataFrame(values, { columns });
    expect(df2.shape).toEqual([2, 7]);
  });

  it("does not change its input and keeps odd keys as columns", () => {
    const input = [JSON.parse('{"__proto__": "x", "id": 1}')];
    const copy = JSON.stringify(input);
    const rows = toRows(input);
    expect(Object.keys(rows[0])).toEqual(["__proto__", "id"]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    expect(JSON.stringify(input)).toBe(copy);
  });

  it("accepts a danfo DataFrame as a table of records, with its gaps read as empty cells", () => {
    const df = new DataFrame({
      id: ["T1", "T2", "T3"],
      date: ["2024-03-01", "2024-03-02", "2024-03-03"],
      amount: [24_000_000, 900_000, 1_500],
      currency: ["TZS", "TZS", "USD"],
      from_account: [null, "A1", "A1"],
      to_account: ["A1", "W1", null],
      reference: ["cash deposit", "posho", null],
    });
    // Directly: danfo keeps string gaps as null, which the table reader reads as empty cells.
    const direct = createDataset({ transactions: df as unknown as { columns: string[]; values: unknown[][] } });
    const viaHelper = createDataset({ transactions: fromDataFrame(df) });
    expect(viaHelper.quarantine).toEqual([]);
    expect(viaHelper.dataset.transactions.length).toBe(3);
    expect(getTransaction(viaHelper.dataset, 0)).toMatchObject({ channel: "cash_deposit", toAccount: "A1", reference: "cash deposit" });
    expect(getTransaction(viaHelper.dataset, 0).fromAccount).toBeUndefined();
    expect(getTransaction(viaHelper.dataset, 2)).toMatchObject({ channel: "cash_withdrawal", fromAccount: "A1", reference: "" });
    expect([0, 1, 2].map((i) => getTransaction(direct.dataset, i))).toEqual([0, 1, 2].map((i) => getTransaction(viaHelper.dataset, i)));
    // A numeric gap is NaN: fromDataFrame reads it as an empty cell (missing_value), not as the text "NaN".
    const gap = { columns: ["id", "date", "amount", "currency", "to_account"], values: [["T9", "2024-03-01", Number.NaN, "USD", "A1"]] };
    expect(createDataset({ transactions: fromDataFrame(gap) }).quarantine.map((e) => [e.field, e.code])).toEqual([["amount", "missing_value"]]);
  });

  it("reads the rows it wrote back in through a DataFrame (out and in)", () => {
    const txRows = [
      { id: "T1", date: "2024-03-01", amount: 5, currency: "USD", from_account: "A", to_account: "B" },
      { id: "T2", date: "2024-03-02", amount: 7, currency: "USD", from_account: "B", to_account: null },
    ];
    const df = new DataFrame(toRows(txRows));
    const { dataset, quarantine } = createDataset({ transactions: fromDataFrame(df) });
    expect(quarantine).toEqual([]);
    expect(dataset.transactions.id.toArray()).toEqual(["T1", "T2"]);
    expect(dataset.accounts.map((a) => a.id)).toEqual(["A", "B"]);
  });
});

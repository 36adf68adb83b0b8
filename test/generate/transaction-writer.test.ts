import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openTransactionWriter } from "../../src/generate/transaction-writer.js";

const root = mkdtempSync(join(tmpdir(), "wildtrace-txw-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("openTransactionWriter", () => {
  it("writes the same bytes as plain string formatting, digits, cash sides and UTF-8 references included", () => {
    const path = join(root, "t.csv");
    const w = openTransactionWriter(path, ["TZ-0000001", "VN-1234567"], ["2024-01-01T", "2024-02-29T"], ["TZS", "VND", "USD"]);
    w.row(1, 0, 0, 2500, false, 0, 0, -1, 2, "");
    w.row(2, 1, 86_399, 0.05, true, 2, -1, 1, 1, "");
    w.row(12_345_678, 1, 3_661, 1_234_567.899, true, 2, 1, 0, 0, "học phí");
    w.row(99_999_999, 0, 45_296, 30_000_000, false, 1, 1, 1, 8, '"white gold, 2 boxes"');
    w.row(3, 0, 10, 9_990, false, 0, 0, 1, 3, "POS SUPERMARKET");
    w.row(4, 0, 11, 10, false, 0, 0, 1, 3, "POS SUPERMARKET");
    w.line("T00000004X,bad");
    expect(w.close()).toEqual({ rows: 7, bytes: readFileSync(path).length });
    expect(readFileSync(path, "utf8").split("\n")).toEqual([
      "id,date,amount,currency,from_account,to_account,channel,reference",
      "T00000001,2024-01-01T00:00:00Z,2500,TZS,TZ-0000001,,cash_withdrawal,",
      "T00000002,2024-02-29T23:59:59Z,0.05,USD,,VN-1234567,cash_deposit,",
      "T12345678,2024-02-29T01:01:01Z,1234567.90,USD,VN-1234567,TZ-0000001,wire,học phí",
      'T99999999,2024-01-01T12:34:56Z,30000000,VND,VN-1234567,VN-1234567,internal,"white gold, 2 boxes"',
      "T00000003,2024-01-01T00:00:10Z,9990,TZS,TZ-0000001,VN-1234567,mobile_money,POS SUPERMARKET",
      "T00000004,2024-01-01T00:00:11Z,10,TZS,TZ-0000001,VN-1234567,mobile_money,POS SUPERMARKET",
      "T00000004X,bad",
      "",
    ]);
  });
});

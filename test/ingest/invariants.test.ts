import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCase } from "../../src/ingest/load-case.js";
import { getTransaction } from "../../src/model/dataset.js";
import { TransactionSchema } from "../../src/model/schemas.js";

const HEADER = "id,date,amount,currency,from_account,to_account,channel,reference";

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s;
}

const goodRow = fc.record({
  id: fc.stringMatching(/^[A-Z]{1,3}[0-9]{1,5}$/),
  day: fc.integer({ min: 0, max: 3000 }),
  secs: fc.integer({ min: 0, max: 86399 }),
  cents: fc.integer({ min: 1, max: 100_000_000 }),
  currency: fc.constantFrom("USD", "TZS", "VND", "CNY", "MZN"),
  from: fc.option(fc.constantFrom("A1", "A2", "B7", "MM-1"), { nil: undefined }),
  to: fc.constantFrom("A1", "A2", "B7", "MM-1", "C9"),
  channel: fc.constantFrom("wire", "cash_deposit", "mobile_money", "card"),
  reference: fc.string({ unit: fc.constantFrom("a", "Z", " ", ",", '"', "\n", "=", "meno", "象牙", "ngà"), maxLength: 12 }),
});

type Good = typeof goodRow extends fc.Arbitrary<infer T> ? T : never;

function render(r: Good): string {
  const t = Date.UTC(2016, 0, 1) + r.day * 86_400_000 + r.secs * 1000;
  return [r.id, new Date(t).toISOString(), (r.cents / 100).toFixed(2), r.currency, r.from ?? "", r.to, r.channel, r.reference].map(csvCell).join(",");
}

/** Ways to damage a row; each must end in the quarantine, never in a crash or a silent drop. */
const damage = fc.constantFrom(
  (s: string) => s.replace(/^([^,]*),(\d{4})-\d{2}-\d{2}/, "$1,$2-02-31"),
  (s: string) => s.replace(/,(\d+\.\d{2}),/, ",1O.5,"),
  (s: string) => s.replace(/,(\d+\.\d{2}),([A-Z]{3}),/, ",,$2,"),
  (s: string) => s.replace(/,(\d+\.\d{2}),([A-Z]{3}),/, ",$1,QQQ,"),
  (s: string) => `${s},extra`,
  (s: string) => s.split(",").slice(0, 3).join(","),
  (s: string) => s.replace(/,(wire|cash_deposit|mobile_money|card),/, ",carrier_pigeon,"),
  (s: string) => s.replace(/,(\d+\.\d{2}),/, ",-$1,"),
);

describe("ingestion invariants", () => {
  it("accepted + quarantined = rows read, for any mix of good, damaged and duplicate rows", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(goodRow, fc.option(damage, { nil: undefined })), { minLength: 1, maxLength: 40 }), async (rows) => {
        const dir = mkdtempSync(join(tmpdir(), "wt-prop-"));
        try {
          const lines = rows.map(([r, d]) => (d ? d(render(r)) : render(r)));
          writeFileSync(join(dir, "transactions.csv"), `${HEADER}\n${lines.join("\n")}\n`);
          const load = await loadCase(dir);
          const src = load.sources[0];
          const quarantinedLines = new Set(load.quarantine.map((e) => e.line));
          // Independent count: transactions in the dataset plus distinct quarantined rows.
          expect(load.dataset.transactions.length + quarantinedLines.size).toBe(src.rowsRead);
          expect(src.rowsRead).toBe(rows.length);
          for (const e of load.quarantine) {
            expect(e.file).toBe("transactions.csv");
            expect(e.line).toBeGreaterThanOrEqual(2);
            expect(e.message.length).toBeGreaterThan(10);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips valid transactions through canonical CSV, and each record satisfies the schema", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(goodRow, { selector: (r) => r.id, minLength: 1, maxLength: 30 }), async (rows) => {
        const dir = mkdtempSync(join(tmpdir(), "wt-rt-"));
        try {
          writeFileSync(join(dir, "transactions.csv"), `${HEADER}\n${rows.map(render).join("\r\n")}`);
          const load = await loadCase(dir);
          expect(load.quarantine).toEqual([]);
          expect(load.dataset.transactions.length).toBe(rows.length);
          rows.forEach((r, i) => {
            const t = TransactionSchema.parse(getTransaction(load.dataset, i));
            expect(t.id).toBe(r.id);
            expect(t.amount).toBeCloseTo(r.cents / 100, 6);
            expect(t.currency).toBe(r.currency);
            expect(t.fromAccount).toBe(r.from);
            expect(t.toAccount).toBe(r.to);
            expect(t.channel).toBe(r.channel);
            expect(t.reference).toBe(r.reference);
            expect(Date.parse(t.date)).toBe(Date.UTC(2016, 0, 1) + r.day * 86_400_000 + r.secs * 1000);
          });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 40 },
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { createFxTable } from "../../src/ingest/fx.js";
import { readAmount } from "../../src/ingest/normalise-amount.js";
import { readDate } from "../../src/ingest/normalise-date.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { readTableFile } from "../../src/ingest/read-table-file.js";
import { readIsoBytes, readPlainAmountBytes } from "../../src/ingest/transaction-fast-path.js";

const dir = mkdtempSync(join(tmpdir(), "wt-fast-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Cells as they come in real exports, clean and messy. */
const cell = {
  id: fc.oneof(fc.constantFrom("T1", "T2", "T3", "T10", "T9", " T4", "T5 ", "", "  ", "Tü", '"T"6'), fc.stringMatching(/^T[0-9]{1,3}$/)),
  date: fc.oneof(
    fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19) + "Z"),
    fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2030, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    // A few days with many times, valid and not: runs of rows sharing a day, as in real exports.
    fc.tuple(fc.constantFrom("2024-03-01", "2024-02-29", "2023-02-29", "2024-03-0x"), fc.constantFrom("", "T10:00:00Z", "T10:00:01Z", " 23:59", "T23:59:60Z", "T24:00:00Z", "T10:00:00.5Z", "T1:00")).map(([d, t]) => d + t),
    fc.constantFrom("2024-02-29", "2023-02-29", "2024-02-30", "2024-13-01", "0099-01-01", "2024-01-01 10:00", "2024-01-01T10:00Z", "2024-01-01T23:59:60Z", "2024-01-01T24:00:00Z", "2024-01-01T10:00:00+03:00", "2024-01-01T10:00:00.5Z", "20240101", "01/02/2024", " 2024-01-01", ""),
  ),
  amount: fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }).map((c) => (c / 100).toFixed(2)),
    fc.constantFrom("1", "0", "-5", "1,234.50", "1.234,50", "USD 10", "5.", ".5", "1e3", "123456789012345678", "9999999999999.99", "0.1", " 7", "abc", ""),
  ),
  currency: fc.constantFrom("USD", "usd", "TZS", " VND", "XYZ", "", "EUR"),
  account: fc.constantFrom("A", "B", "C", " A", "B ", "", " ", "Ả", "ACC-1"),
  channel: fc.constantFrom("", "wire", "WIRE", "M-Pesa", "mobile money", "pigeon", " ", "cash_deposit"),
  reference: fc.constantFrom("", "inv 7", "ivory, raw", 'say "hi"', "ngà voi", "line\nbreak", " "),
  country: fc.constantFrom("", "TZ", "tz", "Viet Nam", "XX", " ", "VNM"),
  reports: fc.constantFrom("", "", "", "R1", "R1;R2"),
};

const row = fc.tuple(cell.id, cell.date, cell.amount, cell.currency, cell.account, cell.account, cell.channel, cell.reference, cell.country, cell.country, cell.reports);

async function load(text: string, fastPath: boolean, withFx: boolean) {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, text);
  const q = new Quarantine();
  const fx = withFx ? createFxTable("USD", [{ currency: "TZS", time: Date.UTC(2020, 0, 1), rate: 0.0004 }]) : undefined;
  const builder = new DatasetBuilder(q, { fx, unknownAccounts: "create" });
  const stats = await readTableFile(path, "transactions.csv", "transactions", { builder, quarantine: q, readOptions: {}, fastPath });
  const ds = builder.build();
  return { stats, quarantine: q.entries, ds };
}

describe("transaction fast path", () => {
  it("gives the same dataset and the same quarantine, in the same order, as the general path", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 30 }),
        fc.boolean(),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.boolean(),
        async (rows, withCountries, eol, withFx, sortIds) => {
          const header = ["id", "date", "amount", "currency", "from_account", "to_account", "channel", "reference", ...(withCountries ? ["from_country", "to_country", "report_ids"] : [])];
          const lines = (sortIds ? [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) : rows).map((r) => r.slice(0, header.length).map(quote).join(","));
          const text = `${header.join(",")}${eol}${lines.join(eol)}${eol}`;
          const fast = await load(text, true, withFx);
          const slow = await load(text, false, withFx);
          expect(fast.stats).toEqual(slow.stats);
          expect(fast.quarantine).toEqual(slow.quarantine);
          expect(fast.ds).toEqual(slow.ds);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with the general path on clean rows that repeat their values (the fast path's cached codes)", async () => {
    // Mostly rows the fast path takes, so that a currency, an account, a reference or a country
    // comes back after its code was resolved.
    const clean = fc.tuple(
      fc.date({ min: new Date(Date.UTC(2019, 0, 1)), max: new Date(Date.UTC(2025, 0, 1)), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 19)}Z`),
      fc.integer({ min: 1, max: 1_000_000 }).map((c) => (c / 100).toFixed(2)),
      fc.constantFrom("USD", "TZS", "TZS", "tzs", "VND"),
      fc.constantFrom("A", "B", "C", ""),
      fc.constantFrom("A", "B", "D", ""),
      fc.constantFrom("", "wire", "WIRE", "cash_deposit", "pigeon"),
      fc.constantFrom("", "inv 7", "rent", "rent"),
      fc.constantFrom("", "TZ", "tz", "VN"),
      fc.constantFrom("", "TZ", "VN"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(clean, { maxLength: 40 }), fc.boolean(), async (rows, withFx) => {
        const header = "id,date,amount,currency,from_account,to_account,channel,reference,from_country,to_country";
        const text = `${header}\n${rows.map((r, i) => [`T${i}`, ...r].join(",")).join("\n")}\n`;
        const fast = await load(text, true, withFx);
        const slow = await load(text, false, withFx);
        expect(fast.quarantine).toEqual(slow.quarantine);
        expect(fast.ds).toEqual(slow.ds);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the general path across two transaction files read into one builder", async () => {
    const file = (rows: (typeof row extends fc.Arbitrary<infer R> ? R : never)[]) =>
      `id,date,amount,currency,from_account,to_account,channel,reference\n${rows.map((r) => r.slice(0, 8).map(quote).join(",")).join("\n")}\n`;
    const loadTwo = async (a: string, b: string, fastPath: boolean) => {
      const q = new Quarantine();
      const builder = new DatasetBuilder(q, { unknownAccounts: "create" });
      for (const [name, text] of [["a.csv", a], ["b.csv", b]]) {
        const path = join(dir, `t${n++}.csv`);
        writeFileSync(path, text);
        await readTableFile(path, name, "transactions", { builder, quarantine: q, readOptions: {}, fastPath });
      }
      return { quarantine: q.entries, ds: builder.build() };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 15 }), fc.array(row, { maxLength: 15 }), async (ra, rb) => {
        const fast = await loadTwo(file(ra), file(rb), true);
        const slow = await loadTwo(file(ra), file(rb), false);
        expect(fast.quarantine).toEqual(slow.quarantine);
        expect(fast.ds).toEqual(slow.ds);
      }),
      { numRuns: 150 },
    );
  });

  it("agrees with the general path on cells that are not valid UTF-8", async () => {
    const lines = ["id,date,amount,currency,from_account,to_account,channel,reference", "T1,2024-01-01,5,USD,A\xff,B,wire,r\xff", "T2,2024-01-02,6,USD,A\xfe,B,wire,r\xfe", "T3,2024-01-03,7,USD,A\xff,B\xfe,wire,r\xff"];
    const bytes = Buffer.from(`${lines.join("\n")}\n`, "latin1");
    const path = join(dir, `t${n++}.csv`);
    writeFileSync(path, bytes);
    const read = async (fastPath: boolean) => {
      const q = new Quarantine();
      const builder = new DatasetBuilder(q, { unknownAccounts: "create" });
      await readTableFile(path, "transactions.csv", "transactions", { builder, quarantine: q, readOptions: {}, fastPath });
      return { quarantine: q.entries, ds: builder.build() };
    };
    const fast = await read(true);
    const slow = await read(false);
    expect(fast.ds.references).toEqual(["", "r\uFFFD"]);
    expect(fast).toEqual(slow);
  });

  it("reads ISO dates exactly as readDate, and refuses what it does not handle", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 33 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        fc.integer({ min: 0, max: 61 }),
        fc.constantFrom(0, 1, 2, 3, 4),
        (y, mo, d, h, mi, s, form) => {
          const p2 = (v: number) => String(v).padStart(2, "0");
          const date = `${String(y).padStart(4, "0")}-${p2(mo)}-${p2(d)}`;
          const text = [date, `${date}T${p2(h)}:${p2(mi)}`, `${date} ${p2(h)}:${p2(mi)}:${p2(s)}`, `${date}T${p2(h)}:${p2(mi)}:${p2(s)}Z`, `${date}T${p2(h)}:${p2(mi)}Z`][form];
          const fast = readIsoBytes(Buffer.from(text), 0, text.length);
          if (!Number.isNaN(fast)) expect(fast).toBe(readDate(text));
          else if (y >= 100) expect(readDate(text)).toBeNaN();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("reads plain amounts exactly as readAmount", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}(\.[0-9]{0,8})?$/), (text) => {
        const fast = readPlainAmountBytes(Buffer.from(text), 0, text.length);
        if (!Number.isNaN(fast)) expect(fast).toBe(readAmount(text));
        else expect(text.replace(".", "").length > 15 || text.endsWith(".")).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

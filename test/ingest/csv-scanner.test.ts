import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ByteInterner } from "../../src/ingest/byte-interner.js";
import { type CsvRecordError, readCsvFile } from "../../src/ingest/csv-parser.js";
import { scanCsvFile, viewCells } from "../../src/ingest/csv-scanner.js";

const dir = mkdtempSync(join(tmpdir(), "wt-scan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

type Row = [string[], number, CsvRecordError | undefined];

async function both(content: string | Buffer, opts: { maxFieldLength?: number; chunkBytes?: number; maxRecordBytes?: number; delimiter?: string } = {}): Promise<[Row[], Row[]]> {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  const ref: Row[] = [];
  await readCsvFile(path, (cells, line, error) => ref.push([cells, line, error]), { maxFieldLength: opts.maxFieldLength, delimiter: opts.delimiter });
  const got: Row[] = [];
  await scanCsvFile(
    path,
    (view, line) => got.push([viewCells(view), line, undefined]),
    (cells, line, error) => got.push([cells, line, error]),
    opts,
  );
  return [ref, got];
}

/** Text made of the characters that matter to a CSV reader. */
const csvText = fc.string({ unit: fc.constantFrom("a", "b", "7", " ", ",", ";", '"', '""', "\n", "\r", "\r\n", "é", "象", "\ufeff", "\t"), maxLength: 80 });

describe("scanCsvFile", () => {
  it("gives exactly the cells, lines and errors of readCsvFile, for any text and any chunk size", async () => {
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(undefined, 3, 8),
        fc.constantFrom(",", ";"),
        async (text, bom, chunkBytes, maxFieldLength, delimiter) => {
          const [ref, got] = await both(`${bom ? "\ufeff" : ""}${text}`, { chunkBytes, maxFieldLength, delimiter });
          expect(got).toEqual(ref);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("decodes invalid UTF-8 like the string reader (replacement characters)", async () => {
    const bytes = Buffer.concat([Buffer.from("id,ref\n1,a"), Buffer.from([0xe2, 0x82]), Buffer.from(",x\n2,"), Buffer.from([0xff]), Buffer.from("\n")]);
    for (const chunkBytes of [2, 5, 64]) {
      const [ref, got] = await both(bytes, { chunkBytes });
      expect(got).toEqual(ref);
    }
  });

  it("hands an over-long record and the rest of the file to the string parser, with the same result", async () => {
    const text = `id,note\n1,short\n2,"${"x".repeat(300)}\n${"y".repeat(50)}"\n3,after\n4,"never closed`;
    const [ref, got] = await both(text, { chunkBytes: 16, maxRecordBytes: 64, maxFieldLength: 100 });
    expect(got).toEqual(ref);
    expect(got.at(-1)?.[2]).toBe("unterminated_quote");
    expect(got.map((r) => r[1])).toEqual([1, 2, 3, 5, 6]);
  });

  it("skips a byte-order mark only at the start of the file", async () => {
    const [ref, got] = await both("\ufeffid\n\ufeffx\n", { chunkBytes: 2 });
    expect(got).toEqual(ref);
    expect(got[0][0]).toEqual(["id"]);
    expect(got[1][0]).toEqual(["\ufeffx"]);
  });
});

/** Dense ids over a ByteInterner: the value of a key is its id, given when it is added. */
function idOf(t: ByteInterner, buf: Uint8Array, start: number, end: number): number {
  const v = t.intern(buf, start, end);
  if (!t.added) return v;
  t.setValue(t.size - 1);
  return t.size - 1;
}

/**
 * Check the id just given for key `k` against a Map model (`seen`: key to dense id, in order of
 * first appearance): a new key gets the next id and is reported added, a known one its id again.
 */
function expectModelId(t: ByteInterner, seen: Map<string, number>, k: string, id: number): void {
  const expected = seen.get(k) ?? seen.size;
  expect(t.added).toBe(!seen.has(k));
  seen.set(k, expected);
  expect(id).toBe(expected);
}

describe("ByteInterner", () => {
  it("gives equal byte strings the same dense id, and different ones different ids", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "c", "é"), maxLength: 4 }), { maxLength: 300 }), (keys) => {
        const t = new ByteInterner(1);
        const seen = new Map<string, number>();
        for (const k of keys) {
          const b = Buffer.from(`#${k}#`);
          expectModelId(t, seen, k, idOf(t, b, 1, b.length - 1));
        }
        expect(t.size).toBe(seen.size);
      }),
      { numRuns: 200 },
    );
  });
  it("reads a key the same wherever it sits in a buffer and whatever bytes follow it", () => {
    // Keys of 0 to 20 bytes, each placed at a random offset with random bytes after it, so
    // that both the word-at-a-time reading (12 bytes available) and the byte loop near the end
    // of the buffer are used, and stray bytes after a short key must not change its id.
    const byte = fc.integer({ min: 0, max: 255 });
    // Keys of two byte values (zero among them, so that keys differing only by trailing zeros,
    // i.e. only by length, are common), any bytes, and keys sharing their first 12 bytes that
    // differ only in length or tail.
    const few = (maxLength: number) => fc.array(fc.constantFrom(0, 0x61), { maxLength }).map((a) => Uint8Array.from(a));
    const shared = Buffer.from("ACCOUNT-0000");
    const key = fc.oneof(few(20), fc.uint8Array({ maxLength: 20 }), few(4).map((rest) => Uint8Array.from(Buffer.concat([shared, rest]))));
    const keys = fc.array(key, { minLength: 1, maxLength: 8 });
    const placed = fc.record({ pick: fc.nat(), before: fc.uint8Array({ maxLength: 5 }), after: fc.array(byte, { maxLength: 16 }) });
    fc.assert(
      fc.property(keys, fc.array(placed, { maxLength: 200 }), (pool, items) => {
        const t = new ByteInterner(1);
        const seen = new Map<string, number>();
        for (const { pick, before, after } of items) {
          const key = pool[pick % pool.length];
          const b = Buffer.concat([before, key, Uint8Array.from(after)]);
          expectModelId(t, seen, Buffer.from(key).toString("hex"), idOf(t, b, before.length, before.length + key.length));
        }
        expect(t.size).toBe(seen.size);
      }),
      { numRuns: 300 },
    );
  });
  it("tells apart keys that differ only in length or in their bytes after the twelfth, in a crowded table", () => {
    // Keys equal in their first twelve bytes (up to trailing zeros) sit in the same probe runs
    // only when their hashes meet, so the table is filled with thousands of them.
    const keys: Buffer[] = [];
    for (let i = 0; i < 400; i++) {
      const stem = Buffer.from(`K${i.toString(36)}`);
      for (let pad = 0; pad <= 14; pad++) keys.push(Buffer.concat([stem, Buffer.alloc(pad)]));
      for (let more = 1; more <= 4; more++) keys.push(Buffer.concat([stem, Buffer.from("-ACCOUNT-000"), Buffer.alloc(more, 0x61)]));
      keys.push(Buffer.concat([Buffer.from("ACCOUNT-0000"), stem])); // same head and length, another tail
    }
    const t = new ByteInterner(1);
    keys.forEach((k, i) => {
      expect(idOf(t, k, 0, k.length)).toBe(i);
    });
    keys.forEach((k, i) => {
      const b = Buffer.concat([Buffer.from("xy"), k, Buffer.from("zzzzzzzzzzzz")]);
      expect(idOf(t, b, 2, 2 + k.length)).toBe(i);
      expect(t.added).toBe(false);
    });
    expect(t.size).toBe(keys.length);
  });
  it("keeps the value attached to each key across growth (long keys too)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom("a", "b", "é"), maxLength: 20 }), { maxLength: 400 }), (keys) => {
        const t = new ByteInterner(1, -1);
        const values = new Map<string, number>();
        for (const k of keys) {
          const b = Buffer.from(k);
          t.intern(b, 0, b.length);
          expect(t.value).toBe(values.get(k) ?? -1);
          if (!values.has(k)) {
            // Values of both signs, up to the limits of the 28 bits a slot keeps.
            const v = values.size % 3 === 0 ? values.size * 7 : values.size % 3 === 1 ? -4 - values.size : values.size === 2 ? -(2 ** 27) : 2 ** 27 - 1;
            t.setValue(v);
            values.set(k, v);
          }
        }
        for (const [k, v] of values) {
          const b = Buffer.from(k);
          t.intern(b, 0, b.length);
          expect(t.added).toBe(false);
          expect(t.value).toBe(v);
        }
      }),
      { numRuns: 200 },
    );
  });
  it("refuses a value it cannot keep", () => {
    const t = new ByteInterner();
    t.intern(Buffer.from("k"), 0, 1);
    expect(() => t.setValue(2 ** 27)).toThrow(RangeError);
    expect(() => t.setValue(-(2 ** 27) - 1)).toThrow(RangeError);
    expect(() => t.setValue(0.5)).toThrow(RangeError);
    expect(t.value).toBe(0);
  });
});

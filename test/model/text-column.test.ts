import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextColumn, TextColumnWriter } from "../../src/model/text-column.js";

/** Any JavaScript string, lone surrogates included. */
const anyText = fc.string({ unit: "binary", maxLength: 12 });
/** Short texts from a small alphabet, so that repeats and shared prefixes are common. */
const idText = fc.string({ unit: fc.constantFrom("T", "1", "2", "é", "\ud83d\udc18", "\ud800"), maxLength: 6 });

describe("TextColumn", () => {
  it("gives back every string exactly, by index, in order and as JSON (property)", () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 60 }), (texts) => {
        const col = TextColumn.from(texts);
        expect(col.length).toBe(texts.length);
        for (let i = 0; i < texts.length; i++) expect(col.get(i)).toBe(texts[i]);
        expect([...col]).toEqual(texts);
        expect(col.toArray()).toEqual(texts);
        expect(JSON.parse(JSON.stringify({ id: col }))).toEqual(JSON.parse(JSON.stringify({ id: texts })));
      }),
      { numRuns: 200 },
    );
  });

  it("finds the first index of a text as Array#indexOf does (property)", () => {
    fc.assert(
      fc.property(fc.array(idText, { maxLength: 80 }), fc.array(idText, { maxLength: 20 }), (texts, probes) => {
        const col = TextColumn.from(texts);
        for (const p of [...probes, ...texts]) expect(col.indexOf(p)).toBe(texts.indexOf(p));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps apart strings that differ only in a lone surrogate, which UTF-8 would merge", () => {
    const col = TextColumn.from(["A\ud800", "A\udc00", "A\ufffd"]);
    expect(col.toArray()).toEqual(["A\ud800", "A\udc00", "A\ufffd"]);
    expect(col.indexOf("A\udc00")).toBe(1);
    expect(col.indexOf("A\ufffd")).toBe(2);
  });

  it("refuses an index outside the column and texts that are not strings", () => {
    const col = TextColumn.from(["T1", "T2"]);
    expect(() => col.get(2)).toThrow(RangeError);
    expect(() => col.get(-1)).toThrow(/integer from 0 to 1/);
    expect(() => col.get(0.5)).toThrow(RangeError);
    expect(col.indexOf(1 as unknown as string)).toBe(-1);
    expect(() => TextColumn.from([1 as unknown as string])).toThrow(TypeError);
  });
});

describe("TextColumnWriter", () => {
  it("answers as a Set of the texts appended, in any order, while it grows (property)", () => {
    fc.assert(
      fc.property(fc.array(idText, { maxLength: 300 }), fc.array(idText, { maxLength: 30 }), (texts, probes) => {
        const w = new TextColumnWriter(16, 2);
        const reference = new Set<string>();
        const kept: string[] = [];
        for (const t of texts) {
          expect(w.has(t)).toBe(reference.has(t));
          if (reference.has(t)) continue;
          w.push(t);
          reference.add(t);
          kept.push(t);
        }
        for (const p of [...probes, ...texts]) expect(w.has(p)).toBe(reference.has(p));
        expect(w.finish().toArray()).toEqual(kept);
      }),
      { numRuns: 200 },
    );
  });

  it("answers for ASCII bytes as for the same text, in order and out of order", () => {
    const w = new TextColumnWriter();
    const b = Buffer.from("xT1,T3,T2,T10");
    w.pushBytes(b, 1, 3, true); // T1
    w.pushBytes(b, 4, 6, true); // T3: ascending, no index yet
    expect(w.hasBytes(b, 1, 3)).toBe(true); // found by binary search
    expect(w.hasBytes(b, 7, 9)).toBe(false); // T2
    w.pushBytes(b, 7, 9, true); // out of order: the next question builds the index
    expect(w.has("T2")).toBe(true);
    expect(w.hasBytes(b, 10, 13)).toBe(false);
    w.push("T10");
    expect(w.hasBytes(b, 10, 13)).toBe(true);
    expect(w.finish().toArray()).toEqual(["T1", "T3", "T2", "T10"]);
  });

  it("tells apart ids that share a prefix, past many index growths", () => {
    const w = new TextColumnWriter();
    for (let i = 0; i < 50_000; i++) {
      const id = `BULK${i}`; // BULK10 sorts before BULK9: the order breaks early
      expect(w.has(id)).toBe(false);
      w.push(id);
    }
    expect(w.has("BULK49999")).toBe(true);
    expect(w.has("BULK50000")).toBe(false);
    expect(w.has("BULK")).toBe(false);
    const col = w.finish();
    expect(col.get(49_999)).toBe("BULK49999");
    expect(col.indexOf("BULK12345")).toBe(12_345);
  });

  it("keeps the texts marked to keep, in order (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, fc.boolean()), { maxLength: 80 }), (rows) => {
        const w = new TextColumnWriter(4, 1);
        for (const [t] of rows) w.push(t);
        const keep = Uint8Array.from(rows, ([, k]) => (k ? 1 : 0));
        const expected = rows.filter(([, k]) => k).map(([t]) => t);
        const col = w.finish(keep, expected.length);
        expect(col.toArray()).toEqual(expected);
        expect(col.length).toBe(expected.length);
      }),
      { numRuns: 200 },
    );
  });

  it("is spent once finished", () => {
    const w = new TextColumnWriter();
    w.finish();
    expect(() => w.finish()).toThrow(/already finished/);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser } from "../../src/ingest/csv-parser.js";

type Row = [string[], number, string | undefined];

function parse(text: string, chunkSizes?: number[], options = {}): Row[] {
  const rows: Row[] = [];
  const p = new CsvParser((cells, line, error) => rows.push([cells, line, error]), options);
  if (!chunkSizes) p.write(text);
  else {
    let i = 0;
    let k = 0;
    while (i < text.length) {
      const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]);
      p.write(text.slice(i, i + size));
      i += size;
    }
  }
  p.end();
  return rows;
}

/** Serialise cells the way a careful writer would (quote when needed). */
function toCsv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === "" ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n");
}

describe("CsvParser", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks, and reports physical lines", () => {
    const rows = parse('id,ref\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n4,x\n');
    expect(rows.map((r) => r[0])).toEqual([["id", "ref"], ["1", "a, b"], ["2", 'say "hi"'], ["3", "two\nlines"], ["4", "x"]]);
    expect(rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 6]);
  });

  it("handles CRLF, a BOM, blank lines and a missing final newline", () => {
    const rows = parse("\ufeffa,b\r\n1,2\r\n\r\n3,4");
    expect(rows).toEqual([
      [["a", "b"], 1, undefined],
      [["1", "2"], 2, undefined],
      [["3", "4"], 4, undefined],
    ]);
  });

  it("flags an unterminated quote at the record's first line", () => {
    const rows = parse('a\n"never closed\nmore');
    expect(rows[1]).toEqual([["never closed\nmore"], 2, "unterminated_quote"]);
  });

  it("cuts an enormous field and flags the record instead of growing without bound", () => {
    const big = "x".repeat(5000);
    const rows = parse(`a,b\n1,${big}\n2,ok\n`, undefined, { maxFieldLength: 100 });
    expect(rows[1][2]).toBe("field_too_large");
    expect(rows[1][0][1].length).toBe(100);
    expect(rows[2]).toEqual([["2", "ok"], 3, undefined]);
  });

  it("gives the same rows and lines whatever the chunking (property)", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "é", "漢"), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (rows, chunks) => {
        // Rows made only of empty cells would be blank lines: keep a marker in the first cell.
        const data = rows.map(([a, b]) => [`r${a}`, b]);
        const text = toCsv(data);
        const whole = parse(text);
        const chunked = parse(text, chunks);
        expect(chunked).toEqual(whole);
        expect(whole.map((r) => r[0])).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a delimiter that cannot work", () => {
    expect(() => new CsvParser(() => {}, { delimiter: '"' })).toThrow(/delimiter/);
  });
});

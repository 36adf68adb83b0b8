import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, neutraliseFormula, toCsv } from "../../src/report/csv-writer.js";
import { readCsv } from "./csv-read.js";

describe("neutraliseFormula", () => {
  it.each(["=1+1", "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", '=HYPERLINK("http://x")'])("prefixes %j with an apostrophe", (v) => {
    expect(neutraliseFormula(v)).toBe(`'${v}`);
  });
  it.each(["Kilwa Clearing", "1+1", "a=b", " =x", "'quoted", ""])("leaves %j alone", (v) => {
    expect(neutraliseFormula(v)).toBe(v);
  });
});

describe("csvCell and toCsv", () => {
  it("quotes commas, quotes, line breaks and edge spaces, and writes numbers as numbers", () => {
    expect(csvCell('Kilwa "Clearing", Ltd')).toBe('"Kilwa ""Clearing"", Ltd"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
    expect(csvCell(-250.5)).toBe("-250.5");
    expect(csvCell("-250.5")).toBe("'-250.5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(["a", "=b"])).toBe("a;=b");
    expect(csvCell(["=a", "b"])).toBe("'=a;b");
    expect(csvCell(true)).toBe("true");
  });

  it("neutralises a formula that hides behind a carriage return inside quotes", () => {
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("writes a header and rows that a CSV reader gives back (neutralised), for any text", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 3, maxLength: 3 }), { maxLength: 8 }), (rows) => {
        const text = toCsv(["a", "b", "c"], rows);
        const back = readCsv(text);
        expect(back[0]).toEqual(["a", "b", "c"]);
        expect(back.slice(1)).toEqual(rows.map((r) => r.map(neutraliseFormula)));
        for (const r of back.slice(1)) for (const cell of r) expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("uses CRLF when asked and can leave the header out", () => {
    expect(toCsv(["x"], [["1"]], { newline: "\r\n" })).toBe("x\r\n1\r\n");
    expect(toCsv(["x"], [["1"]], { header: false })).toBe("1\n");
    expect(toCsv(["x"], [], { header: false })).toBe("");
  });
});

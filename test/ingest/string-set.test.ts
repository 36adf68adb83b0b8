import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { StringListSet } from "../../src/ingest/string-set.js";

describe("StringListSet", () => {
  it("answers as a Set of the list's strings while the list grows (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 40 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 50 }), (start, more, probes) => {
        const list = [...new Set(start)];
        const set = StringListSet.of(list);
        const reference = new Set(list);
        for (const s of more) {
          expect(set.has(s)).toBe(reference.has(s));
          if (reference.has(s)) continue;
          list.push(s);
          set.add(list.length - 1);
          reference.add(s);
        }
        for (const s of [...probes, ...start, ...more]) expect(set.has(s)).toBe(reference.has(s));
      }),
      { numRuns: 60 },
    );
  });
  it("tells apart ids that share a prefix, past many table growths", () => {
    const list: string[] = [];
    const set = StringListSet.of(list);
    for (let i = 0; i < 50_000; i++) {
      list.push(`BULK${i}`);
      set.add(i);
    }
    expect(set.has("BULK49999")).toBe(true);
    expect(set.has("BULK50000")).toBe(false);
    expect(set.has("BULK")).toBe(false);
  });
});

describe("DatasetBuilder: duplicate transaction ids", () => {
  it("quarantines exactly the repeats, whatever the order of the ids (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 200 }), (keys) => {
        const q = new Quarantine();
        const b = new DatasetBuilder(q, { unknownAccounts: "create" });
        keys.forEach((k, line) => {
          b.addTransaction({ id: `T${k}`, time: 0, amount: 1, currency: "USD", fromAccount: "A", channel: 0, reference: "" }, { file: "t.csv", line: line + 2 });
        });
        const ds = b.build();
        const seen = new Set<number>();
        const firsts = keys.filter((k) => !seen.has(k) && seen.add(k));
        expect(ds.transactions.id).toEqual(firsts.map((k) => `T${k}`));
        expect(q.quarantinedRows).toBe(keys.length - firsts.length);
      }),
      { numRuns: 100 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { Quarantine } from "../../src/ingest/quarantine.js";

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
        expect(ds.transactions.id.toArray()).toEqual(firsts.map((k) => `T${k}`));
        expect(q.quarantinedRows).toBe(keys.length - firsts.length);
      }),
      { numRuns: 100 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { traceFlows, traceFunds } from "../../src/detect/trace-funds.js";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import type { Dataset } from "../../src/model/dataset.js";
import { type TxRow, txRecords } from "./fixtures.js";

type Tx = TxRow;

/** A dataset from compact rows; every account named in a row is declared (details from `accounts`). */
function caseOf(rows: Tx[], accounts: Record<string, unknown>[] = [], parties: Record<string, unknown>[] = []): Dataset {
  const declared = new Map<string, Record<string, unknown>>(accounts.map((a) => [String(a.id), a]));
  for (const [, , , from, to] of rows) for (const id of [from, to]) if (!declared.has(id)) declared.set(id, { id });
  const { dataset, quarantine } = createDataset({
    parties,
    accounts: [...declared.values()],
    transactions: txRecords(rows),
  });
  expect(quarantine).toEqual([]);
  return dataset;
}

describe("traceFunds", () => {
  const ds = caseOf(
    [
      ["T1", 5, 1000, "A", "B"],
      ["T0", 3, 800, "B", "C"], // leaves B before the money arrived
      ["T2", 7, 500, "B", "D"],
      ["T3", 40, 300, "B", "E"], // 35 days after: beyond maxDelay
      ["T4", 8, 200, "D", "F"],
    ],
    [
      { id: "A", country: "CN" },
      { id: "B", country: "HK" },
      { id: "D", country: "MY" },
      { id: "F", country: "TZ" },
    ],
  );

  it("follows money forward only through transfers made after it arrived, within maxDelay", () => {
    const r = traceFunds(ds, ["A"], { direction: "forward" });
    expect(r.traces[0].accounts).toEqual(["A", "B", "D", "F"]);
    expect(r.flows.map((f) => f.path)).toEqual([["A", "B", "D", "F"]]);
    const f = r.flows[0];
    expect(f.transactions).toEqual(["T1", "T2", "T4"]);
    expect(f.amount).toBe(200);
    expect(f.countries).toEqual(["CN", "HK", "MY", "TZ"]);
    expect(f.start).toBe("2024-01-06T00:00:00.000Z");
    expect(f.end).toBe("2024-01-09T00:00:00.000Z");
    expect(r.traces[0].transfers.find((t) => t.id === "T2")?.traced).toBe(500);
    // with a longer delay, E is reached too
    expect(traceFunds(ds, ["A"], { direction: "forward", maxDelayDays: 60 }).traces[0].accounts).toContain("E");
  });

  it("traces backward in time and writes paths in money order, ending at the seed", () => {
    const r = traceFunds(ds, ["F"], { direction: "backward" });
    expect(r.flows[0].path).toEqual(["A", "B", "D", "F"]);
    expect(r.flows[0].transactions).toEqual(["T1", "T2", "T4"]);
    // C received before A's money arrived in B: it cannot be A's money
    const c = traceFunds(ds, ["C"], { direction: "backward" });
    expect(c.traces[0].accounts).toEqual(["B", "C"]);
  });

  it("shares an arrival proportionally, or first-in first-out", () => {
    const d = caseOf([
      ["T1", 1, 1000, "A", "B"],
      ["T2", 2, 600, "B", "C"],
      ["T3", 3, 600, "B", "D"],
    ]);
    const prop = traceFunds(d, ["A"], { direction: "forward" }).flows;
    expect(prop.map((f) => [f.path.at(-1), f.amount])).toEqual([
      ["C", 500],
      ["D", 500],
    ]);
    const fifo = traceFunds(d, ["A"], { direction: "forward", attribution: "fifo" }).flows;
    expect(fifo.map((f) => [f.path.at(-1), f.amount])).toEqual([
      ["C", 600],
      ["D", 400],
    ]);
  });

  it("accepts a party (all its accounts) and reports unknown seeds", () => {
    const d = caseOf(
      [
        ["T1", 1, 100, "A1", "X"],
        ["T2", 2, 50, "A2", "Y"],
        ["T3", 3, 10, "A1", "A2"], // between the seed's own accounts: not a start
      ],
      [
        { id: "A1", holder: "P" },
        { id: "A2", holder: "P" },
      ],
      [{ id: "P", kind: "person", name: "Ann" }],
    );
    const r = traceFunds(d, ["P", "NOPE"], { direction: "forward" });
    expect(r.unknownSeeds).toEqual(["NOPE"]);
    expect(r.flows.map((f) => [f.seed, f.path])).toEqual([
      ["P", ["A1", "X"]],
      ["P", ["A2", "Y"]],
    ]);
  });

  it("holds the hop and budget limits on a hub with 100k transfers", () => {
    // Built with the DatasetBuilder directly: 102k rows through createDataset's validation would
    // dominate the test's time.
    const b = new DatasetBuilder(new Quarantine());
    const day = (k: number) => Date.UTC(2024, 0, 1) + k * 86_400_000;
    const add = (id: string, k: number, amount: number, from: string, to: string) =>
      b.addTransaction({ id, time: day(k), amount, currency: "USD", fromAccount: from, toAccount: to, channel: 0, reference: "" }, { file: "t", line: 1 });
    add("S0", 0, 1_000_000, "SEED", "HUB");
    for (let i = 0; i < 100_000; i++) add(`H${i}`, 1, 10, "HUB", `L${i % 50_000}`);
    for (let i = 0; i < 2000; i++) add(`N${i}`, 2, 5, `L${i}`, `M${i}`);
    const d = b.build();
    expect(d.transactions.length).toBe(102_001);
    const capped = traceFunds(d, ["SEED"], { direction: "forward", budget: 5000, minAmount: 0 });
    expect(capped.traces[0].examined).toBe(5000);
    expect(capped.traces[0].truncated).toBe(true);
    expect(capped.traces[0].transfers.length).toBeLessThanOrEqual(5000);
    const two = traceFunds(d, ["SEED"], { direction: "forward", maxHops: 2, budget: 1_000_000, minAmount: 0, maxPaths: 100 });
    expect(two.traces[0].truncated).toBe(false);
    expect(two.traces[0].examined).toBe(100_001); // the seed's transfer and the hub's 100k
    expect(two.traces[0].transfers).toHaveLength(100_001);
    expect(two.traces[0].transfers.some((t) => t.id.startsWith("N"))).toBe(false);
    expect(Math.max(...two.flows.map((f) => f.transactions.length))).toBe(2);
    const three = traceFunds(d, ["SEED"], { direction: "forward", maxHops: 3, budget: 1_000_000, minAmount: 0, maxPaths: 100 });
    expect(three.traces[0].transfers.filter((t) => t.id.startsWith("N"))).toHaveLength(2000);
    expect(three.traces[0].transfers.every((t) => t.traced <= t.amount)).toBe(true);
  });

  it("rejects bad options with an error naming the function", () => {
    expect(() => traceFunds(ds, ["A"], { maxHops: 0 })).toThrow(/^traceFunds: maxHops/);
    expect(() => traceFunds(ds, ["A"], { budget: -1 })).toThrow(/^traceFunds: budget/);
    // @ts-expect-error: attribution is a closed set
    expect(() => traceFunds(ds, ["A"], { attribution: "lifo" })).toThrow(/^traceFunds: attribution/);
  });
});

describe("traceFunds properties (random transaction graphs)", () => {
  const txArb = fc.array(
    fc.record({ from: fc.integer({ min: 0, max: 9 }), to: fc.integer({ min: 0, max: 9 }), day: fc.integer({ min: 0, max: 60 }), amount: fc.integer({ min: 1, max: 5000 }) }),
    { minLength: 1, maxLength: 80 },
  );
  it("never attributes more than flowed, respects time, hops and delay, and conserves money per account", () => {
    fc.assert(
      fc.property(
        txArb,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom("forward" as const, "backward" as const),
        fc.constantFrom("proportional" as const, "fifo" as const),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 20 }),
        (txs, seedIdx, direction, attribution, maxHops, maxDelayDays) => {
          const rows: Tx[] = txs.filter((t) => t.from !== t.to).map((t, i) => [`T${i}`, t.day, t.amount, `A${t.from}`, `A${t.to}`]);
          if (rows.length === 0) return;
          const d = caseOf(rows);
          const seed = `A${seedIdx}`;
          const r = traceFunds(d, [seed], { direction, attribution, maxHops, maxDelayDays, minAmount: 0, maxPaths: 10_000 });
          if (r.unknownSeeds.length > 0) return;
          const tr = r.traces[0];
          const byId = new Map(rows.map((row) => [row[0], row]));
          for (const t of tr.transfers) expect(t.traced).toBeLessThanOrEqual(t.amount + 1e-9);
          // Conservation: away from the seed, money traced out of an account never exceeds money traced in (forward), and the reverse backward.
          const inflow = new Map<string, number>();
          const outflow = new Map<string, number>();
          for (const t of tr.transfers) {
            outflow.set(t.from, (outflow.get(t.from) ?? 0) + t.traced);
            inflow.set(t.to, (inflow.get(t.to) ?? 0) + t.traced);
          }
          for (const acc of tr.accounts) {
            if (acc === seed) continue;
            if (direction === "forward") expect(outflow.get(acc) ?? 0).toBeLessThanOrEqual((inflow.get(acc) ?? 0) + 1e-6);
            else expect(inflow.get(acc) ?? 0).toBeLessThanOrEqual((outflow.get(acc) ?? 0) + 1e-6);
          }
          for (const f of tr.paths) {
            expect(f.transactions.length).toBeLessThanOrEqual(maxHops);
            expect(f.path.length).toBe(f.transactions.length + 1);
            expect(new Set(f.path).size).toBe(f.path.length);
            expect(direction === "forward" ? f.path[0] : f.path.at(-1)).toBe(seed);
            for (let k = 0; k < f.transactions.length; k++) {
              const row = byId.get(f.transactions[k])!;
              expect(row[3]).toBe(f.path[k]);
              expect(row[4]).toBe(f.path[k + 1]);
              expect(f.amount).toBeLessThanOrEqual(row[2] + 0.01);
              if (k > 0) {
                const prev = byId.get(f.transactions[k - 1])!;
                expect(row[1]).toBeGreaterThanOrEqual(prev[1]);
                expect(row[1] - prev[1]).toBeLessThanOrEqual(maxDelayDays);
              }
            }
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});

describe("traceFlows", () => {
  it("gives traceFunds' flows, unknown seeds and truncated traces (random graphs, accounts, a party and unknown seeds)", () => {
    const txArb = fc.array(
      fc.record({ from: fc.integer({ min: 0, max: 7 }), to: fc.integer({ min: 0, max: 7 }), day: fc.integer({ min: 0, max: 40 }), amount: fc.integer({ min: 1, max: 5000 }) }),
      { minLength: 1, maxLength: 60 },
    );
    fc.assert(
      fc.property(
        txArb,
        fc.array(fc.constantFrom("A0", "A3", "A5", "P", "NOPE"), { minLength: 1, maxLength: 4 }),
        fc.constantFrom("forward" as const, "backward" as const, "both" as const),
        fc.constantFrom("proportional" as const, "fifo" as const),
        fc.integer({ min: 1, max: 60 }),
        (txs, seeds, direction, attribution, budget) => {
          const rows: Tx[] = txs.filter((t) => t.from !== t.to).map((t, i) => [`T${i}`, t.day, t.amount, `A${t.from}`, `A${t.to}`]);
          if (rows.length === 0) return;
          const d = caseOf(
            rows,
            [
              { id: "A1", holder: "P" },
              { id: "A2", holder: "P" },
            ],
            [{ id: "P", kind: "person", name: "Ann" }],
          );
          const options = { direction, attribution, budget, minAmount: 0 };
          const full = traceFunds(d, seeds, options);
          const light = traceFlows(d, seeds, options);
          expect(light.flows).toEqual(full.flows);
          expect(light.unknownSeeds).toEqual(full.unknownSeeds);
          expect(light.truncated).toEqual(full.traces.filter((tr) => tr.truncated).map((tr) => `${tr.seed} ${tr.direction}`));
        },
      ),
      { numRuns: 150, seed: 11 },
    );
  });

  it("names traceFunds in option errors (the options are traceFunds')", () => {
    const d = caseOf([["T1", 1, 100, "A", "B"]]);
    expect(() => traceFlows(d, ["A"], { maxHops: 0 })).toThrow(/^traceFunds: maxHops/);
  });
});

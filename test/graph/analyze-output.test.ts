import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DirectedGraph } from "graphology";
import { parse } from "graphology-graphml";
import { afterAll, describe, expect, it } from "vitest";
import { runAnalyze } from "../../src/cli/analyze.js";
import { buildTransactionGraph } from "../../src/graph/transaction-graph.js";
import { loadCase } from "../../src/ingest/load-case.js";

const out = mkdtempSync(join(tmpdir(), "wildtrace-graphml-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("wildtrace analyze", () => {
  it("writes entities to results.json and the transaction graph to graph.graphml", async () => {
    const io = { out: () => {}, err: () => {} };
    expect(await runAnalyze(["datasets/mini", "--out", out, "--quiet"], io)).toBe(0);
    const results = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    expect(results.entities.map((e: { members: string[] }) => e.members)).toEqual([["P001", "P002"]]);
    expect(results.entities[0].evidence[0]).toEqual({ rule: "passport", members: ["P001", "P002"], values: ["passport:VN:C4521876"], score: 1 });
    const back = parse(DirectedGraph, readFileSync(join(out, "graph.graphml"), "utf8"));
    const expected = buildTransactionGraph((await loadCase("datasets/mini")).dataset);
    expect(back.order).toBe(expected.order);
    expect(back.edges()).toEqual(expected.edges());
    let total = 0;
    back.forEachEdge((_, a) => {
      total += a.amount;
    });
    expect(total).toBeCloseTo(results.summary.totalAmount, 6);
  });
});

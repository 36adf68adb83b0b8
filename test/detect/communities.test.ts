import { describe, expect, it } from "vitest";
import { detectCommunities } from "../../src/detect/communities.js";
import { buildFlowGraph } from "../../src/detect/flow-graph.js";
import { splitDisconnected } from "../../src/detect/louvain.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { RING, RING_ACCOUNTS, ringCase } from "./fixtures.js";

const ringScores = [
  { id: RING.buyer, kind: "account" as const, score: 80 },
  { id: RING.agent, kind: "account" as const, score: 70 },
  { id: `P-${RING.front}`, kind: "party" as const, score: 60 },
  { id: "PERSON-0007", kind: "account" as const, score: 40 },
];

describe("detectCommunities on a generated case (ring + supermarket + payroll)", () => {
  const ds = ringCase({ seed: 3, people: 300 });

  it("recovers the planted ring as exactly one community, for several seeds", () => {
    for (const seed of [1, 2, 3, 4]) {
      const { communities } = detectCommunities(ds, { seed, limit: 1000 });
      const holding = communities.filter((c) => c.members.some((m) => RING_ACCOUNTS.includes(m)));
      expect(holding).toHaveLength(1);
      expect(holding[0].members).toEqual(RING_ACCOUNTS);
    }
  });

  it("reports its four steps as progress and gives the same communities with a handler", () => {
    const steps: [number, number | undefined, string | undefined][] = [];
    const withProgress = detectCommunities(ds, { seed: 2, onProgress: (e) => steps.push([e.done, e.total, e.message]) });
    expect(steps.map(([done, total]) => [done, total])).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ]);
    expect(steps[1][2]).toMatch(/^Louvain on \d+ nodes$/);
    expect(JSON.stringify(withProgress)).toBe(JSON.stringify(detectCommunities(ds, { seed: 2 })));
  });

  it("recovers the ring with count and log weights and with risk scores; the ring ranks first when scored", () => {
    for (const weighting of ["count", "log"] as const) {
      const { communities } = detectCommunities(ds, { weighting, seed: 5, limit: 1000 });
      expect(communities.filter((c) => c.members.some((m) => RING_ACCOUNTS.includes(m))).map((c) => c.members)).toEqual([RING_ACCOUNTS]);
    }
    const { communities } = detectCommunities(ds, { scores: ringScores, seed: 5 });
    expect(communities[0].members).toEqual(RING_ACCOUNTS);
    expect(communities[0].id).toBe("C1");
    // mean of the three highest member scores: 80, 70, 60 (the front company's holder)
    expect(communities[0].score).toBe(70);
    expect(communities[0].summary.maxScore).toBe(80);
    expect(communities[0].summary.scoredMembers).toBe(3);
  });

  it("keeps the supermarket and the payroll from swallowing everyone (hub handling on vs off)", () => {
    // maxSize off, to see what Louvain itself makes of the hubs
    const on = detectCommunities(ds, { seed: 1, limit: 1000, maxSize: Number.POSITIVE_INFINITY });
    const off = detectCommunities(ds, { seed: 1, limit: 1000, maxSize: Number.POSITIVE_INFINITY, hubDegree: 1e9, dropCardToHubs: false, weighting: "count" });
    const largest = (r: typeof on) => Math.max(...r.communities.map((c) => c.size));
    expect(on.stats.hubs).toBe(2);
    expect(off.stats.hubs).toBe(0);
    expect(largest(on)).toBeLessThan(ds.accounts.length * 0.4);
    expect(largest(off)).toBeGreaterThan(ds.accounts.length * 0.6);
    expect(on.communities.find((c) => c.members.includes("SUPERMARKET"))?.summary.hubs).toContain("SUPERMARKET");
  });

  it("summarises the ring: flows, countries, sectors, alerts inside, central members", () => {
    const alerts = [
      { id: "A-1", accounts: [RING.agent], typology: "fan_out" },
      { id: "A-2", accounts: [], parties: [`P-${RING.buyer}`], typology: "high_risk_corridor" },
      { id: "A-3", accounts: ["PERSON-0001"], typology: "structuring" },
    ];
    const { communities } = detectCommunities(ds, { seed: 2, alerts, scores: ringScores });
    const ring = communities[0];
    expect(ring.summary.alerts).toEqual(["A-1", "A-2"]);
    expect(ring.summary.typologies).toEqual(["fan_out", "high_risk_corridor"]);
    expect(ring.summary.countries).toEqual(["CN", "HK", "MY", "TZ"]);
    // "trading" is normalised to import_export at ingestion
    expect(ring.summary.sectors).toEqual(["customs_clearing", "freight_forwarding", "import_export"]);
    // Internal flow is the sum of the ring's own transfers; card payments go out to the supermarket.
    const t = ds.transactions;
    let internal = 0;
    let out = 0;
    for (let i = 0; i < t.length; i++) {
      const f = t.from[i] >= 0 ? ds.accounts[t.from[i]].id : "";
      const to = t.to[i] >= 0 ? ds.accounts[t.to[i]].id : "";
      if (RING_ACCOUNTS.includes(f) && RING_ACCOUNTS.includes(to)) internal += t.baseAmount[i];
      else if (RING_ACCOUNTS.includes(f)) out += t.baseAmount[i];
    }
    expect(ring.summary.internalFlow).toBeCloseTo(internal, 2);
    expect(ring.summary.outflow).toBeCloseTo(out, 2);
    expect(ring.summary.central).toHaveLength(5);
    const pr = ring.summary.central.map((c) => c.pagerank);
    expect([...pr].sort((a, b) => b - a)).toEqual(pr);
    expect(RING_ACCOUNTS).toContain(ring.summary.central[0].id);
  });

  it("is deterministic: same dataset, options and seed give identical JSON", () => {
    const a = JSON.stringify(detectCommunities(ds, { seed: 9, scores: ringScores }));
    const b = JSON.stringify(detectCommunities(ringCase({ seed: 3, people: 300 }), { seed: 9, scores: ringScores }));
    expect(a).toBe(b);
  });

  it("lists only connected communities, each member once, sorted ranks", () => {
    const r = detectCommunities(ds, { seed: 4, minSize: 1, limit: 100_000 });
    const g = buildFlowGraph(ds);
    const label = new Int32Array(g.nodes);
    const seen = new Set<string>();
    r.communities.forEach((c, k) => {
      for (const m of c.members) {
        expect(seen.has(m)).toBe(false);
        seen.add(m);
        label[g.ids.indexOf(m)] = k;
      }
    });
    expect(seen.size).toBe(g.nodes);
    expect([...splitDisconnected(g, label)].length).toBe(g.nodes);
    expect(new Set(splitDisconnected(g, label)).size).toBe(r.communities.length);
    for (let k = 1; k < r.communities.length; k++) expect(r.communities[k - 1].score).toBeGreaterThanOrEqual(r.communities[k].score);
  });

  it("matches the graphology engine on the ring", () => {
    const r = detectCommunities(ds, { seed: 1, engine: "graphology", limit: 1000 });
    expect(r.communities.filter((c) => c.members.some((m) => RING_ACCOUNTS.includes(m))).map((c) => c.members)).toEqual([RING_ACCOUNTS]);
    expect(r.stats.engine).toBe("graphology");
  });

  it("merges resolved entities into one node on the party graph", () => {
    const entities = [{ id: "E-COURIERS", members: [`P-${RING.couriers[0]}`, `P-${RING.couriers[1]}`] }];
    const r = detectCommunities(ds, { level: "party", entities, seed: 1, limit: 1000 });
    const ring = r.communities.find((c) => c.members.includes("E-COURIERS"));
    expect(ring?.members).toEqual(["E-COURIERS", ...RING_ACCOUNTS.map((a) => `P-${a}`).filter((p) => !entities[0].members.includes(p))].sort());
    expect(r.communities.some((c) => c.members.includes(`P-${RING.couriers[0]}`))).toBe(false);
  });

  it("works on the party graph with relationships", () => {
    const r = detectCommunities(ds, { level: "party", seed: 1, limit: 1000 });
    const ringParties = RING_ACCOUNTS.map((a) => `P-${a}`).sort();
    expect(r.communities.filter((c) => c.members.some((m) => ringParties.includes(m))).map((c) => c.members)).toEqual([ringParties]);
  });
});

describe("detectCommunities edge cases", () => {
  it("handles an empty dataset", () => {
    const { dataset } = createDataset({ transactions: [] });
    const r = detectCommunities(dataset);
    expect(r.communities).toEqual([]);
    expect(r.stats.nodes).toBe(0);
  });

  it("does not mutate its inputs", () => {
    const ds = ringCase({ seed: 1, people: 40 });
    const scores = Object.freeze([Object.freeze({ id: RING.buyer, kind: "account" as const, score: 50 })]);
    const before = ds.transactions.baseAmount.slice();
    detectCommunities(ds, { scores });
    expect(ds.transactions.baseAmount).toEqual(before);
  });

  it("rejects bad options with an error naming the function", () => {
    const ds = ringCase({ seed: 1, people: 10 });
    expect(() => detectCommunities(ds, { minSize: 0 })).toThrow(/^detectCommunities: minSize/);
    expect(() => detectCommunities(ds, { hubDegree: 0 })).toThrow(/^buildFlowGraph: hubDegree/);
    // @ts-expect-error: engine is a closed set
    expect(() => detectCommunities(ds, { engine: "igraph" })).toThrow(/^detectCommunities: engine/);
  });
});

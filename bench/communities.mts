// Communities and flows benchmark.
//
//   npx tsx bench/communities.mts [--edges 100k,1M] [--case 1M] [--peers igraph,networkx,graphology]
//                                 [--networkx-max 100k] [--graphology-max 1M]
//
// 1. Louvain time and modularity on planted-partition graphs with 100k and 1M weighted edges
//    (n = edges / 10 nodes, communities of about 50 nodes, 80% of edges inside them, weights 1..9),
//    for wildtrace's CSR Louvain, graphology-communities-louvain (graph building timed apart), and
//    python-igraph's multilevel (C) and networkx's louvain_communities from the system python when
//    present (bench/peer_louvain.py). Every partition's modularity is recomputed here with the same
//    function on the same weighted graph, so the numbers compare.
// 2. The detect stage on the benchmark case (1M transactions, 100k accounts by default): flow graph,
//    Louvain, community summaries, corridors, and tracing 10 seeds; time and peak memory.
//
// Each measurement runs in its own child process so that its peak memory is its own.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Graph from "graphology";
import graphologyLouvain from "graphology-communities-louvain";
import { createRng } from "../src/_lib/random.js";
import { buildFlowGraph, detectCommunities, findCorridors, louvain, modularity, traceFunds, type WeightedGraph, weightedGraphFromEdges } from "../src/detect/index.js";
import { loadCase } from "../src/ingest/load-case.js";
import { BENCH_DIR, benchCase, DATA_DIR, emit, parseSize, peakRssMb, runChild, secs, sizeLabel, table } from "./measure.mjs";

const SEED = 42;

/** The planted-partition benchmark graph with `edges` edges (deterministic). */
function plantedGraph(edges: number): WeightedGraph {
  const n = Math.round(edges / 10);
  const groups = Math.max(2, Math.round(n / 50));
  const rng = createRng(edges);
  const src = new Int32Array(edges);
  const dst = new Int32Array(edges);
  const w = new Float64Array(edges);
  for (let e = 0; e < edges; e++) {
    const u = rng.int(n);
    let v = rng.chance(0.8) ? (u % groups) + groups * rng.int(Math.ceil(n / groups)) : rng.int(n);
    if (v >= n || v === u) v = (u + 1) % n;
    src[e] = u;
    dst[e] = v;
    w[e] = 1 + rng.int(9);
  }
  return weightedGraphFromEdges(n, src, dst, w);
}

function edgeFile(edges: number): string {
  mkdirSync(DATA_DIR, { recursive: true });
  const path = join(DATA_DIR, `louvain-${sizeLabel(edges)}.txt`);
  if (existsSync(path)) return path;
  const g = plantedGraph(edges);
  const lines: string[] = [];
  for (let v = 0; v < g.nodes; v++) for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) if (g.neighbors[e] > v) lines.push(`${v} ${g.neighbors[e]} ${g.weights[e]}`);
  writeFileSync(path, `${g.nodes} ${lines.length}\n${lines.join("\n")}\n`);
  return path;
}

function readMembership(path: string, n: number): Int32Array {
  const out = new Int32Array(n);
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((l, i) => {
      if (i < n) out[i] = Number(l);
    });
  return out;
}

// ---- child processes -------------------------------------------------------------------------

async function child(kind: string, arg: string): Promise<void> {
  if (kind === "wildtrace" || kind === "graphology") {
    const edges = parseSize(arg);
    const g = plantedGraph(edges);
    if (kind === "wildtrace") {
      const t0 = performance.now();
      const r = louvain(g, { seed: SEED });
      const ms = performance.now() - t0;
      emit({ build_s: 0, louvain_s: ms / 1000, communities: r.count, modularity: r.modularity, peak_mb: peakRssMb() });
      return;
    }
    const t0 = performance.now();
    const graph = new Graph({ type: "undirected" });
    for (let v = 0; v < g.nodes; v++) graph.addNode(v);
    for (let v = 0; v < g.nodes; v++) for (let e = g.offsets[v]; e < g.offsets[v + 1]; e++) if (g.neighbors[e] > v) graph.addEdge(v, g.neighbors[e], { weight: g.weights[e] });
    const build = performance.now() - t0;
    const rng = createRng(SEED);
    const t1 = performance.now();
    const mapping = graphologyLouvain(graph, { getEdgeWeight: "weight", rng: () => rng.next() });
    const ms = performance.now() - t1;
    const comm = Int32Array.from({ length: g.nodes }, (_, v) => mapping[v]);
    emit({ build_s: build / 1000, louvain_s: ms / 1000, communities: new Set(comm).size, modularity: modularity(g, comm), peak_mb: peakRssMb() });
    return;
  }
  if (kind === "detect") {
    const dir = arg;
    const t0 = performance.now();
    const load = await loadCase(dir);
    const loadMs = performance.now() - t0;
    const ds = load.dataset;
    let t = performance.now();
    const g = buildFlowGraph(ds);
    const graphMs = performance.now() - t;
    t = performance.now();
    const lv = louvain(g, { seed: SEED });
    const louvainMs = performance.now() - t;
    t = performance.now();
    const c = detectCommunities(ds, { seed: SEED });
    const communitiesMs = performance.now() - t;
    t = performance.now();
    const cor = findCorridors(ds);
    const corridorsMs = performance.now() - t;
    // Ten seeds: the accounts with the most outgoing transfers (hubs: the hard case for the budget).
    const out = new Int32Array(ds.accounts.length);
    for (let i = 0; i < ds.transactions.length; i++) if (ds.transactions.from[i] >= 0) out[ds.transactions.from[i]]++;
    const seeds = [...out.keys()]
      .sort((a, b) => out[b] - out[a] || a - b)
      .slice(0, 10)
      .map((a) => ds.accounts[a].id);
    t = performance.now();
    const tr = traceFunds(ds, seeds);
    const traceMs = performance.now() - t;
    emit({
      transactions: ds.transactions.length,
      accounts: ds.accounts.length,
      load_s: loadMs / 1000,
      flow_graph_s: graphMs / 1000,
      edges: g.neighbors.length / 2,
      hubs: g.hubs,
      louvain_s: louvainMs / 1000,
      modularity: lv.modularity,
      found: lv.count,
      split: lv.split,
      communities_total_s: communitiesMs / 1000,
      eligible: c.stats.eligible,
      corridors_s: corridorsMs / 1000,
      corridors: cor.corridors.length,
      corridor_starts: cor.starts,
      corridor_examined: cor.examined,
      corridors_truncated: cor.truncated,
      trace_s: traceMs / 1000,
      trace_paths: tr.flows.length,
      trace_examined: tr.traces.reduce((s, x) => s + x.examined, 0),
      trace_truncated: tr.traces.filter((x) => x.truncated).length,
      peak_mb: peakRssMb(),
    });
    return;
  }
  throw new Error(`bench/communities: unknown child ${kind}`);
}

// ---- parent ---------------------------------------------------------------------------------

function python(peer: string, edgesPath: string, n: number, g: WeightedGraph): Record<string, unknown> | string {
  const outPath = `${edgesPath}.${peer}.membership`;
  const r = spawnSync("/usr/bin/python3", [join(BENCH_DIR, "peer_louvain.py"), peer, edgesPath, outPath, String(SEED)], { encoding: "utf8", timeout: 30 * 60_000 });
  if (r.status === 3) return `${peer} not installed (apt-get install python3-${peer})`;
  if (r.status !== 0) return `${peer} failed: ${(r.stderr || r.error?.message || "").trim().split("\n").pop()}`;
  const data = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
  data.modularity_here = modularity(g, readMembership(outPath, n));
  return data;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      edges: { type: "string", default: "100k,1M" },
      case: { type: "string", default: "1M" },
      peers: { type: "string", default: "igraph,networkx,graphology" },
      "networkx-max": { type: "string", default: "100k" },
      "graphology-max": { type: "string", default: "1M" },
      child: { type: "string" },
      arg: { type: "string" },
    },
  });
  if (values.child) return child(values.child, values.arg ?? "");
  const script = join(BENCH_DIR, "communities.mts");
  const peers = new Set(values.peers.split(",").filter(Boolean));
  const rows: (string | number)[][] = [];
  const notes: string[] = [];
  for (const size of values.edges.split(",").filter(Boolean)) {
    const edges = parseSize(size);
    const g = plantedGraph(edges);
    const label = `${sizeLabel(edges)} edges (${sizeLabel(g.nodes)} nodes)`;
    const ours = runChild<Record<string, number>>(script, ["--child", "wildtrace", "--arg", String(edges)]);
    if (ours.data) rows.push([label, "wildtrace CSR Louvain", "-", secs(ours.data.louvain_s * 1000), ours.data.communities, ours.data.modularity.toFixed(4), Math.round(ours.data.peak_mb)]);
    else notes.push(`wildtrace failed at ${label}: ${ours.stderr.slice(-300)}`);
    if (peers.has("graphology") && edges <= parseSize(values["graphology-max"])) {
      const gr = runChild<Record<string, number>>(script, ["--child", "graphology", "--arg", String(edges)]);
      if (gr.data) rows.push([label, "graphology-communities-louvain", secs(gr.data.build_s * 1000), secs(gr.data.louvain_s * 1000), gr.data.communities, gr.data.modularity.toFixed(4), Math.round(gr.data.peak_mb)]);
      else notes.push(`graphology failed at ${label}: ${gr.stderr.slice(-300)}`);
    }
    const path = edgeFile(edges);
    for (const peer of ["igraph", "networkx"]) {
      if (!peers.has(peer)) continue;
      if (peer === "networkx" && edges > parseSize(values["networkx-max"])) {
        notes.push(`networkx skipped at ${label} (--networkx-max ${values["networkx-max"]})`);
        continue;
      }
      const r = python(peer, path, g.nodes, g);
      if (typeof r === "string") notes.push(r);
      else
        rows.push([
          label,
          `${peer} ${r.version} (python)`,
          secs(Number(r.read_s) * 1000),
          secs(Number(r.louvain_s) * 1000),
          Number(r.communities),
          Number(r.modularity_here).toFixed(4),
          Math.round(Number(r.peak_mb)),
        ]);
    }
  }
  console.log("## Louvain: planted-partition graphs (modularity recomputed here on the same weighted graph)\n");
  console.log(table(["graph", "implementation", "build s", "louvain s", "communities", "modularity", "peak MB"], rows));
  for (const n of notes) console.log(`\n- ${n}`);
  if (values.case) {
    const transactions = parseSize(values.case);
    const dir = benchCase(transactions);
    const d = runChild<Record<string, number | boolean>>(script, ["--child", "detect", "--arg", dir]);
    console.log(`\n## Detect stage on the benchmark case (${sizeLabel(transactions)} transactions)\n`);
    if (!d.data) console.log(`failed: ${d.stderr.slice(-500)}`);
    else console.log(table(Object.keys(d.data), [Object.values(d.data).map((v) => (typeof v === "number" && !Number.isInteger(v) ? v.toFixed(3) : String(v)))]));
  }
}

await main();

/**
 * Louvain community detection on a CSR graph, written for typed arrays so that it runs on a
 * million-edge transaction graph in about a second.
 *
 * Algorithm: Blondel, Guillaume, Lambiotte and Lefebvre, "Fast unfolding of communities in large
 * networks", J. Stat. Mech. (2008) P10008. Phase one moves each node (in a seeded random order) to
 * the neighbouring community with the largest modularity gain, until no move gains anything;
 * phase two collapses communities into nodes; repeat while anything moves. The resolution
 * parameter is that of Reichardt and Bornholdt (2006). After the last level, single nodes get one
 * more local-move phase on the original graph, and the whole is repeated from the resulting
 * partition while anything moves (each move strictly raises modularity; at most 8 rounds). Then
 * communities that are internally disconnected (a known Louvain defect, Traag, Waltman and van
 * Eck, "From Louvain to Leiden", Sci. Rep. 9, 5233, 2019) are split into their connected
 * components, which can only raise modularity.
 */
import { createRng } from "../_lib/random.js";
import { OptionError } from "../errors.js";
import { collapseGraph, modularity, nodeStrengths, type WeightedGraph } from "./weighted-graph.js";

/** Options of {@link louvain}. */
export interface LouvainOptions {
  /** Resolution: above 1 gives more, smaller communities; below 1 fewer, larger ones. [default: 1] */
  resolution?: number;
  /** Seed of the node visiting order; the same graph and seed give the same partition. [default: 42] */
  seed?: number;
  /** Split communities that are not connected into their components. [default: true] */
  splitDisconnected?: boolean;
  /** Cap on node visits per level, in multiples of the node count (each move strictly raises modularity). [default: 100] */
  maxPasses?: number;
}

/** Rounds of (levels, then single-node refinement); each round strictly raises modularity. */
const MAX_ROUNDS = 8;

/**
 * Defaults of {@link LouvainOptions}.
 *
 * @example
 * ```ts
 * import { LOUVAIN_DEFAULTS } from "wildtrace";
 * LOUVAIN_DEFAULTS; // { resolution: 1, seed: 42, splitDisconnected: true, maxPasses: 100 }
 * ```
 */
export const LOUVAIN_DEFAULTS = Object.freeze({ resolution: 1, seed: 42, splitDisconnected: true, maxPasses: 100 });

/** The result of {@link louvain}. */
export interface LouvainResult {
  /** Community of each node, numbered 0..count-1 in order of each community's smallest node. */
  communities: Int32Array;
  /** Number of communities. */
  count: number;
  /** Modularity of the final partition (at the given resolution). */
  modularity: number;
  /** Aggregation levels run. */
  levels: number;
  /** Communities that were split because they were disconnected. */
  split: number;
}

/**
 * Find communities with the Louvain method (see the file header for the papers). Isolated nodes
 * are communities of their own. Deterministic for a given graph and seed.
 *
 * @example
 * ```ts
 * import { louvain, weightedGraphFromEdges } from "wildtrace";
 * // two triangles joined by a weak edge
 * const g = weightedGraphFromEdges(6, [0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3], [5, 5, 5, 5, 5, 5, 1]);
 * const { communities, count } = louvain(g, { seed: 7 });
 * count; // 2
 * [...communities]; // [0, 0, 0, 1, 1, 1]
 * ```
 */
export function louvain(graph: WeightedGraph, options: LouvainOptions = {}): LouvainResult {
  const resolution = options.resolution ?? LOUVAIN_DEFAULTS.resolution;
  const seed = options.seed ?? LOUVAIN_DEFAULTS.seed;
  const maxPasses = options.maxPasses ?? LOUVAIN_DEFAULTS.maxPasses;
  if (!(resolution > 0) || !Number.isFinite(resolution)) throw new OptionError("louvain", `resolution must be a positive number, got ${resolution}`);
  if (!Number.isInteger(seed)) throw new OptionError("louvain", `seed must be an integer, got ${seed}`);
  if (!Number.isInteger(maxPasses) || maxPasses < 1) throw new OptionError("louvain", `maxPasses must be a positive integer, got ${maxPasses}`);
  const rng = createRng(seed);
  const n = graph.nodes;
  const strengths = nodeStrengths(graph);
  let membership: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) membership[i] = i;
  let count = n;
  let levels = 0;
  // Work arrays for every level and round, made once for the largest (the original graph): at 10M
  // transactions each large allocation can start a full garbage collection of a big heap.
  const scratch: MoveScratch = { tot: new Float64Array(n), neighWeight: new Float64Array(n), touched: new Int32Array(n + 1), queued: new Uint8Array(n) };
  const rowsScratch = { nbr: new Int32Array(graph.neighbors.length), wts: new Float64Array(graph.neighbors.length) };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Louvain levels, starting from the current partition collapsed (singletons in round 0).
    let level = round === 0 ? graph : collapseGraph(graph, membership, count, rowsScratch);
    let anyMove = false;
    for (;;) {
      const { comm, moved } = localMoves(level, level === graph ? strengths : nodeStrengths(level), resolution, shuffled(level.nodes, rng), maxPasses, scratch);
      if (!moved) break;
      anyMove = true;
      levels++;
      const k = renumber(comm);
      for (let i = 0; i < n; i++) membership[i] = comm[membership[i]];
      count = k;
      if (k === level.nodes) break;
      level = collapseGraph(level, comm, k, rowsScratch);
    }
    // Refinement: single original nodes may still gain by moving between the communities.
    const refined = localMoves(graph, strengths, resolution, shuffled(n, rng), maxPasses, scratch, membership);
    if (refined.moved) {
      membership = refined.comm;
      count = renumber(membership);
    }
    if (!anyMove && !refined.moved) break;
  }
  let split = 0;
  if (options.splitDisconnected ?? LOUVAIN_DEFAULTS.splitDisconnected) {
    const before = renumber(membership);
    membership = splitDisconnected(graph, membership);
    split = countOf(membership) - before;
  }
  count = renumber(membership);
  return { communities: membership, count, modularity: modularity(graph, membership, resolution), levels, split };
}

/**
 * Work arrays of {@link localMoves}, with room for at least its graph's nodes: `neighWeight` is all
 * zeros between calls (each visit clears what it set), the others are set by each call.
 */
interface MoveScratch {
  tot: Float64Array;
  neighWeight: Float64Array;
  touched: Int32Array;
  queued: Uint8Array;
}

/**
 * Phase one with a work queue (the "fast local move" of Traag et al. 2019, also graphology's
 * `fastLocalMoves`): every node is visited once in the seeded order; when a node changes community
 * its neighbours outside the new community are queued again. Stops when the queue is empty or after
 * `maxPasses * nodes` visits. `k` holds the node strengths of `g` ({@link nodeStrengths}). Returns
 * each node's community.
 */
function localMoves(
  g: WeightedGraph,
  k: Float64Array,
  resolution: number,
  order: Int32Array,
  maxPasses: number,
  scratch: MoveScratch,
  initial?: Int32Array,
): { comm: Int32Array; moved: boolean } {
  const n = g.nodes;
  let m2 = 0;
  for (let i = 0; i < n; i++) m2 += k[i];
  const comm = new Int32Array(n);
  for (let i = 0; i < n; i++) comm[i] = initial ? initial[i] : i;
  if (m2 === 0 || n === 0) return { comm, moved: false };
  const tot = scratch.tot;
  tot.fill(0, 0, n);
  for (let i = 0; i < n; i++) tot[comm[i]] += k[i];
  const neighWeight = scratch.neighWeight;
  // Room for every entry of a row plus ci: a repeat (zero weights) can never overflow it.
  let longestRow = 0;
  for (let i = 0; i < n; i++) longestRow = Math.max(longestRow, g.offsets[i + 1] - g.offsets[i]);
  const touched = scratch.touched.length >= Math.max(n, longestRow + 1) ? scratch.touched : new Int32Array(Math.max(n, longestRow + 1));
  // The visiting order doubles as the queue (callers pass a fresh array).
  const queue = order;
  const queued = scratch.queued;
  queued.fill(1, 0, n);
  let head = 0;
  let size = n;
  const { offsets, neighbors, weights } = g;
  const scale = resolution / m2;
  let moved = false;
  let visits = 0;
  const maxVisits = maxPasses * n;
  while (size > 0 && visits < maxVisits) {
    const i = queue[head];
    head = head + 1 === n ? 0 : head + 1;
    size--;
    queued[i] = 0;
    visits++;
    const ci = comm[i];
    const ki = k[i];
    let nt = 0;
    const rowStart = offsets[i];
    const rowEnd = offsets[i + 1];
    // Communities next to i, ci first; a community is new while its weight is still 0 (weights are
    // positive; a repeat would not change the choice anyway).
    touched[nt++] = ci;
    for (let e = rowStart; e < rowEnd; e++) {
      const j = neighbors[e];
      if (j === i) continue;
      const c = comm[j];
      if (neighWeight[c] === 0 && c !== ci) touched[nt++] = c;
      neighWeight[c] += weights[e];
    }
    tot[ci] -= ki;
    let best = ci;
    let bestGain = neighWeight[ci] - tot[ci] * ki * scale;
    for (let t = 1; t < nt; t++) {
      const c = touched[t];
      const gain = neighWeight[c] - tot[c] * ki * scale;
      if (gain > bestGain + 1e-12 * (Math.abs(bestGain) + ki)) {
        bestGain = gain;
        best = c;
      }
    }
    tot[best] += ki;
    for (let t = 0; t < nt; t++) neighWeight[touched[t]] = 0;
    if (best === ci) continue;
    comm[i] = best;
    moved = true;
    for (let e = rowStart; e < rowEnd; e++) {
      const j = neighbors[e];
      if (queued[j] || comm[j] === best) continue;
      queued[j] = 1;
      let tail = head + size;
      if (tail >= n) tail -= n;
      queue[tail] = j;
      size++;
    }
  }
  return { comm, moved };
}

/** 0..n-1 in a seeded random order (Fisher-Yates). */
function shuffled(n: number, rng: { int(n: number): number }): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Renumber community labels in place to 0..k-1 by first appearance; returns k. */
function renumber(comm: Int32Array): number {
  let max = -1;
  for (let i = 0; i < comm.length; i++) if (comm[i] > max) max = comm[i];
  const map = new Int32Array(max + 1).fill(-1);
  let k = 0;
  for (let i = 0; i < comm.length; i++) {
    const c = comm[i];
    if (map[c] < 0) map[c] = k++;
    comm[i] = map[c];
  }
  return k;
}

function countOf(comm: Int32Array): number {
  let max = -1;
  for (let i = 0; i < comm.length; i++) if (comm[i] > max) max = comm[i];
  return max + 1;
}

/**
 * Split every community that is not connected (within itself) into its connected components.
 * Returns new labels (0..k-1 by each component's smallest node); the input is not changed.
 *
 * @example
 * ```ts
 * import { splitDisconnected, weightedGraphFromEdges } from "wildtrace";
 * // 0-1 and 2-3 are not linked, but were put in one community
 * const g = weightedGraphFromEdges(4, [0, 2], [1, 3], [1, 1]);
 * [...splitDisconnected(g, Int32Array.of(0, 0, 0, 0))]; // [0, 0, 1, 1]
 * ```
 */
export function splitDisconnected(graph: WeightedGraph, communities: ArrayLike<number>): Int32Array {
  const n = graph.nodes;
  if (communities.length !== n) throw new OptionError("splitDisconnected", `communities has ${communities.length} entries for ${n} nodes`);
  const out = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let next = 0;
  for (let s = 0; s < n; s++) {
    if (out[s] >= 0) continue;
    const c = communities[s];
    const label = next++;
    out[s] = label;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top];
      for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
        const j = graph.neighbors[e];
        if (out[j] < 0 && communities[j] === c) {
          out[j] = label;
          stack[top++] = j;
        }
      }
    }
  }
  return out;
}

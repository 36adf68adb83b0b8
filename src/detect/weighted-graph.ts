import { bandStarts, bandsToRows } from "../_lib/band-scatter.js";
import { OptionError } from "../errors.js";

/**
 * An undirected weighted graph in compressed sparse rows (CSR), the working structure of the
 * community finder. Row `i` lists node `i`'s neighbours `neighbors[offsets[i] .. offsets[i+1])`
 * with the weights in `weights` at the same positions. The matrix is symmetric: an edge {i, j}
 * appears in both rows with the same weight. A self-loop of weight w is stored once, in row i,
 * as `2w` (the usual convention, so that a node's strength is the sum of its row).
 */
export interface WeightedGraph {
  /** Number of nodes. */
  readonly nodes: number;
  /** Row starts, length `nodes + 1`. */
  readonly offsets: Int32Array;
  /** Neighbour of each entry. */
  readonly neighbors: Int32Array;
  /** Weight of each entry (positive). */
  readonly weights: Float64Array;
}

/**
 * Build a {@link WeightedGraph} from an edge list (`src[e]`, `dst[e]`, `weight[e]` for `e < count`),
 * adding up parallel edges in O(nodes + edges). Edges with a weight that is not positive and finite
 * are left out; a self-loop `{i, i}` of weight w becomes the entry `(i, i, 2w)`.
 *
 * @example
 * ```ts
 * import { weightedGraphFromEdges } from "wildtrace";
 * const g = weightedGraphFromEdges(3, Int32Array.of(0, 1, 0), Int32Array.of(1, 2, 1), Float64Array.of(2, 1, 3));
 * g.offsets[1] - g.offsets[0]; // 1 (the two 0-1 edges are merged, weight 5)
 * g.weights[0]; // 5
 * ```
 */
export function weightedGraphFromEdges(nodes: number, src: ArrayLike<number>, dst: ArrayLike<number>, weight: ArrayLike<number>, count = src.length): WeightedGraph {
  if (!Number.isInteger(nodes) || nodes < 0) throw new OptionError("weightedGraphFromEdges", `nodes must be a non-negative integer, got ${nodes}`);
  const { offsets, nbr, wts } = edgeRows(nodes, src, dst, weight, count, true);
  return compactRows(nodes, offsets, nbr, wts!);
}

/** Entries above which {@link edgeRows} fills the rows in two passes (below, the rows fit in the caches anyway). */
const BANDED_MIN_ENTRIES = 1 << 21;
/** Rows per band of the two-pass fill: 2^10, so a band's part of the arrays is a few hundred KB. */
const BAND_SHIFT = 10;

/**
 * The rows of an edge list, before repeats are merged: row `u` lists, in edge order, the other end
 * of each edge at `u` (both directions; a self-loop once, with twice its weight), and its weight.
 * Edges whose weight is not positive and finite are left out; an end outside `0..nodes-1` is an
 * {@link OptionError}. Shared by {@link weightedGraphFromEdges} and the flow graph's degree count.
 *
 * A large edge list is written in two passes: each entry first goes to its band of 1,024
 * consecutive rows (about a thousand write positions, all within the caches), then each band is
 * put in row order within its own small part of the arrays. The result is the same, entry for
 * entry, as writing each entry straight to its row; that direct write is a cache miss per entry
 * once the arrays are larger than the caches (hundreds of MB at 10M transactions), the two passes
 * are not.
 *
 * @example
 * ```ts
 * import { edgeRows } from "./weighted-graph.js";
 * const r = edgeRows(3, [0, 1, 0], [1, 2, 1], [2, 1, 3], 3, true);
 * [...r.offsets]; // [0, 2, 4, 5]
 * [...r.nbr]; // [1, 1, 0, 2, 0, 1] row 0: 1, 1; row 1: 0, 2, 0; row 2: 1 (not yet merged)
 * ```
 */
export function edgeRows(
  nodes: number,
  src: ArrayLike<number>,
  dst: ArrayLike<number>,
  weight: ArrayLike<number>,
  count: number,
  withWeights: boolean,
  twoPassFrom = BANDED_MIN_ENTRIES,
): { offsets: Int32Array; nbr: Int32Array; wts: Float64Array | undefined } {
  const offsets = new Int32Array(nodes + 1);
  for (let e = 0; e < count; e++) {
    const w = weight[e];
    if (!(w > 0) || w === Number.POSITIVE_INFINITY) continue;
    const u = src[e];
    const v = dst[e];
    if (!(u >= 0 && v >= 0 && u < nodes && v < nodes)) throw new OptionError("weightedGraphFromEdges", `edge ${e} (${u}, ${v}) is outside 0..${nodes - 1}`);
    offsets[u + 1]++;
    if (u !== v) offsets[v + 1]++;
  }
  for (let i = 0; i < nodes; i++) offsets[i + 1] += offsets[i];
  const total = offsets[nodes];
  const nbr = new Int32Array(total);
  const wts = withWeights ? new Float64Array(total) : undefined;
  if (total < twoPassFrom) {
    const fill = offsets.slice(0, nodes);
    for (let e = 0; e < count; e++) {
      const w = weight[e];
      if (!(w > 0) || w === Number.POSITIVE_INFINITY) continue;
      const u = src[e];
      const v = dst[e];
      if (u === v) {
        if (wts) wts[fill[u]] = 2 * w;
        nbr[fill[u]++] = u;
      } else {
        if (wts) {
          wts[fill[u]] = w;
          wts[fill[v]] = w;
        }
        nbr[fill[u]++] = v;
        nbr[fill[v]++] = u;
      }
    }
    return { offsets, nbr, wts };
  }
  // Pass one: each entry to its band's part of the arrays, in edge order, with its row within the
  // band; pass two puts each band in row order (see band-scatter.ts).
  const bandFill = bandStarts(offsets, nodes, BAND_SHIFT);
  const low = new Uint16Array(total);
  const mask = (1 << BAND_SHIFT) - 1;
  for (let e = 0; e < count; e++) {
    const w = weight[e];
    if (!(w > 0) || w === Number.POSITIVE_INFINITY) continue;
    const u = src[e];
    const v = dst[e];
    let p = bandFill[u >> BAND_SHIFT]++;
    nbr[p] = v;
    low[p] = u & mask;
    if (wts) wts[p] = u === v ? 2 * w : w;
    if (u === v) continue;
    p = bandFill[v >> BAND_SHIFT]++;
    nbr[p] = u;
    low[p] = v & mask;
    if (wts) wts[p] = w;
  }
  bandsToRows(offsets, nodes, BAND_SHIFT, low, wts ? [nbr, wts] : [nbr]);
  return { offsets, nbr, wts };
}

/**
 * Merge repeated neighbours within each row (in place, first occurrence keeps its position) and
 * return trimmed copies. `offsets` is rewritten, `nbr` and `wts` are scratch (their contents are
 * consumed), so pass arrays you own. Used by the graph builders and the Louvain aggregation step.
 *
 * @example
 * ```ts
 * import { compactRows } from "wildtrace";
 * // node 0 lists neighbour 1 twice
 * const g = compactRows(2, Int32Array.of(0, 2, 3), Int32Array.of(1, 1, 0), Float64Array.of(2, 3, 5));
 * [...g.offsets]; // [0, 1, 2]
 * g.weights[0]; // 5
 * ```
 */
export function compactRows(nodes: number, offsets: Int32Array, nbr: Int32Array, wts: Float64Array): WeightedGraph {
  const mark = new Int32Array(nodes).fill(-1);
  let p = 0;
  let start = 0;
  for (let u = 0; u < nodes; u++) {
    const end = offsets[u + 1];
    const rowStart = p;
    for (let k = start; k < end; k++) {
      const v = nbr[k];
      const pos = mark[v];
      if (pos >= rowStart) wts[pos] += wts[k];
      else {
        mark[v] = p;
        nbr[p] = v;
        wts[p] = wts[k];
        p++;
      }
    }
    start = end;
    offsets[u + 1] = p;
  }
  offsets[0] = 0;
  return { nodes, offsets, neighbors: nbr.slice(0, p), weights: wts.slice(0, p) };
}

/**
 * The graph of the communities of `graph` (Louvain's phase two): one node per community `0..k-1`
 * of `comm`, the weight inside a community becoming its self-loop entry. Row c lists the
 * communities next to c's members (members in node order, each member's row in order), repeats
 * merged where they first occur and their weights added in that order ({@link compactRows}).
 * The rows are read in node order and written to their community's place (reading them in
 * community order instead is slower: each member's row is then a cache miss). `scratch`, when at
 * least as long as g's entries, holds those concatenated rows (Louvain reuses one pair per run).
 *
 * @example
 * ```ts
 * import { collapseGraph, weightedGraphFromEdges } from "./weighted-graph.js";
 * // two triangles joined by a weak edge, one community each
 * const g = weightedGraphFromEdges(6, [0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3], [5, 5, 5, 5, 5, 5, 1]);
 * const c = collapseGraph(g, Int32Array.of(0, 0, 0, 1, 1, 1), 2);
 * [...c.neighbors]; // [0, 1, 1, 0]
 * [...c.weights]; // [30, 1, 30, 1]
 * ```
 */
export function collapseGraph(g: WeightedGraph, comm: Int32Array, k: number, scratch?: { nbr: Int32Array; wts: Float64Array }): WeightedGraph {
  const n = g.nodes;
  const offsets = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) offsets[comm[i] + 1] += g.offsets[i + 1] - g.offsets[i];
  for (let c = 0; c < k; c++) offsets[c + 1] += offsets[c];
  // The concatenated rows are scratch (compactRows returns copies): reuse the caller's arrays.
  const big = scratch !== undefined && scratch.nbr.length >= offsets[k] && scratch.wts.length >= offsets[k];
  const nbr = big ? scratch.nbr : new Int32Array(offsets[k]);
  const wts = big ? scratch.wts : new Float64Array(offsets[k]);
  const fill = offsets.slice(0, k);
  const { offsets: rows, neighbors, weights } = g;
  for (let i = 0; i < n; i++) {
    const c = comm[i];
    const end = rows[i + 1];
    for (let e = rows[i]; e < end; e++) {
      const p = fill[c]++;
      nbr[p] = comm[neighbors[e]];
      wts[p] = weights[e];
    }
  }
  return compactRows(k, offsets, nbr, wts);
}

/**
 * Strength (weighted degree) of every node: the sum of its row, self-loops counted twice.
 *
 * @example
 * ```ts
 * import { nodeStrengths, weightedGraphFromEdges } from "wildtrace";
 * const g = weightedGraphFromEdges(2, [0], [1], [4]);
 * [...nodeStrengths(g)]; // [4, 4]
 * ```
 */
export function nodeStrengths(graph: WeightedGraph): Float64Array {
  const k = new Float64Array(graph.nodes);
  for (let i = 0; i < graph.nodes; i++) {
    let s = 0;
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) s += graph.weights[e];
    k[i] = s;
  }
  return k;
}

/**
 * Newman-Girvan modularity of a partition of a weighted graph, with a resolution parameter
 * (Reichardt and Bornholdt 2006): Q = sum over communities c of in_c / 2m - resolution *
 * (tot_c / 2m)^2, where in_c is the weight inside c counted from both ends and tot_c the total
 * strength of c's nodes. Newman and Girvan, "Finding and evaluating community structure in
 * networks", Phys. Rev. E 69, 026113 (2004).
 *
 * @example
 * ```ts
 * import { modularity, weightedGraphFromEdges } from "wildtrace";
 * // two triangles joined by one edge
 * const g = weightedGraphFromEdges(6, [0, 1, 2, 3, 4, 5, 2], [1, 2, 0, 4, 5, 3, 3], [1, 1, 1, 1, 1, 1, 1]);
 * modularity(g, Int32Array.of(0, 0, 0, 1, 1, 1)).toFixed(3); // "0.357"
 * ```
 */
export function modularity(graph: WeightedGraph, communities: ArrayLike<number>, resolution = 1): number {
  if (communities.length !== graph.nodes) throw new OptionError("modularity", `communities has ${communities.length} entries for ${graph.nodes} nodes`);
  let count = 0;
  for (let i = 0; i < graph.nodes; i++) if (communities[i] + 1 > count) count = communities[i] + 1;
  const inside = new Float64Array(count);
  const tot = new Float64Array(count);
  let m2 = 0;
  for (let i = 0; i < graph.nodes; i++) {
    const ci = communities[i];
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
      const w = graph.weights[e];
      m2 += w;
      tot[ci] += w;
      if (communities[graph.neighbors[e]] === ci) inside[ci] += w;
    }
  }
  if (m2 === 0) return 0;
  let q = 0;
  for (let c = 0; c < count; c++) q += inside[c] / m2 - resolution * (tot[c] / m2) * (tot[c] / m2);
  return q;
}

/**
 * Weighted PageRank on a directed edge list. Brin and Page, "The anatomy of a large-scale
 * hypertextual Web search engine", Computer Networks 30 (1998); weights make a node pass its rank
 * on in proportion to the amounts it pays. Dangling nodes (no outgoing weight) spread their rank
 * evenly, so the ranks always sum to 1.
 */
import { OptionError } from "../errors.js";

/** Options of {@link pageRank}. */
export interface PageRankOptions {
  /** Probability of following an edge rather than jumping. [default: 0.85] */
  damping?: number;
  /** Stop when the L1 change of an iteration is below this. [default: 1e-10] */
  tolerance?: number;
  /** Maximum iterations. [default: 100] */
  maxIterations?: number;
}

/**
 * Defaults of {@link PageRankOptions}.
 *
 * @example
 * ```ts
 * import { PAGERANK_DEFAULTS } from "wildtrace";
 * PAGERANK_DEFAULTS.damping; // 0.85
 * ```
 */
export const PAGERANK_DEFAULTS = Object.freeze({ damping: 0.85, tolerance: 1e-10, maxIterations: 100 });

/**
 * PageRank of `nodes` nodes over the directed edges `src[e] -> dst[e]` with weight `weight[e]`.
 * Returns one rank per node; the ranks sum to 1.
 *
 * @example
 * ```ts
 * import { pageRank } from "wildtrace";
 * // three payers send money to node 0
 * const pr = pageRank(4, [1, 2, 3], [0, 0, 0], [100, 200, 300]);
 * pr[0] > pr[1]; // true
 * ```
 */
export function pageRank(nodes: number, src: ArrayLike<number>, dst: ArrayLike<number>, weight: ArrayLike<number>, options: PageRankOptions = {}): Float64Array {
  const d = options.damping ?? PAGERANK_DEFAULTS.damping;
  const tol = options.tolerance ?? PAGERANK_DEFAULTS.tolerance;
  const maxIter = options.maxIterations ?? PAGERANK_DEFAULTS.maxIterations;
  if (!(d >= 0 && d < 1)) throw new OptionError("pageRank", `damping must be in [0, 1), got ${d}`);
  if (!Number.isInteger(maxIter) || maxIter < 1) throw new OptionError("pageRank", `maxIterations must be a positive integer, got ${maxIter}`);
  const pr = new Float64Array(nodes);
  if (nodes === 0) return pr;
  const outW = new Float64Array(nodes);
  for (let e = 0; e < src.length; e++) if (weight[e] > 0) outW[src[e]] += weight[e];
  pr.fill(1 / nodes);
  const next = new Float64Array(nodes);
  for (let it = 0; it < maxIter; it++) {
    let dangling = 0;
    for (let v = 0; v < nodes; v++) if (outW[v] === 0) dangling += pr[v];
    next.fill((1 - d) / nodes + (d * dangling) / nodes);
    for (let e = 0; e < src.length; e++) {
      const w = weight[e];
      if (!(w > 0)) continue;
      const u = src[e];
      next[dst[e]] += (d * pr[u] * w) / outW[u];
    }
    let diff = 0;
    for (let v = 0; v < nodes; v++) {
      diff += Math.abs(next[v] - pr[v]);
      pr[v] = next[v];
    }
    if (diff < tol) break;
  }
  return pr;
}

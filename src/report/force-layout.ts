import { createRng } from "../_lib/random.js";
import { OptionError } from "../errors.js";

/**
 * A small deterministic force-directed layout for link charts of up to a few hundred nodes.
 *
 * Algorithm: Fruchterman and Reingold, "Graph drawing by force-directed placement", Software:
 * Practice and Experience 21(11), 1991: repulsion k^2/d between every pair, attraction d^2/k
 * along edges, a temperature that cools linearly, and a weak pull towards the centre. Each
 * connected component is laid out alone and the components are packed in rows, largest first
 * (the "packing" step of graph drawing tools such as Graphviz); with node radii, overlapping
 * circles are then pushed apart. Initial positions come from a seeded generator, so the same
 * graph and seed give the same picture (and the same bytes in the report).
 */

/** Options of {@link forceLayout}. */
export interface ForceLayoutOptions {
  /** Number of iterations. [default: 300] */
  iterations?: number;
  /** Seed of the initial positions. [default: 42] */
  seed?: number;
  /** Width of the drawing area. [default: 1000] */
  width?: number;
  /** Height of the drawing area. [default: 700] */
  height?: number;
  /** Free margin on each side, in the same units. [default: 40] */
  margin?: number;
  /** Strength of the pull towards the centre (0 = none). [default: 0.05] */
  gravity?: number;
  /**
   * Radius of each node in drawing units: after the force phase, overlapping circles are pushed
   * apart (with `padding` between them) as far as the drawing area allows. [default: none]
   */
  radii?: ArrayLike<number>;
  /** Gap kept between circles when `radii` is given. [default: 6] */
  padding?: number;
}

/**
 * Defaults of {@link ForceLayoutOptions}.
 *
 * @example
 * ```ts
 * import { FORCE_LAYOUT_DEFAULTS } from "wildtrace";
 * FORCE_LAYOUT_DEFAULTS.seed; // 42
 * ```
 */
export const FORCE_LAYOUT_DEFAULTS = Object.freeze({ iterations: 300, seed: 42, width: 1000, height: 700, margin: 40, gravity: 0.05, padding: 6 });

/**
 * Lay out `n` nodes joined by `edges` (pairs of node indices, optionally weighted). Returns the
 * x and y of each node, scaled into the drawing area and rounded to 0.1.
 *
 * @example
 * ```ts
 * import { forceLayout } from "wildtrace";
 * const { x, y } = forceLayout(3, [[0, 1], [1, 2]], { seed: 7 });
 * x.length; // 3, the same numbers on every run with seed 7
 * ```
 */
export function forceLayout(
  n: number,
  edges: readonly (readonly [number, number] | readonly [number, number, number])[],
  options: ForceLayoutOptions = {},
): { x: Float64Array; y: Float64Array } {
  const o = { ...FORCE_LAYOUT_DEFAULTS, ...options };
  if (!Number.isInteger(n) || n < 0) throw new OptionError("forceLayout", "`n` must be a non-negative integer");
  if (!Number.isInteger(o.iterations) || o.iterations < 0) throw new OptionError("forceLayout", "`iterations` must be a non-negative integer");
  if (!(o.width > 2 * o.margin) || !(o.height > 2 * o.margin)) throw new OptionError("forceLayout", "`width` and `height` must exceed twice the margin");
  for (const e of edges) {
    if (!(e[0] >= 0 && e[0] < n && e[1] >= 0 && e[1] < n)) throw new OptionError("forceLayout", `edge [${e[0]}, ${e[1]}] names a node outside 0..${n - 1}`);
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (n === 0) return { x, y };
  const rng = createRng(o.seed);
  // Each connected component is laid out on its own, then the components are packed in rows
  // (largest first), so that a disconnected part neither flies off nor squeezes the others.
  const comps = components(n, edges);
  const local = new Int32Array(n);
  const aspect = (o.width - 2 * o.margin) / (o.height - 2 * o.margin);
  const boxes = comps.map((nodes) => {
    nodes.forEach((v, i) => {
      local[v] = i;
    });
    const inside = edges.filter((e) => local[e[0]] < nodes.length && nodes[local[e[0]]] === e[0]).map((e) => [local[e[0]], local[e[1]], e.length > 2 ? (e[2] ?? 1) : 1] as const);
    const lx = new Float64Array(nodes.length);
    const ly = new Float64Array(nodes.length);
    springs(lx, ly, inside, o.iterations, o.gravity, rng);
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < nodes.length; i++) {
      x0 = Math.min(x0, lx[i]);
      x1 = Math.max(x1, lx[i]);
      y0 = Math.min(y0, ly[i]);
      y1 = Math.max(y1, ly[i]);
    }
    return { nodes, lx, ly, x0, y0, w: x1 - x0, h: y1 - y0 };
  });
  const area = boxes.reduce((sum, b) => sum + (b.w + 1.5) * (b.h + 1.5), 0);
  const rowWidth = Math.max(Math.sqrt(area * aspect), ...boxes.map((b) => b.w + 1.5));
  let cx = 0;
  let cy = 0;
  let rowH = 0;
  for (const b of boxes) {
    if (cx > 0 && cx + b.w > rowWidth) {
      cx = 0;
      cy += rowH + 1.5;
      rowH = 0;
    }
    b.nodes.forEach((v, i) => {
      x[v] = cx + (b.lx[i] - b.x0);
      y[v] = cy + (b.ly[i] - b.y0);
    });
    cx += b.w + 1.5;
    rowH = Math.max(rowH, b.h);
  }
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]);
    maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const w = o.width - 2 * o.margin;
  const h = o.height - 2 * o.margin;
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  // Fill the area: each axis is scaled on its own, but never stretched more than 1.6 times the other.
  const fit = Math.min(w / spanX, h / spanY);
  const scaleX = Math.min(w / spanX, fit * 1.6);
  const scaleY = Math.min(h / spanY, fit * 1.6);
  const offX = o.margin + (w - spanX * scaleX) / 2;
  const offY = o.margin + (h - spanY * scaleY) / 2;
  for (let i = 0; i < n; i++) {
    x[i] = offX + (x[i] - minX) * scaleX;
    y[i] = offY + (y[i] - minY) * scaleY;
  }
  if (o.radii) separate(x, y, o.radii, o.padding, o.margin, o.width - o.margin, o.margin, o.height - o.margin);
  for (let i = 0; i < n; i++) {
    x[i] = Math.round(x[i] * 10) / 10;
    y[i] = Math.round(y[i] * 10) / 10;
  }
  return { x, y };
}

/** Push overlapping circles apart, pairwise, a fixed number of rounds, inside the box. */
function separate(x: Float64Array, y: Float64Array, r: ArrayLike<number>, pad: number, x0: number, x1: number, y0: number, y1: number): void {
  const n = x.length;
  for (let round = 0; round < 60; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[j] - x[i];
        let ey = y[j] - y[i];
        let d = Math.sqrt(ex * ex + ey * ey);
        const want = (r[i] ?? 0) + (r[j] ?? 0) + pad;
        if (d >= want) continue;
        if (d < 1e-6) {
          ex = ((i + j) % 2) * 2 - 1;
          ey = 0.5;
          d = Math.sqrt(ex * ex + ey * ey);
        }
        const push = (want - d) / 2 / d;
        x[i] -= ex * push;
        y[i] -= ey * push;
        x[j] += ex * push;
        y[j] += ey * push;
        moved = true;
      }
    }
    for (let i = 0; i < n; i++) {
      x[i] = Math.min(x1, Math.max(x0, x[i]));
      y[i] = Math.min(y1, Math.max(y0, y[i]));
    }
    if (!moved) break;
  }
}

/** Connected components (undirected), each as its node list in index order, largest first. */
function components(n: number, edges: readonly (readonly number[])[]): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]];
      v = parent[v];
    }
    return v;
  };
  for (const e of edges) {
    const a = find(e[0]);
    const b = find(e[1]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  for (let v = 0; v < n; v++) {
    const r = find(v);
    const g = groups.get(r);
    if (g) g.push(v);
    else groups.set(r, [v]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** Fruchterman-Reingold iterations on one component, in place, from seeded positions. */
function springs(x: Float64Array, y: Float64Array, edges: readonly (readonly [number, number, number])[], iterations: number, gravity: number, rng: ReturnType<typeof createRng>): void {
  const n = x.length;
  const side = Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.range(-side, side);
    y[i] = rng.range(-side, side);
  }
  if (n === 1) {
    x[0] = 0;
    y[0] = 0;
    return;
  }
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const t0 = side / 2;
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j];
        let ey = y[i] - y[j];
        let d2 = ex * ex + ey * ey;
        if (d2 < 1e-9) {
          ex = 0.01 * (((i * 7 + j) % 5) - 2 || 1);
          ey = 0.01;
          d2 = ex * ex + ey * ey;
        }
        const f = 1 / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (const [a, b, w] of edges) {
      if (a === b) continue;
      const ex = x[a] - x[b];
      const ey = y[a] - y[b];
      const f = Math.sqrt(ex * ex + ey * ey) * w;
      dx[a] -= ex * f;
      dy[a] -= ey * f;
      dx[b] += ex * f;
      dy[b] += ey * f;
    }
    const t = t0 * (1 - it / iterations) + 0.01;
    for (let i = 0; i < n; i++) {
      dx[i] -= gravity * x[i];
      dy[i] -= gravity * y[i];
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (d > 0) {
        const s = Math.min(d, t) / d;
        x[i] += dx[i] * s;
        y[i] += dy[i] * s;
      }
    }
  }
}

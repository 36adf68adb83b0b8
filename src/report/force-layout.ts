import { createRng } from "../_lib/random.js";
import { OptionError } from "../errors.js";

/**
 * A small deterministic force-directed layout for link charts of up to a few hundred nodes.
 *
 * Algorithm: Fruchterman and Reingold, "Graph drawing by force-directed placement", Software:
 * Practice and Experience 21(11), 1991: repulsion k^2/d between every pair, attraction d^2/k
 * along edges, a temperature that cools linearly; plus a weak pull towards the centre so that
 * disconnected parts stay on the canvas. Initial positions come from a seeded generator, so the
 * same graph and seed give the same picture (and the same bytes in the report).
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
}

/** Defaults of {@link ForceLayoutOptions}. */
export const FORCE_LAYOUT_DEFAULTS = Object.freeze({ iterations: 300, seed: 42, width: 1000, height: 700, margin: 40, gravity: 0.05 });

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
  const side = Math.sqrt(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.range(-side, side);
    y[i] = rng.range(-side, side);
  }
  const k = 1;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  const t0 = side / 2;
  for (let it = 0; it < o.iterations; it++) {
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
        const f = (k * k) / d2;
        dx[i] += ex * f;
        dy[i] += ey * f;
        dx[j] -= ex * f;
        dy[j] -= ey * f;
      }
    }
    for (const e of edges) {
      const a = e[0];
      const b = e[1];
      if (a === b) continue;
      const w = e.length > 2 ? (e[2] ?? 1) : 1;
      const ex = x[a] - x[b];
      const ey = y[a] - y[b];
      const d = Math.sqrt(ex * ex + ey * ey);
      const f = (d / k) * w;
      dx[a] -= ex * f;
      dy[a] -= ey * f;
      dx[b] += ex * f;
      dy[b] += ey * f;
    }
    const t = t0 * (1 - it / o.iterations) + 0.01;
    for (let i = 0; i < n; i++) {
      dx[i] -= o.gravity * x[i] * Math.sqrt(x[i] * x[i] + y[i] * y[i]);
      dy[i] -= o.gravity * y[i] * Math.sqrt(x[i] * x[i] + y[i] * y[i]);
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (d > 0) {
        const s = Math.min(d, t) / d;
        x[i] += dx[i] * s;
        y[i] += dy[i] * s;
      }
    }
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
  const scale = Math.min(w / spanX, h / spanY);
  const offX = o.margin + (w - spanX * scale) / 2;
  const offY = o.margin + (h - spanY * scale) / 2;
  for (let i = 0; i < n; i++) {
    x[i] = Math.round((offX + (x[i] - minX) * scale) * 10) / 10;
    y[i] = Math.round((offY + (y[i] - minY) * scale) * 10) / 10;
  }
  return { x, y };
}

/**
 * Seeded pseudo-random numbers (private helper).
 *
 * sfc32 ("Small Fast Counting", Chris Doty-Humphrey, from the PractRand suite): 128 bits of state,
 * passes PractRand and BigCrush, and runs on 32-bit integer arithmetic, so it is fast in
 * JavaScript. Seeds are expanded with splitmix32 so that nearby seeds give unrelated streams.
 * Reference: https://pracrand.sourceforge.net/ (sfc32), and the public-domain description in
 * Vigna's splitmix notes (https://prng.di.unimi.it/).
 */

import { FNV_OFFSET, fnv1a } from "./fnv.js";

/** A seeded source of randomness. Every draw advances the state. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform float in [min, max). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniformly chosen element (the array must not be empty). */
  pick<T>(items: readonly T[]): T;
  /** Standard normal deviate (Box-Muller). */
  normal(): number;
  /** Log-normal deviate with the given median and sigma of the underlying normal. */
  logNormal(median: number, sigma: number): number;
  /** A new independent generator derived from this one and a label. */
  fork(label: string | number): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * 32-bit FNV-1a hash of a string: turns labels into seeds.
 *
 * @example
 * ```ts
 * hashString("ivory-1"); // 2321079696, the same on every run
 * ```
 */
export function hashString(text: string): number {
  return fnv1a(FNV_OFFSET, text) >>> 0;
}

/**
 * Mix two 32-bit integers into one (for per-index deterministic draws).
 *
 * @example
 * ```ts
 * mix32(42, 7); // 554813412: seed 42, draw number 7
 * ```
 */
export function mix32(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Create a seeded generator (sfc32). The same seed always gives the same sequence.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(6); // a die roll, the same one every run
 * ```
 */
export function createRng(seed: number): Rng {
  const sm = splitmix32(Math.trunc(seed) ^ 0x5bd1e995);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm() | 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  let spare = Number.NaN;
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
    normal: () => {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = Number.NaN;
        return s;
      }
      let u = next();
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    fork: (label) => createRng(mix32((next() * 4294967296) >>> 0, typeof label === "number" ? label : hashString(label))),
  };
  return rng;
}

/**
 * Disjoint sets over `0..n-1` with path halving and union by size (Tarjan 1975, "Efficiency of a
 * good but not linear set union algorithm", JACM 22).
 *
 * @example
 * ```ts
 * import { UnionFind } from "wildtrace";
 * const uf = new UnionFind(3);
 * uf.union(0, 2);
 * uf.find(2) === uf.find(0); // true
 * ```
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  /** Representative of `x`'s set. */
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }
  /** Merge the sets of `a` and `b`; returns the new root, or -1 when they were already one set. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return -1;
    if (this.size[ra] < this.size[rb] || (this.size[ra] === this.size[rb] && rb < ra)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return ra;
  }
  /** Number of elements in `x`'s set. */
  sizeOf(x: number): number {
    return this.size[this.find(x)];
  }
}

// Types of measure.mjs, for the TypeScript benchmark scripts.

export declare const BENCH_DIR: string;
export declare const ROOT: string;
export declare const DATA_DIR: string;
export declare function peakRssMb(): number;
export declare function parseSize(s: string): number;
export declare function sizeLabel(n: number): string;
export declare function benchCase(transactions: number, accounts?: number): string;
export interface ChildResult<T> {
  status: number | null;
  signal: string | null;
  data: T | undefined;
  stdout: string;
  stderr: string;
}
export declare function runChild<T = Record<string, unknown>>(script: string, args: string[], options?: { maxOldSpaceMb?: number; timeoutMs?: number }): ChildResult<T>;
export declare function emit(obj: unknown): void;
export declare function table(header: string[], rows: (string | number)[][]): string;
export declare function secs(ms: number): string;

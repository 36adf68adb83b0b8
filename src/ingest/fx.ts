import { WildtraceError } from "../errors.js";

/** Exchange rates into one base currency, by currency and date. */
export interface FxTable {
  /** The currency every rate converts into. */
  readonly base: string;
  /** Rate to multiply an amount in `currency` by, on or before `time` (epoch ms); else undefined. */
  rate(currency: string, time: number): number | undefined;
}

/** One FX table row: 1 unit of `currency` is worth `rate` units of the base on `date`. */
export interface FxRate {
  currency: string;
  /** Epoch milliseconds (UTC). */
  time: number;
  rate: number;
}

/**
 * Build an FX table. For each currency the rate used is the latest on or before the transaction
 * date; before the first rate, the first rate is used (rates rarely start before the data do).
 *
 * @example
 * ```ts
 * import { createFxTable } from "wildtrace";
 * const fx = createFxTable("USD", [{ currency: "TZS", time: Date.UTC(2024, 0, 1), rate: 0.0004 }]);
 * fx.rate("TZS", Date.UTC(2024, 5, 1)); // 0.0004
 * fx.rate("USD", 0); // 1
 * ```
 */
export function createFxTable(base: string, rates: readonly FxRate[]): FxTable {
  const byCurrency = new Map<string, { times: number[]; rates: number[] }>();
  const sorted = [...rates].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : a.time - b.time));
  for (const r of sorted) {
    if (!(r.rate > 0) || !Number.isFinite(r.rate)) throw new WildtraceError("E_FX", `createFxTable: rate for ${r.currency} must be a positive number, got ${r.rate}`);
    let e = byCurrency.get(r.currency);
    if (!e) byCurrency.set(r.currency, (e = { times: [], rates: [] }));
    e.times.push(r.time);
    e.rates.push(r.rate);
  }
  return {
    base,
    rate(currency: string, time: number): number | undefined {
      if (currency === base) return 1;
      const e = byCurrency.get(currency);
      if (!e) return undefined;
      let lo = 0;
      let hi = e.times.length - 1;
      if (time < e.times[0]) return e.rates[0];
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (e.times[mid] <= time) lo = mid;
        else hi = mid - 1;
      }
      return e.rates[lo];
    },
  };
}

import type { RuleContext } from "./context.js";
import { inColumns, outColumns } from "./list-columns.js";

/**
 * Private helper of `pass_through` and `rapid_movement`: for each incoming transfer of account
 * `a` (in time order), the first unused outgoing transfer at or after it, within `maxDelayMs`,
 * whose amount is between `minRatio` and `maxRatio` of it. Returns pairs [in, out], in time order.
 *
 * @example
 * ```ts
 * const { dataset } = createDataset({ transactions: [
 *   { id: "T1", date: "2024-01-01", amount: 10000, currency: "USD", fromAccount: "X", toAccount: "M" },
 *   { id: "T2", date: "2024-01-02", amount: 9500, currency: "USD", fromAccount: "M", toAccount: "Y" },
 * ] });
 * const ctx = createRuleContext(dataset);
 * const m = dataset.accountIndex.get("M")!;
 * matchRelays(ctx, m, 3 * DAY, 0.8, 1.05, 1000); // [[0, 1]]: T1 in, T2 out a day later
 * ```
 */
export function matchRelays(ctx: RuleContext, a: number, maxDelayMs: number, minRatio: number, maxRatio: number, minAmount: number): [number, number][] {
  const { inStart, inTx, outStart, outTx } = ctx.adjacency;
  const pairs: [number, number][] = [];
  const oLo = outStart[a];
  const oHi = outStart[a + 1];
  if (oLo === oHi || inStart[a] === inStart[a + 1]) return pairs;
  // list-ordered columns (shared per rule run): sequential reads instead of one per table column
  const inSide = inColumns(ctx);
  const { time: outTime, amount: outAmount } = outColumns(ctx);
  const used = new Uint8Array(oHi - oLo);
  let base = oLo;
  for (let k = inStart[a]; k < inStart[a + 1]; k++) {
    const amt = inSide.amount[k];
    if (amt < minAmount || inSide.other[k] === a) continue;
    const i = inTx[k];
    const ti = inSide.time[k];
    while (base < oHi && outTime[base] < ti) base++;
    for (let q = base; q < oHi; q++) {
      if (outTime[q] - ti > maxDelayMs) break;
      if (used[q - oLo] || outTx[q] === i) continue;
      const ao = outAmount[q];
      if (ao >= minRatio * amt && ao <= maxRatio * amt) {
        used[q - oLo] = 1;
        pairs.push([i, outTx[q]]);
        break;
      }
    }
  }
  return pairs;
}

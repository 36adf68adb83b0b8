import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fanInRule } from "../../src/rules/fan-in.js";
import { d, ds, run, tx } from "./helpers.js";

const senders = (n: number, spanDays = 3, channel = "wire") =>
  Array.from({ length: n }, (_, k) => tx(`T${k}`, d(1 + ((k * spanDays) / Math.max(1, n - 1) || 0)), 900 + k, `S${k}`, "HUB", { channel }));

describe("fan_in", () => {
  it("fires when ten different accounts pay one account within a week", () => {
    const alerts = run(ds({ transactions: senders(10) }), fanInRule);
    expect(alerts).toHaveLength(1);
    const a = alerts[0];
    expect(a.value).toBe(10);
    expect(a.threshold).toBe(10);
    expect(a.typology).toBe("fan_in");
    expect(a.accounts[0]).toBe("HUB");
    expect(a.accounts).toHaveLength(11);
    expect(a.transactions).toHaveLength(10);
    expect(a.id).toBe("fan_in:HUB:2024-01-01");
    expect(a.explanation).toMatch(/^Account HUB received 10 transfers totalling USD 9,045 from 10 different senders within 7 days/);
  });

  it("stays quiet for a merchant paid by many card customers", () => {
    expect(run(ds({ transactions: senders(40, 5, "card") }), fanInRule)).toEqual([]);
  });

  it("boundary: 9 senders do not alert, 10 do; senders spread over more than the window do not", () => {
    expect(run(ds({ transactions: senders(9) }), fanInRule)).toEqual([]);
    expect(run(ds({ transactions: senders(10) }), fanInRule)).toHaveLength(1);
    expect(run(ds({ transactions: senders(10, 9) }), fanInRule)).toEqual([]);
  });

  it("counts a sender once however many times it pays, unless minTransfersPerSender asks for repeats", () => {
    const rows = [...senders(5), ...senders(5).map((r) => ({ ...r, id: `${r.id}b` }))];
    expect(run(ds({ transactions: rows }), fanInRule, { minCounterparties: 5 })[0].value).toBe(5);
    expect(run(ds({ transactions: rows }), fanInRule, { minCounterparties: 5, minTransfersPerSender: 3 })).toEqual([]);
  });

  it("property: adding payments between unrelated accounts never removes the alert", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 100000 })), { maxLength: 30 }), (extra) => {
        const rows = [...senders(12), ...extra.map(([day, amt], k) => tx(`X${k}`, d(day), amt, `U${k % 5}`, `V${k % 7}`))];
        const alerts = run(ds({ transactions: rows }), fanInRule);
        return alerts.some((a) => a.id === "fan_in:HUB:2024-01-01" && a.value === 12);
      }),
      { numRuns: 40 },
    );
  });
});

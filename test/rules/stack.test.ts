import { describe, expect, it } from "vitest";
import { stackRule } from "../../src/rules/stack.js";
import { d, ds, run, tx } from "./helpers.js";

const chain = (hops: number, amounts = (k: number) => 10000 - k * 100, gapDays = 1) =>
  Array.from({ length: hops }, (_, k) => tx(`L${k}`, d(1 + k * gapDays), amounts(k), `A${k}`, `A${k + 1}`));

describe("stack", () => {
  it("fires for a chain of four quick pass-ons of about the same amount", () => {
    const [a, ...rest] = run(ds({ transactions: chain(4) }), stackRule);
    expect(rest).toEqual([]);
    expect(a.value).toBe(4);
    expect(a.accounts).toEqual(["A0", "A1", "A2", "A3", "A4"]);
    expect(a.id).toBe("stack:L0");
  });

  it("stays quiet when each account keeps most of what it received (ordinary spending)", () => {
    expect(run(ds({ transactions: chain(6, (k) => 10000 / 2 ** k) }), stackRule)).toEqual([]);
  });

  it("boundary: three hops do not alert; a gap of more than 72 hours breaks the chain", () => {
    expect(run(ds({ transactions: chain(3) }), stackRule)).toEqual([]);
    expect(run(ds({ transactions: chain(4, undefined, 3) }), stackRule)).toHaveLength(1);
    expect(run(ds({ transactions: chain(4, undefined, 4) }), stackRule)).toEqual([]);
  });

  it("reports a long chain once, from its head", () => {
    const alerts = run(ds({ transactions: chain(8) }), stackRule);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].value).toBe(8);
    expect(alerts[0].severity).toBe("high");
  });
});

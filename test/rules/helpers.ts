import { expect } from "vitest";
import { createDataset, type DatasetInput } from "../../src/ingest/create-dataset.js";
import type { Dataset } from "../../src/model/dataset.js";
import type { Rule } from "../../src/rules/rule.js";
import { runRules } from "../../src/rules/run-rules.js";
import type { Alert } from "../../src/rules/types.js";

/** A dataset from records; fails the test if anything was quarantined. */
export function ds(input: DatasetInput): Dataset {
  const { dataset, quarantine } = createDataset(input);
  expect(quarantine).toEqual([]);
  return dataset;
}

/** A transaction record. */
export function tx(id: string, date: string, amount: number, from?: string, to?: string, extra: Record<string, unknown> = {}) {
  const r: Record<string, unknown> = { id, date, amount, currency: "USD", ...extra };
  if (from) r.fromAccount = from;
  if (to) r.toAccount = to;
  return r;
}

/** Run one rule with optional params; the alerts. */
export function run(dataset: Dataset, rule: Rule, params?: Record<string, unknown>, extra: Parameters<typeof runRules>[1] = {}): Alert[] {
  return runRules(dataset, { ...extra, rules: [rule], config: params ? { rules: { [rule.id]: { params } } } : undefined }).alerts;
}

/** "2024-01-DD" for day d (1-based, may exceed a month: counts from 2024-01-01). */
export function d(day: number, hour = 10): string {
  return new Date(Date.UTC(2024, 0, day, hour)).toISOString();
}

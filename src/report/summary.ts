import type { CaseLoad } from "../ingest/load-case.js";
import { formatInstant } from "../ingest/normalise-date.js";
import { CHANNELS } from "../model/codes.js";
import type { Dataset } from "../model/dataset.js";

/** Per-source counts in the summary. */
export interface SourceSummary {
  file: string;
  kind: string;
  format: string;
  rowsRead: number;
  accepted: number;
  quarantined: number;
}

/** The `summary` block of results.json. Later stages add their own keys. */
export interface ResultsSummary {
  transactions: number;
  accounts: number;
  parties: number;
  relationships: number;
  reports: number;
  rowsRead: number;
  quarantined: number;
  quarantineEntries: number;
  baseCurrency: string;
  period: { start: string; end: string } | null;
  totalAmount: number;
  channels: Record<string, number>;
  sources: SourceSummary[];
  [key: string]: unknown;
}

/**
 * Summarise a loaded case: record counts, rows read and quarantined (per source too), the period
 * covered, total value in the base currency and transactions per channel.
 *
 * @example
 * ```ts
 * import { loadCase, summariseLoad } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * summariseLoad(load).quarantined; // rows put aside, each listed in load.quarantine
 * ```
 */
export function summariseLoad(load: CaseLoad): ResultsSummary {
  const ds: Dataset = load.dataset;
  const perFile = new Map<string, Set<number>>();
  for (const e of load.quarantine) {
    let s = perFile.get(e.file);
    if (!s) perFile.set(e.file, (s = new Set()));
    s.add(e.line);
  }
  const t = ds.transactions;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  let total = 0;
  const channelCounts = new Array<number>(CHANNELS.length).fill(0);
  for (let i = 0; i < t.length; i++) {
    const time = t.time[i];
    if (time < start) start = time;
    if (time > end) end = time;
    total += t.baseAmount[i];
    channelCounts[t.channel[i]]++;
  }
  const channels: Record<string, number> = {};
  CHANNELS.forEach((c, i) => {
    if (channelCounts[i] > 0) channels[c] = channelCounts[i];
  });
  return {
    transactions: t.length,
    accounts: ds.accounts.length,
    parties: ds.parties.length,
    relationships: ds.relationships.length,
    reports: ds.reports.length,
    rowsRead: load.rowsRead,
    quarantined: load.quarantinedRows,
    quarantineEntries: load.quarantine.length,
    baseCurrency: ds.baseCurrency,
    period: t.length > 0 ? { start: formatInstant(start), end: formatInstant(end) } : null,
    totalAmount: Math.round(total * 100) / 100,
    channels,
    sources: load.sources.map((s) => {
      const q = perFile.get(s.file)?.size ?? 0;
      return { file: s.file, kind: s.kind, format: s.format, rowsRead: s.rowsRead, accepted: s.rowsRead - q, quarantined: q };
    }),
  };
}

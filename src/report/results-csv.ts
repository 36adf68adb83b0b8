import type { Dataset } from "../model/dataset.js";
import { parseCaseResults } from "./case-results.js";
import { type CsvValue, toCsv } from "./csv-writer.js";
import { flatValue } from "./export-values.js";

/**
 * Write the alerts of a results object as CSV, one alert a row, in the results' order. Lists
 * (accounts, parties, transactions) are joined with `;`; `value` and `threshold` are numbers or
 * JSON. Text is formula-neutralised.
 *
 * @example
 * ```ts
 * import { alertsToCsv, analyze, loadCase } from "wildtrace";
 * const csv = alertsToCsv(analyze(await loadCase("datasets/mini")));
 * csv.split("\n")[0]; // "id,rule,typology,severity,score,value,threshold,indicator,explanation,accounts,parties,transactions,start,end"
 * ```
 */
export function alertsToCsv(results: unknown): string {
  const r = parseCaseResults(results, "alertsToCsv");
  return toCsv(
    ["id", "rule", "typology", "severity", "score", "value", "threshold", "indicator", "explanation", "accounts", "parties", "transactions", "start", "end"],
    r.alerts.map((a): CsvValue[] => [
      a.id,
      a.rule,
      a.typology,
      a.severity,
      a.score,
      flatValue(a.value),
      flatValue(a.threshold),
      a.indicator,
      a.explanation,
      a.accounts,
      a.parties,
      a.transactions,
      a.start,
      a.end,
    ]),
  );
}

/**
 * Write the ranked scores of a results object as CSV (rank, kind, id, label, country, score,
 * reasons). With the dataset, each subject gets a label (the party's name, or the account's
 * holder) and a country.
 *
 * @example
 * ```ts
 * import { analyze, loadCase, scoresToCsv } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const csv = scoresToCsv(analyze(load), load.dataset);
 * csv.split("\n")[0]; // "rank,kind,id,label,country,score,reasons"
 * ```
 */
export function scoresToCsv(results: unknown, dataset?: Dataset): string {
  const r = parseCaseResults(results, "scoresToCsv");
  return toCsv(
    ["rank", "kind", "id", "label", "country", "score", "reasons"],
    r.scores.map((s): CsvValue[] => {
      const { label, country } = subjectLabel(dataset, s.kind, s.id);
      return [s.rank, s.kind, s.id, label, country, s.score, s.reasons];
    }),
  );
}

/**
 * Display name and country of an account (its holder's name) or a party.
 *
 * @example
 * ```ts
 * import { loadCase, subjectLabel } from "wildtrace";
 * const { dataset } = await loadCase("datasets/mini");
 * subjectLabel(dataset, "account", "ACC-MY-01"); // { label: "Selangor Freight Sdn Bhd", country: "MY" }
 * subjectLabel(dataset, "party", "P001"); // { label: "Nguyen Van Hung", country: "VN" }
 * ```
 */
export function subjectLabel(dataset: Dataset | undefined, kind: "account" | "party", id: string): { label: string; country: string } {
  if (!dataset) return { label: "", country: "" };
  if (kind === "party") {
    const i = dataset.partyIndex.get(id);
    const p = i === undefined ? undefined : dataset.parties[i];
    return { label: p?.name ?? "", country: p?.country ?? "" };
  }
  const i = dataset.accountIndex.get(id);
  if (i === undefined) return { label: "", country: "" };
  const h = dataset.accountHolder[i];
  return { label: h >= 0 ? dataset.parties[h].name : "", country: dataset.countries[dataset.accountCountry[i]] ?? "" };
}

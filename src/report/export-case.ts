import type { AbstractGraph } from "graphology-types";
import { OptionError } from "../errors.js";
import { buildEntityGraph } from "../graph/entity-graph.js";
import { writeGraphML } from "../graph/graphml.js";
import { buildTransactionGraph } from "../graph/transaction-graph.js";
import type { Dataset } from "../model/dataset.js";
import { parseCaseResults } from "./case-results.js";
import { toCypher, toNeo4jCsv } from "./cypher-export.js";
import { exportFtm, ftmLines } from "./ftm-export.js";
import { toGexf } from "./gexf-export.js";
import { toI2Csv } from "./i2-export.js";
import { pseudonymiseCase } from "./pseudonymise.js";
import { alertsToCsv, scoresToCsv } from "./results-csv.js";

/**
 * The export formats of {@link exportCase} and `wildtrace export`.
 *
 * @example
 * ```ts
 * import { EXPORT_FORMATS } from "wildtrace";
 * EXPORT_FORMATS.includes("gexf"); // true
 * ```
 */
export const EXPORT_FORMATS = Object.freeze(["graphml", "gexf", "cypher", "i2", "ftm", "csv"] as const);
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of {@link exportCase}. */
export interface ExportCaseOptions {
  /** What to write. Required. */
  format: ExportFormat;
  /** Which graph the graph formats write: money between accounts, or parties and what links them. [default: "transactions"] */
  graph?: "transactions" | "entities";
  /** Transactions graph: one edge per transaction instead of one per ordered pair of accounts. [default: false] */
  multi?: boolean;
  /**
   * Replace names, identifiers, contact details, party and account ids by keyed hashes
   * (HMAC-SHA256), the same in every file of the export. The key is never written. [default: none]
   */
  pseudonymiseKey?: string | Uint8Array;
}

/**
 * Defaults of {@link ExportCaseOptions}.
 *
 * @example
 * ```ts
 * import { EXPORT_CASE_DEFAULTS } from "wildtrace";
 * EXPORT_CASE_DEFAULTS; // { graph: "transactions", multi: false }
 * ```
 */
export const EXPORT_CASE_DEFAULTS = Object.freeze({ graph: "transactions" as const, multi: false });

/** One file of an export: a name relative to the output folder, and its text. */
export interface ExportFile {
  name: string;
  content: string;
}

/** Account attributes from the results: score, rank, community, number of alerts. */
function annotate(graph: AbstractGraph, results: ReturnType<typeof parseCaseResults>): void {
  const score = new Map(results.scores.filter((s) => s.kind === "account").map((s) => [s.id, s]));
  const community = new Map<string, string>();
  for (const c of results.communities) for (const m of c.members) if (!community.has(m)) community.set(m, c.id);
  const alerts = new Map<string, number>();
  for (const a of results.alerts) for (const id of a.accounts) alerts.set(id, (alerts.get(id) ?? 0) + 1);
  graph.forEachNode((key, attrs) => {
    if (attrs.kind !== "account") return;
    const s = score.get(key);
    if (s) graph.mergeNodeAttributes(key, { score: s.score, rank: s.rank });
    const c = community.get(key);
    if (c !== undefined) graph.setNodeAttribute(key, "community", c);
    const n = alerts.get(key);
    if (n) graph.setNodeAttribute(key, "alerts", n);
  });
}

/**
 * Build the files of one export of a case, in memory (the CLI writes them): GraphML or GEXF of
 * the transactions or entity graph, a Cypher script with the Neo4j bulk-import CSVs, i2 Analyst's
 * Notebook import CSVs, FollowTheMoney entities, or the alerts and scores as CSV. In the
 * transactions graph, accounts carry their `score`, `rank`, `community` and number of `alerts`
 * from the results. With `pseudonymiseKey`, everything is built from the pseudonymised case, so
 * every file of the export uses the same pseudonyms. Inputs are not mutated.
 *
 * @example
 * ```ts
 * import { analyze, exportCase, loadCase } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const files = exportCase(load.dataset, analyze(load), { format: "cypher", pseudonymiseKey: process.env.WILDTRACE_KEY });
 * files.map((f) => f.name); // ["transactions.cypher", "transactions-nodes.csv", "transactions-relationships.csv"]
 * ```
 */
export function exportCase(dataset: Dataset, results: unknown, options: ExportCaseOptions): ExportFile[] {
  const format = options?.format;
  if (!EXPORT_FORMATS.includes(format)) throw new OptionError("exportCase", `\`format\` must be one of ${EXPORT_FORMATS.join(", ")}, got '${String(format)}'`);
  const which = options.graph ?? EXPORT_CASE_DEFAULTS.graph;
  if (which !== "transactions" && which !== "entities") throw new OptionError("exportCase", `\`graph\` must be "transactions" or "entities", got '${String(which)}'`);
  let ds = dataset;
  let res = parseCaseResults(results, "exportCase");
  if (options.pseudonymiseKey !== undefined) {
    const shared = pseudonymiseCase(dataset, res, { key: options.pseudonymiseKey });
    ds = shared.dataset;
    res = shared.results;
  }
  if (format === "csv") {
    return [
      { name: "alerts.csv", content: alertsToCsv(res) },
      { name: "scores.csv", content: scoresToCsv(res, ds) },
    ];
  }
  if (format === "ftm") return [{ name: "entities.ftm.json", content: ftmLines(exportFtm(ds)) }];
  let graph: AbstractGraph;
  if (which === "entities") graph = buildEntityGraph(ds);
  else {
    graph = buildTransactionGraph(ds, { multi: options.multi ?? EXPORT_CASE_DEFAULTS.multi });
    annotate(graph, res);
  }
  switch (format) {
    case "graphml":
      return [{ name: `${which}.graphml`, content: writeGraphML(graph) }];
    case "gexf":
      return [{ name: `${which}.gexf`, content: toGexf(graph) }];
    case "cypher": {
      const { nodes, relationships } = toNeo4jCsv(graph);
      return [
        { name: `${which}.cypher`, content: toCypher(graph) },
        { name: `${which}-nodes.csv`, content: nodes },
        { name: `${which}-relationships.csv`, content: relationships },
      ];
    }
    default: {
      const { entities, links } = toI2Csv(graph);
      return [
        { name: `${which}-i2-entities.csv`, content: entities },
        { name: `${which}-i2-links.csv`, content: links },
      ];
    }
  }
}

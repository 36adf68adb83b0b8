import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { serializeResults } from "../analyze.js";
import { transactionGraphMLChunks } from "../graph/graphml.js";
import { buildCaseBrief } from "../report/case-brief.js";
import { htmlFromBrief } from "../report/html-report.js";
import { markdownFromBrief } from "../report/markdown-report.js";
import { renderLinkChartSvg } from "../report/svg-chart.js";
import { analyzeCaseArgs, CASE_OPTIONS, CASE_OPTIONS_HELP } from "./case-args.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace analyze`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(ANALYZE_HELP); // what `wildtrace analyze --help` prints
 * ```
 */
export const ANALYZE_HELP = `Usage: wildtrace analyze DIR [--out OUT] [options]

Ingest the case folder DIR and write OUT/results.json, OUT/graph.graphml (the
transaction graph: accounts as nodes, transfers aggregated per pair), and the case report:
OUT/report.html (one self-contained file, opens offline) and OUT/report.md with its link chart
OUT/report-chart.svg.

Options:
  --out OUT          output folder [default: out]
  --trace ID         follow the money from and to this account or party (repeatable);
                     writes the paths as "flows" in results.json
  --trace-top N      also trace the N highest-scored accounts [default: 0]
${CASE_OPTIONS_HELP}`;

/**
 * `wildtrace analyze DIR --out OUT`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runAnalyze(["datasets/mini", "--out", "out/mini", "--quiet"], processIO);
 * // 0; out/mini holds results.json, graph.graphml, report.html, report.md, report-chart.svg
 * ```
 */
export async function runAnalyze(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "out" },
      trace: { type: "string", multiple: true },
      "trace-top": { type: "string", default: "0" },
      ...CASE_OPTIONS,
    },
  });
  if (values.help) {
    io.out(ANALYZE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("analyze needs exactly one case folder", ANALYZE_HELP);
  const traceTop = Number(values["trace-top"]);
  if (!Number.isInteger(traceTop) || traceTop < 0) throw new UsageError(`--trace-top must be a whole number, got '${values["trace-top"]}'`, ANALYZE_HELP);
  const { load, results, progress } = await analyzeCaseArgs(positionals[0], values, ANALYZE_HELP, { trace: values.trace, traceTop });
  mkdirSync(values.out, { recursive: true });
  progress({ stage: "write", done: 0, total: 3, message: "results.json" });
  writeFileSync(join(values.out, "results.json"), serializeResults(results));
  progress({ stage: "write", done: 1, total: 3, message: "graph.graphml" });
  const fd = openSync(join(values.out, "graph.graphml"), "w");
  try {
    for (const chunk of transactionGraphMLChunks(load.dataset)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  progress({ stage: "write", done: 2, total: 3, message: "report.html, report.md" });
  const brief = buildCaseBrief(results, load.dataset);
  writeFileSync(join(values.out, "report.html"), htmlFromBrief(brief));
  writeFileSync(join(values.out, "report-chart.svg"), renderLinkChartSvg(brief.chart));
  writeFileSync(join(values.out, "report.md"), markdownFromBrief(brief, { chartHref: "report-chart.svg" }));
  progress.done();
  const s = results.summary;
  const unknownSeeds = s.detect.flows.unknownSeeds;
  if (unknownSeeds.length > 0) io.err(`wildtrace: --trace ${unknownSeeds.join(", ")}: no such account or party in the case`);
  io.err(`wildtrace: ${s.transactions} transactions, ${s.accounts} accounts, ${s.parties} parties; ${s.quarantined} rows quarantined; results in ${join(values.out, "results.json")}`);
  return 0;
}

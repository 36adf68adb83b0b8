import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { analyze, serializeResults } from "../analyze.js";
import { transactionGraphMLChunks } from "../graph/graphml.js";
import { loadCase } from "../ingest/load-case.js";
import { caseReaders } from "../ingest/readers.js";
import { buildCaseBrief } from "../report/case-brief.js";
import { htmlFromBrief } from "../report/html-report.js";
import { markdownFromBrief } from "../report/markdown-report.js";
import { renderLinkChartSvg } from "../report/svg-chart.js";
import { stderrProgress } from "./progress.js";
import { readRulesConfig } from "./rules.js";
import { type CommandIO, UsageError } from "./io.js";

export const ANALYZE_HELP = `Usage: wildtrace analyze DIR [--out OUT] [options]

Ingest the case folder DIR and write OUT/results.json, OUT/graph.graphml (the
transaction graph: accounts as nodes, transfers aggregated per pair), and the case report:
OUT/report.html (one self-contained file, opens offline) and OUT/report.md with its link chart
OUT/report-chart.svg.

Options:
  --out OUT          output folder [default: out]
  --mapping FILE     column mapping JSON [default: DIR/mapping.json if present]
  --base-currency C  base currency for amounts [default: USD]
  --strict           stop at the first bad record instead of quarantining it
  --seed N           seed for randomised steps [default: 42]
  --trace ID         follow the money from and to this account or party (repeatable);
                     writes the paths as "flows" in results.json
  --trace-top N      also trace the N highest-scored accounts [default: 0]
  --config FILE      rules config JSON: per-rule params and enabled flags, typology weights,
                     watchlist (see 'wildtrace rules --help') [default: built-in defaults]
  --quiet            no progress on stderr
  -h, --help         this help`;

/** `wildtrace analyze DIR --out OUT`. Returns the exit status. */
export async function runAnalyze(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: "out" },
      mapping: { type: "string" },
      "base-currency": { type: "string" },
      strict: { type: "boolean", default: false },
      seed: { type: "string", default: "42" },
      trace: { type: "string", multiple: true },
      "trace-top": { type: "string", default: "0" },
      config: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(ANALYZE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("analyze needs exactly one case folder", ANALYZE_HELP);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`, ANALYZE_HELP);
  const traceTop = Number(values["trace-top"]);
  if (!Number.isInteger(traceTop) || traceTop < 0) throw new UsageError(`--trace-top must be a whole number, got '${values["trace-top"]}'`, ANALYZE_HELP);
  const progress = values.quiet ? undefined : stderrProgress();
  const load = await loadCase(positionals[0], {
    mapping: values.mapping,
    baseCurrency: values["base-currency"]?.toUpperCase(),
    strict: values.strict,
    readers: caseReaders(),
    onProgress: progress,
  });
  const rules = values.config ? readRulesConfig(values.config) : undefined;
  const results = analyze(load, { seed, onProgress: progress, trace: values.trace, traceTop, rules });
  progress?.done();
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "results.json"), serializeResults(results));
  const fd = openSync(join(values.out, "graph.graphml"), "w");
  try {
    for (const chunk of transactionGraphMLChunks(load.dataset)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  const brief = buildCaseBrief(results, load.dataset);
  writeFileSync(join(values.out, "report.html"), htmlFromBrief(brief));
  writeFileSync(join(values.out, "report-chart.svg"), renderLinkChartSvg(brief.chart));
  writeFileSync(join(values.out, "report.md"), markdownFromBrief(brief, { chartHref: "report-chart.svg" }));
  const s = results.summary;
  const unknownSeeds = s.detect.flows.unknownSeeds;
  if (unknownSeeds.length > 0) io.err(`wildtrace: --trace ${unknownSeeds.join(", ")}: no such account or party in the case`);
  io.err(`wildtrace: ${s.transactions} transactions, ${s.accounts} accounts, ${s.parties} parties; ${s.quarantined} rows quarantined; results in ${join(values.out, "results.json")}`);
  return 0;
}

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { WildtraceError } from "../errors.js";
import { evaluateResults } from "../evaluate/evaluate-results.js";
import { formatEvaluation } from "../evaluate/format-evaluation.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace evaluate`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(EVALUATE_HELP); // what `wildtrace evaluate --help` prints
 * ```
 */
export const EVALUATE_HELP = `Usage: wildtrace evaluate RESULTS TRUTH [options]

Grade RESULTS (a results.json, or a folder holding one) against TRUTH (a truth.json written by
'wildtrace generate', or a case folder holding one): recall and precision per typology, rank of
the planted accounts in the scores, best community match, trace reach, duplicates merged.

Options:
  --json             print the evaluation as JSON instead of a table
  --markdown         print the table as Markdown
  -h, --help         this help`;

function readJson(path: string, file: string): unknown {
  let p = path;
  try {
    if (!p.endsWith(".json")) p = `${p.replace(/\/+$/, "")}/${file}`;
    return JSON.parse(readFileSync(p, "utf8"));
  } catch (e) {
    throw new WildtraceError("E_NO_INPUT", `evaluate: cannot read ${p}: ${(e as Error).message}`);
  }
}

/**
 * `wildtrace evaluate RESULTS TRUTH`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runGenerate(["--out", "out/case", "--seed", "7", "--transactions", "1000"], processIO);
 * await runAnalyze(["out/case", "--out", "out/case-results", "--quiet"], processIO);
 * await runEvaluate(["out/case-results", "out/case"], processIO); // 0; prints recall and precision per typology
 * ```
 */
export async function runEvaluate(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      markdown: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(EVALUATE_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError("evaluate needs RESULTS and TRUTH", EVALUATE_HELP);
  const ev = evaluateResults(readJson(positionals[0], "results.json"), readJson(positionals[1], "truth.json"));
  io.out(values.json ? JSON.stringify(ev, null, 2) : formatEvaluation(ev, { format: values.markdown ? "markdown" : "text" }));
  return 0;
}

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, type ExportFormat, exportCase } from "../report/export-case.js";
import { analyzeCaseArgs, CASE_OPTIONS, CASE_OPTIONS_HELP } from "./case-args.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace export`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(EXPORT_HELP); // what `wildtrace export --help` prints
 * ```
 */
export const EXPORT_HELP = `Usage: wildtrace export DIR --format FORMAT [--out OUT] [options]

Analyse the case folder DIR and write it in a format other tools load:
  graphml   OUT/<graph>.graphml (yEd, Gephi, networkx, graphology)
  gexf      OUT/<graph>.gexf (Gephi)
  cypher    OUT/<graph>.cypher (cypher-shell) and OUT/<graph>-nodes.csv,
            OUT/<graph>-relationships.csv (neo4j-admin database import, --array-delimiter=";")
  i2        OUT/<graph>-i2-entities.csv, OUT/<graph>-i2-links.csv (i2 Analyst's Notebook importer)
  ftm       OUT/entities.ftm.json (FollowTheMoney, one entity a line: Aleph, OpenSanctions tools)
  csv       OUT/alerts.csv, OUT/scores.csv
Every CSV file neutralises cells a spreadsheet would run as a formula.

Options:
  --format FORMAT    one of ${EXPORT_FORMATS.join(", ")} (required)
  --out OUT          output folder [default: out]
  --graph G          transactions (accounts and the money between them) or entities
                     (parties, accounts and what links them) [default: transactions]
  --multi            transactions graph: one edge per transaction [default: one per pair]
  --pseudonymise     replace names, identifiers, contact details, party and account ids by
                     keyed hashes (HMAC-SHA256), the same in every file; the key is never written
  --key-env VAR      environment variable holding the key (16+ characters) [default: WILDTRACE_KEY]
${CASE_OPTIONS_HELP}`;

/**
 * `wildtrace export DIR --format FORMAT --out OUT`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runExport(["datasets/mini", "--format", "gexf", "--out", "out/export", "--quiet"], processIO);
 * // 0; writes out/export/transactions.gexf
 * ```
 */
export async function runExport(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      out: { type: "string", default: "out" },
      graph: { type: "string", default: "transactions" },
      multi: { type: "boolean", default: false },
      pseudonymise: { type: "boolean", default: false },
      "key-env": { type: "string", default: "WILDTRACE_KEY" },
      ...CASE_OPTIONS,
    },
  });
  if (values.help) {
    io.out(EXPORT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("export needs exactly one case folder", EXPORT_HELP);
  const format = values.format as ExportFormat | undefined;
  if (!format || !EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(", ")}`, EXPORT_HELP);
  const graph = values.graph;
  if (graph !== "transactions" && graph !== "entities") throw new UsageError(`--graph must be transactions or entities, got '${graph}'`, EXPORT_HELP);
  let key: string | undefined;
  if (values.pseudonymise) {
    const name = values["key-env"];
    key = Object.hasOwn(process.env, name) ? process.env[name] : undefined;
    if (!key || key.length < 16) throw new UsageError(`--pseudonymise needs a key of 16 or more characters in the environment variable ${name}`, EXPORT_HELP);
  } else if (argv.some((a) => a === "--key-env" || a.startsWith("--key-env="))) {
    throw new UsageError("--key-env is only used with --pseudonymise", EXPORT_HELP);
  }
  const { load, results, progress } = await analyzeCaseArgs(positionals[0], values, EXPORT_HELP);
  progress({ stage: "export", done: 0, message: format });
  const files = exportCase(load.dataset, results, { format, graph, multi: values.multi, pseudonymiseKey: key });
  mkdirSync(values.out, { recursive: true });
  for (const f of files) writeFileSync(join(values.out, f.name), f.content);
  progress.done();
  io.err(`wildtrace: wrote ${files.map((f) => join(values.out, f.name)).join(", ")}${key ? " (pseudonymised)" : ""}`);
  return 0;
}

import { WildtraceError } from "../errors.js";
import { runAnalyze } from "./analyze.js";
import { runDemo } from "./demo.js";
import { runEvaluate } from "./evaluate.js";
import { runExport } from "./export.js";
import { runGenerate } from "./generate.js";
import { type CommandIO, processIO, UsageError } from "./io.js";
import { runRulesCommand } from "./rules.js";
import { runStr } from "./str.js";

type Command = { summary: string; run: (argv: string[], io: CommandIO) => Promise<number> };

/** The subcommands, in the order `wildtrace --help` lists them. */
const COMMANDS: Record<string, Command> = {
  analyze: { summary: "ingest a case folder and write results.json (and reports)", run: runAnalyze },
  rules: { summary: "list the typology rules with their parameters, bands and sources", run: runRulesCommand },
  export: { summary: "write a case as GraphML, GEXF, Cypher/Neo4j, i2, FtM or CSV", run: runExport },
  str: { summary: "write a goAML STR skeleton for alerts or a community, to complete in goAML", run: runStr },
  generate: { summary: "write a synthetic case with planted schemes and its truth.json", run: runGenerate },
  evaluate: { summary: "grade results.json against a truth.json (recall, precision, ranks)", run: runEvaluate },
  demo: { summary: "run the whole pipeline on the flagship case and print what to look at first", run: runDemo },
};

const HELP = () => `Usage: wildtrace <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join("\n")}

Run 'wildtrace <command> --help' for a command's options.`;

/**
 * Run the CLI with arguments (without `node` and the script); returns the exit status.
 *
 * @example
 * ```ts
 * await main(["analyze", "datasets/mini", "--out", "out/mini", "--quiet"]); // 0
 * await main(["--help"]); // 0, after printing the list of commands
 * await main(["frobnicate"]); // 2: unknown command
 * ```
 */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP());
    return name ? 0 : 2;
  }
  const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!cmd) {
    io.err(`wildtrace: unknown command '${name}'\n\n${HELP()}`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`wildtrace ${name}: ${e.message}\n\n${e.help}`);
      return 2;
    }
    if (e instanceof WildtraceError) {
      io.err(`wildtrace ${name}: ${e.message}`);
      return 1;
    }
    if (e instanceof TypeError && /parseArgs|Unknown option|ERR_PARSE_ARGS/.test(`${(e as { code?: string }).code ?? ""} ${e.message}`)) {
      io.err(`wildtrace ${name}: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

import { parseArgs } from "node:util";
import { generateCase } from "../generate/generate-case.js";
import { DIFFICULTIES, type Difficulty, SCHEME_NAMES, type SchemeName } from "../generate/options.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace generate`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(GENERATE_HELP); // what `wildtrace generate --help` prints
 * ```
 */
export const GENERATE_HELP = `Usage: wildtrace generate --out DIR [options]

Write a synthetic case folder (transactions.csv, accounts.csv, parties.csv, relationships.csv,
fx.csv) with planted wildlife-trafficking schemes, and DIR/truth.json, the answer key.
The same options always give byte-identical files.

Options:
  --out DIR            folder to write (required)
  --seed N             seed [default: 1]
  --transactions N     total transactions, 1000 to 50,000,000 [default: 20000]
  --accounts N         background accounts [default: transactions / 10]
  --start YYYY-MM-DD   first day [default: 2024-01-01]
  --days N             length of the period in days [default: 182]
  --schemes LIST       comma-separated, from ${SCHEME_NAMES.join(",")} [default: all]
  --scheme-scale X     size of each scheme (shipments, poachers) [default: auto]
  --difficulty D       ${DIFFICULTIES.join(", ")}: noise and obfuscation [default: medium]
  --dirty-rows N       add N malformed rows for the quarantine lesson (listed in truth.dirty)
                       [default: 0]
  --goaml              also write one goAML STR per scheme into DIR/goaml/ [default: off]
  -h, --help           this help`;

function intArg(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be an integer, got '${raw}'`, GENERATE_HELP);
  return n;
}

/**
 * `wildtrace generate --seed N --out DIR`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runGenerate(["--out", "out/case", "--seed", "7", "--transactions", "1000"], processIO);
 * // 0; writes out/case/transactions.csv, accounts.csv, parties.csv, ... and truth.json
 * ```
 */
export async function runGenerate(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      seed: { type: "string" },
      transactions: { type: "string" },
      accounts: { type: "string" },
      start: { type: "string" },
      days: { type: "string" },
      schemes: { type: "string" },
      "scheme-scale": { type: "string" },
      difficulty: { type: "string" },
      "dirty-rows": { type: "string" },
      goaml: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, GENERATE_HELP);
  if (!values.out) throw new UsageError("--out DIR is required", GENERATE_HELP);
  let schemes: SchemeName[] | undefined;
  if (values.schemes !== undefined) {
    const list = values.schemes.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const bad = list.filter((s) => !(SCHEME_NAMES as readonly string[]).includes(s));
    if (bad.length > 0) throw new UsageError(`unknown scheme(s) ${bad.join(", ")}; choose from ${SCHEME_NAMES.join(", ")}`, GENERATE_HELP);
    schemes = list as SchemeName[];
  }
  if (values.difficulty !== undefined && !(DIFFICULTIES as readonly string[]).includes(values.difficulty)) {
    throw new UsageError(`--difficulty must be one of ${DIFFICULTIES.join(", ")}`, GENERATE_HELP);
  }
  const scale = values["scheme-scale"] === undefined ? undefined : Number(values["scheme-scale"]);
  if (scale !== undefined && !(scale > 0)) throw new UsageError("--scheme-scale must be a positive number", GENERATE_HELP);
  const started = Date.now();
  const res = generateCase({
    out: values.out,
    seed: intArg("seed", values.seed),
    transactions: intArg("transactions", values.transactions),
    accounts: intArg("accounts", values.accounts),
    start: values.start,
    days: intArg("days", values.days),
    schemes,
    schemeScale: scale,
    difficulty: values.difficulty as Difficulty | undefined,
    dirtyRows: intArg("dirty-rows", values["dirty-rows"]),
    goaml: values.goaml,
  });
  const bytes = res.files.reduce((a, f) => a + f.bytes, 0);
  io.err(
    `wildtrace: wrote ${res.transactions} transactions (${res.plantedTransactions} planted in ${res.truth.schemes.map((s) => s.id).join(", ")}), ${res.accounts} accounts, ${res.parties} parties to ${res.out} (${(bytes / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s); answer key in ${res.out}/truth.json`,
  );
  return 0;
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serializeResults } from "../analyze.js";
import { WildtraceError } from "../errors.js";
import { evaluateResults } from "../evaluate/evaluate-results.js";
import { loadCase } from "../ingest/load-case.js";
import { caseReaders } from "../ingest/readers.js";
import { analyzeParallel } from "../parallel/analyze-parallel.js";
import { renderHtmlReport } from "../report/html-report.js";
import { renderMarkdownReport } from "../report/markdown-report.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The flagship bundled case.
 *
 * @example
 * ```ts
 * join("datasets", FLAGSHIP_CASE); // "datasets/ivory-tz-my-cn", what `wildtrace demo` runs on
 * ```
 */
export const FLAGSHIP_CASE = "ivory-tz-my-cn";

/**
 * The usage text of `wildtrace demo`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(DEMO_HELP); // what `wildtrace demo --help` prints
 * ```
 */
export const DEMO_HELP = `Usage: wildtrace demo [DIR] [--out OUT]

Run the whole pipeline on the flagship case (datasets/${FLAGSHIP_CASE}: a generated ivory
case, Tanzania and Mozambique to Malaysia and China), trace the money of the three
highest-scored accounts, write the case report, and print the three findings to look at first.
With a truth.json in the case folder, also print how the default settings scored.

Options:
  DIR                case folder [default: datasets/${FLAGSHIP_CASE}]
  --out OUT          output folder [default: out/demo]
  --seed N           seed for randomised steps [default: 42]
  -h, --help         this help`;

/** The flagship case folder: in the working directory, or next to the package. */
function findFlagship(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(process.cwd(), "datasets", FLAGSHIP_CASE), join(here, "..", "datasets", FLAGSHIP_CASE), join(here, "..", "..", "datasets", FLAGSHIP_CASE)];
  return candidates.find((c) => existsSync(join(c, "transactions.csv")));
}

/**
 * `wildtrace demo`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runDemo(["--out", "out/demo"], processIO);
 * // 0; prints the three findings to look at first and how the default settings scored
 * ```
 */
export async function runDemo(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: "string", default: join("out", "demo") },
      seed: { type: "string", default: "42" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(DEMO_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError("demo takes at most one case folder", DEMO_HELP);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got '${values.seed}'`, DEMO_HELP);
  const dir = positionals[0] ?? findFlagship();
  if (!dir) throw new WildtraceError("E_NO_INPUT", `demo: the flagship case datasets/${FLAGSHIP_CASE} was not found; run from the repository or give a case folder`);
  const started = Date.now();
  const load = await loadCase(dir, { readers: caseReaders() });
  const results = await analyzeParallel(load, { seed, traceTop: 3 });
  const top = results.scores.filter((s) => s.kind === "account").slice(0, 3);
  mkdirSync(values.out, { recursive: true });
  writeFileSync(join(values.out, "results.json"), serializeResults(results));
  writeFileSync(join(values.out, "report.html"), renderHtmlReport(results, load.dataset));
  writeFileSync(join(values.out, "report.md"), renderMarkdownReport(results, load.dataset));

  const ds = load.dataset;
  const holder = (account: string) => {
    const a = ds.accountIndex.get(account);
    return a === undefined ? "" : (ds.parties[ds.accountHolder[a]]?.name ?? "");
  };
  const s = results.summary;
  io.out(`wildtrace demo: ${s.transactions} transactions, ${s.accounts} accounts, ${s.parties} parties from ${dir} (${s.quarantined} rows quarantined) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  io.out(`The case report: ${resolve(values.out, "report.html")} (open it in a browser; also report.md and results.json).`);
  io.out("\nThree findings to look at first:");
  const alerts = results.alerts;
  if (top[0]) {
    const reasons = new Set(top[0].reasons.map((r) => alerts.find((a) => a.id === r)?.typology).filter((t) => t !== undefined));
    io.out(`  1. Account ${top[0].id} (${holder(top[0].id)}) has the highest risk score, ${top[0].score}, from ${top[0].reasons.length} alerts: ${[...reasons].sort().join(", ")}.`);
  }
  const communities = results.communities;
  if (communities[0]) {
    const c = communities[0];
    io.out(`  2. Community ${c.id}: ${c.size} accounts in ${c.summary.countries.join(", ")} that trade mostly among themselves (score ${c.score}); typologies ${c.summary.typologies.join(", ") || "none"}.`);
  }
  const corridors = results.corridors;
  if (corridors[0]) {
    const k = corridors[0];
    io.out(`  3. Corridor ${k.countries.join(" > ")}: ${Math.round(k.amount).toLocaleString("en-US")} ${ds.baseCurrency} in ${k.count} chains, e.g. ${k.examples[0]?.join(" > ") ?? ""}.`);
  }
  const truthPath = join(dir, "truth.json");
  if (existsSync(truthPath)) {
    const ev = evaluateResults(results, JSON.parse(readFileSync(truthPath, "utf8")));
    io.out(
      `\nAgainst the answer key (truth.json): ${Math.round((ev.overall.accountRecall ?? 0) * 100)}% of planted accounts alerted, ${Math.round((ev.ranking.precisionAtK["10"] ?? 0) * 100)}% of the ten highest-scored accounts planted, best community Jaccard ${(ev.communities.meanJaccard ?? 0).toFixed(2)}, trace reach ${Math.round((ev.trace.reach ?? 0) * 100)}%. Details: wildtrace evaluate ${join(values.out, "results.json")} ${truthPath}`,
    );
  }
  return 0;
}

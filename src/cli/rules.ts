import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { z } from "zod";
import { WildtraceError } from "../errors.js";
import { parseRulesConfig, type RulesConfig } from "../rules/config.js";
import { defaultRules } from "../rules/default-rules.js";
import { resolveRules } from "../rules/run-rules.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace rules`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(RULES_HELP); // what `wildtrace rules --help` prints
 * ```
 */
export const RULES_HELP = `Usage: wildtrace rules [--config rules.json] [--json]

List the typology rules: id, typology, indicator source, inputs needed, parameters with their
defaults (or the values from --config) and the bands that turn a measurement into an alert.

Options:
  --config FILE   a rules config (JSON): {"rules": {"<id>": {"enabled", "params", "bands"}},
                  "weights": {"<typology>": n}, "scoring": {...}, "watchlist": [...]}
  --json          print the list as JSON
  -h, --help      this help`;

/**
 * Read and validate a rules config file (JSON). Throws {@link WildtraceError} with the file name
 * when it cannot be read or parsed, and `OptionError` listing every invalid field.
 *
 * @example
 * ```ts
 * // used by `wildtrace analyze --config rules.json` and `wildtrace rules --config rules.json`
 * const config = readRulesConfig("rules.json");
 * config.rules.fan_in?.params; // e.g. { minCounterparties: 8 }
 * ```
 */
export function readRulesConfig(path: string): RulesConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new WildtraceError("E_NO_INPUT", `readRulesConfig: cannot read ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new WildtraceError("E_CONFIG", `readRulesConfig: ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseRulesConfig(json, "readRulesConfig");
}

/** The documented default of a zod field, or undefined. */
function defaultOf(schema: z.ZodType): unknown {
  const r = schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

/**
 * `wildtrace rules`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runRulesCommand(["--json"], processIO); // 0; the rules, their parameters and bands as JSON
 * ```
 */
export async function runRulesCommand(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.out(RULES_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, RULES_HELP);
  const config = values.config ? readRulesConfig(values.config) : {};
  const resolved = resolveRules(defaultRules(), config, "wildtrace rules");
  const list = resolved.map(({ rule, enabled, params, bands }) => ({
    id: rule.id,
    title: rule.title,
    typology: rule.typology,
    enabled,
    indicator: rule.indicator,
    measures: rule.description,
    unit: rule.unit,
    needs: rule.needs.map((n) => (typeof n === "string" ? n : n.join(" or "))),
    params: Object.entries(rule.params.shape).map(([name, field]) => ({
      name,
      value: params[name],
      default: defaultOf(field as z.ZodType),
    })),
    bands,
  }));
  if (values.json) {
    io.out(JSON.stringify(list, null, 2));
    return 0;
  }
  const lines: string[] = [];
  for (const r of list) {
    lines.push(`${r.id}${r.enabled ? "" : " (disabled)"}  [${r.typology}]  ${r.title}`);
    lines.push(`  measures:  ${r.measures} (unit: ${r.unit})`);
    lines.push(`  source:    ${r.indicator}`);
    lines.push(`  needs:     ${r.needs.join(", ")}`);
    for (const p of r.params) {
      const changed = JSON.stringify(p.value) !== JSON.stringify(p.default) ? ` (default ${JSON.stringify(p.default)})` : "";
      lines.push(`  param      ${p.name} = ${JSON.stringify(p.value)}${changed}`);
    }
    for (const b of r.bands) lines.push(`  band       >= ${b.min}: ${b.severity}, score ${b.score}: ${b.reason}`);
    lines.push("");
  }
  io.out(lines.join("\n").trimEnd());
  return 0;
}

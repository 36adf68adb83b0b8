import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findTransaction } from "../model/dataset.js";
import { exportGoamlReport } from "../report/goaml-export.js";
import { analyzeCaseArgs, CASE_OPTIONS, CASE_OPTIONS_HELP } from "./case-args.js";
import { type CommandIO, UsageError } from "./io.js";

/**
 * The usage text of `wildtrace str`, printed by `--help` and after a usage error.
 *
 * @example
 * ```ts
 * processIO.out(STR_HELP); // what `wildtrace str --help` prints
 * ```
 */
export const STR_HELP = `Usage: wildtrace str DIR (--alert ID ... | --community ID) [--out FILE] [options]

Analyse the case folder DIR (as 'wildtrace analyze' does) and write a goAML 5.0 STR skeleton for
the chosen alerts' transactions and parties, or for a community's transactions, for an analyst to
complete in goAML: the fields wildtrace knows are filled, the rest marked 'analyst'.

Options:
  --alert ID         an alert id from results.json (repeat for several)
  --community ID     a community id from results.json (its accounts' transactions among them)
  --out FILE         output file [default: str.xml]
  --rentity-id ID    your reporting entity id in goAML [default: left for the analyst]
  --reference REF    your reference for the report [default: left for the analyst]
  --report-code C    report code [default: STR]
  --indicator CODE   an indicator code of your FIU (repeat for several) [default: left for the analyst]
${CASE_OPTIONS_HELP}`;

/**
 * `wildtrace str DIR --alert ID --out str.xml`. Returns the exit status.
 *
 * @example
 * ```ts
 * await runStr(["datasets/mini", "--alert", "high_risk_corridor:ACC-CN-01:2024-01-08", "--out", "out/str.xml", "--quiet"], processIO);
 * // 0; out/str.xml holds the alert's 2 transactions, elements to complete marked 'analyst'
 * ```
 */
export async function runStr(argv: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      alert: { type: "string", multiple: true },
      community: { type: "string" },
      out: { type: "string", default: "str.xml" },
      "rentity-id": { type: "string" },
      reference: { type: "string" },
      "report-code": { type: "string", default: "STR" },
      indicator: { type: "string", multiple: true },
      ...CASE_OPTIONS,
    },
  });
  if (values.help) {
    io.out(STR_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError("str needs exactly one case folder", STR_HELP);
  const alertIds = values.alert ?? [];
  if ((alertIds.length === 0) === (values.community === undefined)) throw new UsageError("give --alert (one or more) or --community, not both", STR_HELP);
  const { load, results, progress } = await analyzeCaseArgs(positionals[0], values, STR_HELP);
  progress.done();
  const ds = load.dataset;
  const txs = new Set<number>();
  const parties = new Set<string>();
  const reasons: string[] = [];
  if (values.community !== undefined) {
    const c = results.communities.find((x) => x.id === values.community);
    if (!c) throw new UsageError(`no community '${values.community}' in the results of ${positionals[0]} (run 'wildtrace analyze' to see them)`, STR_HELP);
    const members = new Set((c.members ?? []).map((id) => ds.accountIndex.get(id)).filter((a): a is number => a !== undefined));
    const t = ds.transactions;
    for (let i = 0; i < t.length; i++) {
      const f = t.from[i];
      const to = t.to[i];
      if ((f < 0 || members.has(f)) && (to < 0 || members.has(to)) && (f >= 0 || to >= 0)) txs.add(i);
    }
    reasons.push(`Community ${c.id}: ${members.size} accounts and ${txs.size} transactions among them.`);
  } else {
    const alerts = results.alerts;
    for (const id of alertIds) {
      const a = alerts.find((x) => x.id === id);
      if (!a) throw new UsageError(`no alert '${id}' in the results of ${positionals[0]} (run 'wildtrace analyze' to see them)`, STR_HELP);
      for (const tid of a.transactions ?? []) {
        const i = findTransaction(ds, tid);
        if (i >= 0) txs.add(i);
      }
      for (const p of a.parties ?? []) if (ds.partyIndex.has(p)) parties.add(p);
      if (a.explanation) reasons.push(a.explanation);
    }
  }
  const xml = exportGoamlReport(
    ds,
    { transactions: [...txs], parties: [...parties] },
    { rentityId: values["rentity-id"], entityReference: values.reference, reportCode: values["report-code"], reason: reasons.join(" "), indicators: values.indicator ?? [] },
  );
  writeFileSync(values.out, xml);
  io.err(`wildtrace: wrote ${values.out} (${txs.size} transactions; complete the elements marked 'analyst' before submission)`);
  return 0;
}

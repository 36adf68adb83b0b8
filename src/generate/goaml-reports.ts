import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDataset } from "../ingest/create-dataset.js";
import type { FxTable } from "../ingest/fx.js";
import { exportGoamlReport } from "../report/goaml-export.js";
import type { PlantedScheme } from "./scheme-kit.js";

/** How the generator names a planted record in the written case. */
export interface PlantedIds {
  account(local: number): string;
  party(local: number): string;
  transaction(local: number): string;
}

/**
 * Write one goAML STR per planted scheme into `dir/goaml/str-<scheme>.xml`: the suspicious
 * transactions a reporting bank would file, with their accounts and parties, the scheme's story
 * as the reason and its typologies as indicators. The files sit in a subfolder, so loading the
 * case folder does not read them twice; load `dir/goaml` with `caseReaders()` to practise goAML.
 * Returns the files written (relative to `dir`).
 *
 * @example
 * ```ts
 * writeSchemeReports("cases/c1", schemes, idsPerScheme, "2024-07-01", createFxTable("USD", rates));
 * ```
 */
export function writeSchemeReports(dir: string, schemes: readonly PlantedScheme[], ids: readonly PlantedIds[], submissionDate: string, fx: FxTable): { file: string; bytes: number }[] {
  mkdirSync(join(dir, "goaml"), { recursive: true });
  const files: { file: string; bytes: number }[] = [];
  schemes.forEach((s, si) => {
    const id = ids[si];
    const parties = s.parties.map((p, q) => ({
      id: id.party(q),
      kind: p.kind,
      name: p.name,
      country: p.country,
      birth_date: p.birthDate,
      id_number: p.idNumbers.join(";"),
      phone: p.phone,
      email: p.email,
      address: p.address,
      sector: p.sector,
      roles: p.roles.join(";"),
    }));
    const accounts = s.accounts.map((a, k) => ({ id: id.account(k), holder: id.party(a.holder), institution: a.institution, country: a.country, type: a.type, currency: a.currency, opened: a.opened }));
    const transactions = s.transactions.map((t, k) => ({
      id: id.transaction(k),
      date: new Date(t.time).toISOString().replace(".000Z", "Z"),
      amount: String(t.amount),
      currency: t.currency,
      from_account: t.from >= 0 ? id.account(t.from) : "",
      to_account: t.to >= 0 ? id.account(t.to) : "",
      channel: t.channel,
      reference: t.reference,
    }));
    const { dataset } = createDataset({ parties, accounts, transactions }, { fx, baseCurrency: fx.base });
    const typologies = [...new Set(s.transactions.flatMap((t) => t.typologies))].sort();
    const xml = exportGoamlReport(
      dataset,
      { transactions: Array.from({ length: dataset.transactions.length }, (_, i) => i) },
      { reportCode: "STR", entityReference: `WT-${s.id.toUpperCase()}`, submissionDate, currencyLocal: fx.base, reason: s.story, indicators: typologies },
    );
    const file = join("goaml", `str-${s.id}.xml`);
    writeFileSync(join(dir, file), xml);
    files.push({ file, bytes: Buffer.byteLength(xml) });
  });
  return files;
}

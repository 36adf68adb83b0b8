import { closeSync, openSync, writeSync } from "node:fs";

/** Options of {@link writeLargeGoamlReport}. */
export interface LargeGoamlOptions {
  /** Number of transactions. */
  transactions: number;
  /** Distinct bank accounts (each with a holder). [default: 5000] */
  accounts?: number;
  /** Seed of the generator. [default: 1] */
  seed?: number;
  /**
   * `"full"` repeats each account's holder (entity or signatory) in every transaction, as many
   * goAML exports do; `"lean"` gives it only at the account's first appearance. [default: "full"]
   */
  detail?: "full" | "lean";
}

/**
 * Write a large, valid goAML report (a bulk STR of a bank) for memory tests and the benchmark:
 * wires between client accounts held by companies or persons, cash deposits by walk-in persons,
 * a share in foreign currency. Deterministic for a seed. Returns the number of bytes written.
 */
export function writeLargeGoamlReport(path: string, options: LargeGoamlOptions): number {
  let s = options.seed ?? 1;
  const rnd = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) | 0;
    return ((s >>> 0) % 1_000_000) / 1_000_000;
  };
  const nAcc = options.accounts ?? 5000;
  const lean = options.detail === "lean";
  const described = new Uint8Array(nAcc);
  const fd = openSync(path, "w");
  let bytes = 0;
  let buf = "";
  const flush = (force = false) => {
    if (buf.length > 1 << 20 || force) {
      bytes += writeSync(fd, buf);
      buf = "";
    }
  };
  const account = (side: string, a: number) => {
    const company = a % 3 === 0;
    const holder = lean && described[a]
      ? ""
      : company
      ? `<t_entity><name>Bulk Trading Co ${a} Ltd</name><incorporation_number>R${100000 + a}</incorporation_number><business>import export</business><incorporation_country_code>TZ</incorporation_country_code></t_entity>`
      : `<signatory><is_primary>true</is_primary><t_person><first_name>Client</first_name><last_name>Number ${a}</last_name><passport_number>P${7000000 + a}</passport_number><passport_country>TZ</passport_country></t_person></signatory>`;
    described[a] = 1;
    return `<${side}_account><institution_name>Kilimanjaro Commercial Bank Ltd</institution_name><swift>KCBLTZTZ</swift><account>01-${a}</account><currency_code>TZS</currency_code>${holder}</${side}_account>`;
  };
  buf += `<?xml version="1.0" encoding="UTF-8"?>\n<report>\n<rentity_id>1043</rentity_id><submission_code>E</submission_code><report_code>STR</report_code><entity_reference>BULK-${options.seed ?? 1}</entity_reference><submission_date>2024-06-30T00:00:00</submission_date><currency_code_local>TZS</currency_code_local><reason>Bulk report generated for tests</reason>\n`;
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < options.transactions; i++) {
    const date = new Date(t0 + Math.floor(rnd() * 180 * 86_400_000)).toISOString().slice(0, 19);
    const amount = Math.round(rnd() * 50_000_000) / 100 + 1;
    const to = Math.floor(rnd() * nAcc);
    const cash = rnd() < 0.2;
    const fx = !cash && rnd() < 0.1;
    const from = cash
      ? `<t_from><from_funds_code>CASH</from_funds_code><from_person><first_name>Walk</first_name><last_name>In ${i % 997}</last_name><id_number>N${i % 997}</id_number><nationality1>TZ</nationality1></from_person><from_country>TZ</from_country></t_from>`
      : `<t_from_my_client><from_funds_code>BANKD</from_funds_code>${fx ? `<from_foreign_currency><foreign_currency_code>USD</foreign_currency_code><foreign_amount>${(amount / 2560).toFixed(2)}</foreign_amount><foreign_exchange_rate>2560</foreign_exchange_rate></from_foreign_currency>` : ""}${account("from", Math.floor(rnd() * nAcc))}<from_country>TZ</from_country></t_from_my_client>`;
    buf += `<transaction><transactionnumber>BULK${i}</transactionnumber><transaction_description>${cash ? "cash deposit" : "payment for goods"}</transaction_description><date_transaction>${date}</date_transaction><transmode_code>${cash ? "CASH" : "EFT"}</transmode_code><amount_local>${amount}</amount_local>${from}<t_to_my_client><to_funds_code>BANKD</to_funds_code>${account("to", to)}<to_country>TZ</to_country></t_to_my_client></transaction>\n`;
    flush();
  }
  buf += "<report_indicators><indicator>BULK</indicator></report_indicators>\n</report>\n";
  flush(true);
  closeSync(fd);
  return bytes;
}

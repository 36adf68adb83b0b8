import { createRng } from "../../src/_lib/random.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import type { Dataset } from "../../src/model/dataset.js";

/** The planted laundering ring of {@link ringCase}, in money order. */
export const RING = Object.freeze({
  buyer: "R-CN-BUYER",
  transit: "R-HK-TRADING",
  front: "R-MY-FRONT",
  agent: "R-TZ-CLEARING",
  couriers: ["R-TZ-COURIER-1", "R-TZ-COURIER-2", "R-TZ-COURIER-3"],
  official: "R-TZ-OFFICIAL",
});

/** All ring account ids, sorted. */
export const RING_ACCOUNTS = [RING.buyer, RING.transit, RING.front, RING.agent, ...RING.couriers, RING.official].sort();

export interface RingCaseOptions {
  seed?: number;
  /** Ordinary people (customers of the supermarket; half are on the payroll). */
  people?: number;
}

/**
 * A small generated case: an ivory ring (CN buyer -> HK trading -> MY front -> TZ clearing agent ->
 * couriers and an official, monthly for six months) hidden in ordinary life: a supermarket paid by
 * card by everyone (ring members too), a payroll account paying salaries (the couriers too), and
 * small transfers between friends.
 */
export function ringCase(options: RingCaseOptions = {}): Dataset {
  const rng = createRng(options.seed ?? 1);
  const peopleCount = options.people ?? 300;
  const accounts: Record<string, unknown>[] = [];
  const parties: Record<string, unknown>[] = [];
  const transactions: Record<string, unknown>[] = [];
  const addAccount = (id: string, country: string, sector?: string) => {
    parties.push({ id: `P-${id}`, kind: sector ? "company" : "person", name: id, country, sector });
    accounts.push({ id, holder: `P-${id}`, country });
  };
  addAccount(RING.buyer, "CN", "import_export");
  addAccount(RING.transit, "HK", "trading");
  addAccount(RING.front, "MY", "freight_forwarding");
  addAccount(RING.agent, "TZ", "customs_clearing");
  for (const c of RING.couriers) addAccount(c, "TZ");
  addAccount(RING.official, "TZ");
  addAccount("SUPERMARKET", "TZ", "retail");
  addAccount("PAYROLL", "TZ", "manufacturing");
  const people: string[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const id = `PERSON-${String(i).padStart(4, "0")}`;
    people.push(id);
    addAccount(id, "TZ");
  }
  let n = 0;
  const tx = (day: number, amount: number, from: string, to: string, channel = "wire", reference = "") => {
    const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + (n % 1000) * 1000).toISOString().replace(/\.\d+Z$/, ".000Z");
    transactions.push({ id: `T${String(++n).padStart(6, "0")}`, date, amount: Math.round(amount * 100) / 100, currency: "USD", from_account: from, to_account: to, channel, reference });
  };
  for (let month = 0; month < 6; month++) {
    const d = month * 30;
    tx(d + 1, 50_000 + rng.int(5000), RING.buyer, RING.transit, "wire", "marine products");
    tx(d + 2, 47_000 + rng.int(2000), RING.transit, RING.front, "wire", "freight");
    tx(d + 3, 45_000 + rng.int(1000), RING.front, RING.agent, "wire", "clearing fees");
    for (const c of RING.couriers) tx(d + 4, 4000 + rng.int(2000), RING.agent, c, "mobile_money", "mzigo");
    tx(d + 5, 2000 + rng.int(500), RING.agent, RING.official, "mobile_money", "chai");
    // payroll: half of the people and the couriers
    for (let i = 0; i < people.length; i += 2) tx(d + 25, 250 + rng.int(100), "PAYROLL", people[i], "wire", "salary");
    for (const c of RING.couriers) tx(d + 25, 250 + rng.int(100), "PAYROLL", c, "wire", "salary");
  }
  // The payroll is funded by the supermarket's takings (an ordinary business flow).
  for (let month = 0; month < 6; month++) tx(month * 30 + 20, 40_000, "SUPERMARKET", "PAYROLL", "wire", "transfer");
  // Everyone buys groceries weekly by card, ring members included.
  const shoppers = [...people, ...RING_ACCOUNTS.filter((a) => a !== RING.buyer && a !== RING.transit)];
  for (let week = 0; week < 26; week++) for (const p of shoppers) if (rng.chance(0.8)) tx(week * 7 + rng.int(7), 20 + rng.int(80), p, "SUPERMARKET", "card", "");
  // Friends send each other small amounts.
  for (let k = 0; k < people.length * 2; k++) {
    const a = people[rng.int(people.length)];
    const b = people[rng.int(people.length)];
    if (a !== b) tx(rng.int(180), 10 + rng.int(90), a, b, "mobile_money", "");
  }
  transactions.sort((a, b) => String(a.date).localeCompare(String(b.date)) || String(a.id).localeCompare(String(b.id)));
  const { dataset, quarantine } = createDataset({ parties, accounts, transactions });
  if (quarantine.length > 0) throw new Error(`ringCase: ${JSON.stringify(quarantine[0])}`);
  return dataset;
}

/** A compact transaction row: id, day after 2024-01-01, amount in USD, payer, payee. */
export type TxRow = [id: string, day: number, amount: number, from: string, to: string];

/** Transaction records for `createDataset` from compact rows. */
export function txRecords(rows: readonly TxRow[]): Record<string, unknown>[] {
  return rows.map(([id, day, amount, from, to]) => ({
    id,
    date: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString(),
    amount,
    currency: "USD",
    fromAccount: from,
    toAccount: to,
  }));
}

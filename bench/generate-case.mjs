// A fast, seeded generator of large canonical case folders for the benchmarks only.
//
// It writes realistic-looking CSVs (ISO instants, two-decimal amounts, a few currencies with an
// fx.csv, skewed account activity with hubs, cash deposits and withdrawals, wildlife-flavoured
// references, a sprinkle of structuring and of bad rows that must be quarantined) at a few
// hundred thousand rows per second. It does not plant labelled schemes: detection quality is
// measured on the generator in `src/generate` and the bundled cases, not here.
//
// Usage: node bench/generate-case.mjs OUT_DIR --transactions 1000000 [--accounts 100000] [--seed 1]

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** mulberry32: a small seeded PRNG (public domain, Tommy Ettinger). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES = ["TZ", "TZ", "KE", "KE", "MZ", "UG", "ZA", "NG", "VN", "VN", "CN", "CN", "HK", "MY", "TH", "LA", "SG", "AE", "US", "GB"];
const CURRENCY_OF = { TZ: "TZS", KE: "KES", VN: "VND", CN: "CNY", HK: "HKD", MY: "MYR", TH: "THB", ZA: "ZAR" };
const FX = { TZS: 0.00039, KES: 0.0077, VND: 0.000041, CNY: 0.14, HKD: 0.128, MYR: 0.21, THB: 0.028, ZAR: 0.053 };
const SYL = ["ka", "li", "mo", "na", "ra", "to", "wen", "hung", "zhi", "ba", "du", "me", "sa", "ko", "ri", "van", "thi", "ngu", "yen", "ma", "ji", "chu", "ola", "eme"];
const COMPANY_WORDS = ["Trading", "Logistics", "Holdings", "Import Export", "Freight", "Enterprises", "Marine Products", "Clearing & Forwarding"];
const COMPANY_FORMS = ["Ltd", "Lda", "Sdn Bhd", "Co", "LLC", "Pte"];
const SECTORS = ["", "", "", "", "freight forwarding", "seafood export", "traditional medicine", "curios", "timber", "mining", "retail", "customs clearing"];
const REFERENCES = [
  "",
  "",
  "",
  "invoice",
  "salary",
  "school fees",
  "rent",
  "goods",
  "freight charges",
  "consignment",
  "marine products",
  "handicrafts",
  "dried seafood",
  "medicinal herbs",
  "machinery parts",
  "loan repayment",
  "family support",
  "carvings",
  "horn",
];
const CHANNELS = ["wire", "wire", "wire", "mobile_money", "mobile_money", "card", "internal", "cheque", "hawala"];

function name(r) {
  const w = () => {
    const s = SYL[(r() * SYL.length) | 0] + SYL[(r() * SYL.length) | 0];
    return s[0].toUpperCase() + s.slice(1);
  };
  return `${w()} ${w()} ${w()}`;
}

class Out {
  constructor(path) {
    this.fd = openSync(path, "w");
    this.parts = [];
    this.size = 0;
  }
  line(s) {
    this.parts.push(s);
    if (++this.size === 20000) this.flush();
  }
  flush() {
    if (this.parts.length) writeSync(this.fd, `${this.parts.join("\n")}\n`);
    this.parts = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Write a case folder; skips the work when the folder already holds the same parameters.
 * @param {string} dir
 * @param {{transactions: number, accounts?: number, seed?: number}} opts
 * @returns {{dir: string, bytes: number, reused: boolean}}
 */
export function generateBenchCase(dir, opts) {
  const n = opts.transactions;
  const nAcc = opts.accounts ?? Math.max(100, Math.round(n / 10));
  const seed = opts.seed ?? 1;
  const stamp = JSON.stringify({ v: 2, n, nAcc, seed });
  const stampPath = join(dir, ".params.json");
  if (existsSync(stampPath) && readFileSync(stampPath, "utf8") === stamp) return { dir, reused: true };
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const nParties = Math.max(10, Math.round(nAcc * 0.8));

  // Parties, with ~1% planted near-duplicates (same passport, another spelling).
  const partyCountry = [];
  const parties = new Out(join(dir, "parties.csv"));
  parties.line("id,kind,name,country,birth_date,id_number,phone,email,address,sector,roles");
  let lastPassport = "";
  let lastName = "";
  for (let p = 0; p < nParties; p++) {
    const c = COUNTRIES[(r() * COUNTRIES.length) | 0];
    partyCountry.push(c);
    const id = `P${String(p + 1).padStart(7, "0")}`;
    const company = r() < 0.2;
    let nm = company ? `${name(r).split(" ")[0]} ${COMPANY_WORDS[(r() * COMPANY_WORDS.length) | 0]} ${COMPANY_FORMS[(r() * COMPANY_FORMS.length) | 0]}` : name(r);
    let passport = company ? `registration_number:${c}:${(1e8 + r() * 9e8) | 0}` : `passport:${c}:${String.fromCharCode(65 + ((r() * 26) | 0))}${(1e6 + r() * 9e6) | 0}`;
    if (!company && lastPassport && r() < 0.01) {
      passport = lastPassport;
      nm = lastName.toUpperCase();
    }
    lastPassport = company ? lastPassport : passport;
    lastName = company ? lastName : nm;
    const birth = company ? "" : `19${50 + ((r() * 50) | 0)}-0${1 + ((r() * 9) | 0)}-1${(r() * 9) | 0}`;
    const phone = r() < 0.7 ? `+${200 + ((r() * 90) | 0)} ${(1e8 + r() * 9e8) | 0}` : "";
    const email = r() < 0.3 ? `${nm.split(" ")[0].toLowerCase()}${p}@example.org` : "";
    const addr = r() < 0.6 ? `"${1 + ((r() * 200) | 0)} ${name(r).split(" ")[1]} Road, ${c}"` : "";
    const sector = company ? SECTORS[(r() * SECTORS.length) | 0] : "";
    parties.line(`${id},${company ? "company" : "person"},${nm},${c},${birth},${passport},${phone},${email},${addr},${sector},`);
  }
  parties.close();

  // Accounts: each held by a party (some parties hold two or three).
  const accCountry = [];
  const accounts = new Out(join(dir, "accounts.csv"));
  accounts.line("id,holder,institution,country,type,currency,opened");
  for (let a = 0; a < nAcc; a++) {
    const holder = a < nParties ? a : (r() * nParties) | 0;
    const c = partyCountry[holder];
    accCountry.push(c);
    const type = r() < 0.25 ? "mobile_money" : r() < 0.05 ? "msb" : "bank";
    const cur = r() < 0.7 ? "USD" : (CURRENCY_OF[c] ?? "USD");
    const opened = `20${10 + ((r() * 13) | 0)}-${String(1 + ((r() * 12) | 0)).padStart(2, "0")}-${String(1 + ((r() * 28) | 0)).padStart(2, "0")}`;
    accounts.line(`ACC${String(a + 1).padStart(8, "0")},P${String(holder + 1).padStart(7, "0")},Bank ${c} ${(r() * 5) | 0},${c},${type},${cur},${opened}`);
  }
  accounts.close();

  const rel = new Out(join(dir, "relationships.csv"));
  rel.line("from,to,type,since,until,share");
  const types = ["owns", "directs", "family", "associate", "represents"];
  for (let k = 0; k < Math.round(nParties / 5); k++) {
    const a = (r() * nParties) | 0;
    const b = (r() * nParties) | 0;
    if (a === b) continue;
    const t = types[(r() * types.length) | 0];
    rel.line(`P${String(a + 1).padStart(7, "0")},P${String(b + 1).padStart(7, "0")},${t},2019-01-01,,${t === "owns" ? 10 + ((r() * 90) | 0) : ""}`);
  }
  rel.close();

  const fx = new Out(join(dir, "fx.csv"));
  fx.line("currency,date,rate");
  for (const [cur, rate] of Object.entries(FX)) for (let m = 1; m <= 12; m++) fx.line(`${cur},2024-${String(m).padStart(2, "0")}-01,${(rate * (0.97 + r() * 0.06)).toPrecision(4)}`);
  fx.close();

  // Transactions over 2024, ascending time with jitter; skewed accounts (hubs), scattered by a
  // permutation so hubs are not the first ids.
  const perm = new Int32Array(nAcc);
  for (let i = 0; i < nAcc; i++) perm[i] = i;
  for (let i = nAcc - 1; i > 0; i--) {
    const j = (r() * (i + 1)) | 0;
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  const accId = (a) => `ACC${String(a + 1).padStart(8, "0")}`;
  const pick = () => perm[(nAcc * r() ** 2.2) | 0];
  const start = Date.UTC(2024, 0, 1);
  const span = 365 * 86400_000;
  const tx = new Out(join(dir, "transactions.csv"));
  tx.line("id,date,amount,currency,from_account,to_account,channel,reference,from_country,to_country");
  for (let i = 0; i < n; i++) {
    const t = start + Math.floor((span * i) / n + r() * 3600_000);
    const date = `${new Date(t).toISOString().slice(0, 19)}Z`;
    const u = r();
    let from = pick();
    let to = pick();
    if (to === from) to = (to + 1) % nAcc;
    let channel = CHANNELS[(r() * CHANNELS.length) | 0];
    let fromId = accId(from);
    let toId = accId(to);
    if (u < 0.05) {
      fromId = "";
      channel = "cash_deposit";
      from = -1;
    } else if (u < 0.08) {
      toId = "";
      channel = "cash_withdrawal";
      to = -1;
    }
    let amount = Math.exp(4 + r() * 6) + r();
    if (r() < 0.03) amount = 9000 + r() * 999;
    const side = from >= 0 ? from : to;
    let cur = "USD";
    if (r() < 0.15) cur = CURRENCY_OF[accCountry[side]] ?? "USD";
    if (cur !== "USD") amount /= FX[cur];
    const ref = REFERENCES[(r() * REFERENCES.length) | 0];
    const fc = r() < 0.02 ? COUNTRIES[(r() * COUNTRIES.length) | 0] : "";
    let row = `T${String(i + 1).padStart(9, "0")},${date},${amount.toFixed(2)},${cur},${fromId},${toId},${channel},${ref},${fc},`;
    const bad = r();
    if (bad < 0.0002) row = row.replace(date, "2024-02-30");
    else if (bad < 0.0004) row = row.replace(`,${amount.toFixed(2)},`, ",-5,");
    else if (bad < 0.0005) row = row.replace(`,${cur},`, ",XYZ,");
    else if (bad < 0.0006) row = `${row},extra`;
    tx.line(row);
  }
  tx.close();
  writeFileSync(stampPath, stamp);
  return { dir, reused: false };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { transactions: { type: "string", default: "100000" }, accounts: { type: "string" }, seed: { type: "string", default: "1" } },
  });
  if (positionals.length !== 1) {
    process.stderr.write("usage: node bench/generate-case.mjs OUT_DIR --transactions N [--accounts M] [--seed S]\n");
    process.exit(2);
  }
  const t0 = performance.now();
  generateBenchCase(positionals[0], { transactions: Number(values.transactions), accounts: values.accounts ? Number(values.accounts) : undefined, seed: Number(values.seed) });
  process.stdout.write(`wrote ${positionals[0]} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

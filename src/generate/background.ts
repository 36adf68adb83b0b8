import type { Rng } from "../_lib/random.js";
import { CHANNELS, type Channel } from "../model/codes.js";
import { COUNTRY_PROFILES } from "./country-profiles.js";
import { backgroundActivity, backgroundRoles, GOVERNMENT_EMPLOYERS } from "./party-rows.js";
import { CATEGORY, type Population, unitHash } from "./population.js";

/**
 * Ordinary financial behaviour, one day at a time, into reusable typed-array chunks: card
 * purchases at merchants, salaries at the end of the month, rent at the start, family transfers
 * and remittances from the diaspora, mobile money (person to person, cash in and cash out at
 * agents) in East and Southern Africa, ATM withdrawals, cash businesses banking their takings,
 * business-to-business invoices, and legitimate import-export between the same countries the
 * traffickers use (cashew, sesame, tea, vanilla, seafood...) so that corridors alone are not
 * proof.
 *
 * Channel mix and amounts are plausible, not calibrated: FinCEN's split of wildlife SAR channels
 * (funds transfers 67%, money transmitters 17%, cash 12%) describes suspicious activity, not the
 * background, which is dominated by card and mobile-money retail payments.
 */

const DAY = 86_400_000;
/**
 * Currency code of a chunk row: a country index (its local currency) or USD.
 *
 * @example
 * ```ts
 * chunk.currency[i] = usdAcct ? USD : c; // 255 for a USD row, else the country index c
 * ```
 */
export const USD = 255;

/** A day's transactions before sorting and writing. Rows 0..n-1 are valid. */
export interface DayChunk {
  n: number;
  time: Float64Array;
  from: Int32Array;
  to: Int32Array;
  amount: Float64Array;
  currency: Uint8Array;
  channel: Uint8Array;
  reference: string[];
  /** Index of the planted transaction, or -1 for background. */
  planted: Int32Array;
}

/**
 * Allocate a chunk able to hold `capacity` rows.
 *
 * @example
 * ```ts
 * const chunk = createChunk(10_000);
 * ```
 */
export function createChunk(capacity: number): DayChunk {
  return {
    n: 0,
    time: new Float64Array(capacity),
    from: new Int32Array(capacity),
    to: new Int32Array(capacity),
    amount: new Float64Array(capacity),
    currency: new Uint8Array(capacity),
    channel: new Uint8Array(capacity),
    reference: new Array<string>(capacity).fill(""),
    planted: new Int32Array(capacity),
  };
}

const CH = (c: Channel): number => CHANNELS.indexOf(c);
const CARD = CH("card");
const WIRE = CH("wire");
const MOBILE = CH("mobile_money");
const CASH_IN = CH("cash_deposit");
const CASH_OUT = CH("cash_withdrawal");
const HAWALA = CH("hawala");
const INTERNAL = CH("internal");

const EVENTS = ["card", "mobile_p2p", "mobile_cash", "atm", "cash_business", "salary", "rent", "family", "remittance", "b2b", "trade"] as const;
type EventKind = (typeof EVENTS)[number];
const BASE_WEIGHTS: Readonly<Record<EventKind, number>> = Object.freeze({ card: 0.36, mobile_p2p: 0.14, mobile_cash: 0.08, atm: 0.05, cash_business: 0.05, salary: 0.02, rent: 0.01, family: 0.06, remittance: 0.025, b2b: 0.07, trade: 0.025 });

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const POS = ["POS SUPERMARKET", "POS PHARMACY", "POS FUEL", "POS ELECTRONICS", "POS RESTAURANT", "POS HOTEL", "POS MARKET", "POS AIRTIME"];
const FAMILY_REFS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  swahili: ["msaada", "ada ya shule", "kwa mama", "matibabu", "harusi", "", "chakula"],
  kenyan: ["school fees", "support", "for mum", "hospital bill", "chama contribution", ""],
  mozambican: ["mesada", "propinas escolares", "para a mãe", "ajuda", ""],
  vietnamese: ["chuyển tiền", "học phí", "gửi mẹ", "tiền nhà", ""],
  chinese: ["生活费", "shenghuofei", "family", "学费", ""],
  default: ["family support", "school fees", "for mum", "medical bills", "birthday", ""],
});
const MOBILE_REFS: readonly string[] = ["", "", "nauli", "chakula", "kodi", "asante", "support", "airtime", "transport"];
const DIASPORA = ["GB", "US", "ZA", "AE", "MY", "CN"];
const SOURCES = ["TZ", "KE", "UG", "MZ", "NG", "MG", "ZA"];
const BUYERS = ["CN", "HK", "VN", "MY", "SG", "AE", "TH", "GB", "US"];

/** Everything the day generator needs, prepared once. */
export interface BackgroundState {
  rng: Rng;
  seed: number;
  pop: Population;
  start: number;
  /** rate[c][month]: USD per unit of country c's currency. */
  rates: Float64Array[];
  dayWeights: (day: number) => Float64Array;
  diaspora: number[];
  sources: number[];
  buyers: number[];
  invoice: number;
  /** Per country: accounts of government employers (who pay officials' salaries). */
  government: Int32Array[];
  /** Per party: 1 when the party holds an official role (civil servant, ranger, customs...). */
  official: Uint8Array;
}

/**
 * Prepare background generation: monthly exchange rates (a small seeded drift around the
 * profile's rate) and the event weights per day.
 *
 * @example
 * ```ts
 * const state = prepareBackground(rng, 1, pop, Date.UTC(2024, 0, 1), 182);
 * ```
 */
export function prepareBackground(rng: Rng, seed: number, pop: Population, start: number, days: number): BackgroundState {
  const months = Math.ceil(days / 28) + 2;
  const rates = COUNTRY_PROFILES.map((p, c) => {
    const r = new Float64Array(months);
    let drift = 0;
    for (let m = 0; m < months; m++) {
      drift += (unitHash(seed, c, m) - 0.5) * 0.006;
      drift = Math.max(-0.008, Math.min(0.008, drift));
      r[m] = p.currency === "USD" ? 1 : Number((p.usdRate * (1 + drift)).toPrecision(4));
    }
    return r;
  });
  const idx = (codes: string[]) => codes.map((c) => COUNTRY_PROFILES.findIndex((p) => p.code === c));
  const cache = new Map<string, Float64Array>();
  const dayWeights = (day: number) => {
    const d = new Date(start + day * DAY);
    const dom = d.getUTCDate();
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const key = `${dom >= 24 && dom <= 28 ? "s" : dom <= 5 ? "r" : "n"}${weekend ? "w" : "d"}`;
    let w = cache.get(key);
    if (!w) {
      w = new Float64Array(EVENTS.length);
      let total = 0;
      EVENTS.forEach((e, i) => {
        let x = BASE_WEIGHTS[e];
        if (e === "salary" && key[0] === "s") x = 0.16;
        if (e === "rent" && key[0] === "r") x = 0.08;
        if (weekend && (e === "b2b" || e === "trade" || e === "salary")) x *= 0.15;
        total += x;
        w![i] = total;
      });
      for (let i = 0; i < w.length; i++) w[i] /= total;
      cache.set(key, w);
    }
    return w;
  };
  const govNames = new Set(GOVERNMENT_EMPLOYERS.map(([a]) => a));
  const government = pop.pools.employer.map((pool) => Int32Array.from([...pool].filter((a) => pop.accountHolder[a] < pop.backgroundParties && govNames.has(backgroundActivity(seed, pop.accountHolder[a], CATEGORY.employer)[0]))));
  const official = new Uint8Array(pop.parties);
  for (let p = 0; p < pop.parties; p++) {
    official[p] = p < pop.backgroundParties ? (pop.partyCategory[p] === CATEGORY.person && backgroundRoles(seed, p) !== "" ? 1 : 0) : pop.plantedParties[p - pop.backgroundParties].roles.length > 0 ? 1 : 0;
  }
  return { rng, seed, pop, start, rates, dayWeights, diaspora: idx(DIASPORA), sources: idx(SOURCES), buyers: idx(BUYERS), invoice: 1000, government, official };
}

/** Round to two significant figures (how people choose cash and rent amounts). */
function nice(x: number): number {
  if (x <= 0) return 0;
  const e = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.max(e, Math.round(x / e) * e);
}

/**
 * Append `count` background transactions of day `day` to the chunk.
 *
 * @example
 * ```ts
 * generateBackgroundDay(state, 0, 5000, chunk);
 * ```
 */
export function generateBackgroundDay(s: BackgroundState, day: number, count: number, chunk: DayChunk): void {
  const { rng, pop, rates } = s;
  const P = pop.pools;
  const month = Math.floor(day / 30.44);
  const dayStart = s.start + day * DAY;
  const weights = s.dayWeights(day);
  const date = new Date(dayStart);
  const monthName = MONTHS[date.getUTCMonth()];
  const salaryRef = `SALARY ${monthName.slice(0, 3).toUpperCase()} ${date.getUTCFullYear()}`;
  const rentRef = `rent ${monthName}`;
  let produced = 0;
  let guard = 0;
  while (produced < count && guard++ < count * 20) {
    const x = rng.next();
    let e = 0;
    while (weights[e] <= x) e++;
    const kind = EVENTS[e];
    let from = -1;
    let to = -1;
    let usd = 0;
    let channel = WIRE;
    let ref = "";
    let fixedLocal = 0;
    let currencyFromPayee = false;
    let usdCurrency = false;
    switch (kind) {
      case "card": {
        from = P.allPersonBank[rng.int(P.allPersonBank.length)];
        const m = P.merchant[pop.accountCountry[from]];
        if (!m || m.length === 0) continue;
        to = m[rng.int(m.length)];
        usd = rng.logNormal(COUNTRY_PROFILES[pop.accountCountry[from]].salaryUsd * 0.03, 0.9);
        channel = CARD;
        ref = POS[to % POS.length];
        break;
      }
      case "mobile_p2p": {
        if (P.allPersonWallet.length < 2) continue;
        from = P.allPersonWallet[rng.int(P.allPersonWallet.length)];
        const w = P.personWallet[pop.accountCountry[from]];
        to = w[rng.int(w.length)];
        if (to === from) continue;
        usd = rng.logNormal(12, 1.0);
        channel = MOBILE;
        ref = MOBILE_REFS[rng.int(MOBILE_REFS.length)];
        break;
      }
      case "mobile_cash": {
        if (P.allPersonWallet.length === 0) continue;
        const a = P.allPersonWallet[rng.int(P.allPersonWallet.length)];
        usd = rng.logNormal(20, 0.9);
        if (rng.chance(0.5)) {
          to = a;
          channel = CASH_IN;
          currencyFromPayee = true;
        } else {
          from = a;
          channel = CASH_OUT;
        }
        fixedLocal = -1;
        break;
      }
      case "atm": {
        from = P.allPersonBank[rng.int(P.allPersonBank.length)];
        usd = rng.logNormal(60, 0.8);
        channel = CASH_OUT;
        fixedLocal = -1;
        break;
      }
      case "cash_business": {
        const c = rng.int(COUNTRY_PROFILES.length);
        const pool = P.cashBusiness[c];
        if (pool.length === 0) continue;
        to = pool[rng.int(pool.length)];
        usd = rng.logNormal(700, 0.8);
        channel = CASH_IN;
        currencyFromPayee = true;
        if (rng.chance(0.5)) fixedLocal = -1;
        break;
      }
      case "salary": {
        to = P.allPersonBank[rng.int(P.allPersonBank.length)];
        const c = pop.accountCountry[to];
        const holder = pop.accountHolder[to];
        // Civil servants are paid by the state; everyone else by a private employer.
        const pool = s.official[holder] === 1 ? s.government[c] : P.employer[c];
        if (pool.length === 0) continue;
        from = pool[Math.floor(unitHash(s.seed, holder, 7) * pool.length)];
        usd = COUNTRY_PROFILES[c].salaryUsd * (0.4 + 1.6 * unitHash(s.seed, holder, 8) ** 2);
        fixedLocal = -1;
        ref = salaryRef;
        break;
      }
      case "rent": {
        from = P.allPersonBank[rng.int(P.allPersonBank.length)];
        const c = pop.accountCountry[from];
        const holder = pop.accountHolder[from];
        const pool = P.landlord[c].length > 0 && unitHash(s.seed, holder, 9) < 0.4 ? P.landlord[c] : P.personBank[c];
        to = pool[Math.floor(unitHash(s.seed, holder, 10) * pool.length)];
        if (to === from) continue;
        usd = COUNTRY_PROFILES[c].salaryUsd * (0.2 + 0.3 * unitHash(s.seed, holder, 11));
        fixedLocal = -1;
        ref = rentRef;
        break;
      }
      case "family": {
        from = P.allPersonBank[rng.int(P.allPersonBank.length)];
        const c = pop.accountCountry[from];
        const pool = P.personBank[c];
        to = pool[rng.int(pool.length)];
        if (to === from) continue;
        usd = rng.logNormal(80, 1.0);
        const refs = FAMILY_REFS[COUNTRY_PROFILES[c].culture] ?? FAMILY_REFS.default;
        ref = refs[rng.int(refs.length)];
        if (rng.chance(0.4)) fixedLocal = -1;
        break;
      }
      case "remittance": {
        const dc = s.diaspora[rng.int(s.diaspora.length)];
        const sc = s.sources[rng.int(s.sources.length)];
        if (dc === sc || P.personBank[dc].length === 0) continue;
        from = P.personBank[dc][rng.int(P.personBank[dc].length)];
        const wallets = P.personWallet[sc];
        const toWallet = wallets.length > 0 && rng.chance(0.4);
        const pool = toWallet ? wallets : P.personBank[sc];
        if (pool.length === 0) continue;
        to = pool[rng.int(pool.length)];
        usd = rng.logNormal(200, 0.6);
        channel = toWallet ? MOBILE : rng.chance(0.15) ? HAWALA : WIRE;
        const refs = FAMILY_REFS[COUNTRY_PROFILES[sc].culture] ?? FAMILY_REFS.default;
        ref = refs[rng.int(refs.length)];
        break;
      }
      case "b2b": {
        const c = rng.int(COUNTRY_PROFILES.length);
        const payers = rng.chance(0.5) ? P.trader[c] : P.merchant[c];
        const payees = rng.chance(0.6) ? P.trader[c] : P.employer[c];
        if (payers.length === 0 || payees.length === 0) continue;
        from = payers[rng.int(payers.length)];
        to = payees[rng.int(payees.length)];
        if (to === from) continue;
        usd = rng.logNormal(2500, 1.1);
        ref = `INV ${s.invoice++}`;
        channel = rng.chance(0.1) ? CH("cheque") : WIRE;
        break;
      }
      case "trade": {
        const bc = s.buyers[rng.int(s.buyers.length)];
        const sc = s.sources[rng.int(s.sources.length)];
        const buyers = P.trader[bc];
        const sellers = P.trader[sc];
        if (buyers.length === 0 || sellers.length === 0) continue;
        if (rng.chance(0.25)) {
          // Exporter pays its local forwarder or clearing agent.
          from = sellers[rng.int(sellers.length)];
          to = sellers[rng.int(sellers.length)];
          if (to === from) continue;
          usd = rng.logNormal(3000, 0.7);
          ref = rng.chance(0.5) ? `clearing fees consignment ${s.invoice++ % 900}` : `freight charges ${s.invoice++}`;
        } else {
          from = buyers[rng.int(buyers.length)];
          to = sellers[rng.int(sellers.length)];
          usd = rng.logNormal(22_000, 0.8);
          const goods = COUNTRY_PROFILES[sc].exports;
          ref = `INV ${date.getUTCFullYear()}-${s.invoice++} ${goods[rng.int(goods.length)]}`;
          usdCurrency = true;
        }
        break;
      }
    }
    if (from === -1 && to === -1) continue;
    const acct = currencyFromPayee || from < 0 ? to : from;
    const usdAcct = usdCurrency || pop.accountUsd[acct] === 1;
    const c = pop.accountCountry[acct];
    const rate = usdAcct ? 1 : rates[c][month];
    let amount = usd / rate;
    if (fixedLocal === -1) amount = nice(amount);
    else amount = COUNTRY_PROFILES[c].decimals === 0 && !usdAcct ? Math.max(100, Math.round(amount / 100) * 100) : Math.max(0.01, Math.round(amount * 100) / 100);
    const i = chunk.n++;
    chunk.time[i] = dayStart + timeOfDay(rng, kind === "salary" || kind === "b2b" || kind === "trade");
    chunk.from[i] = from;
    chunk.to[i] = to;
    chunk.amount[i] = amount;
    chunk.currency[i] = usdAcct ? USD : c;
    chunk.channel[i] = channel === WIRE && from >= 0 && to >= 0 && pop.accountHolder[from] === pop.accountHolder[to] ? INTERNAL : channel;
    chunk.reference[i] = ref;
    chunk.planted[i] = -1;
    produced++;
  }
  // Keep the requested count even on pathological populations: top up with family transfers.
  while (produced < count) {
    const a = P.allPersonBank[rng.int(P.allPersonBank.length)];
    const b = P.allPersonBank[rng.int(P.allPersonBank.length)];
    const i = chunk.n++;
    chunk.time[i] = dayStart + timeOfDay(rng, false);
    chunk.from[i] = a;
    chunk.to[i] = b === a ? -1 : b;
    chunk.amount[i] = 100;
    chunk.currency[i] = USD;
    chunk.channel[i] = b === a ? CASH_OUT : WIRE;
    chunk.reference[i] = "";
    chunk.planted[i] = -1;
    produced++;
  }
}

/** Milliseconds into the day, whole seconds; office hours for business payments. */
function timeOfDay(rng: Rng, office: boolean): number {
  const h = office ? 8 + rng.next() * 9 : 5 + ((rng.next() + rng.next() + rng.next()) / 3) * 18;
  return Math.floor(h * 3600) * 1000 + rng.int(60) * 1000;
}

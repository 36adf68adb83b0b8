import { mix32, type Rng } from "../_lib/random.js";
import { COUNTRY_PROFILES } from "./country-profiles.js";
import type { BackgroundPool, PlantedAccount, PlantedParty } from "./scheme-kit.js";

/**
 * The background population: people and businesses with their accounts, held in typed arrays so a
 * million accounts cost a few megabytes. A party's name, identifiers and address are re-created
 * from its index when parties.csv is written (see `party-rows.ts`), never stored.
 *
 * Planted parties and accounts are appended after the background ones and join the background
 * pools their kit asked for, so planted people also shop, get paid and send money home.
 */

/**
 * Party categories of the background.
 *
 * @example
 * ```ts
 * CATEGORY.cashBusiness; // 3
 * backgroundActivity(1, 5, CATEGORY.employer); // ["Transport", "transport"]
 * ```
 */
export const CATEGORY = Object.freeze({ person: 0, merchant: 1, employer: 2, cashBusiness: 3, trader: 4, landlord: 5, planted: 9 });

/** Account pools per country: the accounts each kind of background event draws from. */
export interface Pools {
  personBank: Int32Array[];
  personWallet: Int32Array[];
  merchant: Int32Array[];
  employer: Int32Array[];
  cashBusiness: Int32Array[];
  trader: Int32Array[];
  landlord: Int32Array[];
  /** All person bank accounts (any country), for picking a payer weighted by population. */
  allPersonBank: Int32Array;
  allPersonWallet: Int32Array;
  allTrader: Int32Array;
}

/** The population in typed arrays. Index >= `backgroundParties` / `backgroundAccounts` is planted. */
export interface Population {
  backgroundParties: number;
  backgroundAccounts: number;
  parties: number;
  accounts: number;
  partyCountry: Uint8Array;
  partyCategory: Uint8Array;
  accountHolder: Int32Array;
  accountCountry: Uint8Array;
  /** 0 bank, 1 mobile money. */
  accountType: Uint8Array;
  /** 0 local currency, 1 USD. */
  accountUsd: Uint8Array;
  /** Index into the country's banks or mobile-money operators. */
  accountInstitution: Uint8Array;
  /** Days before the start of the period the account was opened. */
  accountAge: Int32Array;
  plantedParties: PlantedParty[];
  plantedAccounts: PlantedAccount[];
  pools: Pools;
}

const CATEGORY_SHARES: readonly [number, number][] = [
  [CATEGORY.merchant, 0.04],
  [CATEGORY.employer, 0.02],
  [CATEGORY.cashBusiness, 0.025],
  [CATEGORY.trader, 0.03],
  [CATEGORY.landlord, 0.005],
];

/**
 * Build the background population for about `accounts` accounts and append the planted records.
 *
 * @example
 * ```ts
 * const pop = buildPopulation(createRng(1), 2000, [], []);
 * pop.accounts; // about 2000
 * ```
 */
export function buildPopulation(rng: Rng, accounts: number, plantedParties: PlantedParty[], plantedAccounts: PlantedAccount[]): Population {
  const nc = COUNTRY_PROFILES.length;
  const cum = new Float64Array(nc);
  let tw = 0;
  COUNTRY_PROFILES.forEach((c, i) => {
    tw += c.weight;
    cum[i] = tw;
  });
  const bgParties = Math.max(100, Math.round(accounts / 1.25));
  const nParties = bgParties + plantedParties.length;
  const partyCountry = new Uint8Array(nParties);
  const partyCategory = new Uint8Array(nParties);
  // Accounts: at most 2 per background party.
  const cap = bgParties * 2 + plantedAccounts.length;
  const holder = new Int32Array(cap);
  const acCountry = new Uint8Array(cap);
  const acType = new Uint8Array(cap);
  const acUsd = new Uint8Array(cap);
  const acInst = new Uint8Array(cap);
  const acAge = new Int32Array(cap);
  let na = 0;
  for (let p = 0; p < bgParties; p++) {
    const x = rng.next() * tw;
    let c = 0;
    while (cum[c] <= x) c++;
    partyCountry[p] = c;
    let cat: number = CATEGORY.person;
    let y = rng.next();
    for (const [k, share] of CATEGORY_SHARES) {
      if (y < share) {
        cat = k;
        break;
      }
      y -= share;
    }
    partyCategory[p] = cat;
    const prof = COUNTRY_PROFILES[c];
    const mobile = prof.mobileMoney.length > 0;
    const addAccount = (type: 0 | 1, usd: 0 | 1) => {
      holder[na] = p;
      acCountry[na] = c;
      acType[na] = type;
      acUsd[na] = usd;
      acInst[na] = rng.int(type === 1 ? prof.mobileMoney.length : prof.banks.length);
      acAge[na] = 30 + Math.floor(rng.next() * rng.next() * 5000);
      na++;
    };
    if (cat === CATEGORY.person && mobile) {
      const r = rng.next();
      if (r < 0.35) addAccount(1, 0);
      else if (r < 0.75) {
        addAccount(0, 0);
        addAccount(1, 0);
      } else addAccount(0, 0);
    } else if (cat === CATEGORY.trader) {
      addAccount(0, rng.chance(0.7) ? 1 : 0);
      if (rng.chance(0.3)) addAccount(0, 0);
    } else addAccount(0, 0);
  }
  const backgroundAccounts = na;
  const code = new Map(COUNTRY_PROFILES.map((c, i) => [c.code, i]));
  plantedParties.forEach((pp, i) => {
    partyCountry[bgParties + i] = code.get(pp.country) ?? 0;
    partyCategory[bgParties + i] = CATEGORY.planted;
  });
  const plantedPool: BackgroundPool[] = [];
  for (const a of plantedAccounts) {
    const c = code.get(a.country) ?? 0;
    const prof = COUNTRY_PROFILES[c];
    holder[na] = bgParties + a.holder;
    acCountry[na] = c;
    acType[na] = a.type === "mobile_money" ? 1 : 0;
    acUsd[na] = a.currency === "USD" ? 1 : 0;
    const list = a.type === "mobile_money" && prof.mobileMoney.length > 0 ? prof.mobileMoney : prof.banks;
    acInst[na] = Math.max(0, list.indexOf(a.institution));
    acAge[na] = 0;
    plantedPool.push(a.pool);
    na++;
  }
  const pools = buildPools(nc, na, backgroundAccounts, holder, acCountry, acType, partyCategory, plantedPool);
  return {
    backgroundParties: bgParties,
    backgroundAccounts,
    parties: nParties,
    accounts: na,
    partyCountry,
    partyCategory,
    accountHolder: holder.subarray(0, na),
    accountCountry: acCountry.subarray(0, na),
    accountType: acType.subarray(0, na),
    accountUsd: acUsd.subarray(0, na),
    accountInstitution: acInst.subarray(0, na),
    accountAge: acAge.subarray(0, na),
    plantedParties,
    plantedAccounts,
    pools,
  };
}

function buildPools(nc: number, na: number, nbg: number, holder: Int32Array, country: Uint8Array, type: Uint8Array, category: Uint8Array, plantedPool: BackgroundPool[]): Pools {
  const lists = {
    personBank: Array.from({ length: nc }, () => [] as number[]),
    personWallet: Array.from({ length: nc }, () => [] as number[]),
    merchant: Array.from({ length: nc }, () => [] as number[]),
    employer: Array.from({ length: nc }, () => [] as number[]),
    cashBusiness: Array.from({ length: nc }, () => [] as number[]),
    trader: Array.from({ length: nc }, () => [] as number[]),
    landlord: Array.from({ length: nc }, () => [] as number[]),
  };
  for (let a = 0; a < na; a++) {
    const c = country[a];
    let pool: BackgroundPool | "merchant" | "employer" | "landlord";
    if (a >= nbg) pool = plantedPool[a - nbg];
    else {
      const cat = category[holder[a]];
      if (cat === CATEGORY.person) pool = type[a] === 1 ? "mobile" : "person";
      else if (cat === CATEGORY.merchant) pool = "merchant";
      else if (cat === CATEGORY.employer) pool = "employer";
      else if (cat === CATEGORY.cashBusiness) pool = "cash_business";
      else if (cat === CATEGORY.trader) pool = "trader";
      else pool = "landlord";
    }
    if (pool === "person") lists.personBank[c].push(a);
    else if (pool === "mobile") lists.personWallet[c].push(a);
    else if (pool === "merchant") lists.merchant[c].push(a);
    else if (pool === "employer") lists.employer[c].push(a);
    else if (pool === "cash_business") {
      lists.cashBusiness[c].push(a);
      lists.merchant[c].push(a);
    } else if (pool === "trader") lists.trader[c].push(a);
    else if (pool === "landlord") lists.landlord[c].push(a);
  }
  const arr = (l: number[][]) => l.map((x) => Int32Array.from(x));
  const flat = (l: number[][]) => Int32Array.from(l.flat());
  return {
    personBank: arr(lists.personBank),
    personWallet: arr(lists.personWallet),
    merchant: arr(lists.merchant),
    employer: arr(lists.employer),
    cashBusiness: arr(lists.cashBusiness),
    trader: arr(lists.trader),
    landlord: arr(lists.landlord),
    allPersonBank: flat(lists.personBank),
    allPersonWallet: flat(lists.personWallet),
    allTrader: flat(lists.trader),
  };
}

/**
 * Deterministic per-index draw in [0, 1) (for stable per-party traits such as a salary).
 *
 * @example
 * ```ts
 * unitHash(1, 5, 0x5a); // 0.586268100887537, the same on every call
 * ```
 */
export function unitHash(seed: number, index: number, salt: number): number {
  return mix32(mix32(seed, index), salt) / 4294967296;
}

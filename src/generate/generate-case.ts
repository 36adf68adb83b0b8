import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRng, hashString, mix32 } from "../_lib/random.js";
import { OptionError } from "../errors.js";
import { createFxTable } from "../ingest/fx.js";
import { CHANNELS } from "../model/codes.js";
import { createChunk, generateBackgroundDay, prepareBackground, USD } from "./background.js";
import { COUNTRY_PROFILES } from "./country-profiles.js";
import { csvCell, openCsv } from "./csv-writer.js";
import { writeSchemeReports } from "./goaml-reports.js";
import { type GenerateOptions, type ResolvedGenerateOptions, resolveGenerateOptions, type SchemeName } from "./options.js";
import { backgroundPartyCells, backgroundRoles } from "./party-rows.js";
import { buildPopulation, CATEGORY, type Population, unitHash } from "./population.js";
import type { PlantedScheme, SchemeContext } from "./scheme-kit.js";
import { plantAbalone } from "./schemes/abalone.js";
import { plantIvory } from "./schemes/ivory.js";
import { plantPangolin } from "./schemes/pangolin.js";
import { plantRhino } from "./schemes/rhino.js";
import { plantRosewood } from "./schemes/rosewood.js";
import { openTransactionWriter } from "./transaction-writer.js";
import type { Truth } from "./truth.js";

const DAY = 86_400_000;

const PLANTERS: Readonly<Record<SchemeName, (ctx: SchemeContext) => PlantedScheme>> = Object.freeze({
  ivory: plantIvory,
  pangolin: plantPangolin,
  rhino: plantRhino,
  abalone: plantAbalone,
  rosewood: plantRosewood,
});

/** Options of {@link generateCase}: the generator options plus where to write. */
export interface GenerateCaseOptions extends GenerateOptions {
  /** Folder to write the case into (created if missing). Required. */
  out: string;
}

/** One written file. */
export interface GeneratedFile {
  file: string;
  rows: number;
  bytes: number;
}

/** What {@link generateCase} wrote. */
export interface GenerateResult {
  out: string;
  options: ResolvedGenerateOptions;
  files: GeneratedFile[];
  transactions: number;
  plantedTransactions: number;
  accounts: number;
  parties: number;
  truth: Truth;
}

/** Affine permutation of [0, 10^7): distinct, random-looking numbers for ids. */
function idPermutation(seed: number): (i: number) => number {
  const M = 10_000_000;
  let a = (mix32(seed, 0x1d) % (M - 1)) + 1;
  while (a % 2 === 0 || a % 5 === 0) a++;
  const b = mix32(seed, 0x2e) % M;
  return (i) => (a * i + b) % M;
}

/** Order of rows by a numeric key (stable on ties by index). */
function orderBy(n: number, key: (i: number) => number): Int32Array {
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = key(i) * 2 ** 23 + i;
  keys.sort();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = keys[i] % 2 ** 23;
  return out;
}

const TIMES: string[] = (() => {
  const t: string[] = new Array(86_400);
  const p = (n: number) => (n < 10 ? `0${n}` : String(n));
  for (let s = 0; s < 86_400; s++) t[s] = `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}Z`;
  return t;
})();

/**
 * Generate a synthetic case: a background population with ordinary behaviour and the planted
 * wildlife-trafficking schemes, written as a canonical case folder (`transactions.csv`,
 * `accounts.csv`, `parties.csv`, `relationships.csv`, `fx.csv`) plus `truth.json`, the answer key.
 * Seeded and deterministic: the same options give byte-identical files. Transactions are streamed
 * out one day at a time, so ten million rows never sit in memory.
 *
 * @example
 * ```ts
 * import { generateCase } from "wildtrace";
 * const res = generateCase({ out: "cases/training-1", seed: 7, transactions: 20_000, schemes: ["ivory", "pangolin"] });
 * console.log(res.truth.schemes.map((s) => s.id)); // ["ivory", "pangolin"]
 * ```
 */
export function generateCase(options: GenerateCaseOptions): GenerateResult {
  if (!options || typeof options.out !== "string" || options.out === "") throw new OptionError("generateCase", "`out` (the folder to write) is required");
  const { out, ...rest } = options;
  const opts = resolveGenerateOptions(rest);
  const seed = opts.seed;
  const start = Date.parse(`${opts.start}T00:00:00Z`);
  const scale = opts.schemeScale ?? Math.min(1, Math.max(0.1, opts.transactions / 20_000));

  // 1. Plant the schemes (each from its own stream, so switching one off leaves the others as they were).
  const schemes = opts.schemes.map((name) =>
    PLANTERS[name]({ rng: createRng(mix32(seed, hashString(name))), start, days: opts.days, difficulty: opts.difficulty, scale }),
  );
  const plantedParties = schemes.flatMap((s) => s.parties);
  const plantedAccounts: (typeof schemes)[number]["accounts"] = [];
  const partyBase: number[] = [];
  const accountBase: number[] = [];
  for (const s of schemes) {
    const pb = plantedParties.indexOf(s.parties[0]);
    partyBase.push(pb);
    accountBase.push(plantedAccounts.length);
    for (const a of s.accounts) plantedAccounts.push({ ...a, holder: a.holder + pb });
  }
  const plantedTxCount = schemes.reduce((n, s) => n + s.transactions.length, 0);
  if (plantedTxCount > opts.transactions * 0.5) {
    throw new OptionError("generateCase", `transactions: ${opts.transactions} is too few for ${plantedTxCount} planted transactions; ask for more transactions, fewer schemes or a smaller schemeScale`);
  }

  // 2. The background population.
  const rng = createRng(mix32(seed, 0xb6));
  const pop = buildPopulation(rng, opts.accounts ?? Math.max(300, Math.round(opts.transactions / 10)), plantedParties, plantedAccounts);
  const partyPerm = idPermutation(mix32(seed, 1));
  const accountPerm = idPermutation(mix32(seed, 2));
  const partyId = (i: number) => `P${String(partyPerm(i)).padStart(7, "0")}`;
  const accountIds: string[] = new Array(pop.accounts);
  for (let a = 0; a < pop.accounts; a++) accountIds[a] = `${COUNTRY_PROFILES[pop.accountCountry[a]].code}-${String(accountPerm(a)).padStart(7, "0")}`;
  const globalAccount = (scheme: number, local: number) => pop.backgroundAccounts + accountBase[scheme] + local;
  const globalParty = (scheme: number, local: number) => pop.backgroundParties + partyBase[scheme] + local;

  mkdirSync(out, { recursive: true });
  const files: GeneratedFile[] = [];
  const record = (file: string, r: { rows: number; bytes: number }) => files.push({ file, rows: r.rows, bytes: r.bytes });

  // 3. Static tables.
  record("accounts.csv", writeAccounts(join(out, "accounts.csv"), pop, accountIds, partyId, start));
  record("parties.csv", writeParties(join(out, "parties.csv"), seed, pop, partyId));
  record("relationships.csv", writeRelationships(join(out, "relationships.csv"), seed, pop, schemes, partyId, globalParty, start));
  const bg = prepareBackground(rng, seed, pop, start, opts.days);
  record("fx.csv", writeFx(join(out, "fx.csv"), bg.rates, start, opts.days));

  // 4. Transactions, day by day, planted ones merged in time order.
  const planted = schemes.flatMap((s, si) => s.transactions.map((t, ti) => ({ si, ti, t })));
  planted.sort((a, b) => a.t.time - b.t.time || a.si - b.si || a.ti - b.ti);
  const plantedIds: string[][] = schemes.map((s) => new Array(s.transactions.length));
  const background = opts.transactions - planted.length;
  const perDay = new Float64Array(opts.days);
  let wsum = 0;
  for (let d = 0; d < opts.days; d++) {
    const dow = new Date(start + d * DAY).getUTCDay();
    perDay[d] = dow === 0 ? 0.7 : dow === 6 ? 0.85 : 1;
    wsum += perDay[d];
  }
  const counts = new Int32Array(opts.days);
  let assigned = 0;
  for (let d = 0; d < opts.days; d++) {
    counts[d] = Math.floor((background * perDay[d]) / wsum);
    assigned += counts[d];
  }
  for (let d = 0; assigned < background; d = (d + 1) % opts.days) {
    counts[d]++;
    assigned++;
  }
  let maxDay = 0;
  for (let d = 0; d < opts.days; d++) maxDay = Math.max(maxDay, counts[d]);
  const chunk = createChunk(maxDay + planted.length);
  const currencyCodes = [...COUNTRY_PROFILES.map((c) => c.currency), "USD"];
  const dayPrefixes = Array.from({ length: opts.days }, (_, d) => new Date(start + d * DAY).toISOString().slice(0, 11));
  const tx = openTransactionWriter(join(out, "transactions.csv"), accountIds, dayPrefixes, currencyCodes);
  const usdIndex = currencyCodes.length - 1;
  let seq = 0;
  let p = 0;
  let line = 1;
  const dirty: Truth["dirty"] = [];
  const dirtyEvery = opts.dirtyRows > 0 ? Math.max(1, Math.floor(opts.transactions / (opts.dirtyRows + 1))) : 0;
  const dirtyRng = createRng(mix32(seed, 0xd1));
  const decimals = COUNTRY_PROFILES.map((c) => c.decimals);
  for (let d = 0; d < opts.days; d++) {
    chunk.n = 0;
    generateBackgroundDay(bg, d, counts[d], chunk);
    const dayEnd = start + (d + 1) * DAY;
    while (p < planted.length && planted[p].t.time < dayEnd) {
      const { si, t } = planted[p];
      const i = chunk.n++;
      chunk.time[i] = t.time;
      chunk.from[i] = t.from >= 0 ? globalAccount(si, t.from) : -1;
      chunk.to[i] = t.to >= 0 ? globalAccount(si, t.to) : -1;
      chunk.amount[i] = t.amount;
      chunk.currency[i] = t.currency === "USD" ? USD : COUNTRY_PROFILES.findIndex((c) => c.currency === t.currency);
      chunk.channel[i] = CHANNELS.indexOf(t.channel);
      chunk.reference[i] = csvCell(t.reference);
      chunk.planted[i] = p;
      p++;
    }
    const dayStart = start + d * DAY;
    const order = orderBy(chunk.n, (i) => (chunk.time[i] - dayStart) / 1000);
    for (let k = 0; k < chunk.n; k++) {
      const i = order[k];
      const cur = chunk.currency[i];
      const sec = Math.floor((chunk.time[i] - dayStart) / 1000);
      ++seq;
      tx.row(seq, d, sec, chunk.amount[i], cur === USD || decimals[cur] === 2, cur === USD ? usdIndex : cur, chunk.from[i], chunk.to[i], chunk.channel[i], chunk.reference[i]);
      line++;
      if (dirtyEvery > 0 && chunk.planted[i] < 0 && seq % dirtyEvery === 0 && dirty.length < opts.dirtyRows) {
        const amount = cur === USD || decimals[cur] === 2 ? formatCents(chunk.amount[i]) : String(chunk.amount[i]);
        const row = `${txId(seq)},${dayPrefixes[d]}${TIMES[sec]},${amount},${currencyCodes[cur === USD ? usdIndex : cur]},${chunk.from[i] >= 0 ? accountIds[chunk.from[i]] : ""},${chunk.to[i] >= 0 ? accountIds[chunk.to[i]] : ""},${CHANNELS[chunk.channel[i]]},${chunk.reference[i]}`;
        const bad = dirtyRow(dirtyRng, row, seq);
        tx.line(bad.row);
        line++;
        dirty.push({ file: "transactions.csv", line, field: bad.field, problem: bad.problem });
      }
      if (chunk.planted[i] >= 0) {
        const pl = planted[chunk.planted[i]];
        plantedIds[pl.si][pl.ti] = txId(seq);
      }
    }
  }
  const written = tx.close();
  record("transactions.csv", { rows: written.rows - dirty.length, bytes: written.bytes });

  // 5. Optional goAML reports on the planted transactions.
  if (opts.goaml) {
    const ids = schemes.map((_, si) => ({ account: (a: number) => accountIds[globalAccount(si, a)], party: (q: number) => partyId(globalParty(si, q)), transaction: (k: number) => plantedIds[si][k] }));
    const months = Math.ceil(opts.days / 30.44) + 1;
    const rates = COUNTRY_PROFILES.flatMap((c, ci) => (c.currency === "USD" ? [] : Array.from({ length: months }, (_, m) => ({ currency: c.currency, time: start + Math.ceil(m * 30.44) * DAY, rate: bg.rates[ci][m] }))));
    for (const f of writeSchemeReports(out, schemes, ids, isoDate(start + opts.days * DAY), createFxTable("USD", rates))) files.push({ file: f.file, rows: 1, bytes: f.bytes });
  }

  // 6. The answer key.
  const truth = buildTruth(opts, schemes, plantedIds, dirty, (si, a) => accountIds[globalAccount(si, a)], (si, q) => partyId(globalParty(si, q)));
  const truthText = `${JSON.stringify(truth, null, 2)}\n`;
  writeFileSync(join(out, "truth.json"), truthText);
  files.push({ file: "truth.json", rows: truth.transactions.length, bytes: Buffer.byteLength(truthText) });
  return { out, options: opts, files, transactions: seq, plantedTransactions: planted.length, accounts: pop.accounts, parties: pop.parties, truth };
}

/** Transaction id of the `seq`-th row: `T` and eight digits. */
function txId(seq: number): string {
  return `T${String(100_000_000 + seq).slice(1)}`;
}

/** `x` with exactly two decimals (faster than toFixed on the hot path). */
function formatCents(x: number): string {
  const c = Math.round(x * 100);
  const w = Math.floor(c / 100);
  const f = c - w * 100;
  return `${w}.${f < 10 ? "0" : ""}${f}`;
}

const isoDateCache = new Map<number, string>();

/** `YYYY-MM-DD` of an instant (memoised per day: account and relationship dates repeat). */
function isoDate(ms: number): string {
  const day = Math.floor(ms / DAY);
  let s = isoDateCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY).toISOString().slice(0, 10);
    if (isoDateCache.size < 100_000) isoDateCache.set(day, s);
  }
  return s;
}

function writeAccounts(path: string, pop: Population, ids: string[], partyId: (i: number) => string, start: number) {
  const w = openCsv(path, ["id", "holder", "institution", "country", "type", "currency", "opened"]);
  const order = orderBy(pop.accounts, (a) => Number(ids[a].slice(3)));
  for (let k = 0; k < pop.accounts; k++) {
    const a = order[k];
    const prof = COUNTRY_PROFILES[pop.accountCountry[a]];
    if (a >= pop.backgroundAccounts) {
      const pa = pop.plantedAccounts[a - pop.backgroundAccounts];
      w.row([ids[a], partyId(pop.backgroundParties + pa.holder), pa.institution, pa.country, pa.type, pa.currency, pa.opened]);
      continue;
    }
    const mobile = pop.accountType[a] === 1;
    const inst = mobile ? prof.mobileMoney[pop.accountInstitution[a]] : prof.banks[pop.accountInstitution[a]];
    w.row([ids[a], partyId(pop.accountHolder[a]), inst, prof.code, mobile ? "mobile_money" : "bank", pop.accountUsd[a] === 1 ? "USD" : prof.currency, isoDate(start - pop.accountAge[a] * DAY)]);
  }
  return w.close();
}

function writeParties(path: string, seed: number, pop: Population, partyId: (i: number) => string) {
  const w = openCsv(path, ["id", "kind", "name", "country", "birth_date", "id_number", "phone", "email", "address", "sector", "roles"]);
  const order = orderBy(pop.parties, (i) => Number(partyId(i).slice(1)));
  for (let k = 0; k < pop.parties; k++) {
    const i = order[k];
    if (i >= pop.backgroundParties) {
      const pp = pop.plantedParties[i - pop.backgroundParties];
      w.row([partyId(i), pp.kind, pp.name, pp.country, pp.birthDate, pp.idNumbers.join(";"), pp.phone, pp.email, pp.address, pp.sector, pp.roles.join(";")]);
    } else {
      w.row([partyId(i), ...backgroundPartyCells(seed, i, pop.partyCountry[i], pop.partyCategory[i])]);
    }
  }
  return w.close();
}

function writeRelationships(path: string, seed: number, pop: Population, schemes: PlantedScheme[], partyId: (i: number) => string, globalParty: (s: number, q: number) => number, start: number) {
  const w = openCsv(path, ["from", "to", "type", "since", "until", "share"]);
  const rows: [string, string, string, string, string, string][] = [];
  // Background: owners and directors of companies, employment of civil servants, families.
  const persons: number[] = [];
  for (let i = 0; i < pop.backgroundParties; i++) if (pop.partyCategory[i] === CATEGORY.person) persons.push(i);
  if (persons.length > 0) {
    for (let i = 0; i < pop.backgroundParties; i++) {
      const cat = pop.partyCategory[i];
      const u = unitHash(seed, i, 21);
      const person = persons[Math.floor(unitHash(seed, i, 22) * persons.length)];
      const since = isoDate(start - Math.floor(300 + unitHash(seed, i, 23) * 4000) * DAY);
      if (cat !== CATEGORY.person && u < 0.5) rows.push([partyId(person), partyId(i), u < 0.3 ? "owns" : "directs", since, "", u < 0.3 ? String(Math.round(30 + unitHash(seed, i, 24) * 70)) : ""]);
      else if (cat === CATEGORY.person && u < 0.05 && person !== i) rows.push([partyId(i), partyId(person), "family", "", "", ""]);
      else if (cat === CATEGORY.person && backgroundRoles(seed, i) !== "" && u < 0.5) {
        const employer = Math.floor(unitHash(seed, i, 25) * pop.backgroundParties);
        if (pop.partyCategory[employer] === CATEGORY.employer) rows.push([partyId(employer), partyId(i), "employs", since, "", ""]);
      }
    }
  }
  schemes.forEach((s, si) => {
    for (const r of s.relationships) rows.push([partyId(globalParty(si, r.from)), partyId(globalParty(si, r.to)), r.type, r.since, "", r.share === undefined ? "" : String(r.share)]);
  });
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  for (const r of rows) w.row(r);
  return w.close();
}

function writeFx(path: string, rates: Float64Array[], start: number, days: number) {
  const w = openCsv(path, ["currency", "date", "rate"]);
  const months = Math.ceil(days / 30.44) + 1;
  COUNTRY_PROFILES.forEach((c, ci) => {
    if (c.currency === "USD") return;
    for (let m = 0; m < months; m++) {
      // Rates are used by month index floor(day / 30.44): date each rate at that month's first day.
      w.row([c.currency, isoDate(start + Math.ceil(m * 30.44) * DAY), String(rates[ci][m])]);
    }
  });
  return w.close();
}

const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

function buildTruth(opts: ResolvedGenerateOptions, schemes: PlantedScheme[], txIds: string[][], dirty: Truth["dirty"], accountId: (s: number, a: number) => string, partyIdOf: (s: number, q: number) => string): Truth {
  const typologies = new Map<string, { accounts: Set<string>; transactions: Set<string> }>();
  const entry = (t: string) => {
    let e = typologies.get(t);
    if (!e) typologies.set(t, (e = { accounts: new Set(), transactions: new Set() }));
    return e;
  };
  const duplicates: [string, string][] = [];
  const truthSchemes = schemes.map((s, si) => {
    const schemeTypologies = new Set<string>();
    s.transactions.forEach((t, ti) => {
      for (const typ of t.typologies) {
        entry(typ).transactions.add(txIds[si][ti]);
        schemeTypologies.add(typ);
      }
    });
    for (const [a, set] of s.accountTypologies) {
      for (const typ of set) {
        entry(typ).accounts.add(accountId(si, a));
        schemeTypologies.add(typ);
      }
    }
    for (const [a, b] of s.duplicates) {
      const pair = [partyIdOf(si, a), partyIdOf(si, b)].sort() as [string, string];
      duplicates.push(pair);
    }
    return {
      id: s.id,
      commodity: s.commodity,
      story: s.story,
      typologies: [...schemeTypologies].sort(),
      accounts: uniqSorted(s.accounts.map((_, a) => accountId(si, a))),
      parties: uniqSorted(s.parties.map((_, q) => partyIdOf(si, q))),
      transactions: uniqSorted(txIds[si]),
      community: uniqSorted(s.core.map((a) => accountId(si, a))),
      traceSeeds: s.traceSeeds.map((a) => accountId(si, a)),
      route: s.route,
    };
  });
  const typologyOut: Truth["typologies"] = {};
  for (const name of [...typologies.keys()].sort()) {
    const e = typologies.get(name)!;
    typologyOut[name] = { accounts: uniqSorted(e.accounts), transactions: uniqSorted(e.transactions) };
  }
  return {
    seed: opts.seed,
    options: { ...opts, schemes: [...opts.schemes] },
    schemes: truthSchemes,
    typologies: typologyOut,
    accounts: uniqSorted(truthSchemes.flatMap((s) => s.accounts)),
    parties: uniqSorted(truthSchemes.flatMap((s) => s.parties)),
    transactions: uniqSorted(truthSchemes.flatMap((s) => s.transactions)),
    traceSeeds: truthSchemes.flatMap((s) => s.traceSeeds),
    duplicates: duplicates.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1)),
    community: uniqSorted(truthSchemes.flatMap((s) => s.community)),
    dirty,
  };
}

/** The problems a dirty row can have: what real bank extracts get wrong. */
const DIRTY_PROBLEMS = ["impossible_date", "letter_in_amount", "missing_amount", "unknown_currency", "duplicate_id", "unknown_account", "negative_amount"] as const;

/** A malformed copy of a written row (`id,date,amount,currency,from,to,channel,reference`). */
function dirtyRow(rng: ReturnType<typeof createRng>, row: string, seq: number): { row: string; field: string; problem: string } {
  const cells = row.split(",");
  const problem = DIRTY_PROBLEMS[rng.int(DIRTY_PROBLEMS.length)];
  cells[0] = `T${String(100_000_000 + seq).slice(1)}X`;
  let field = "";
  switch (problem) {
    case "impossible_date":
      cells[1] = `${cells[1].slice(0, 5)}02-30${cells[1].slice(10)}`;
      field = "date";
      break;
    case "letter_in_amount":
      cells[2] = cells[2].replace(/(?<=\d)\d/, "O");
      field = "amount";
      break;
    case "missing_amount":
      cells[2] = "";
      field = "amount";
      break;
    case "unknown_currency":
      cells[3] = "XYZ";
      field = "currency";
      break;
    case "duplicate_id":
      cells[0] = `T${String(100_000_000 + seq).slice(1)}`;
      field = "id";
      break;
    case "unknown_account":
      if (cells[4] !== "") cells[4] = "ZZ-0000000";
      else cells[5] = "ZZ-0000000";
      field = cells[4] === "ZZ-0000000" ? "from_account" : "to_account";
      break;
    case "negative_amount":
      cells[2] = `-${cells[2]}`;
      field = "amount";
      break;
  }
  return { row: cells.join(","), field, problem };
}

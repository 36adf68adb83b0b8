import { z } from "zod";
import { foldWords } from "../_lib/fold-words.js";
import { CHANNELS } from "../model/codes.js";
import { inColumns, outColumns } from "./list-columns.js";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { DAY, money } from "./windows.js";

/**
 * Parameters of {@link frontCompanyRule}.
 *
 * @example
 * ```ts
 * import { FrontCompanyParamsSchema } from "wildtrace";
 * FrontCompanyParamsSchema.parse({}).youngDays; // 365
 * FrontCompanyParamsSchema.parse({ minSignals: 3 }).minSignals; // 3
 * FrontCompanyParamsSchema.safeParse({ youngDaysX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const FrontCompanyParamsSchema = z
  .object({
    /** A company is young for this many days after incorporation (its `birthDate`, else its first account's opening). [default: 365] */
    youngDays: z.number().positive().default(365),
    /** Inflow in its young period that makes the flows "large", base currency. [default: 50000] */
    minYoungInflow: z.number().min(0).default(50000),
    /** Least inflow before the activity-mismatch signal is judged, base currency. [default: 10000] */
    minInflow: z.number().min(0).default(10000),
    /** Cash and mobile-money share of inflow unlike a non-cash business. [default: 0.3] */
    cashShare: z.number().gt(0).max(1).default(0.3),
    /** Sectors where cash is expected. [default: retail, hospitality, agriculture, casino] */
    cashSectors: z.array(z.string()).default(["retail", "hospitality", "agriculture", "casino"]),
    /** Domestic sectors for which mostly cross-border flows are unlike the declared activity. [default: retail, hospitality, construction, education, healthcare, real_estate, agriculture] */
    domesticSectors: z.array(z.string()).default(["retail", "hospitality", "construction", "education", "healthcare", "real_estate", "agriculture"]),
    /** Cross-border share of volume unlike a domestic business. [default: 0.5] */
    crossBorderShare: z.number().gt(0).max(1).default(0.5),
    /** Relationship types that make a party an officer of a company. [default: directs, owns, represents, signatory] */
    officerRelations: z.array(z.string()).default(["directs", "owns", "represents", "signatory"]),
    /** Signals (young with large flows, activity mismatch, shared officer, shared address or phone) that alert. [default: 2] */
    minSignals: z.number().int().min(1).max(4).default(2),
  })
  .strict();

const CASH_LIKE = new Set(["cash_deposit", "mobile_money", "hawala"].map((c) => CHANNELS.indexOf(c as (typeof CHANNELS)[number])));


/**
 * `front_company`: a company showing several front-company signals at once: young with large
 * flows, flows unlike its declared activity (cash into a non-cash business, cross-border money
 * through a domestic one), an officer shared with other companies, an address or phone shared with
 * another company (Themis IWT red flags: front and shell companies; FATF 2020). Value = signals.
 *
 * @example
 * ```ts
 * import { frontCompanyRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [
 *     { id: "C1", kind: "company", name: "Pemba Marine", birthDate: "2024-01-01", address: "Plot 4, Pemba" },
 *     { id: "C2", kind: "company", name: "Golden Dragon", address: "Plot 4, Pemba" },
 *   ],
 *   accounts: [{ id: "A1", holder: "C1" }, { id: "X" }],
 *   transactions: [{ id: "T1", date: "2024-02-01", amount: 90000, currency: "USD", fromAccount: "X", toAccount: "A1" }],
 * });
 * runRules(dataset, { rules: [frontCompanyRule] }).alerts[0].value; // 2
 * ```
 */
export const frontCompanyRule = defineRule({
  id: "front_company",
  title: "Front-company signals",
  typology: "front_company",
  indicator: "Themis IWT red flags: front and shell companies (young, activity unlike flows, shared officers, addresses, phones); FATF (2020)",
  description: "Number of front-company signals a company shows: young with large flows, activity mismatch, shared officer, shared address or phone.",
  needs: ["parties"],
  unit: "signals",
  params: FrontCompanyParamsSchema,
  threshold: (p) => p.minSignals,
  bands: (p) => [
    { min: p.minSignals, severity: "medium", score: 50, reason: "several front-company signals together" },
    { min: Math.max(p.minSignals + 1, 3), severity: "high", score: 70, reason: "most front-company signals together" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    // accounts per holder party as a CSR (ascending account index), not a map of arrays
    const holderStart = new Int32Array(ds.parties.length + 1);
    for (let a = 0; a < ds.accounts.length; a++) if (ds.accountHolder[a] >= 0) holderStart[ds.accountHolder[a] + 1]++;
    for (let k = 0; k < ds.parties.length; k++) holderStart[k + 1] += holderStart[k];
    const holderAccounts = new Int32Array(holderStart[ds.parties.length]);
    const fillAt = holderStart.slice(0, ds.parties.length);
    for (let a = 0; a < ds.accounts.length; a++) if (ds.accountHolder[a] >= 0) holderAccounts[fillAt[ds.accountHolder[a]]++] = a;
    const isCompany = (k: number) => ds.parties[k].kind !== "person";
    const sameEntity = (x: number, y: number) => x === y || (ctx.partyEntity[x] >= 0 && ctx.partyEntity[x] === ctx.partyEntity[y]);
    // shared officers
    const officerRel = new Set(p.officerRelations);
    const companiesOf = new Map<number, Set<number>>();
    for (const r of ds.relationships) {
      if (!officerRel.has(r.type)) continue;
      const o = ds.partyIndex.get(r.from);
      const c = ds.partyIndex.get(r.to);
      if (o === undefined || c === undefined || !isCompany(c)) continue;
      let s = companiesOf.get(o);
      if (!s) companiesOf.set(o, (s = new Set()));
      s.add(c);
    }
    const sharedOfficer = new Map<number, number[]>();
    for (const [o, cs] of [...companiesOf.entries()].sort((a, b) => a[0] - b[0])) {
      if (cs.size < 2) continue;
      for (const c of cs) {
        const l = sharedOfficer.get(c) ?? [];
        l.push(o, ...[...cs].filter((x) => x !== c));
        sharedOfficer.set(c, l);
      }
    }
    // shared contact details
    const byContact = new Map<string, number[]>();
    ds.parties.forEach((party, k) => {
      if (!isCompany(k)) return;
      const keys = new Set<string>();
      for (const ad of party.addresses) {
        const folded = foldWords(ad.text);
        if (folded.length >= 6) keys.add(`addr:${folded}`);
      }
      for (const id of party.identifiers) if (id.type === "phone" || id.type === "email") keys.add(`${id.type}:${id.value.toLowerCase().replace(/[^\p{L}\p{N}@.]/gu, "")}`);
      for (const key of keys) {
        const l = byContact.get(key);
        if (l) l.push(k);
        else byContact.set(key, [k]);
      }
    });
    const sharedContact = new Map<number, number[]>();
    for (const list of byContact.values()) {
      for (const c of list) {
        const others = list.filter((x) => !sameEntity(x, c));
        if (others.length > 0) sharedContact.set(c, [...(sharedContact.get(c) ?? []), ...others]);
      }
    }
    // per transaction, in one pass in table order: CASH_IN (cash-like channel or no sender) and
    // CROSS (both sides' countries known and different); the loops below read one byte per
    // transfer instead of five columns
    const CASH_IN = 1;
    const CROSS = 2;
    const flags = new Uint8Array(t.length);
    const cashLike = new Uint8Array(CHANNELS.length);
    for (const c of CASH_LIKE) if (c >= 0) cashLike[c] = 1;
    for (let i = 0; i < t.length; i++) {
      const from = t.from[i];
      const to = t.to[i];
      let b = cashLike[t.channel[i]] === 1 || from < 0 ? CASH_IN : 0;
      const fc = t.fromCountry[i] || (from >= 0 ? ds.accountCountry[from] : 0);
      const tc = t.toCountry[i] || (to >= 0 ? ds.accountCountry[to] : 0);
      if (fc !== 0 && tc !== 0 && fc !== tc) b |= CROSS;
      flags[i] = b;
    }
    const inSide = inColumns(ctx);
    const outSide = outColumns(ctx);
    const cashSectors = new Set(p.cashSectors);
    const domestic = new Set(p.domesticSectors);
    const out: Measurement[] = [];
    for (let k = 0; k < ds.parties.length; k++) {
      if (!isCompany(k)) continue;
      const party = ds.parties[k];
      const accts = holderAccounts.subarray(holderStart[k], holderStart[k + 1]);
      // without a shared officer or contact, at most two flow signals: skip when minSignals needs more
      if (!sharedOfficer.has(k) && !sharedContact.has(k) && p.minSignals > 2) continue;
      const signals: string[] = [];
      const evidence: number[] = [];
      const related: number[] = [];
      // flows
      let inflow = 0;
      let cashIn = 0;
      let volume = 0;
      let cross = 0;
      let youngIn = 0;
      const youngTx: number[] = [];
      let inc = party.birthDate ? Date.parse(party.birthDate) : Number.NaN;
      if (!Number.isFinite(inc)) {
        for (const a of accts) {
          const o = ds.accounts[a].opened ? Date.parse(ds.accounts[a].opened as string) : Number.NaN;
          if (Number.isFinite(o) && (!Number.isFinite(inc) || o < inc)) inc = o;
        }
      }
      // the signals this company could still show: skip the flows when they cannot reach minSignals
      // (young needs an incorporation date unless minYoungInflow is 0, the mismatch a sector)
      const possible =
        (sharedOfficer.has(k) ? 1 : 0) + (sharedContact.has(k) ? 1 : 0) + (Number.isFinite(inc) || p.minYoungInflow <= 0 ? 1 : 0) + (party.sector ? 1 : 0);
      if (possible < p.minSignals) continue;
      for (const a of accts) {
        for (let q = inStart[a]; q < inStart[a + 1]; q++) {
          const i = inTx[q];
          const v = inSide.amount[q];
          const f = flags[i];
          inflow += v;
          volume += v;
          if ((f & CASH_IN) !== 0) cashIn += v;
          if ((f & CROSS) !== 0) cross += v;
          const ti = inSide.time[q];
          if (Number.isFinite(inc) && ti - inc <= p.youngDays * DAY && ti >= inc) {
            youngIn += v;
            youngTx.push(i);
          }
        }
        for (let q = outStart[a]; q < outStart[a + 1]; q++) {
          volume += outSide.amount[q];
          if ((flags[outTx[q]] & CROSS) !== 0) cross += outSide.amount[q];
        }
      }
      // decide the signals first; their sentences (money formatting, name lists) only for alerts
      const young = youngIn >= p.minYoungInflow;
      const sector = party.sector ?? "";
      let mismatch: "cash" | "cross" | undefined;
      if (sector && inflow >= p.minInflow) {
        if (!cashSectors.has(sector) && cashIn >= p.cashShare * inflow) mismatch = "cash";
        else if (domestic.has(sector) && volume > 0 && cross >= p.crossBorderShare * volume) mismatch = "cross";
      }
      const so = sharedOfficer.get(k);
      const sc = sharedContact.get(k);
      if ((young ? 1 : 0) + (mismatch ? 1 : 0) + (so ? 1 : 0) + (sc ? 1 : 0) < p.minSignals) continue;
      if (young) {
        signals.push(`received ${money(ctx, youngIn)} within ${p.youngDays} days of incorporation`);
        evidence.push(...youngTx);
      }
      if (mismatch === "cash") signals.push(`${Math.round((cashIn / inflow) * 100)}% of its inflow is cash or mobile money though it declares ${sector.replace(/_/g, " ")}`);
      else if (mismatch === "cross") signals.push(`${Math.round((cross / volume) * 100)}% of its volume is cross-border though it declares ${sector.replace(/_/g, " ")}`);
      if (so) {
        const names = [...new Set(so)].filter((x) => ds.parties[x].kind === "person").map((x) => ds.parties[x].name);
        signals.push(`it shares an officer (${names.join(", ") || "a company"}) with other companies`);
        related.push(...new Set(so));
      }
      if (sc) {
        const uniq = [...new Set(sc)].sort((a, b) => a - b);
        signals.push(`it shares an address or phone with ${uniq.map((x) => ds.parties[x].name).join(", ")}`);
        related.push(...uniq);
      }
      const txs = [...new Set(evidence)].sort((x, y) => t.time[x] - t.time[y] || x - y);
      out.push({
        key: party.id,
        value: signals.length,
        accounts: Array.from(accts),
        parties: [k, ...[...new Set(related)].filter((x) => x !== k)],
        transactions: txs,
        start: txs.length ? t.time[txs[0]] : undefined,
        end: txs.length ? t.time[txs[txs.length - 1]] : undefined,
        facts: { signals: signals.join("; ") },
      });
    }
    return out;
  },
  explain: (m, p, ctx) => {
    const k = m.parties?.[0] ?? -1;
    const name = k >= 0 ? ctx.dataset.parties[k].name : "The company";
    return `${name} shows ${m.value} front-company signals (threshold ${p.minSignals}): ${m.facts?.signals}`;
  },
});

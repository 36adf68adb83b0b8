import { mix32, type Rng } from "../_lib/random.js";
import type { Channel } from "../model/codes.js";
import { type CountryProfile, countryProfile } from "./country-profiles.js";
import { asciiFold, companyName, type GeneratedName, personName } from "./names.js";
import type { Difficulty } from "./options.js";
import type { PlantedTypology } from "./truth.js";

/**
 * The building blocks every planted scheme uses: people and companies with realistic identities,
 * their accounts, and transactions labelled with the typologies they plant. A scheme only talks
 * to its kit; the generator then places the planted records among the background population.
 */

const DAY = 86_400_000;

/** A planted party, written as one row of parties.csv. */
export interface PlantedParty {
  kind: "person" | "company";
  country: string;
  name: string;
  birthDate: string;
  idNumbers: string[];
  phone: string;
  email: string;
  address: string;
  sector: string;
  roles: string[];
}

/** How a planted account joins the background (so planted people also buy groceries). */
export type BackgroundPool = "person" | "mobile" | "trader" | "cash_business" | "none";

/** A planted account. `holder` is a local party index. */
export interface PlantedAccount {
  holder: number;
  country: string;
  type: "bank" | "mobile_money";
  institution: string;
  currency: string;
  opened: string;
  pool: BackgroundPool;
}

/** A planted transaction; `from`/`to` are local account indices or -1 for the cash side. */
export interface PlantedTransaction {
  time: number;
  from: number;
  to: number;
  amount: number;
  currency: string;
  channel: Channel;
  reference: string;
  typologies: PlantedTypology[];
}

/** A relationship between two local parties. */
export interface PlantedRelationship {
  from: number;
  to: number;
  type: string;
  since: string;
  share?: number;
}

/** A finished scheme, in local indices. */
export interface PlantedScheme {
  id: string;
  commodity: string;
  story: string;
  route: string[];
  parties: PlantedParty[];
  accounts: PlantedAccount[];
  relationships: PlantedRelationship[];
  transactions: PlantedTransaction[];
  /** Typologies per local account. */
  accountTypologies: Map<number, Set<PlantedTypology>>;
  core: number[];
  traceSeeds: number[];
  duplicates: [number, number][];
}

/** What a scheme needs to know about the case it is planted in. */
export interface SchemeContext {
  rng: Rng;
  /** Epoch ms of the first day. */
  start: number;
  days: number;
  difficulty: Difficulty;
  /** Scheme size multiplier. */
  scale: number;
}

/** Typologies about an account's attributes rather than the movement of money. */
const ATTRIBUTE_TYPOLOGIES: ReadonlySet<PlantedTypology> = new Set<PlantedTypology>(["wildlife_sector", "front_company", "dormant_activation"]);

/** Typologies about the behaviour of the account that conducts them (the payer, or the account of a cash movement). */
const ONE_SIDED_TYPOLOGIES: ReadonlySet<PlantedTypology> = new Set<PlantedTypology>(["round_amounts", "structuring", "cash_intensive"]);

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Tuning per difficulty: probability of a code word in a reference, delays between layering hops
 * (days), laundering fees, the lowest structured cash amount (USD) and the size of a crowd of
 * payers or payees (fan-in senders, poachers paid in one burst). Hard cases stay under the usual
 * rule thresholds (fewer than 10 counterparties, hops days apart, cash well under the line).
 *
 * @example
 * ```ts
 * DIFFICULTY_TUNING.hard.structFloor; // 7500: structured cash stays well under the line
 * DIFFICULTY_TUNING.hard.crowd; // 7: fewer than the 10 counterparties fan-in rules look for
 * ```
 */
export const DIFFICULTY_TUNING: Readonly<Record<Difficulty, { codeWord: number; delayDays: [number, number]; fee: [number, number]; structFloor: number; crowd: number }>> = Object.freeze({
  easy: { codeWord: 0.9, delayDays: [0.05, 0.6], fee: [0.005, 0.015], structFloor: 9_500, crowd: 12 },
  medium: { codeWord: 0.5, delayDays: [0.2, 1.5], fee: [0.01, 0.04], structFloor: 9_000, crowd: 11 },
  hard: { codeWord: 0.2, delayDays: [1, 5], fee: [0.02, 0.07], structFloor: 7_500, crowd: 7 },
});

/**
 * A kit that records one scheme's parties, accounts and transactions.
 *
 * @example
 * ```ts
 * const kit = new SchemeKit("ivory-1", "elephant ivory", ctx);
 * const boss = kit.person("CN");
 * ```
 */
export class SchemeKit {
  readonly ctx: SchemeContext;
  readonly rng: Rng;
  readonly tuning: (typeof DIFFICULTY_TUNING)[Difficulty];
  private readonly scheme: PlantedScheme;

  constructor(id: string, commodity: string, ctx: SchemeContext) {
    this.ctx = ctx;
    this.rng = ctx.rng;
    this.tuning = DIFFICULTY_TUNING[ctx.difficulty];
    this.scheme = { id, commodity, story: "", route: [], parties: [], accounts: [], relationships: [], transactions: [], accountTypologies: new Map(), core: [], traceSeeds: [], duplicates: [] };
  }

  /** Number of episodes (shipments) for this scheme: `base` scaled, at least 1. */
  episodes(base: number): number {
    return Math.max(1, Math.round(base * this.ctx.scale));
  }

  /** Epoch ms of day `d` (fractional days allowed) of the period, clamped inside it. */
  at(d: number): number {
    const clamped = Math.min(Math.max(d, 0), this.ctx.days - 0.01);
    return this.ctx.start + Math.floor(clamped * DAY / 1000) * 1000;
  }

  /** A random delay in days for the difficulty. */
  delay(): number {
    const [lo, hi] = this.tuning.delayDays;
    return this.rng.range(lo, hi);
  }

  /** A random laundering fee fraction for the difficulty. */
  fee(): number {
    const [lo, hi] = this.tuning.fee;
    return this.rng.range(lo, hi);
  }

  /** A code word (with probability set by the difficulty) or an innocuous cover reference. */
  ref(codeWords: readonly string[], cover: readonly string[]): { text: string; coded: boolean } {
    if (this.rng.chance(this.tuning.codeWord)) return { text: this.rng.pick(codeWords), coded: true };
    return { text: this.rng.pick(cover), coded: false };
  }

  private phone(p: CountryProfile): string {
    const r = this.rng;
    const digits = () => String(100 + r.int(900));
    const mobile = p.code === "CN" ? `1${3 + r.int(6)}${r.int(10)}` : p.code === "GB" ? `7${r.int(10)}${r.int(10)}` : `${7 + r.int(2)}${r.int(10)}`;
    return `${p.phonePrefix} ${mobile}${r.int(10)} ${digits()} ${digits()}`;
  }

  private address(p: CountryProfile): string {
    return `${1 + this.rng.int(180)} ${this.rng.pick(p.streets)}, ${this.rng.pick(p.cities)}`;
  }

  /** A planted person in `country`. */
  person(country: string, opts: { roles?: string[]; sector?: string; female?: boolean; passport?: boolean; birthYear?: [number, number]; script?: "auto" | "native" | "latin" } = {}): number {
    const p = countryProfile(country);
    let name: GeneratedName;
    let tries = 0;
    do name = personName(p.culture, mix32(this.rng.int(2 ** 31), tries++), opts.script ?? "auto");
    while (opts.female !== undefined && name.female !== opts.female && tries < 20);
    const [y0, y1] = opts.birthYear ?? [1960, 1998];
    const birth = `${y0 + this.rng.int(y1 - y0 + 1)}-${String(1 + this.rng.int(12)).padStart(2, "0")}-${String(1 + this.rng.int(28)).padStart(2, "0")}`;
    const ids: string[] = [];
    if (opts.passport ?? this.rng.chance(0.6)) ids.push(`passport:${country}:${this.passportNumber(country)}`);
    else ids.push(`national_id:${country}:${this.nationalId(country, birth)}`);
    const handle = asciiFold(name.latin).toLowerCase().replace(/[^a-z]+/g, ".").replace(/^\.|\.$/g, "");
    return this.addParty({
      kind: "person",
      country,
      name: name.name,
      birthDate: birth,
      idNumbers: ids,
      phone: this.phone(p),
      email: this.rng.chance(0.4) ? `${handle}${this.rng.int(100)}@${this.rng.pick(["gmail.com", "yahoo.com", "outlook.com"])}` : "",
      address: this.address(p),
      sector: opts.sector ?? "",
      roles: opts.roles ?? [],
    });
  }

  private passportNumber(country: string): string {
    const r = this.rng;
    const letter = String.fromCharCode(65 + r.int(26));
    const n = String(r.int(10_000_000)).padStart(7, "0");
    if (country === "CN") return `E${n}${r.int(10)}`;
    if (country === "VN") return `${letter}${n}`;
    return `${letter}${letter === "A" ? "B" : "A"}${n}`;
  }

  private nationalId(country: string, birth: string): string {
    const r = this.rng;
    if (country === "TZ") return `${birth.replace(/-/g, "")}-${10000 + r.int(89999)}-${String(r.int(100000)).padStart(5, "0")}-${10 + r.int(89)}`;
    return String(r.int(10 ** 9)).padStart(9, "0") + String(r.int(1000)).padStart(3, "0");
  }

  /** A planted company. `young` makes it incorporated shortly before the period. */
  company(country: string, activity: string, sector: string, opts: { young?: boolean; phone?: string; address?: string; roles?: string[] } = {}): number {
    const p = countryProfile(country);
    const name = companyName(country, activity, p.companySuffixes, this.rng.int(2 ** 31), p.cities);
    const inc = opts.young ? isoDay(this.ctx.start - (20 + this.rng.int(120)) * DAY) : `${1995 + this.rng.int(24)}-${String(1 + this.rng.int(12)).padStart(2, "0")}-${String(1 + this.rng.int(28)).padStart(2, "0")}`;
    return this.addParty({
      kind: "company",
      country,
      name,
      birthDate: inc,
      idNumbers: [`registration_number:${country}:${String(this.rng.int(10 ** 9)).padStart(9, "0")}`],
      phone: opts.phone ?? this.phone(p),
      email: "",
      address: opts.address ?? this.address(p),
      sector,
      roles: opts.roles ?? [],
    });
  }

  /**
   * The same person recorded a second time (at another bank): a different spelling or script,
   * sharing what `share` names (the passport, or the phone and birth date).
   */
  duplicate(of: number, writing: "native" | "latin" | "upper" | "initial", share: "passport" | "phone_birth"): number {
    const src = this.scheme.parties[of];
    let name = src.name;
    if (writing === "latin") name = asciiFold(name);
    else if (writing === "upper") name = asciiFold(name).toUpperCase();
    else if (writing === "initial") {
      const parts = name.split(" ");
      if (parts.length >= 3) name = `${parts[0]} ${parts[1][0]}. ${parts.slice(2).join(" ")}`;
      else name = `${parts[0]} ${parts[parts.length - 1]}`.replace(/^(\S+)/, (g) => `${g[0]}.`);
    }
    if (writing === "native" && src.country === "CN") {
      // Same person in Han characters: rebuild from the pinyin parts.
      name = hanFromPinyin(src.name) ?? src.name;
    }
    const p = countryProfile(src.country);
    const copy: PlantedParty = {
      ...src,
      name,
      idNumbers: share === "passport" ? [...src.idNumbers] : [],
      phone: share === "phone_birth" ? src.phone : this.phone(p),
      birthDate: src.birthDate,
      email: "",
      address: this.address(p),
      roles: [...src.roles],
    };
    const idx = this.addParty(copy);
    this.scheme.duplicates.push([of, idx]);
    return idx;
  }

  private addParty(p: PlantedParty): number {
    this.scheme.parties.push(p);
    return this.scheme.parties.length - 1;
  }

  /** Local holder (party) of a planted account. */
  holderOf(account: number): number {
    return this.scheme.accounts[account].holder;
  }

  /** Name of a planted party. */
  partyName(party: number): string {
    return this.scheme.parties[party].name;
  }

  /** The profile of a planted party's country. */
  partyCountry(party: number): string {
    return this.scheme.parties[party].country;
  }

  /** An account of a planted party. `currency` "USD" or "local"; `openedDaysBefore` counts back from the start. */
  account(holder: number, opts: { type?: "bank" | "mobile_money"; currency?: "USD" | "local"; openedDaysBefore?: number; pool?: BackgroundPool; institution?: string } = {}): number {
    const party = this.scheme.parties[holder];
    const p = countryProfile(party.country);
    const type = opts.type ?? "bank";
    const institution = opts.institution ?? (type === "mobile_money" ? this.rng.pick(p.mobileMoney.length > 0 ? p.mobileMoney : p.banks) : this.rng.pick(p.banks));
    const opened = isoDay(this.ctx.start - (opts.openedDaysBefore ?? 200 + this.rng.int(3000)) * DAY);
    const pool: BackgroundPool = opts.pool ?? (party.kind === "person" ? (type === "mobile_money" ? "mobile" : "person") : "none");
    this.scheme.accounts.push({ holder, country: party.country, type, institution, currency: opts.currency === "USD" ? "USD" : p.currency, opened, pool });
    return this.scheme.accounts.length - 1;
  }

  /** Institution of a planted account (to put a duplicate identity at another bank). */
  institutionOf(account: number): string {
    return this.scheme.accounts[account].institution;
  }

  /** Another bank in the account holder's country than `avoid`. */
  otherBank(country: string, avoid: string): string {
    const banks = countryProfile(country).banks.filter((b) => b !== avoid);
    return this.rng.pick(banks);
  }

  /**
   * A planted transaction on day `day` (fractional) for `usd` US dollars, written in the payer's
   * currency (the payee's for cash deposits). Pass `local` to give the amount in that currency.
   */
  tx(day: number, from: number, to: number, usd: number, channel: Channel, reference: string, typologies: PlantedTypology[], local?: number): number {
    const acct = from >= 0 ? this.scheme.accounts[from] : this.scheme.accounts[to];
    const currency = acct.currency;
    const p = countryProfile(acct.country);
    const rate = currency === "USD" ? 1 : p.usdRate;
    const amount = local ?? roundTo(usd / rate, p.decimals === 0 && currency !== "USD" ? 0 : 2);
    this.scheme.transactions.push({ time: this.at(day), from, to, amount, currency, channel, reference, typologies: [...typologies] });
    for (const t of typologies) {
      // Attribute typologies (a sector, a young company, a dormant account) belong to the
      // account that has the attribute, labelled explicitly; the others to both ends.
      if (ATTRIBUTE_TYPOLOGIES.has(t)) continue;
      if (ONE_SIDED_TYPOLOGIES.has(t)) {
        this.labelAccount(from >= 0 ? from : to, t);
        continue;
      }
      if (from >= 0) this.labelAccount(from, t);
      if (to >= 0) this.labelAccount(to, t);
    }
    return this.scheme.transactions.length - 1;
  }

  /** Label accounts with a typology without a transaction (e.g. a front company's account). */
  labelAccount(account: number, typology: PlantedTypology): void {
    let s = this.scheme.accountTypologies.get(account);
    if (!s) this.scheme.accountTypologies.set(account, (s = new Set()));
    s.add(typology);
  }

  /** Amount of a planted transaction in USD-equivalent terms (for chaining amounts). */
  usdOf(tx: number): number {
    const t = this.scheme.transactions[tx];
    if (t.currency === "USD") return t.amount;
    const acct = t.from >= 0 ? this.scheme.accounts[t.from] : this.scheme.accounts[t.to];
    return t.amount * countryProfile(acct.country).usdRate;
  }

  relate(from: number, to: number, type: string, sinceDaysBefore: number, share?: number): void {
    this.scheme.relationships.push({ from, to, type, since: isoDay(this.ctx.start - sinceDaysBefore * DAY), share });
  }

  core(...accounts: number[]): void {
    for (const a of accounts) if (!this.scheme.core.includes(a)) this.scheme.core.push(a);
  }

  traceFrom(...accounts: number[]): void {
    for (const a of accounts) if (!this.scheme.traceSeeds.includes(a)) this.scheme.traceSeeds.push(a);
  }

  /** Close the kit: the story and route, and the recorded scheme. */
  finish(story: string, route: string[]): PlantedScheme {
    this.scheme.story = story;
    this.scheme.route = route;
    return this.scheme;
  }
}

/**
 * Round to `decimals` places.
 *
 * @example
 * ```ts
 * roundTo(1234.5678, 2); // 1234.57
 * roundTo(9499.995, 0); // 9500
 * ```
 */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

const HAN: Readonly<Record<string, string>> = Object.freeze({
  Wang: "王", Li: "李", Zhang: "张", Liu: "刘", Chen: "陈", Yang: "杨", Huang: "黄", Zhao: "赵", Wu: "吴", Zhou: "周", Xu: "徐", Sun: "孙", Ma: "马", Zhu: "朱", Hu: "胡", Guo: "郭", Lin: "林", Lu: "卢",
  Wei: "伟", Fang: "芳", Min: "敏", Jing: "静", Lei: "磊", Qiang: "强", Jun: "军", Yong: "勇", Jie: "杰", Xiuying: "秀英", Guiying: "桂英", Haiyan: "海燕", Jianguo: "建国", Zhiqiang: "志强", Xiaoming: "晓明", Hong: "红", Tao: "涛", Ming: "明", Chao: "超", Xiuzhen: "秀珍", Dehua: "德华", Yuling: "玉玲", Guoqiang: "国强",
});

function hanFromPinyin(name: string): string | undefined {
  const parts = name.split(" ");
  if (parts.length !== 2) return undefined;
  const [s, g] = parts;
  if (!Object.hasOwn(HAN, s) || !Object.hasOwn(HAN, g)) return undefined;
  // "Yang" is both a surname and a given name with different characters.
  const given = g === "Yang" ? "洋" : HAN[g];
  return `${HAN[s]}${given}`;
}

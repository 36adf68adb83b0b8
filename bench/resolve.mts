// Entity resolution and graph benchmark: parties per second and merge quality on generated
// parties with planted duplicates; aggregation, graphology and GraphML times on generated cases.
//
//   npx tsx bench/resolve.mts [--sizes 10k,100k] [--graph 100k,1M]
//
// Each measurement runs in its own child process so that peak memory is its own.
//
// Parties: a seeded population of persons (Vietnamese, Chinese, East African, Mozambican names;
// birth dates over 50 years; passports, phones, emails, addresses) and companies. About 8% of
// the real people get one or two duplicate records, written the way another bank would:
// diacritics lost or kept, upper case, family name last, middle name dropped, a typo, Chinese
// names in Han script; the supporting attributes are kept only some of the time (a record with
// nothing but a name is unrecoverable by design). Hard negatives come for free: thousands of
// people share common names, and company staff share an office phone. Quality is measured on
// pairs: precision = true merged pairs / merged pairs, recall = true merged pairs / planted pairs.

import { join } from "node:path";
import { parseArgs } from "node:util";
import { aggregateTransfers, buildAccountSubgraph, createDataset, loadCase, resolveEntities, transactionGraphMLChunks } from "../src/index.js";
import { benchCase, emit, parseSize, peakRssMb, runChild, secs, sizeLabel, table } from "./measure.mjs";

/** mulberry32: a small seeded PRNG (public domain, Tommy Ettinger). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// [plain, written with diacritics]
const VN_FAMILY = [["Nguyen", "Nguyễn"], ["Tran", "Trần"], ["Le", "Lê"], ["Pham", "Phạm"], ["Hoang", "Hoàng"], ["Phan", "Phan"], ["Vu", "Vũ"], ["Dang", "Đặng"], ["Bui", "Bùi"], ["Do", "Đỗ"], ["Ho", "Hồ"], ["Ngo", "Ngô"], ["Duong", "Dương"], ["Ly", "Lý"]];
const VN_MIDDLE = [["Van", "Văn"], ["Thi", "Thị"], ["Duc", "Đức"], ["Minh", "Minh"], ["Quoc", "Quốc"], ["Huu", "Hữu"], ["Ngoc", "Ngọc"], ["Thanh", "Thanh"]];
const VN_GIVEN = [["Hung", "Hùng"], ["Tuan", "Tuấn"], ["Anh", "Anh"], ["Lan", "Lan"], ["Dung", "Dũng"], ["Hai", "Hải"], ["Long", "Long"], ["Nam", "Nam"], ["Phuong", "Phương"], ["Quang", "Quang"], ["Son", "Sơn"], ["Thao", "Thảo"], ["Trang", "Trang"], ["Viet", "Việt"], ["Cuong", "Cường"], ["Hieu", "Hiếu"], ["Khanh", "Khánh"], ["Linh", "Linh"], ["Mai", "Mai"], ["Thuy", "Thủy"]];
// [pinyin, Han]
const CN_FAMILY = [["Zhang", "张"], ["Wang", "王"], ["Li", "李"], ["Liu", "刘"], ["Chen", "陈"], ["Yang", "杨"], ["Huang", "黄"], ["Zhao", "赵"], ["Wu", "吴"], ["Zhou", "周"]];
const CN_GIVEN = [["Wei", "伟"], ["Fang", "芳"], ["Min", "敏"], ["Jing", "静"], ["Lei", "磊"], ["Jun", "军"], ["Yong", "勇"], ["Yan", "艳"], ["Jie", "杰"], ["Tao", "涛"], ["Ming", "明"], ["Hua", "华"], ["Qiang", "强"], ["Ping", "平"], ["Gang", "刚"], ["Hui", "辉"]];
const EA_GIVEN = ["Juma", "Said", "Abdallah", "Hamisi", "Grace", "Neema", "Amina", "Rehema", "John", "Joseph", "Baraka", "Emmanuel", "Fatuma", "Mwanaidi", "Salim", "Hassani", "Zawadi", "Upendo", "Daudi", "Yusufu"];
const EA_FAMILY = ["Mrisho", "Rashidi", "Omari", "Kombo", "Mwakyusa", "Mushi", "Banda", "Phiri", "Ochieng", "Otieno", "Kamau", "Njoroge", "Mollel", "Lyimo", "Massawe", "Kimaro", "Swai", "Urassa", "Mbwambo", "Shirima"];
const PT_GIVEN = [["Joao", "João"], ["Jose", "José"], ["Antonio", "António"], ["Maria", "Maria"], ["Ana", "Ana"], ["Armando", "Armando"], ["Fernando", "Fernando"], ["Ines", "Inês"], ["Celio", "Célio"], ["Lurdes", "Lurdes"]];
const PT_FAMILY = [["Conceicao", "Conceição"], ["Sitoe", "Sitoe"], ["Macuacua", "Macuácua"], ["Mondlane", "Mondlane"], ["Chissano", "Chissano"], ["Cossa", "Cossa"], ["Muianga", "Muianga"], ["Magaia", "Magaia"], ["Tembe", "Tembe"], ["Nhantumbo", "Nhantumbo"]];
const CO_WORDS = ["Golden", "Dragon", "Pemba", "Marine", "Kilwa", "Ocean", "Silver", "Lotus", "Eastern", "Savanna", "Pearl", "Harbour", "Jade", "Phoenix", "Coral", "Baobab", "Delta", "Summit"];
const CO_SECTOR = ["Trading", "Logistics", "Clearing & Forwarding", "Freight", "Import Export", "Seafood", "Timber", "Travel", "Pharmacy", "Supermarket"];
const CO_FORM: [string, string][] = [["Co Ltd", "Company Limited"], ["Ltd", "Limited"], ["Lda", "Limitada"], ["Sdn Bhd", "Sdn. Bhd."], ["LLC", "L.L.C."]];
const TOWNS: Record<string, string[]> = {
  VN: ["Hanoi", "Ho Chi Minh City", "Hai Phong", "Da Nang", "Nghe An"],
  CN: ["Guangzhou", "Shenzhen", "Kunming", "Fuzhou", "Shanghai"],
  TZ: ["Dar es Salaam", "Kilwa Masoko", "Mtwara", "Arusha", "Mwanza"],
  MZ: ["Pemba", "Nacala", "Beira", "Maputo", "Nampula"],
};
const PHONE_PREFIX: Record<string, [string, string]> = { VN: ["+84 9", "09"], CN: ["+86 13", "013"], TZ: ["+255 7", "07"], MZ: ["+258 84", "084"] };

interface Person {
  kind: "person" | "company";
  country: string;
  /** Name tokens in the written order, with a plain and a local form. */
  tokens: [string, string][];
  familyFirst: boolean;
  birth: string;
  passport: string;
  phone: string;
  email: string;
  address: string;
}

type Row = Record<string, string>;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function digits(r: () => number, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += Math.floor(r() * 10);
  return s;
}

function makePerson(r: () => number, i: number): Person {
  const x = r();
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(r() * 50 * 365.25) * 86_400_000).toISOString().slice(0, 10);
  let country: string;
  let tokens: [string, string][];
  let familyFirst = true;
  if (x < 0.35) {
    country = "VN";
    tokens = [pick(r, VN_FAMILY) as [string, string], pick(r, VN_MIDDLE) as [string, string], pick(r, VN_GIVEN) as [string, string]];
  } else if (x < 0.6) {
    country = "CN";
    tokens = [pick(r, CN_FAMILY) as [string, string], pick(r, CN_GIVEN) as [string, string]];
    if (r() < 0.4) tokens.push(pick(r, CN_GIVEN) as [string, string]);
  } else if (x < 0.85) {
    country = "TZ";
    const g = pick(r, EA_GIVEN);
    let m = pick(r, EA_GIVEN);
    while (m === g) m = pick(r, EA_GIVEN);
    const f = pick(r, EA_FAMILY);
    tokens = [[g, g], [m, m], [f, f]];
    familyFirst = false;
  } else {
    country = "MZ";
    const f1 = pick(r, PT_FAMILY) as [string, string];
    let f2 = pick(r, PT_FAMILY) as [string, string];
    while (f2 === f1) f2 = pick(r, PT_FAMILY) as [string, string];
    tokens = [pick(r, PT_GIVEN) as [string, string], f1, f2];
    familyFirst = false;
  }
  const [intl] = PHONE_PREFIX[country];
  return {
    kind: "person",
    country,
    tokens,
    familyFirst,
    birth,
    passport: `passport:${country}:${String.fromCharCode(65 + Math.floor(r() * 26))}${digits(r, 7)}`,
    phone: `${intl}${digits(r, 1)} ${digits(r, 3)} ${digits(r, 4)}`,
    email: `${tokens.map((t) => t[0].toLowerCase()).join(".")}${i}@example.org`,
    address: `${1 + Math.floor(r() * 200)} ${pick(r, CO_WORDS)} Street, ${pick(r, TOWNS[country])}`,
  };
}

function makeCompany(r: () => number, i: number): Person {
  const country = pick(r, ["VN", "CN", "TZ", "MZ"]);
  const words = [pick(r, CO_WORDS), pick(r, CO_WORDS), pick(r, CO_SECTOR)];
  const [intl] = PHONE_PREFIX[country];
  return {
    kind: "company",
    country,
    tokens: words.map((w) => [w, w]),
    familyFirst: true,
    birth: new Date(Date.UTC(1990, 0, 1) + Math.floor(r() * 30 * 365.25) * 86_400_000).toISOString().slice(0, 10),
    passport: `registration_number:${country}:${digits(r, 9)}`,
    phone: `${intl}${digits(r, 1)} ${digits(r, 3)} ${digits(r, 4)}`,
    email: `info${i}@example.com`,
    address: `Plot ${1 + Math.floor(r() * 500)}, ${pick(r, TOWNS[country])}`,
  };
}

/** The record as first written: local spelling, family name first where that is the custom. */
function original(p: Person, r: () => number): string {
  if (p.kind === "company") return `${p.tokens.map((t) => t[0]).join(" ")} ${pick(r, CO_FORM)[0]}`;
  if (p.country === "CN") return r() < 0.3 ? p.tokens.map((t) => t[1]).join("") : p.tokens.map((t) => t[0]).join(" ");
  const local = r() < 0.6;
  return p.tokens.map((t) => (local ? t[1] : t[0])).join(" ");
}

/** How another bank writes the same name. */
function variant(p: Person, r: () => number): string {
  if (p.kind === "company") {
    const form = pick(r, CO_FORM);
    const name = `${p.tokens.map((t) => t[0]).join(" ")} ${r() < 0.5 ? form[0] : form[1]}`;
    return r() < 0.3 ? name.toUpperCase() : name;
  }
  if (p.country === "CN" && r() < 0.3) return p.tokens.map((t) => t[1]).join("");
  const local = p.country !== "CN" && r() < 0.5;
  let tokens = p.tokens.map((t) => (local ? t[1] : t[0]));
  if (tokens.length > 2 && r() < 0.3) tokens = [tokens[0], tokens[tokens.length - 1]];
  if (r() < 0.4) tokens = [...tokens.slice(1), tokens[0]];
  if (r() < 0.2) {
    const k = Math.floor(r() * tokens.length);
    const t = tokens[k];
    if (t.length >= 5) {
      const c = 1 + Math.floor(r() * (t.length - 2));
      tokens[k] = t.slice(0, c) + t.slice(c + 1);
    }
  }
  const name = tokens.join(" ");
  return r() < 0.3 ? name.toUpperCase() : name;
}

/** Generated parties (in a shuffled order) and the planted duplicate groups. */
export function generateParties(n: number, seed = 1): { rows: Row[]; groups: string[][]; recoverable: string[][] } {
  const r = rng(seed);
  const rows: Row[] = [];
  const groups: string[][] = [];
  // The original and the duplicates that kept a supporting attribute (birth date, document,
  // phone, email or address): what any name-plus-support rule could find at best.
  const recoverable: string[][] = [];
  let office: { phone: string; left: number } | undefined;
  let next = 0;
  while (rows.length < n) {
    const i = next++;
    const p = r() < 0.12 ? makeCompany(r, i) : makePerson(r, i);
    const id = `P${String(i).padStart(7, "0")}`;
    const base: Row = { id, kind: p.kind, name: original(p, r), country: p.country, birth_date: p.birth, id_number: p.passport, phone: p.phone, email: p.email, address: p.address };
    // Staff of a company share its office phone (hard negatives).
    if (p.kind === "person" && r() < 0.1) {
      if (!office || office.left === 0) office = { phone: `${PHONE_PREFIX[p.country][0]}00 ${digits(r, 3)} ${digits(r, 4)}`, left: 5 + Math.floor(r() * 20) };
      base.phone = `${base.phone};${office.phone}`;
      office.left--;
    }
    rows.push(base);
    if (r() < 0.08 && rows.length < n) {
      const copies = r() < 0.75 ? 1 : 2;
      const group = [id];
      const findable = [id];
      for (let c = 0; c < copies && rows.length < n; c++) {
        const did = `D${String(i).padStart(7, "0")}${c}`;
        const dup: Row = { id: did, kind: p.kind, name: variant(p, r) };
        if (r() < 0.85) dup.country = p.country;
        if (r() < 0.7) dup.birth_date = p.birth;
        if (r() < 0.3) dup.id_number = p.passport;
        if (r() < 0.4) dup.phone = r() < 0.5 ? p.phone : p.phone.replace(PHONE_PREFIX[p.country][0], PHONE_PREFIX[p.country][1]);
        if (r() < 0.2) dup.email = p.email.toUpperCase();
        if (r() < 0.4) dup.address = r() < 0.5 ? p.address.toUpperCase() : p.address.replace(/,/g, "");
        rows.push(dup);
        group.push(did);
        if (dup.birth_date || dup.id_number || dup.phone || dup.email || dup.address) findable.push(did);
      }
      if (group.length > 1) groups.push(group);
      if (findable.length > 1) recoverable.push(findable);
    }
  }
  // Shuffle so that duplicates are not neighbours.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return { rows, groups, recoverable };
}

const pairs = (k: number): number => (k * (k - 1)) / 2;

/** Pairwise precision and recall of predicted clusters against planted groups. */
export function pairQuality(predicted: readonly (readonly string[])[], planted: readonly (readonly string[])[]): { precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number; plantedPairs: number } {
  const groupOf = new Map<string, number>();
  planted.forEach((g, k) => {
    for (const id of g) groupOf.set(id, k);
  });
  let predictedPairs = 0;
  let truePairs = 0;
  for (const c of predicted) {
    predictedPairs += pairs(c.length);
    const counts = new Map<number, number>();
    for (const id of c) {
      const g = groupOf.get(id);
      if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1);
    }
    for (const k of counts.values()) truePairs += pairs(k);
  }
  const plantedPairs = planted.reduce((s, g) => s + pairs(g.length), 0);
  const precision = predictedPairs === 0 ? 1 : truePairs / predictedPairs;
  const recall = plantedPairs === 0 ? 1 : truePairs / plantedPairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), truePairs, predictedPairs, plantedPairs };
}

/** What one resolution child measures. */
export interface ResolveFigures {
  parties: number;
  planted: number;
  buildMs: number;
  resolveMs: number;
  /** CPU time of the resolution (user + system): steadier than wall time on a shared machine. */
  resolveCpuMs: number;
  partiesPerSec: number;
  peakMb: number;
  entities: number;
  comparisons: number;
  skippedBlocks: number;
  weakIdentifiers: number;
  refusedLinks: number;
  precision: number;
  recall: number;
  f1: number;
  /** Recall on the pairs a name-plus-support rule could find (duplicates that kept a birth date, document, phone, email or address). */
  recoverableRecall: number;
  /** Planted pairs found, by how they were found (first evidence rule of the pair's cluster). */
  byRule: Record<string, number>;
}

function measureResolve(n: number): ResolveFigures {
  const { rows, groups, recoverable } = generateParties(n);
  const t0 = performance.now();
  const { dataset } = createDataset({ parties: rows });
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const res = resolveEntities(dataset);
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();
  const q = pairQuality(
    res.entities.map((e) => e.members),
    groups,
  );
  const recoverableRecall = pairQuality(
    res.entities.map((e) => e.members),
    recoverable,
  ).recall;
  const byRule: Record<string, number> = Object.create(null);
  for (const e of res.entities) for (const ev of e.evidence) byRule[ev.rule] = (byRule[ev.rule] ?? 0) + 1;
  return {
    parties: dataset.parties.length,
    planted: groups.length,
    buildMs: t1 - t0,
    resolveMs: t2 - t1,
    resolveCpuMs: (cpu.user + cpu.system) / 1000,
    partiesPerSec: Math.round(dataset.parties.length / ((t2 - t1) / 1000)),
    peakMb: Math.round(peakRssMb()),
    entities: res.entities.length,
    comparisons: res.stats.comparisons,
    skippedBlocks: res.stats.skippedBlocks,
    weakIdentifiers: res.stats.weakIdentifiers,
    refusedLinks: res.stats.refusedLinks,
    precision: q.precision,
    recall: q.recall,
    f1: q.f1,
    recoverableRecall,
    byRule,
  };
}

/** What one graph child measures. */
export interface GraphFigures {
  transactions: number;
  accounts: number;
  loadMs: number;
  aggregateMs: number;
  aggregateCpuMs: number;
  edges: number;
  graphmlMs: number;
  /** GraphML CPU time includes its own aggregation. */
  graphmlCpuMs: number;
  graphmlMb: number;
  subgraphMs: number;
  subgraphEdges: number;
  peakMb: number;
}

async function measureGraph(dir: string): Promise<GraphFigures> {
  const t0 = performance.now();
  const { dataset } = await loadCase(dir);
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const table = aggregateTransfers(dataset);
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  let chars = 0;
  for (const chunk of transactionGraphMLChunks(dataset)) chars += chunk.length;
  const c3 = process.cpuUsage();
  const t3 = performance.now();
  const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage): number => (b.user - a.user + b.system - a.system) / 1000;
  // A community-sized subset: the 500 accounts with the most transfers.
  const degree = new Int32Array(dataset.accounts.length);
  for (let i = 0; i < dataset.transactions.length; i++) {
    if (dataset.transactions.from[i] >= 0) degree[dataset.transactions.from[i]]++;
    if (dataset.transactions.to[i] >= 0) degree[dataset.transactions.to[i]]++;
  }
  const top = [...degree.keys()].sort((a, b) => degree[b] - degree[a] || a - b).slice(0, 500);
  const t4 = performance.now();
  const sub = buildAccountSubgraph(
    dataset,
    top.map((a) => dataset.accounts[a].id),
  );
  const t5 = performance.now();
  return {
    transactions: dataset.transactions.length,
    accounts: dataset.accounts.length,
    loadMs: t1 - t0,
    aggregateMs: t2 - t1,
    aggregateCpuMs: cpuMs(c1, c2),
    edges: table.source.length,
    graphmlMs: t3 - t2,
    graphmlCpuMs: cpuMs(c2, c3),
    graphmlMb: Math.round(chars / 1e6),
    subgraphMs: t5 - t4,
    subgraphEdges: sub.size,
    peakMb: Math.round(peakRssMb()),
  };
}

/** Run the resolution benchmark for each party count, each in a child process. */
export function runResolveBench(sizes: number[], log: (s: string) => void = () => {}): ResolveFigures[] {
  return sizes.map((n) => {
    log(`bench resolve: ${sizeLabel(n)} parties...`);
    const r = runChild<ResolveFigures>(join("bench", "resolve.mts"), ["--child", "resolve", String(n)]);
    if (!r.data) throw new Error(`bench resolve: child failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
    return r.data;
  });
}

/** Run the graph benchmark for each transaction count, each in a child process. */
export function runGraphBench(sizes: number[], log: (s: string) => void = () => {}): GraphFigures[] {
  return sizes.map((n) => {
    const dir = benchCase(n);
    log(`bench graph: ${sizeLabel(n)} transactions...`);
    const r = runChild<GraphFigures>(join("bench", "resolve.mts"), ["--child", "graph", dir]);
    if (!r.data) throw new Error(`bench graph: child failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
    return r.data;
  });
}

/** The resolution results as a Markdown table. */
export function resolveTable(results: ResolveFigures[]): string {
  const pct = (x: number): string => (100 * x).toFixed(1);
  return table(
    ["parties", "planted groups", "resolve (s)", "CPU (s)", "parties/s", "comparisons", "skipped blocks", "entities", "precision %", "recall %", "F1 %", "recall of findable %", "peak RSS (MB)"],
    results.map((f) => [sizeLabel(f.parties), f.planted, secs(f.resolveMs), secs(f.resolveCpuMs), f.partiesPerSec, f.comparisons, f.skippedBlocks, f.entities, pct(f.precision), pct(f.recall), pct(f.f1), pct(f.recoverableRecall), f.peakMb]),
  );
}

/** The graph results as a Markdown table. */
export function graphTable(results: GraphFigures[]): string {
  return table(
    ["transactions", "accounts", "aggregate (s)", "aggregate CPU (s)", "edges", "GraphML stream (s)", "GraphML CPU (s)", "GraphML (MB)", "500-account subgraph (s)", "subgraph edges", "peak RSS (MB)"],
    results.map((f) => [sizeLabel(f.transactions), f.accounts, secs(f.aggregateMs), secs(f.aggregateCpuMs), f.edges, secs(f.graphmlMs), secs(f.graphmlCpuMs), f.graphmlMb, secs(f.subgraphMs), f.subgraphEdges, f.peakMb]),
  );
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { child: { type: "string" }, sizes: { type: "string", default: "10k,100k" }, graph: { type: "string", default: "100k,1M" } },
  });
  if (values.child === "resolve") emit(measureResolve(Number(positionals[0])));
  else if (values.child === "graph") emit(await measureGraph(positionals[0]));
  else {
    const log = (s: string): void => {
      process.stderr.write(`${s}\n`);
    };
    if (values.sizes !== "") {
      const resolved = runResolveBench(values.sizes.split(",").map(parseSize), log);
      process.stdout.write(`${resolveTable(resolved)}\n\n`);
    }
    if (values.graph !== "") {
      const graphs = runGraphBench(values.graph.split(",").map(parseSize), log);
      process.stdout.write(`${graphTable(graphs)}\n`);
    }
  }
}

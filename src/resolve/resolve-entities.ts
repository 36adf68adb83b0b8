import { FNV_OFFSET, FNV_PRIME, fnv1a, fnv1aPrefix } from "../_lib/fnv.js";
import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import type { ProgressHandler } from "../model/progress.js";
import type { MatchEvidence, ResolvedEntity } from "./entity.js";
import { nameTokens } from "./fold.js";
import { FoldCache } from "./fold-cache.js";
import { type IdentifierKey, identifierKey } from "./identifier-key.js";
import { documentCountry, documentValue, identifierRule } from "./identifier-parts.js";
import { IdentifierTable } from "./identifier-table.js";
import { jaroWinkler } from "./jaro-winkler.js";
import { internationalPhoneFastPath } from "./phone-fast-path.js";
import { radixSortPairs } from "./radix-sort.js";
import { TokenSimilarity } from "./token-similarity.js";
import { UnionFind } from "./union-find.js";

/**
 * Entity resolution: which party records are the same real person or company.
 *
 * Method (Fellegi and Sunter, "A theory for record linkage", JASA 64, 1969, in its deterministic
 * form; multi-pass blocking after Hernández and Stolfo, "The merge/purge problem for large
 * databases", SIGMOD 1995):
 * 1. Deterministic links from shared strong identifiers: documents (passport, national id, tax or
 *    registration number, account number) link on their own; contacts (phone in E.164, email)
 *    link only when the names are also alike (`contactNameFloor`). An identifier held by more
 *    than `maxIdentifierShare` parties is *weak* (an office phone, a registered agent's address)
 *    and links nobody: this is the guard against chains.
 * 2. Fuzzy name links between parties of the same kind that share a blocking key (a pair of name
 *    tokens together with a supporting value; a birth date together with two of the name's first
 *    letters; a phone; an address). Names are folded across scripts and compared
 *    token by token with Jaro-Winkler, ignoring order; a link needs `nameThreshold`, no
 *    contradicting birth date, and supporting attributes worth `minSupport` (birth date,
 *    phone, address: 1 each; country: `countrySupport`).
 * 3. Links are applied strongest first (documents, contacts, fuzzy; then by score, then by ids)
 *    with union-find; a contact or fuzzy link between two clusters whose known birth dates
 *    differ is refused, so one weak link cannot glue two people together.
 *
 * The result does not depend on the order of the input records.
 */

/** Options of {@link resolveEntities}. */
export interface ResolveOptions {
  /** Minimum name similarity (see `nameSimilarity`) for a fuzzy link. [default: 0.9] */
  nameThreshold?: number;
  /** Minimum Jaro-Winkler similarity for two name tokens to match. [default: 0.9] */
  tokenThreshold?: number;
  /** Name tokens shorter than this match only exactly. [default: 4] */
  minFuzzyLength?: number;
  /** Names with fewer tokens never link fuzzily (a lone `Hamisi` is anybody). [default: 2] */
  minNameTokens?: number;
  /** Support a fuzzy link needs: birth date, phone and address count 1 each, country `countrySupport`. [default: 1] */
  minSupport?: number;
  /** Support given by the same country; below 1 so that a common name plus a country is not enough. [default: 0.5] */
  countrySupport?: number;
  /** Jaro-Winkler similarity of folded addresses for the address to support a link. [default: 0.92] */
  addressThreshold?: number;
  /** Identifiers held by more parties than this are weak: they neither link nor support. [default: 3] */
  maxIdentifierShare?: number;
  /** Minimum name similarity for a shared phone or email to link two parties. [default: 0.6] */
  contactNameFloor?: number;
  /** Blocking groups larger than this are not compared pairwise (counted in `stats.skippedBlocks`). [default: 500] */
  maxBlockSize?: number;
  /** Look for fuzzy name links at all. [default: true] */
  fuzzy?: boolean;
  /** Progress: stage "resolve", reported as parties are read and as candidate pairs are compared. [default: none] */
  onProgress?: ProgressHandler;
}

/**
 * Defaults of {@link ResolveOptions}.
 *
 * @example
 * ```ts
 * import { RESOLVE_DEFAULTS } from "wildtrace";
 * RESOLVE_DEFAULTS.nameThreshold; // 0.9
 * RESOLVE_DEFAULTS.minNameTokens; // 2
 * ```
 */
export const RESOLVE_DEFAULTS = Object.freeze({
  nameThreshold: 0.9,
  tokenThreshold: 0.9,
  minFuzzyLength: 4,
  minNameTokens: 2,
  minSupport: 1,
  countrySupport: 0.5,
  addressThreshold: 0.92,
  maxIdentifierShare: 3,
  contactNameFloor: 0.6,
  maxBlockSize: 500,
  fuzzy: true,
});

/** Counts describing a resolution run. */
export interface ResolveStats {
  parties: number;
  /** Entities (clusters of two or more parties). */
  entities: number;
  /** Parties that belong to an entity. */
  mergedParties: number;
  /** Candidate pairs compared by the fuzzy matcher. */
  comparisons: number;
  /** Links accepted (evidence items). */
  links: number;
  /** Contact or fuzzy links refused because they would join clusters with different birth dates. */
  refusedLinks: number;
  /** Identifiers shared by more than `maxIdentifierShare` parties. */
  weakIdentifiers: number;
  /** Blocking groups over `maxBlockSize`, not compared. */
  skippedBlocks: number;
}

/** The outcome of {@link resolveEntities}. */
export interface Resolution {
  /** Clusters of two or more parties, sorted by id. */
  entities: ResolvedEntity[];
  /** Party id to entity id, for the parties that belong to an entity. */
  partyToEntity: Map<string, string>;
  stats: ResolveStats;
}

interface PartyFeatures {
  id: string;
  kind: string;
  /** Name token ids (see `TokenSimilarity`): the name and the aliases with at least `minNameTokens` tokens. */
  names: (readonly number[])[];
  display: string;
  birthDate: string;
  country: string;
  /** Phones in E.164 that are not weak, sorted. */
  phones: string[];
  addresses: { key: string; text: string }[];
}

interface Link {
  rule: string;
  rank: number;
  a: number;
  b: number;
  values: string[];
  score: number;
}

const RANK_DOCUMENT = 0;
const RANK_CONTACT = 1;
const RANK_FUZZY = 2;

/** The validated thresholds of {@link ResolveOptions}, defaults filled in. */
type Thresholds = Required<Omit<ResolveOptions, "onProgress">>;

function resolvedOptions(options: ResolveOptions): Thresholds {
  const { onProgress: _progress, ...thresholds } = options;
  const o = { ...RESOLVE_DEFAULTS, ...thresholds };
  const unit = ["nameThreshold", "tokenThreshold", "countrySupport", "addressThreshold", "contactNameFloor"] as const;
  for (const k of unit) {
    if (typeof o[k] !== "number" || !(o[k] >= 0 && o[k] <= 1)) throw new OptionError("resolveEntities", `${k} must be a number in [0, 1], got ${String(o[k])}`);
  }
  const counts = ["minNameTokens", "minFuzzyLength", "maxIdentifierShare", "maxBlockSize"] as const;
  for (const k of counts) {
    if (!Number.isInteger(o[k]) || o[k] < 1) throw new OptionError("resolveEntities", `${k} must be an integer >= 1, got ${String(o[k])}`);
  }
  if (o.maxIdentifierShare < 2) throw new OptionError("resolveEntities", "maxIdentifierShare must be >= 2 (an identifier links at least two parties)");
  if (typeof o.minSupport !== "number" || !(o.minSupport >= 0)) throw new OptionError("resolveEntities", `minSupport must be a number >= 0, got ${String(o.minSupport)}`);
  return o;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Find the parties that are the same real person or company, with the evidence of every merge.
 * Never mutates the dataset. See the module comment for the method and {@link ResolveOptions}
 * for the thresholds.
 *
 * @example
 * ```ts
 * import { createDataset, resolveEntities } from "wildtrace";
 * const { dataset } = createDataset({ parties: [
 *   { id: "P1", kind: "person", name: "Nguyen Van Hung", country: "VN", birth_date: "1979-04-12" },
 *   { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", country: "VN", birth_date: "1979-04-12" },
 *   { id: "P3", kind: "person", name: "Hung Nguyen", country: "VN", birth_date: "1979-04-12" },
 *   { id: "P4", kind: "person", name: "Nguyen Van Hung", country: "VN", birth_date: "1990-01-01" },
 * ] });
 * const { entities, partyToEntity } = resolveEntities(dataset);
 * entities[0].members;     // ["P1", "P2", "P3"]  (P4 has another birth date)
 * partyToEntity.get("P3"); // "E-P1"
 * ```
 */
export function resolveEntities(dataset: Dataset, options: ResolveOptions = {}): Resolution {
  const o = resolvedOptions(options);
  const progress = options.onProgress;
  const parties = dataset.parties;
  const n = parties.length;
  const features: PartyFeatures[] = new Array(n);
  // Identifiers interned to small integers; (key, party) pairs grouped below.
  const table = new IdentifierTable();
  const pairKey: number[] = [];
  const pairParty: number[] = [];
  const partyPhones: number[][] = new Array(n);
  // The same phone recurs across reports: parse each distinct one once.
  const phoneCache = new Map<string, IdentifierKey | undefined>();
  // Names and addresses recur too: fold each distinct one once.
  const fold = new FoldCache();
  // Name tokens as ids, with the similarity of each token pair computed once.
  const sim = new TokenSimilarity(o);
  // Token ids per distinct name, folded once; persons and others have their own stop words. One
  // look-up per name, where tokens by name and then ids by token array took two.
  const personNameIds = new Map<string, readonly number[]>();
  const otherNameIds = new Map<string, readonly number[]>();
  const mine: number[] = [];
  for (let i = 0; i < n; i++) {
    if (progress && (i & 16383) === 0) progress({ stage: "resolve", done: i, total: n, message: "reading parties" });
    const p = parties[i];
    const names: (readonly number[])[] = [];
    const nameCache = p.kind === "person" ? personNameIds : otherNameIds;
    let first = nameCache.get(p.name);
    if (first === undefined) nameCache.set(p.name, (first = sim.intern(nameTokens(p.name, p.kind))));
    if (first.length >= o.minNameTokens) names.push(first);
    for (const alias of p.aliases) {
      let t = nameCache.get(alias);
      if (t === undefined) nameCache.set(alias, (t = sim.intern(nameTokens(alias, p.kind))));
      if (t.length >= o.minNameTokens) names.push(t);
    }
    mine.length = 0;
    let phoneIds: number[] = NO_IDS;
    for (const ident of p.identifiers) {
      let id: number;
      if (ident.type === "phone") {
        // Most phones are written `+CC digits`: read without the parser, and without the cache
        // (each number is usually new); the others are parsed once per distinct text.
        const fast = internationalPhoneFastPath(ident.value.trim());
        if (fast === undefined) continue;
        if (fast !== null) id = table.contact("phone", fast);
        else {
          const cacheKey = `${ident.country ?? p.country ?? ""}\u0000${ident.value}`;
          let k = phoneCache.get(cacheKey);
          if (k === undefined && !phoneCache.has(cacheKey)) phoneCache.set(cacheKey, (k = identifierKey(ident, p.country)));
          if (!k) continue;
          id = table.contact(k.rule, k.key);
        }
      } else {
        const rule = identifierRule(ident.type);
        if (rule === "phone" || rule === "email") {
          const k = identifierKey(ident, p.country);
          if (!k) continue;
          id = table.contact(k.rule, k.key);
        } else {
          // A document, as identifierKey reads it, interned by its parts.
          const value = documentValue(ident.value);
          if (value === "") continue;
          id = table.document(rule, documentCountry(rule, ident), value);
        }
      }
      if (mine.includes(id)) continue;
      mine.push(id);
      pairKey.push(id);
      pairParty.push(i);
      if (table.rule(id) === "phone") {
        if (phoneIds === NO_IDS) phoneIds = [];
        phoneIds.push(id);
      }
    }
    partyPhones[i] = phoneIds;
    let addresses: { key: string; text: string }[] = NO_ADDRESSES;
    for (const a of p.addresses) {
      const k = fold.addressKey(a.text);
      if (k.length < 4) continue;
      if (addresses === NO_ADDRESSES) addresses = [];
      addresses.push({ key: k, text: a.text });
    }
    if (addresses.length > 1) addresses.sort((x, y) => byCodeUnit(x.key, y.key) || byCodeUnit(x.text, y.text));
    features[i] = { id: p.id, kind: p.kind, names, display: p.name, birthDate: p.birthDate ?? "", country: p.country ?? "", phones: NO_PHONES, addresses };
  }
  // Holders of each identifier (CSR), in party order.
  const nKeys = table.size;
  const holderStart = new Int32Array(nKeys + 1);
  for (const id of pairKey) holderStart[id + 1]++;
  for (let k = 0; k < nKeys; k++) holderStart[k + 1] += holderStart[k];
  const holders = new Int32Array(pairKey.length);
  const holderFill = holderStart.slice(0, nKeys);
  for (let j = 0; j < pairKey.length; j++) holders[holderFill[pairKey[j]]++] = pairParty[j];

  // Weak identifiers: shared by too many parties. Phones that are not weak support fuzzy links.
  const weak = new Uint8Array(nKeys);
  let weakCount = 0;
  for (let k = 0; k < nKeys; k++) {
    if (holderStart[k + 1] - holderStart[k] > o.maxIdentifierShare) {
      weak[k] = 1;
      weakCount++;
    }
  }
  for (let i = 0; i < n; i++) {
    const list = partyPhones[i];
    if (list.length === 1) {
      if (!weak[list[0]]) features[i].phones = [table.contactKey(list[0])];
    } else if (list.length > 1) features[i].phones = list.filter((id) => !weak[id]).map((id) => table.contactKey(id)).sort(byCodeUnit);
  }

  const links: Link[] = [];
  // 1. Identifier links.
  for (let k = 0; k < nKeys; k++) {
    const from = holderStart[k];
    const to = holderStart[k + 1];
    if (to - from < 2 || weak[k]) continue;
    const { rule, strength, key } = table.key(k);
    for (let x = from; x < to; x++) {
      for (let y = x + 1; y < to; y++) {
        const a = holders[x];
        const b = holders[y];
        if (features[a].kind !== features[b].kind) continue;
        if (strength === "contact" && bestNameScore(features[a], features[b], sim) < o.contactNameFloor) continue;
        links.push({ rule, rank: strength === "document" ? RANK_DOCUMENT : RANK_CONTACT, a, b, values: [key], score: strength === "document" ? 1 : 0.9 });
      }
    }
  }

  // 2. Fuzzy name links within blocks.
  let comparisons = 0;
  let skippedBlocks = 0;
  if (o.fuzzy) {
    // Blocking keys are hashed (FNV-1a, 32 bits) and stored with the party index in typed arrays,
    // radix-sorted: no string keys, no per-block arrays. A hash collision only merges two blocks,
    // which costs comparisons, never a wrong link (every candidate pair is checked in full).
    const partyBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
    const hashBits = Math.min(32, 53 - partyBits);
    // Past 2^21 parties the hash keeps fewer bits, as when hash and party shared one double.
    const hashMask = hashBits >= 32 ? 0xffffffff : 2 ** hashBits - 1;
    // (masked hash, party) pairs, added in party order.
    let entryHash = new Uint32Array(Math.max(16, n * 8));
    let entryParty = new Int32Array(entryHash.length);
    let used = 0;
    const addKey = (hash: number, i: number): void => {
      if (used === entryHash.length) {
        const grownHash = new Uint32Array(entryHash.length * 2);
        grownHash.set(entryHash);
        entryHash = grownHash;
        const grownParty = new Int32Array(entryHash.length);
        grownParty.set(entryParty);
        entryParty = grownParty;
      }
      entryHash[used] = (hash & hashMask) >>> 0;
      entryParty[used++] = i;
    };
    // A fuzzy link needs support, so candidates must share a name-token pair *and* a supporting
    // value (birth date, phone, the start of an address; the country only when the country alone
    // can be enough support). A phone or an address alone, and a birth date with two first
    // letters, are keys too, to catch names that differ in every token (transliterations, typos).
    const countryEnough = o.minSupport <= o.countrySupport;
    const tags: number[] = [];
    // Pairs of first letters of the party's name tokens, as `lower * 65536 + higher` code units
    // (single first letters when names of one token may link).
    const letterPairs: number[] = [];
    const singleLetters = o.minNameTokens < 2;
    // Hashes of the constant prefixes, and of each token after its kind's prefix, computed once.
    const tagAny = fnv1a(FNV_OFFSET, "*");
    const tagBirth = fnv1a(FNV_OFFSET, "b");
    const tagPhone = fnv1a(FNV_OFFSET, "p");
    const tagAddress = fnv1a(FNV_OFFSET, "a");
    const tagCountry = fnv1a(FNV_OFFSET, "c");
    const kindHashes = new Map<string, KindHashes>();
    // Kind and birth date of each party as numbers, for a first look at a candidate pair that
    // reads two small arrays instead of two party records: different kinds, or birth dates with
    // different hashes (so different dates), can never link.
    const kindCode = new Int32Array(n);
    const birthHash = new Int32Array(n);
    const hasBirth = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const f = features[i];
      if (f.names.length === 0) continue;
      let kh = kindHashes.get(f.kind);
      if (kh === undefined) {
        const kindHash = fnv1a(FNV_OFFSET, f.kind);
        kindHashes.set(f.kind, (kh = { code: kindHashes.size, name: fnv1a(kindHash, "n"), birth: fnv1a(kindHash, "B"), phone: fnv1a(kindHash, "P"), address: fnv1a(kindHash, "A"), token: new Map() }));
      }
      tags.length = 0;
      if (o.minSupport <= 0) tags.push(tagAny);
      kindCode[i] = kh.code;
      if (f.birthDate) {
        birthHash[i] = fnv1a(tagBirth, f.birthDate);
        hasBirth[i] = 1;
        tags.push(birthHash[i]);
      }
      for (const ph of f.phones) tags.push(fnv1a(tagPhone, ph));
      for (const ad of f.addresses) tags.push(fnv1aPrefix(tagAddress, ad.key, 6));
      if (countryEnough && f.country) tags.push(fnv1a(tagCountry, f.country));
      for (const ids of f.names) {
        for (let x = 0; x < ids.length; x++) {
          let hx = kh.token.get(ids[x]);
          if (hx === undefined) kh.token.set(ids[x], (hx = fnv1a(fnv1a(kh.name, sim.token(ids[x])), "|")));
          for (let y = x + 1; y < ids.length; y++) {
            const hxy = fnv1a(hx, sim.token(ids[y]));
            for (const tag of tags) addKey(Math.imul(hxy ^ tag, FNV_PRIME) ^ (tag >>> 13), i);
          }
        }
      }
      // Names written differently in every token (a typo in each, another transliteration)
      // share no token pair: the birth date, the phone and the address are keys without them.
      // The birth date and the address still go with a pair of the name's first letters: a
      // link needs every token of the shorter name matched (at the default thresholds), and
      // matched tokens nearly always keep their first letter, while a birth date or an address
      // alone is shared by more people the larger the case (candidate pairs would grow with the
      // square of the population). A phone that is not weak has at most `maxIdentifierShare`
      // holders, so it is a key on its own.
      letterPairs.length = 0;
      for (const ids of f.names) {
        for (let x = 0; x < ids.length; x++) {
          const cx = sim.token(ids[x]).charCodeAt(0);
          // With one-token names allowed, single first letters (a pair of one letter twice).
          if (singleLetters) {
            if (!letterPairs.includes(cx)) letterPairs.push(cx);
            continue;
          }
          for (let y = x + 1; y < ids.length; y++) {
            const cy = sim.token(ids[y]).charCodeAt(0);
            const pair = Math.min(cx, cy) * 65536 + Math.max(cx, cy);
            if (!letterPairs.includes(pair)) letterPairs.push(pair);
          }
        }
      }
      if (f.birthDate) {
        const birthKey = fnv1a(kh.birth, f.birthDate);
        for (const pair of letterPairs) addKey(Math.imul(birthKey ^ pair, FNV_PRIME), i);
      }
      for (const ph of f.phones) addKey(fnv1a(kh.phone, ph), i);
      for (const ad of f.addresses) {
        const addressKey = fnv1a(kh.address, ad.key);
        for (const pair of letterPairs) addKey(Math.imul(addressKey ^ pair, FNV_PRIME), i);
      }
    }
    // By hash, then by party (a stable sort of pairs added in party order): the order of the
    // numbers hash * 2^partyBits + party.
    const scratchHash = new Uint32Array(used);
    const scratchParty = new Int32Array(used);
    radixSortPairs(entryHash, entryParty, used, scratchHash, scratchParty);
    const sortedHash = entryHash;
    const sortedParty = entryParty;
    // Blocks of 2 to maxBlockSize distinct parties, as runs of `members` (ascending party index),
    // and for each party the positions of its entries in them (CSR).
    // The sort's scratch arrays, free again, hold them.
    const members = scratchParty;
    const blockOf = scratchHash;
    const blockEnd: number[] = [];
    let nMembers = 0;
    for (let start = 0; start < used; ) {
      const block = sortedHash[start];
      let end = start + 1;
      while (end < used && sortedHash[end] === block) end++;
      const from = nMembers;
      for (let k = start; k < end; k++) {
        const i = sortedParty[k];
        if (nMembers === from || members[nMembers - 1] !== i) members[nMembers++] = i;
      }
      start = end;
      const size = nMembers - from;
      if (size > o.maxBlockSize) skippedBlocks++;
      if (size < 2 || size > o.maxBlockSize) {
        nMembers = from;
        continue;
      }
      for (let k = from; k < nMembers; k++) blockOf[k] = blockEnd.length;
      blockEnd.push(nMembers);
    }
    const posStart = new Int32Array(n + 1);
    for (let k = 0; k < nMembers; k++) posStart[members[k] + 1]++;
    for (let i = 0; i < n; i++) posStart[i + 1] += posStart[i];
    const positions = new Int32Array(nMembers);
    const posFill = posStart.slice(0, n);
    for (let k = 0; k < nMembers; k++) positions[posFill[members[k]]++] = k;
    // Every distinct candidate pair (a < b) once: the blocks of a, then the members after a in
    // each; `seen[b] === a` marks b as compared with a already. The pairs are the blocks' pairs,
    // de-duplicated, whatever the order they are met in.
    const seen = new Int32Array(n).fill(-1);
    for (let a = 0; a < n; a++) {
      if (progress && (a & 16383) === 0) progress({ stage: "resolve", done: a, total: n, message: "comparing candidate pairs" });
      for (let q = posStart[a]; q < posStart[a + 1]; q++) {
        const at = positions[q];
        const end = blockEnd[blockOf[at]];
        for (let k = at + 1; k < end; k++) {
          const b = members[k];
          if (seen[b] === a) continue;
          seen[b] = a;
          comparisons++;
          if (kindCode[a] !== kindCode[b] || (hasBirth[a] & hasBirth[b] && birthHash[a] !== birthHash[b])) continue;
          const link = fuzzyLink(features[a], features[b], a, b, o, sim);
          if (link) links.push(link);
        }
      }
    }
  }

  // 3. Union strongest first, with the birth-date guard.
  links.sort((x, y) => {
    if (x.rank !== y.rank) return x.rank - y.rank;
    if (x.score !== y.score) return y.score - x.score;
    const [xa, xb] = orderedIds(features, x);
    const [ya, yb] = orderedIds(features, y);
    return byCodeUnit(xa, ya) || byCodeUnit(xb, yb) || byCodeUnit(x.rule, y.rule) || byCodeUnit(x.values.join("\n"), y.values.join("\n"));
  });
  const uf = new UnionFind(n);
  // Birth dates per cluster root, sorted; a contact or fuzzy link may only join clusters whose
  // known birth dates are the same (or unknown on one side), whatever the order of the links.
  // A party that was never joined has its own birth date: the list is made on its first union.
  const birth = new Map<number, string[]>();
  const birthOf = (root: number): string[] => birth.get(root) ?? (features[root].birthDate ? [features[root].birthDate] : NO_BIRTH);
  const weakest = new Float64Array(n).fill(1);
  const accepted: Link[] = [];
  let refusedLinks = 0;
  for (const link of links) {
    const ra = uf.find(link.a);
    const rb = uf.find(link.b);
    if (ra === rb) {
      accepted.push(link);
      continue;
    }
    const ba = birthOf(ra);
    const bb = birthOf(rb);
    if (link.rank !== RANK_DOCUMENT && ba.length > 0 && bb.length > 0 && ba.join() !== bb.join()) {
      refusedLinks++;
      continue;
    }
    const root = uf.union(ra, rb);
    birth.set(root, [...new Set([...ba, ...bb])].sort());
    weakest[root] = Math.min(weakest[ra], weakest[rb], link.score);
    accepted.push(link);
  }

  // Clusters: only the parties of some accepted link can be in one.
  const groups = new Map<number, number[]>();
  const inGroup = new Uint8Array(n);
  for (const link of accepted) {
    for (const i of [link.a, link.b]) {
      if (inGroup[i]) continue;
      inGroup[i] = 1;
      const r = uf.find(i);
      let g = groups.get(r);
      if (!g) groups.set(r, (g = []));
      g.push(i);
    }
  }
  const evidenceByRoot = new Map<number, MatchEvidence[]>();
  for (const link of accepted) {
    const r = uf.find(link.a);
    let list = evidenceByRoot.get(r);
    if (!list) evidenceByRoot.set(r, (list = []));
    const [ia, ib] = orderedIds(features, link);
    list.push({ rule: link.rule, members: [ia, ib], values: features[link.a].id === ia ? link.values : swapNames(link), score: link.score });
  }
  const entities: ResolvedEntity[] = [];
  const partyToEntity = new Map<string, string>();
  let mergedParties = 0;
  for (const [root, group] of groups) {
    if (group.length < 2) continue;
    const members = group.map((i) => features[i].id).sort(byCodeUnit);
    const id = `E-${members[0]}`;
    for (const m of members) partyToEntity.set(m, id);
    mergedParties += members.length;
    const evidence = (evidenceByRoot.get(root) ?? []).sort(
      (x, y) => rank(x.rule) - rank(y.rule) || byCodeUnit(x.members[0], y.members[0]) || byCodeUnit(x.members[1], y.members[1]) || byCodeUnit(x.rule, y.rule) || byCodeUnit(x.values.join("\n"), y.values.join("\n")),
    );
    entities.push({ id, members, evidence, score: round3(weakest[root]) });
  }
  entities.sort((x, y) => byCodeUnit(x.id, y.id));
  const sortedMap = new Map([...partyToEntity].sort((x, y) => byCodeUnit(x[0], y[0])));
  return {
    entities,
    partyToEntity: sortedMap,
    stats: { parties: n, entities: entities.length, mergedParties, comparisons, links: accepted.length, refusedLinks, weakIdentifiers: weakCount, skippedBlocks },
  };
}

/** Blocking hashes that depend only on the party kind: the prefixes of its keys, and per name token id the hash of the kind's name prefix, the token and the pair separator. */
interface KindHashes {
  /** Small number of the kind, in order of first appearance. */
  code: number;
  name: number;
  birth: number;
  phone: number;
  address: number;
  token: Map<number, number>;
}

const NO_IDS: number[] = [];
const NO_PHONES: string[] = [];
const NO_ADDRESSES: { key: string; text: string }[] = [];
const NO_BIRTH: string[] = [];

function rank(rule: string): number {
  return rule === "fuzzy_name" ? RANK_FUZZY : rule === "phone" || rule === "email" ? RANK_CONTACT : RANK_DOCUMENT;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function orderedIds(features: PartyFeatures[], link: Link): [string, string] {
  const a = features[link.a].id;
  const b = features[link.b].id;
  return a <= b ? [a, b] : [b, a];
}

/** Fuzzy evidence lists the names in member order: swap them when the pair was found reversed. */
function swapNames(link: Link): string[] {
  if (link.rule !== "fuzzy_name") return link.values;
  return [link.values[1], link.values[0], ...link.values.slice(2)];
}

function bestNameScore(a: PartyFeatures, b: PartyFeatures, sim: TokenSimilarity): number {
  let best = 0;
  for (const x of a.names) for (const y of b.names) best = Math.max(best, sim.nameSimilarity(x, y));
  return best;
}

function fuzzyLink(fa: PartyFeatures, fb: PartyFeatures, a: number, b: number, o: Thresholds, sim: TokenSimilarity): Link | undefined {
  if (fa.kind !== fb.kind) return undefined;
  if (fa.birthDate !== "" && fb.birthDate !== "" && fa.birthDate !== fb.birthDate) return undefined;
  // Most candidates (a shared birth date, an address) have unrelated names: rule them out from a
  // few token pairs before scoring every pair of names in full.
  let reachable = false;
  for (const x of fa.names) for (const y of fb.names) reachable ||= sim.canReach(x, y, o.nameThreshold);
  if (!reachable) return undefined;
  const score = bestNameScore(fa, fb, sim);
  if (score < o.nameThreshold) return undefined;
  const values = [fa.display, fb.display];
  let support = 0;
  if (fa.birthDate !== "" && fa.birthDate === fb.birthDate) {
    support += 1;
    values.push(`birth_date=${fa.birthDate}`);
  }
  const phone = fa.phones.find((p) => fb.phones.includes(p));
  if (phone) {
    support += 1;
    values.push(`phone=${phone}`);
  }
  let bestAddress = "";
  let bestAddressScore = 0;
  for (const x of fa.addresses) {
    for (const y of fb.addresses) {
      const s = x.key === y.key ? 1 : jaroWinkler(x.key, y.key);
      let shown = x.text;
      if (y.text < shown) shown = y.text;
      if (s > bestAddressScore || (s === bestAddressScore && shown < bestAddress)) {
        bestAddressScore = s;
        bestAddress = shown;
      }
    }
  }
  if (bestAddressScore >= o.addressThreshold) {
    support += 1;
    values.push(`address=${bestAddress}`);
  }
  if (fa.country !== "" && fa.country === fb.country) {
    support += o.countrySupport;
    values.push(`country=${fa.country}`);
  }
  if (support < o.minSupport) return undefined;
  return { rule: "fuzzy_name", rank: RANK_FUZZY, a, b, values, score: round3(score) };
}

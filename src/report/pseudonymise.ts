import { createHmac } from "node:crypto";
import anyAscii from "any-ascii";
import { OptionError } from "../errors.js";
import type { Dataset, TransactionTable } from "../model/dataset.js";
import type { Account, Party, QuarantineEntry, Relationship, Report } from "../model/schemas.js";

/**
 * Pseudonymisation for sharing a case with trainers or another FIU: names, identifiers, contact
 * details, party ids and account ids are replaced by keyed hashes (HMAC-SHA256, RFC 2104, with
 * node:crypto). The same key gives the same pseudonym for the same value in every file of an
 * export, so links between files survive; without the key the values cannot be recovered by
 * hashing guesses. The key is never written anywhere.
 *
 * This is pseudonymisation, not anonymisation (GDPR Art. 4(5)): countries, amounts, dates,
 * institutions and sectors are kept, and they may identify someone to a reader who knows the case.
 */

/** What a value is; the pseudonym's prefix shows it (`P-` party, `A-` account, `N-` name...). */
export type PseudonymKind = "party" | "account" | "name" | "identifier" | "contact" | "date";

const PREFIX: Readonly<Record<PseudonymKind, string>> = Object.freeze({
  party: "P",
  account: "A",
  name: "N",
  identifier: "I",
  contact: "C",
  date: "D",
});

/** Options of {@link createPseudonymiser} and {@link pseudonymiseCase}. */
export interface PseudonymiseOptions {
  /** The secret key (at least 16 characters or bytes). Required; never written out. */
  key: string | Uint8Array;
  /** Hex digits of the HMAC kept in each pseudonym. [default: 12] */
  hashLength?: number;
}

/**
 * Defaults of {@link PseudonymiseOptions}.
 *
 * @example
 * ```ts
 * import { PSEUDONYMISE_DEFAULTS } from "wildtrace";
 * PSEUDONYMISE_DEFAULTS.hashLength; // 12: pseudonyms such as "A-3f09c2d1e4b7"
 * ```
 */
export const PSEUDONYMISE_DEFAULTS = Object.freeze({ hashLength: 12 });

/** Turns values into keyed pseudonyms and remembers them, to scrub free text afterwards. */
export interface Pseudonymiser {
  /** The pseudonym of `value` as a `kind` (`A-3f09c2d1e4b7` for an account). Empty stays empty. */
  pseudonym(kind: PseudonymKind, value: string): string;
  /**
   * Replace, in free text, every value this pseudonymiser has seen, as whole words
   * (case-insensitive, longest match first; values shorter than three characters only as a whole
   * text).
   */
  text(value: string): string;
  /** Number of distinct values seen so far. */
  readonly size: number;
}

const TOKEN = /[\p{L}\p{N}]+|[^\p{L}\p{N}]/gu;

/** Runs of letters and digits, and each other character alone. */
function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

interface TrieNode {
  next: Map<string, TrieNode>;
  value?: string;
}

function compact(value: string): string {
  return anyAscii(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

/**
 * Create a pseudonymiser for one export. Use one pseudonymiser for every file of the export.
 *
 * @example
 * ```ts
 * import { createPseudonymiser } from "wildtrace";
 * const p = createPseudonymiser({ key: process.env.WILDTRACE_KEY ?? "a-long-training-key-2024" });
 * const acc = p.pseudonym("account", "ACC-TZ-01"); // "A-" and 12 hex digits, the same on every call
 * p.text("paid from ACC-TZ-01 twice") === `paid from ${acc} twice`; // true
 * ```
 */
export function createPseudonymiser(options: PseudonymiseOptions): Pseudonymiser {
  const key = options?.key;
  const keyLength = typeof key === "string" ? key.length : key instanceof Uint8Array ? key.byteLength : 0;
  if (keyLength < 16) throw new OptionError("createPseudonymiser", "`key` must be a secret of at least 16 characters or bytes");
  const hashLength = options.hashLength ?? PSEUDONYMISE_DEFAULTS.hashLength;
  if (!Number.isInteger(hashLength) || hashLength < 8 || hashLength > 64) throw new OptionError("createPseudonymiser", "`hashLength` must be an integer from 8 to 64");
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  const byCompact = new Map<string, string>();
  // Free text is matched token by token (runs of letters and digits, and single other characters)
  // against a trie of the known values, so the cost is about one look-up per token.
  const trie: TrieNode = { next: new Map() };
  const pseudonym = (kind: PseudonymKind, value: string): string => {
    if (value === "") return "";
    const known = exact.get(value);
    if (known) return known;
    const digest = createHmac("sha256", key).update(value, "utf8").digest("hex").slice(0, hashLength);
    const out = `${PREFIX[kind]}-${digest}`;
    exact.set(value, out);
    const low = value.toLowerCase();
    if (!folded.has(low)) {
      folded.set(low, out);
      if (value.length >= 3) {
        let node = trie;
        for (const tok of tokens(low)) {
          let child = node.next.get(tok);
          if (!child) node.next.set(tok, (child = { next: new Map() }));
          node = child;
        }
        node.value ??= out;
      }
    }
    const c = compact(value);
    if (c.length >= 3 && !byCompact.has(c)) byCompact.set(c, out);
    return out;
  };
  const text = (value: string): string => {
    if (value === "") return value;
    const whole = exact.get(value) ?? folded.get(value.toLowerCase());
    if (whole) return whole;
    const c = compact(value);
    if (c.length >= 3 && byCompact.has(c)) return byCompact.get(c)!;
    const toks = tokens(value);
    let out = "";
    let changed = false;
    for (let k = 0; k < toks.length; ) {
      let node: TrieNode | undefined = trie;
      let end = -1;
      let hit = "";
      for (let j = k; j < toks.length; j++) {
        node = node.next.get(toks[j].toLowerCase());
        if (!node) break;
        if (node.value !== undefined) {
          end = j + 1;
          hit = node.value;
        }
      }
      if (end > 0) {
        out += hit;
        k = end;
        changed = true;
      } else out += toks[k++];
    }
    return changed ? out : value;
  };
  return {
    pseudonym,
    text,
    get size() {
      return exact.size;
    },
  };
}

/** A dataset and its results, pseudonymised together. */
export interface PseudonymisedCase<R> {
  dataset: Dataset;
  results: R;
  /** The pseudonymiser used, to scrub further text of the same export. */
  pseudonymiser: Pseudonymiser;
}

/**
 * Pseudonymise a dataset and its results together, consistently: party and account ids, names and
 * aliases, identifier values, addresses, phones and e-mails become keyed hashes; birth dates are
 * dropped; payment references, report reasons and every string in the results are scrubbed of the
 * values replaced, and of the words of four letters or more of person names (text often names a
 * person by one word); quarantine messages (which quote raw input) are replaced by their codes. Build
 * every file of an export from the returned case. Inputs are not mutated.
 *
 * @example
 * ```ts
 * import { analyze, loadCase, pseudonymiseCase, renderHtmlReport } from "wildtrace";
 * const load = await loadCase("datasets/mini");
 * const shared = pseudonymiseCase(load.dataset, analyze(load), { key: process.env.WILDTRACE_KEY! });
 * const html = renderHtmlReport(shared.results, shared.dataset); // no name, id or account number left
 * ```
 */
export function pseudonymiseCase<R>(dataset: Dataset, results: R, options: PseudonymiseOptions | Pseudonymiser): PseudonymisedCase<R> {
  const p = "pseudonym" in options ? options : createPseudonymiser(options);
  const parties: Party[] = dataset.parties.map((party) => {
    const out: Party = {
      ...party,
      id: p.pseudonym("party", party.id),
      name: p.pseudonym("name", party.name),
      aliases: party.aliases.map((a) => p.pseudonym("name", a)),
      identifiers: party.identifiers.map((i) => ({ ...i, value: p.pseudonym(i.type === "phone" || i.type === "email" ? "contact" : "identifier", i.value) })),
      addresses: party.addresses.map((a) => ({ ...a, text: p.pseudonym("contact", a.text) })),
      attributes: Object.fromEntries(Object.entries(party.attributes).map(([k, v]) => [k, p.pseudonym("contact", v)])),
    };
    if (party.birthDate) p.pseudonym("date", party.birthDate);
    // Free text often names a person by one word ("pay Mkapa"): register person name words too.
    if (party.kind === "person") {
      for (const n of [party.name, ...party.aliases]) for (const w of n.split(/[^\p{L}\p{N}'-]+/u)) if ([...w].length >= 4) p.pseudonym("name", w);
    }
    delete out.birthDate;
    return out;
  });
  const accounts: Account[] = dataset.accounts.map((a) => {
    const out: Account = { ...a, id: p.pseudonym("account", a.id) };
    if (a.holder !== undefined) out.holder = p.pseudonym("party", a.holder);
    return out;
  });
  const relationships: Relationship[] = dataset.relationships.map((r) => ({ ...r, from: p.pseudonym("party", r.from), to: p.pseudonym("party", r.to) }));
  const reports: Report[] = dataset.reports.map((r) => {
    const out: Report = { ...r, reason: p.text(r.reason), action: p.text(r.action) };
    if (r.reference !== undefined) out.reference = p.text(r.reference);
    return out;
  });
  const transactions: TransactionTable = { ...dataset.transactions };
  const shared: Dataset = {
    ...dataset,
    parties,
    accounts,
    relationships,
    reports,
    transactions,
    references: dataset.references.map((r) => p.text(r)),
    partyIndex: new Map(parties.map((x, i) => [x.id, i])),
    accountIndex: new Map(accounts.map((x, i) => [x.id, i])),
  };
  return { dataset: shared, results: scrubValue(results, p, "") as R, pseudonymiser: p };
}

function scrubValue(value: unknown, p: Pseudonymiser, key: string): unknown {
  if (typeof value === "string") return p.text(value);
  if (Array.isArray(value)) {
    if (key === "quarantine") return value.map((e: QuarantineEntry) => ({ ...e, message: e.code }));
    return value.map((v) => scrubValue(v, p, ""));
  }
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, p, k);
    return Object.setPrototypeOf(out, Object.prototype);
  }
  return value;
}

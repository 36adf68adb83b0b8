/**
 * Closed vocabularies of the canonical model. Each is a frozen tuple so that zod enums and
 * typed-array codes share one source of truth.
 */

/**
 * Payment channels. The index of a channel is its code in the transaction table.
 *
 * @example
 * ```ts
 * import { CHANNELS } from "wildtrace";
 * CHANNELS.indexOf("mobile_money"); // 3: its code in the transaction table
 * CHANNELS[0]; // "wire"
 * ```
 */
export const CHANNELS = Object.freeze([
  "wire",
  "cash_deposit",
  "cash_withdrawal",
  "mobile_money",
  "card",
  "cheque",
  "crypto",
  "hawala",
  "internal",
  "other",
] as const);
export type Channel = (typeof CHANNELS)[number];

/**
 * Account types.
 *
 * @example
 * ```ts
 * import { ACCOUNT_TYPES } from "wildtrace";
 * ACCOUNT_TYPES.includes("msb"); // true
 * ```
 */
export const ACCOUNT_TYPES = Object.freeze(["bank", "mobile_money", "cash", "crypto", "msb", "other"] as const);
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/**
 * Party kinds.
 *
 * @example
 * ```ts
 * import { PARTY_KINDS } from "wildtrace";
 * PARTY_KINDS; // ["person", "company", "organization"]
 * ```
 */
export const PARTY_KINDS = Object.freeze(["person", "company", "organization"] as const);
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * Identifier types recognised by entity resolution; other strings pass through.
 *
 * @example
 * ```ts
 * import { IDENTIFIER_TYPES } from "wildtrace";
 * IDENTIFIER_TYPES.includes("passport"); // true
 * ```
 */
export const IDENTIFIER_TYPES = Object.freeze([
  "passport",
  "national_id",
  "tax_number",
  "registration_number",
  "phone",
  "email",
  "account_number",
  "iban",
  "swift",
  "id_number",
] as const);

/**
 * Relationship types between parties; other strings pass through.
 *
 * @example
 * ```ts
 * import { RELATIONSHIP_TYPES } from "wildtrace";
 * RELATIONSHIP_TYPES.includes("employs"); // true
 * ```
 */
export const RELATIONSHIP_TYPES = Object.freeze([
  "owns",
  "directs",
  "employs",
  "family",
  "associate",
  "represents",
  "signatory",
] as const);

const CHANNEL_SYNONYMS: Record<string, Channel> = {
  wire: "wire",
  swift: "wire",
  transfer: "wire",
  bank_transfer: "wire",
  eft: "wire",
  ach: "wire",
  sepa: "wire",
  rtgs: "wire",
  cash_deposit: "cash_deposit",
  deposit: "cash_deposit",
  cash_in: "cash_deposit",
  cash_withdrawal: "cash_withdrawal",
  withdrawal: "cash_withdrawal",
  cash_out: "cash_withdrawal",
  atm: "cash_withdrawal",
  mobile_money: "mobile_money",
  mobile: "mobile_money",
  mpesa: "mobile_money",
  "m-pesa": "mobile_money",
  momo: "mobile_money",
  card: "card",
  pos: "card",
  debit_card: "card",
  credit_card: "card",
  cheque: "cheque",
  check: "cheque",
  crypto: "crypto",
  bitcoin: "crypto",
  hawala: "hawala",
  mvts: "hawala",
  internal: "internal",
  book_transfer: "internal",
  other: "other",
};

/**
 * Normalise a free-text channel name to a {@link Channel}, or `undefined` if unknown.
 *
 * @example
 * ```ts
 * import { normaliseChannel } from "wildtrace";
 * normaliseChannel("M-Pesa"); // "mobile_money"
 * normaliseChannel("SWIFT");  // "wire"
 * ```
 */
export function normaliseChannel(raw: string): Channel | undefined {
  const lower = raw.trim().toLowerCase();
  if (Object.hasOwn(CHANNEL_SYNONYMS, lower)) return CHANNEL_SYNONYMS[lower];
  const key = lower.replace(/[\s-]+/g, "_");
  return Object.hasOwn(CHANNEL_SYNONYMS, key) ? CHANNEL_SYNONYMS[key] : undefined;
}

/**
 * Known sector codes, with the words that map free text onto them.
 *
 * @example
 * ```ts
 * import { SECTORS } from "wildtrace";
 * Object.keys(SECTORS).includes("traditional_medicine"); // true
 * SECTORS.customs_clearing.includes("clearing agent"); // true
 * ```
 */
export const SECTORS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  customs_clearing: ["customs clearing", "clearing agent", "customs broker", "clearing and forwarding", "customs agent", "despachante"],
  freight_forwarding: ["freight", "forwarding", "forwarder", "shipping agent", "cargo", "transitaire"],
  logistics: ["logistics", "transport", "trucking", "haulage", "courier", "shipping"],
  import_export: ["import", "export", "trading", "general trading", "import-export", "commerce"],
  seafood: ["seafood", "fish", "fisheries", "marine products", "abalone", "dried seafood", "mariscos"],
  timber: ["timber", "wood", "lumber", "sawmill", "furniture", "forestry", "hardwood"],
  jewellery: ["jewellery", "jewelry", "gold", "precious metal", "gems", "bullion", "goldsmith"],
  antiques: ["antique", "antiques", "art dealer", "curios", "handicraft", "carvings"],
  traditional_medicine: ["traditional medicine", "tcm", "herbal", "pharmacy", "apothecary", "medicine hall"],
  pet_trade: ["pet shop", "pets", "exotic animals", "aquarium", "bird dealer"],
  zoo_breeder: ["zoo", "breeder", "breeding", "wildlife park", "safari park", "exotic park", "game farm"],
  hunting_safari: ["hunting", "safari", "outfitter", "game ranch", "taxidermy"],
  travel_agency: ["travel", "tour operator", "tours", "travel agency", "ticketing"],
  casino: ["casino", "gaming", "betting", "lottery"],
  mining: ["mining", "minerals", "quarry"],
  retail: ["retail", "supermarket", "grocery", "shop", "store", "merchant"],
  hospitality: ["restaurant", "hotel", "bar", "cafe", "catering"],
  agriculture: ["agriculture", "farm", "farming", "livestock", "cashew", "tea", "coffee"],
  construction: ["construction", "building", "contractor"],
  financial_services: ["bank", "money transfer", "bureau de change", "forex", "exchange", "msb", "remittance"],
  government: ["government", "ministry", "customs authority", "police", "wildlife authority", "parks authority", "revenue authority"],
  real_estate: ["real estate", "property", "rental"],
  manufacturing: ["manufacturing", "factory", "textiles", "garments"],
  telecom: ["telecom", "mobile operator"],
  education: ["school", "university", "education"],
  healthcare: ["hospital", "clinic", "health"],
  ngo: ["ngo", "charity", "foundation", "non-profit"],
});

/** Sector words of {@link normaliseSector} as space-padded needles, in SECTORS order. */
const SECTOR_NEEDLES: readonly { sector: string; needle: string }[] = Object.freeze(
  Object.entries(SECTORS).flatMap(([sector, words]) => words.map((w) => ({ sector, needle: ` ${w.replace(/[^\p{L}\p{N}]+/gu, " ")} ` }))),
);

/**
 * Normalise free-text business activity to a sector code. Known codes pass through; free text is
 * matched on whole words; anything else is returned lower-cased with spaces as underscores.
 * Readers of many records pass a `memo` (a Map they own) so that each distinct text is matched once.
 *
 * @example
 * ```ts
 * import { normaliseSector } from "wildtrace";
 * normaliseSector("Clearing & Forwarding Agents Ltd activity: customs clearing"); // "customs_clearing"
 * normaliseSector("Dried Seafood Wholesale"); // "seafood"
 * ```
 */
export function normaliseSector(raw: string | undefined, memo?: Map<string, string | undefined>): string | undefined {
  if (raw === undefined) return undefined;
  if (!memo) return matchSector(raw);
  const known = memo.get(raw);
  if (known !== undefined || memo.has(raw)) return known;
  const sector = matchSector(raw);
  memo.set(raw, sector);
  return sector;
}

function matchSector(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  if (text === "") return undefined;
  const code = text.replace(/[\s-]+/g, "_");
  if (Object.hasOwn(SECTORS, code)) return code;
  const padded = ` ${text.replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  let best: string | undefined;
  let bestLen = 0;
  for (const { sector, needle } of SECTOR_NEEDLES) {
    if (padded.includes(needle) && needle.length > bestLen) {
      best = sector;
      bestLen = needle.length;
    }
  }
  return best ?? code;
}

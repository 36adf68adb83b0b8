import { foldWords } from "../_lib/fold-words.js";
import { ISO_COUNTRY_NAMES, ISO_COUNTRY_PAIRS, ISO_CURRENCIES } from "./iso-data.js";

let countryLookup: Map<string, string> | undefined;
let alpha2Set: Set<string> | undefined;

/** Common alternative names analysts write, beyond the ISO short names. */
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  vietnam: "VN",
  "viet nam": "VN",
  "hong kong": "HK",
  "hong kong sar": "HK",
  macau: "MO",
  macao: "MO",
  uk: "GB",
  "united kingdom": "GB",
  "great britain": "GB",
  usa: "US",
  "united states": "US",
  "united states of america": "US",
  tanzania: "TZ",
  drc: "CD",
  "dr congo": "CD",
  "democratic republic of the congo": "CD",
  "congo kinshasa": "CD",
  "congo brazzaville": "CG",
  "republic of the congo": "CG",
  laos: "LA",
  "lao pdr": "LA",
  "south korea": "KR",
  korea: "KR",
  "ivory coast": "CI",
  "cote d ivoire": "CI",
  uae: "AE",
  "united arab emirates": "AE",
  burma: "MM",
  myanmar: "MM",
  russia: "RU",
  taiwan: "TW",
  china: "CN",
  prc: "CN",
  "mainland china": "CN",
  turkey: "TR",
  turkiye: "TR",
  swaziland: "SZ",
  eswatini: "SZ",
};

function buildLookup(): Map<string, string> {
  const map = new Map<string, string>();
  alpha2Set = new Set();
  for (const pair of ISO_COUNTRY_PAIRS.split(" ")) {
    const [a2, a3] = pair.split(":");
    alpha2Set.add(a2);
    map.set(a2.toLowerCase(), a2);
    map.set(a3.toLowerCase(), a2);
  }
  for (const entry of ISO_COUNTRY_NAMES.split("|")) {
    const i = entry.indexOf(":");
    map.set(foldWords(entry.slice(i + 1)), entry.slice(0, i));
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) map.set(name, code);
  return map;
}

/**
 * Normalise a country given as ISO alpha-2, alpha-3 or an English name to ISO 3166-1 alpha-2.
 * Returns `undefined` for an unknown country. `XK` (Kosovo, user-assigned) is accepted.
 *
 * @example
 * ```ts
 * import { normaliseCountry } from "wildtrace";
 * normaliseCountry("vnm");        // "VN"
 * normaliseCountry("Viet Nam");   // "VN"
 * normaliseCountry("Atlantis");   // undefined
 * ```
 */
export function normaliseCountry(raw: string): string | undefined {
  const s = raw.trim();
  if (s.length === 2) {
    const up = s.toUpperCase();
    if (up === "XK") return up;
    if (!alpha2Set) countryLookup = buildLookup();
    return alpha2Set!.has(up) ? up : undefined;
  }
  if (!countryLookup) countryLookup = buildLookup();
  return countryLookup.get(s.toLowerCase()) ?? countryLookup.get(foldWords(s));
}

/**
 * The English short name of an ISO alpha-2 country code, or the code itself when unknown.
 *
 * @example
 * ```ts
 * import { countryName } from "wildtrace";
 * countryName("TZ"); // "Tanzania, United Republic of"
 * ```
 */
export function countryName(code: string): string {
  for (const entry of ISO_COUNTRY_NAMES.split("|")) {
    if (entry.startsWith(`${code}:`)) return entry.slice(3);
  }
  return code;
}

let currencySet: Set<string> | undefined;
/** Non-ISO units seen in crypto and MVTS records, accepted as currencies. */
const EXTRA_CURRENCIES = ["BTC", "ETH", "USDT", "USDC", "ZWL", "SLL"];

/**
 * Normalise a currency code (ISO 4217, plus BTC, ETH, USDT, USDC). Returns `undefined` when
 * unknown.
 *
 * @example
 * ```ts
 * import { normaliseCurrency } from "wildtrace";
 * normaliseCurrency(" usd "); // "USD"
 * normaliseCurrency("XYZ");   // undefined
 * ```
 */
export function normaliseCurrency(raw: string): string | undefined {
  if (!currencySet) currencySet = new Set([...ISO_CURRENCIES.split(" "), ...EXTRA_CURRENCIES]);
  const up = raw.trim().toUpperCase();
  return currencySet.has(up) ? up : undefined;
}

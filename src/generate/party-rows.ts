import { mix32 } from "../_lib/random.js";
import { COUNTRY_PROFILES } from "./country-profiles.js";
import { asciiFold, companyName, personName } from "./names.js";
import { CATEGORY } from "./population.js";

/**
 * Re-create a background party's record from its index: the same seed and index always give the
 * same name, identifiers, phone and address, so nothing needs to be stored between the passes
 * that write transactions and parties.
 */

/** Activities and the sector text written for each background company category. */
const ACTIVITIES: Readonly<Record<number, readonly (readonly [string, string])[]>> = Object.freeze({
  [CATEGORY.merchant]: [["Supermarket", "supermarket"], ["Pharmacy", "pharmacy"], ["Filling Station", "retail"], ["Electronics", "retail"], ["Mini Market", "retail"], ["Hotel", "hotel"], ["Telecom Shop", "telecom"], ["Clinic", "clinic"]],
  [CATEGORY.employer]: [["Construction", "construction"], ["Manufacturing", "manufacturing"], ["Textiles", "textiles"], ["Academy", "school"], ["Hospital", "hospital"], ["Transport", "transport"], ["Agro Industries", "agriculture"], ["Engineering", "construction"]],
  [CATEGORY.cashBusiness]: [["Restaurant", "restaurant"], ["Hardware", "retail"], ["Bar & Grill", "bar"], ["Butchery", "retail"], ["Bureau de Change", "bureau de change"], ["Motors", "retail"], ["Cafe", "cafe"], ["Salon", "retail"]],
  [CATEGORY.trader]: [["Import & Export", "import export"], ["Freight Forwarding", "freight forwarding"], ["Clearing & Forwarding", "customs clearing"], ["Logistics", "logistics"], ["Seafood", "seafood"], ["Timber", "timber"], ["Agro Exports", "agriculture"], ["General Trading", "general trading"], ["Commodities", "import export"], ["Shipping Agency", "shipping"]],
  [CATEGORY.landlord]: [["Properties", "real estate"], ["Estates", "real estate"], ["Realty", "real estate"]],
});

/**
 * Government employers: the first of each country's employers (salaries of officials come from them).
 *
 * @example
 * ```ts
 * GOVERNMENT_EMPLOYERS[0]; // ["Wildlife Authority", "government"]: activity name, sector
 * ```
 */
export const GOVERNMENT_EMPLOYERS: readonly (readonly [string, string])[] = [
  ["Wildlife Authority", "government"],
  ["Revenue Authority", "government"],
  ["Ports Authority", "government"],
];

/** Roles of background civil servants (about 2% of people): officials are not all corrupt. */
const CIVIL_ROLES: readonly string[] = ["official", "customs;official", "ranger;official", "official", "pep"];

/**
 * Whether a background person is a civil servant (and which roles), from the seed.
 *
 * @example
 * ```ts
 * backgroundRoles(1, 7); // "customs;official"
 * backgroundRoles(1, 0); // "": most background people hold no office
 * ```
 */
export function backgroundRoles(seed: number, party: number): string {
  const h = mix32(mix32(seed, party), 0xc1);
  return h % 100 < 2 ? CIVIL_ROLES[(h >>> 8) % CIVIL_ROLES.length] : "";
}

/**
 * Activity name and sector text of a background company, from the seed.
 *
 * @example
 * ```ts
 * backgroundActivity(1, 5, CATEGORY.merchant); // ["Hotel", "hotel"]
 * ```
 */
export function backgroundActivity(seed: number, party: number, category: number): readonly [string, string] {
  const h = mix32(mix32(seed, party), 0xac);
  if (category === CATEGORY.employer && h % 100 < 15) return GOVERNMENT_EMPLOYERS[(h >>> 8) % GOVERNMENT_EMPLOYERS.length];
  const list = ACTIVITIES[category] ?? ACTIVITIES[CATEGORY.merchant];
  return list[(h >>> 8) % list.length];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * The cells of parties.csv (`id,kind,name,country,birth_date,id_number,phone,email,address,sector,roles`)
 * for background party `party`, without the id.
 *
 * @example
 * ```ts
 * backgroundPartyCells(1, 17, 12, CATEGORY.person); // ["person", "Trần Thị Lan", "VN", ...]
 * ```
 */
export function backgroundPartyCells(seed: number, party: number, countryIdx: number, category: number): string[] {
  const prof = COUNTRY_PROFILES[countryIdx];
  const h = mix32(seed, party);
  const h2 = mix32(h, 2);
  const h3 = mix32(h, 3);
  const phone = `${prof.phonePrefix} ${prof.code === "CN" ? `13${h2 % 10}` : `7${h2 % 10}`}${(h2 >>> 4) % 10} ${100 + ((h2 >>> 8) % 900)} ${100 + ((h3 >>> 4) % 900)}`;
  const address = `${1 + (h3 % 200)} ${prof.streets[(h3 >>> 8) % prof.streets.length]}, ${prof.cities[(h3 >>> 12) % prof.cities.length]}`;
  if (category === CATEGORY.person) {
    const n = personName(prof.culture, h);
    const year = 1950 + (h2 % 55);
    const birth = `${year}-${pad2(1 + ((h2 >>> 6) % 12))}-${pad2(1 + ((h2 >>> 10) % 28))}`;
    const idDraw = (h3 >>> 20) % 10;
    const id = idDraw < 3 ? `passport:${prof.code}:${String.fromCharCode(65 + (h3 % 26))}${String(h2 % 10_000_000).padStart(7, "0")}` : idDraw < 7 ? `national_id:${prof.code}:${String(h3 % 1_000_000_000).padStart(9, "0")}` : "";
    const email = (h3 >>> 24) % 4 === 0 ? `${asciiFold(n.latin).toLowerCase().replace(/[^a-z]+/g, ".")}${h % 97}@${["gmail.com", "yahoo.com", "outlook.com"][h % 3]}` : "";
    return ["person", n.name, prof.code, birth, id, (h >>> 28) % 4 === 0 ? "" : phone, email, address, "", backgroundRoles(seed, party)];
  }
  const [activity, sector] = backgroundActivity(seed, party, category);
  const government = GOVERNMENT_EMPLOYERS.some(([a]) => a === activity);
  const name = government ? `${prof.cities[h % prof.cities.length]} ${activity}` : companyName(prof.code, activity, prof.companySuffixes, h, prof.cities);
  const inc = `${1985 + (h2 % 37)}-${pad2(1 + ((h2 >>> 6) % 12))}-${pad2(1 + ((h2 >>> 10) % 28))}`;
  return [government ? "organization" : "company", name, prof.code, inc, `registration_number:${prof.code}:${String(h3 % 1_000_000_000).padStart(9, "0")}`, phone, "", address, sector, ""];
}

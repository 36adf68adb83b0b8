import { WildtraceError } from "../errors.js";

/**
 * The countries the generator populates, with what makes their money look local: currency and an
 * approximate 2024 exchange rate, banks and mobile-money operators, cities, phone prefixes, the
 * naming culture and typical wages.
 *
 * Country roles follow the IWT geography in public sources: source countries in Africa, transit
 * hubs in South-East Asia and the Gulf, destination markets CN and VN (Themis / United for Wildlife
 * IWT toolkit; FATF, "Money Laundering and the Illegal Wildlife Trade", 2020). Exchange rates are
 * rounded yearly averages of 2024 (units of USD per unit of currency) and drift a little per month
 * in generated data; they are for realism, not for accounting.
 */

/** Role of a country in wildlife trafficking routes. */
export type CountryRole = "source" | "transit" | "destination" | "other";

/** One country as the generator sees it. */
export interface CountryProfile {
  readonly code: string;
  readonly role: CountryRole;
  /** Relative share of the background population. */
  readonly weight: number;
  readonly currency: string;
  /** USD per unit of `currency` (approximate 2024 average). */
  readonly usdRate: number;
  /** Decimals written for amounts in this currency. */
  readonly decimals: 0 | 2;
  readonly banks: readonly string[];
  /** Mobile-money operators; empty where mobile money is not a main channel. */
  readonly mobileMoney: readonly string[];
  readonly cities: readonly string[];
  readonly streets: readonly string[];
  /** International dialling prefix, e.g. "+255". */
  readonly phonePrefix: string;
  /** Key into the name cultures of `names.ts`. */
  readonly culture: string;
  /** Median monthly salary in USD. */
  readonly salaryUsd: number;
  /** Company suffixes, e.g. "Ltd", "Sdn Bhd". */
  readonly companySuffixes: readonly string[];
  /** Goods legitimately exported (for background import-export references). */
  readonly exports: readonly string[];
}

const P = (p: CountryProfile): CountryProfile => Object.freeze(p);

/**
 * Every populated country, in a fixed order (the order is part of determinism).
 *
 * @example
 * ```ts
 * import { COUNTRY_PROFILES } from "wildtrace";
 * COUNTRY_PROFILES.find((c) => c.code === "TZ")?.mobileMoney[0]; // "M-Pesa Tanzania"
 * ```
 */
export const COUNTRY_PROFILES: readonly CountryProfile[] = Object.freeze([
  P({ code: "TZ", role: "source", weight: 10, currency: "TZS", usdRate: 0.00039, decimals: 0, banks: ["CRDB Bank", "NMB Bank", "NBC Bank", "Stanbic Bank Tanzania", "Exim Bank Tanzania"], mobileMoney: ["M-Pesa Tanzania", "Tigo Pesa", "Airtel Money Tanzania", "HaloPesa"], cities: ["Dar es Salaam", "Arusha", "Mwanza", "Dodoma", "Mtwara", "Tanga", "Zanzibar", "Kilwa Masoko", "Morogoro", "Songea"], streets: ["Bibi Titi Mohamed St", "Samora Ave", "Uhuru St", "Kariakoo Market Rd", "Ali Hassan Mwinyi Rd", "Bandari Rd", "Nyerere Rd", "Sokoine Dr"], phonePrefix: "+255", culture: "swahili", salaryUsd: 260, companySuffixes: ["Ltd", "Company Ltd", "Enterprises"], exports: ["cashew nuts", "sesame seeds", "coffee", "sisal", "cloves", "tanzanite"] }),
  P({ code: "MZ", role: "source", weight: 7, currency: "MZN", usdRate: 0.01565, decimals: 2, banks: ["Millennium bim", "BCI", "Standard Bank Moçambique", "Absa Moçambique", "Moza Banco"], mobileMoney: ["M-Pesa Vodacom Moçambique", "e-Mola"], cities: ["Maputo", "Beira", "Nampula", "Pemba", "Nacala", "Quelimane", "Lichinga", "Tete"], streets: ["Av. Eduardo Mondlane", "Av. 25 de Setembro", "Av. Julius Nyerere", "Rua da Marginal", "Av. Samora Machel", "Rua do Porto"], phonePrefix: "+258", culture: "mozambican", salaryUsd: 190, companySuffixes: ["Lda", "Limitada", "SA"], exports: ["cashew nuts", "prawns", "sesame", "graphite", "timber (licensed)"] }),
  P({ code: "ZA", role: "source", weight: 10, currency: "ZAR", usdRate: 0.0545, decimals: 2, banks: ["Standard Bank", "FNB", "Absa", "Nedbank", "Capitec"], mobileMoney: [], cities: ["Johannesburg", "Cape Town", "Durban", "Pretoria", "Gqeberha", "Nelspruit", "Hermanus", "Polokwane"], streets: ["Main Rd", "Jan Smuts Ave", "Long St", "Church St", "Voortrekker Rd", "Beach Rd", "Oxford Rd"], phonePrefix: "+27", culture: "southafrican", salaryUsd: 1100, companySuffixes: ["(Pty) Ltd", "CC"], exports: ["citrus", "wine", "coal", "farmed abalone", "wool", "platinum"] }),
  P({ code: "NG", role: "source", weight: 10, currency: "NGN", usdRate: 0.00068, decimals: 2, banks: ["Access Bank", "Zenith Bank", "GTBank", "First Bank of Nigeria", "UBA"], mobileMoney: ["OPay", "MTN MoMo PSB", "PalmPay"], cities: ["Lagos", "Abuja", "Kano", "Ibadan", "Port Harcourt", "Calabar", "Enugu", "Onitsha"], streets: ["Broad St", "Allen Ave", "Awolowo Rd", "Ahmadu Bello Way", "Marina Rd", "Herbert Macaulay Way"], phonePrefix: "+234", culture: "nigerian", salaryUsd: 160, companySuffixes: ["Ltd", "Nigeria Ltd", "Ventures"], exports: ["sesame seeds", "cocoa beans", "cashew nuts", "ginger", "hibiscus flowers"] }),
  P({ code: "KE", role: "source", weight: 9, currency: "KES", usdRate: 0.0075, decimals: 2, banks: ["KCB Bank", "Equity Bank", "Co-operative Bank of Kenya", "NCBA Bank", "Stanbic Bank Kenya"], mobileMoney: ["M-Pesa Safaricom", "Airtel Money Kenya"], cities: ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Malindi", "Nanyuki"], streets: ["Moi Ave", "Kenyatta Ave", "Moi Ave Mombasa", "Ngong Rd", "Mombasa Rd", "Biashara St", "Digo Rd"], phonePrefix: "+254", culture: "kenyan", salaryUsd: 330, companySuffixes: ["Ltd", "Limited", "Enterprises Ltd"], exports: ["tea", "cut flowers", "coffee", "avocados", "macadamia nuts"] }),
  P({ code: "MG", role: "source", weight: 4, currency: "MGA", usdRate: 0.00022, decimals: 0, banks: ["BNI Madagascar", "BOA Madagascar", "BFV-SG", "BMOI"], mobileMoney: ["MVola", "Orange Money Madagascar", "Airtel Money Madagascar"], cities: ["Antananarivo", "Toamasina", "Mahajanga", "Antsiranana", "Sambava", "Fianarantsoa", "Toliara"], streets: ["Rue Rainandriamampandry", "Av. de l'Indépendance", "Rue Ratsimilaho", "Bd Joffre", "Rue du Commerce"], phonePrefix: "+261", culture: "malagasy", salaryUsd: 90, companySuffixes: ["SARL", "SA", "SARLU"], exports: ["vanilla", "cloves", "lychees", "nickel", "graphite"] }),
  P({ code: "UG", role: "source", weight: 4, currency: "UGX", usdRate: 0.00027, decimals: 0, banks: ["Stanbic Bank Uganda", "Centenary Bank", "dfcu Bank", "Absa Uganda"], mobileMoney: ["MTN MoMo Uganda", "Airtel Money Uganda"], cities: ["Kampala", "Entebbe", "Gulu", "Mbarara", "Jinja", "Arua"], streets: ["Kampala Rd", "Jinja Rd", "Entebbe Rd", "Nkrumah Rd", "Bombo Rd"], phonePrefix: "+256", culture: "ugandan", salaryUsd: 150, companySuffixes: ["Ltd", "(U) Ltd"], exports: ["coffee", "fish fillets", "tea", "cocoa", "gold"] }),
  P({ code: "MY", role: "transit", weight: 7, currency: "MYR", usdRate: 0.219, decimals: 2, banks: ["Maybank", "CIMB Bank", "Public Bank", "RHB Bank", "Hong Leong Bank"], mobileMoney: [], cities: ["Kuala Lumpur", "Port Klang", "Penang", "Johor Bahru", "Shah Alam", "Kota Kinabalu", "Ipoh"], streets: ["Jalan Ampang", "Jalan Sultan Ismail", "Jalan Tun Razak", "Jalan Pelabuhan", "Lebuh Chulia", "Jalan Bukit Bintang"], phonePrefix: "+60", culture: "malaysian", salaryUsd: 900, companySuffixes: ["Sdn Bhd", "Enterprise", "Trading Sdn Bhd"], exports: ["palm oil", "electronics", "rubber gloves", "timber (licensed)"] }),
  P({ code: "SG", role: "transit", weight: 4, currency: "SGD", usdRate: 0.748, decimals: 2, banks: ["DBS Bank", "OCBC Bank", "UOB", "Standard Chartered Singapore"], mobileMoney: [], cities: ["Singapore"], streets: ["Raffles Place", "Shenton Way", "Orchard Rd", "Pasir Panjang Rd", "Jurong Port Rd", "Geylang Rd"], phonePrefix: "+65", culture: "singaporean", salaryUsd: 3800, companySuffixes: ["Pte Ltd", "Pte. Ltd."], exports: ["electronics", "refined petroleum", "chemicals", "machinery"] }),
  P({ code: "HK", role: "transit", weight: 5, currency: "HKD", usdRate: 0.128, decimals: 2, banks: ["HSBC Hong Kong", "Bank of China (Hong Kong)", "Hang Seng Bank", "Bank of East Asia"], mobileMoney: [], cities: ["Hong Kong", "Kowloon", "Sheung Wan", "Tsim Sha Tsui", "Kwai Chung"], streets: ["Des Voeux Rd", "Nathan Rd", "Queen's Rd Central", "Wing Lok St", "Connaught Rd West", "Hennessy Rd"], phonePrefix: "+852", culture: "cantonese", salaryUsd: 2600, companySuffixes: ["Limited", "Co Ltd", "Trading Limited"], exports: ["electronics", "jewellery", "clocks", "garments"] }),
  P({ code: "AE", role: "transit", weight: 3, currency: "AED", usdRate: 0.2723, decimals: 2, banks: ["Emirates NBD", "First Abu Dhabi Bank", "Mashreq", "Dubai Islamic Bank"], mobileMoney: [], cities: ["Dubai", "Abu Dhabi", "Sharjah", "Jebel Ali"], streets: ["Sheikh Zayed Rd", "Al Maktoum Rd", "Deira Gold Souk", "Al Rigga Rd", "Khalid Bin Waleed Rd"], phonePrefix: "+971", culture: "emirati", salaryUsd: 3000, companySuffixes: ["LLC", "FZE", "General Trading LLC"], exports: ["gold", "re-exports", "aluminium"] }),
  P({ code: "TH", role: "transit", weight: 3, currency: "THB", usdRate: 0.0284, decimals: 2, banks: ["Bangkok Bank", "Kasikornbank", "Siam Commercial Bank", "Krungthai Bank"], mobileMoney: [], cities: ["Bangkok", "Chiang Mai", "Hat Yai", "Pattaya", "Nong Khai"], streets: ["Sukhumvit Rd", "Silom Rd", "Rama IV Rd", "Charoen Krung Rd", "Phahonyothin Rd"], phonePrefix: "+66", culture: "thai", salaryUsd: 500, companySuffixes: ["Co., Ltd.", "Ltd., Part."], exports: ["rice", "rubber", "automobile parts", "seafood"] }),
  P({ code: "CN", role: "destination", weight: 10, currency: "CNY", usdRate: 0.139, decimals: 2, banks: ["Bank of China", "ICBC", "China Construction Bank", "Agricultural Bank of China", "China Merchants Bank"], mobileMoney: [], cities: ["Guangzhou", "Shenzhen", "Shanghai", "Beijing", "Xiamen", "Fuzhou", "Kunming", "Putian"], streets: ["Tianhe Rd", "Renmin Rd", "Zhongshan Rd", "Jiefang Rd", "Nanjing Rd", "Huangpu Ave", "Shennan Blvd"], phonePrefix: "+86", culture: "chinese", salaryUsd: 1250, companySuffixes: ["Co Ltd", "Trading Co Ltd", "Import & Export Co Ltd"], exports: ["machinery", "textiles", "motorcycles", "solar panels"] }),
  P({ code: "VN", role: "destination", weight: 8, currency: "VND", usdRate: 0.0000395, decimals: 0, banks: ["Vietcombank", "BIDV", "VietinBank", "Techcombank", "VPBank"], mobileMoney: [], cities: ["Hà Nội", "Hồ Chí Minh City", "Hải Phòng", "Đà Nẵng", "Nghệ An", "Móng Cái", "Lạng Sơn"], streets: ["Phố Huế", "Nguyễn Trãi", "Lê Lợi", "Trần Hưng Đạo", "Hai Bà Trưng", "Đường Láng", "Lý Thường Kiệt"], phonePrefix: "+84", culture: "vietnamese", salaryUsd: 330, companySuffixes: ["Co Ltd", "Trading Co Ltd", "JSC"], exports: ["coffee", "rice", "electronics", "garments", "pepper"] }),
  P({ code: "GB", role: "other", weight: 3, currency: "GBP", usdRate: 1.278, decimals: 2, banks: ["Barclays", "HSBC UK", "Lloyds Bank", "NatWest"], mobileMoney: [], cities: ["London", "Manchester", "Birmingham", "Leeds", "Leicester"], streets: ["High St", "Station Rd", "Church Lane", "Victoria Rd", "Green Lane"], phonePrefix: "+44", culture: "english", salaryUsd: 3400, companySuffixes: ["Ltd", "LLP"], exports: ["machinery", "pharmaceuticals"] }),
  P({ code: "US", role: "other", weight: 3, currency: "USD", usdRate: 1, decimals: 2, banks: ["JPMorgan Chase", "Bank of America", "Wells Fargo", "Citibank"], mobileMoney: [], cities: ["New York", "Houston", "Los Angeles", "Atlanta", "Minneapolis"], streets: ["Main St", "Broadway", "Oak St", "Maple Ave", "Washington St"], phonePrefix: "+1", culture: "english", salaryUsd: 4800, companySuffixes: ["LLC", "Inc"], exports: ["machinery", "soybeans", "aircraft parts"] }),
]);

/**
 * Index of a country code in {@link COUNTRY_PROFILES}, or -1.
 *
 * @example
 * ```ts
 * countryIndex("TZ"); // 0
 * ```
 */
export function countryIndex(code: string): number {
  return COUNTRY_PROFILES.findIndex((c) => c.code === code);
}

/**
 * The profile of a country code (throws on an unknown code: a programming error here).
 *
 * @example
 * ```ts
 * countryProfile("VN").currency; // "VND"
 * ```
 */
export function countryProfile(code: string): CountryProfile {
  const p = COUNTRY_PROFILES.find((c) => c.code === code);
  if (!p) throw new WildtraceError("E_OPTION", `countryProfile: no profile for country ${code}`);
  return p;
}

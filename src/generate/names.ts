import { mix32 } from "../_lib/random.js";

/**
 * Realistic names per naming culture, drawn deterministically from a 32-bit seed so that a party's
 * name can be re-created from its index without being stored (10M-transaction cases have a
 * million parties).
 *
 * Name parts are common given names and surnames of each country, written the way banks in that
 * country record them: Vietnamese with diacritics (and sometimes upper-case ASCII, as core banking
 * systems print them), Chinese in pinyin (surname first) and sometimes in Han characters,
 * Portuguese names in Mozambique, Swahili and Bantu names in East Africa, Malagasy, Yoruba, Igbo
 * and Hausa names in Nigeria, Malay and Chinese-Malaysian names in Malaysia.
 */

interface Culture {
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly surnames: readonly string[];
  /** How a full name is assembled from given name, surname and (for some) a patronymic part. */
  readonly order: "given-surname" | "surname-given" | "malay";
}

const C = (c: Culture): Culture => Object.freeze(c);

const CULTURES: Readonly<Record<string, Culture>> = Object.freeze({
  swahili: C({
    male: ["Juma", "Hamisi", "Rashidi", "Abdallah", "Saidi", "Baraka", "Amani", "Mussa", "Omari", "Salim", "Ally", "Athumani", "Shabani", "Joseph", "Daudi", "Elia", "Emmanuel", "Godfrey", "Hassani", "Issa", "Mohamedi", "Peter", "Yusufu", "Zuberi"],
    female: ["Mwanaisha", "Neema", "Rehema", "Zawadi", "Halima", "Fatuma", "Khadija", "Asha", "Grace", "Mariam", "Upendo", "Furaha", "Imani", "Tatu", "Mwajuma", "Esther", "Witness", "Agnes", "Saida", "Zuhura"],
    surnames: ["Mrisho", "Mwakyusa", "Kombo", "Massawe", "Mushi", "Lyimo", "Mollel", "Kimaro", "Mwita", "Mfinanga", "Kapinga", "Mbwana", "Njau", "Shirima", "Mtui", "Swai", "Minja", "Temba", "Magesa", "Mwakalinga", "Kibona", "Chande", "Said", "Mohamed", "Hamad", "Lema", "Urassa", "Nyirenda"],
    order: "given-surname",
  }),
  kenyan: C({
    male: ["Otieno", "Kamau", "Mwangi", "Ochieng", "Njoroge", "Kiprono", "Wafula", "Kariuki", "Brian", "Kevin", "Dennis", "Collins", "Samuel", "Peter", "Hassan", "Abdi", "Evans", "Wycliffe"],
    female: ["Wanjiru", "Chebet", "Achieng", "Wambui", "Akinyi", "Njeri", "Faith", "Mercy", "Caroline", "Purity", "Nafula", "Zipporah", "Halima", "Amina"],
    surnames: ["Otieno", "Kamau", "Mwangi", "Ochieng", "Njoroge", "Kiprop", "Wafula", "Kariuki", "Odhiambo", "Mutua", "Kiplagat", "Omondi", "Wekesa", "Mohamed", "Abdullahi", "Kiprotich", "Nyaga", "Chege"],
    order: "given-surname",
  }),
  ugandan: C({
    male: ["Okello", "Mugisha", "Kato", "Ssempala", "Tumusiime", "Byaruhanga", "Moses", "Ronald", "Isaac", "Julius", "Godfrey", "Ivan"],
    female: ["Nakato", "Namutebi", "Babirye", "Akello", "Atim", "Kemigisha", "Sarah", "Prossy", "Harriet", "Winnie"],
    surnames: ["Okello", "Mugisha", "Ssempala", "Tumusiime", "Byaruhanga", "Kiggundu", "Mukasa", "Ocen", "Opio", "Lubega", "Wasswa", "Nsubuga", "Kasozi"],
    order: "given-surname",
  }),
  mozambican: C({
    male: ["João", "José", "António", "Manuel", "Armando", "Celso", "Fernando", "Alberto", "Inácio", "Américo", "Felizardo", "Ernesto", "Jacinto", "Custódio", "Abílio", "Momade", "Sualehe"],
    female: ["Luísa", "Maria", "Ana", "Graça", "Esperança", "Teresa", "Celeste", "Rosa", "Amélia", "Joaquina", "Felismina", "Albertina", "Fátima"],
    surnames: ["Macuácua", "Mondlane", "Chissano", "Cossa", "Sitoe", "Tembe", "Mabunda", "Nhantumbo", "Langa", "Machava", "Muianga", "Guambe", "Matsinhe", "dos Santos", "Fernandes", "Chongo", "Mussa", "Bila", "Nhaca", "Cumbe"],
    order: "given-surname",
  }),
  southafrican: C({
    male: ["Thabo", "Sipho", "Themba", "Pieter", "Johan", "Anele", "Craig", "Bongani", "Mandla", "Kagiso", "Riaan", "Sibusiso", "Ashwin", "Mohammed"],
    female: ["Nomvula", "Lerato", "Zanele", "Ayesha", "Fatima", "Michelle", "Thandeka", "Palesa", "Annelie", "Busisiwe", "Priya", "Nandi"],
    surnames: ["Nkosi", "Dlamini", "Khumalo", "Ndlovu", "Mokoena", "van der Merwe", "Botha", "Naidoo", "Pillay", "Mahlangu", "Zulu", "Sithole", "Jacobs", "Pretorius", "Molefe", "Adams", "le Roux", "Cele"],
    order: "given-surname",
  }),
  nigerian: C({
    male: ["Chinedu", "Emeka", "Oluwaseun", "Adebayo", "Ibrahim", "Musa", "Tunde", "Yusuf", "Chukwuemeka", "Babatunde", "Abdullahi", "Kelechi", "Segun", "Usman"],
    female: ["Ngozi", "Fatima", "Aisha", "Chiamaka", "Funmilayo", "Blessing", "Adaeze", "Zainab", "Folake", "Hauwa", "Nkechi", "Yetunde"],
    surnames: ["Okafor", "Adeyemi", "Bello", "Okonkwo", "Eze", "Abubakar", "Ogunleye", "Nwosu", "Balogun", "Ibrahim", "Obi", "Lawal", "Danjuma", "Adewale", "Umar", "Chukwu", "Olawale", "Suleiman"],
    order: "given-surname",
  }),
  malagasy: C({
    male: ["Andry", "Hery", "Njaka", "Rivo", "Toky", "Mamy", "Faly", "Haja", "Solofo", "Tahina"],
    female: ["Fara", "Voahangy", "Tiana", "Lalao", "Hanta", "Nirina", "Vola", "Soa", "Miora", "Ony"],
    surnames: ["Rakotomalala", "Randrianarisoa", "Rasolofo", "Andriamanana", "Razafindrakoto", "Rabemananjara", "Ratsimbazafy", "Rakotondrabe", "Randriamampionona", "Raharison", "Rasoanaivo", "Ramanantsoa"],
    order: "given-surname",
  }),
  malaysian: C({
    male: ["Ahmad", "Muhammad", "Farid", "Hafiz", "Azman", "Razak", "Ismail", "Wei Ming", "Chee Keong", "Rajesh", "Kumar", "Zulkifli"],
    female: ["Nur Aisyah", "Siti", "Nurul", "Farah", "Aminah", "Mei Ling", "Hui Min", "Priya", "Kavitha", "Zarina"],
    surnames: ["Ismail", "Abdullah", "Hassan", "Ibrahim", "Rahman", "Yusof", "Osman", "Tan", "Lim", "Wong", "Lee", "Ng", "Subramaniam"],
    order: "malay",
  }),
  singaporean: C({
    male: ["Wei Jie", "Jun Hao", "Kok Leong", "Boon Huat", "Zhi Hao", "Ravi", "Faizal", "Daniel", "Marcus"],
    female: ["Wei Ling", "Hui Shan", "Mei Xin", "Siew Lan", "Nurul", "Kavitha", "Rachel", "Michelle"],
    surnames: ["Tan", "Lim", "Lee", "Ng", "Goh", "Chua", "Koh", "Teo", "Ong", "Wong"],
    order: "surname-given",
  }),
  cantonese: C({
    male: ["Tai Man", "Ka Ho", "Chi Keung", "Siu Ming", "Wai Kit", "Kwok Wah", "Chun Yin", "Ho Yin", "Wing Hong"],
    female: ["Wing Yan", "Mei Ling", "Siu Fong", "Ka Yan", "Hoi Yan", "Suk Yee", "Lai Ming", "Po Yee"],
    surnames: ["Chan", "Wong", "Leung", "Cheung", "Lau", "Lee", "Ho", "Ng", "Tsang", "Lam", "Yeung", "Chow"],
    order: "surname-given",
  }),
  emirati: C({
    male: ["Mohammed", "Ahmed", "Khalid", "Saeed", "Rashid", "Omar", "Rajesh", "Imran", "Faisal", "Sunil"],
    female: ["Fatima", "Mariam", "Aisha", "Noura", "Shaikha", "Priya", "Ayesha", "Sana"],
    surnames: ["Al Mansouri", "Al Hashimi", "Al Suwaidi", "Al Maktoum", "Al Falasi", "Kumar", "Khan", "Nair", "Qureshi", "Menon"],
    order: "given-surname",
  }),
  thai: C({
    male: ["Somchai", "Niran", "Anan", "Prasert", "Surachai", "Wichai", "Kittipong", "Chaiwat"],
    female: ["Suda", "Kanya", "Malee", "Siriporn", "Nittaya", "Pranee", "Ratana", "Wanida"],
    surnames: ["Srisuk", "Chaiyaporn", "Wongsawat", "Rattanakorn", "Saetang", "Kaewkla", "Boonmee", "Thongdee", "Sukjai", "Phromma"],
    order: "given-surname",
  }),
  vietnamese: C({
    male: ["Hùng", "Dũng", "Tuấn", "Nam", "Hải", "Quang", "Minh", "Đức", "Thắng", "Long", "Sơn", "Cường", "Phong", "Trung", "Khánh"],
    female: ["Hương", "Lan", "Linh", "Thảo", "Phương", "Trang", "Hà", "Mai", "Ngọc", "Thu", "Hằng", "Yến", "Nhung"],
    surnames: ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"],
    order: "surname-given",
  }),
  english: C({
    male: ["James", "David", "Michael", "Robert", "Daniel", "Thomas", "Mark", "Andrew", "Ahmed", "Carlos", "Kwame"],
    female: ["Sarah", "Emma", "Laura", "Jennifer", "Olivia", "Grace", "Rebecca", "Amina", "Maria", "Chloe"],
    surnames: ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Patel", "Khan", "Garcia", "Okoye", "Walker", "Clarke", "Hughes"],
    order: "given-surname",
  }),
});

/** Pinyin surnames with their Han characters (common Chinese surnames). */
const CN_SURNAMES: readonly (readonly [string, string])[] = [
  ["Wang", "王"], ["Li", "李"], ["Zhang", "张"], ["Liu", "刘"], ["Chen", "陈"], ["Yang", "杨"], ["Huang", "黄"], ["Zhao", "赵"],
  ["Wu", "吴"], ["Zhou", "周"], ["Xu", "徐"], ["Sun", "孙"], ["Ma", "马"], ["Zhu", "朱"], ["Hu", "胡"], ["Guo", "郭"], ["Lin", "林"], ["Lu", "卢"],
];
/** Pinyin given names with their Han characters. */
const CN_GIVEN: readonly (readonly [string, string])[] = [
  ["Wei", "伟"], ["Fang", "芳"], ["Min", "敏"], ["Jing", "静"], ["Lei", "磊"], ["Qiang", "强"], ["Jun", "军"], ["Yang", "洋"], ["Yong", "勇"],
  ["Jie", "杰"], ["Xiuying", "秀英"], ["Guiying", "桂英"], ["Haiyan", "海燕"], ["Jianguo", "建国"], ["Zhiqiang", "志强"], ["Xiaoming", "晓明"],
  ["Hong", "红"], ["Tao", "涛"], ["Ming", "明"], ["Chao", "超"], ["Xiuzhen", "秀珍"], ["Dehua", "德华"], ["Yuling", "玉玲"], ["Guoqiang", "国强"],
];

/** A generated person name and the parts it was built from. */
export interface GeneratedName {
  /** The name as written in the records. */
  readonly name: string;
  /** The same person's name in plain ASCII Latin script (for duplicates across banks). */
  readonly latin: string;
  readonly female: boolean;
}

const pickAt = <T>(items: readonly T[], h: number): T => items[h % items.length];

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Strip diacritics and fold to ASCII (Vietnamese đ/Đ included).
 *
 * @example
 * ```ts
 * asciiFold("Nguyễn Văn Đức"); // "Nguyen Van Duc"
 * asciiFold("Zoë"); // "Zoe"
 * ```
 */
export function asciiFold(text: string): string {
  if (ASCII.test(text)) return text;
  return text
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
}

/**
 * A person's name for a naming culture, chosen from a seed. `script` asks for a particular
 * writing: "native" (diacritics, Han characters), "latin" (ASCII) or "auto" (the mix banks show:
 * about a fifth of Chinese names in Han characters, a quarter of Vietnamese ones in upper-case
 * ASCII).
 *
 * @example
 * ```ts
 * personName("vietnamese", 12345).name; // e.g. "Trần Thị Hương"
 * ```
 */
export function personName(culture: string, seed: number, script: "auto" | "native" | "latin" = "auto"): GeneratedName {
  const h1 = mix32(seed, 1);
  const h2 = mix32(seed, 2);
  const h3 = mix32(seed, 3);
  const female = (h1 & 1) === 1;
  const scriptDraw = (h3 >>> 8) % 100;
  if (culture === "chinese") {
    const [sp, sh] = pickAt(CN_SURNAMES, h2);
    const [gp, gh] = pickAt(CN_GIVEN, h1 >>> 1);
    const latin = `${sp} ${gp}`;
    const han = script === "native" || (script === "auto" && scriptDraw < 20);
    return { name: han ? `${sh}${gh}` : latin, latin, female };
  }
  const c = Object.hasOwn(CULTURES, culture) ? CULTURES[culture] : CULTURES.english;
  const given = pickAt(female ? c.female : c.male, h1 >>> 1);
  const surname = pickAt(c.surnames, h2);
  let name: string;
  if (culture === "vietnamese") {
    const middle = female ? "Thị" : pickAt(["Văn", "Đức", "Minh", "Hữu", "Văn", "Quốc"], h3);
    name = `${surname} ${middle} ${given}`;
  } else if (c.order === "surname-given") {
    name = `${surname} ${given}`;
  } else if (c.order === "malay") {
    const malay = (h3 & 3) !== 0 && !["Tan", "Lim", "Wong", "Lee", "Ng", "Subramaniam"].includes(surname);
    if (malay) name = `${given} ${female ? "binti" : "bin"} ${surname}`;
    else if (surname === "Subramaniam") name = `${given} a/${female ? "p" : "l"} ${surname}`;
    else name = `${surname} ${given}`;
  } else {
    const second = (h3 & 7) === 0 ? ` ${pickAt(female ? c.female : c.male, h3 >>> 3)}` : "";
    name = `${given}${second} ${surname}`;
  }
  const latin = asciiFold(name);
  if (script === "latin") return { name: latin, latin, female };
  if (script === "auto" && culture === "vietnamese" && scriptDraw < 25) return { name: latin.toUpperCase(), latin, female };
  return { name, latin, female };
}

const COMPANY_WORDS: readonly string[] = [
  "Golden", "Star", "Unity", "Ocean", "Pacific", "Sunrise", "Summit", "Prime", "Royal", "Eastern", "Horizon", "Green Valley",
  "Silver", "Crystal", "Jade", "Phoenix", "Harmony", "Everbright", "Lucky", "Delta", "Coastal", "Highland", "Savanna", "Lotus",
];

const COUNTRY_WORDS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  TZ: ["Baraka", "Amani", "Kilimanjaro", "Bahari", "Msasani", "Kilwa", "Jambo", "Upendo", "Zanzi"],
  KE: ["Harambee", "Pwani", "Simba", "Nyota", "Baraka", "Tsavo", "Rift Valley"],
  UG: ["Pearl", "Nile", "Kabaka", "Victoria", "Rwenzori"],
  MZ: ["Índico", "Zambeze", "Nacala", "Pemba", "Limpopo", "Sol Nascente", "Boa Esperança"],
  ZA: ["Cape", "Karoo", "Highveld", "Ubuntu", "Protea", "Table Bay", "Lowveld"],
  NG: ["Eko", "Niger Delta", "Unity", "Oba", "Crescent", "Greenfield", "Zuma Rock"],
  MG: ["Tsara", "Mahery", "Vanilla Coast", "Sava", "Ravinala", "Ny Antsika"],
  MY: ["Selangor", "Klang", "Borneo", "Melaka", "Perdana", "Sinar"],
  SG: ["Lion City", "Merlion", "Straits", "Keppel", "Marina"],
  HK: ["Victoria", "Kowloon", "Pearl River", "Tai Ping", "Fu Wah"],
  AE: ["Al Noor", "Gulf", "Desert Rose", "Al Baraka", "Emirates Star"],
  TH: ["Siam", "Chao Phraya", "Rattana", "Sukjai"],
  CN: ["Hengtai", "Xinda", "Jinlong", "Huamei", "Fuxing", "Tianrui", "Hongyuan", "Shengda", "Yuxiang"],
  VN: ["Minh Phát", "Thành Công", "Hoàng Long", "Phú Quý", "Việt Á", "Sao Mai"],
  GB: ["Albion", "Thames", "Pennine", "Crown"],
  US: ["Liberty", "Lakeside", "Keystone", "Pioneer"],
});

/**
 * A company name for a country and activity, chosen from a seed, e.g. "Kilwa Clearing &
 * Forwarding Ltd" or "Shenzhen Hengtai Trading Co Ltd".
 *
 * @example
 * ```ts
 * companyName("MY", "Freight Forwarding", ["Sdn Bhd"], 7); // e.g. "Klang Freight Forwarding Sdn Bhd"
 * ```
 */
export function companyName(country: string, activity: string, suffixes: readonly string[], seed: number, cities: readonly string[] = []): string {
  const h1 = mix32(seed, 11);
  const h2 = mix32(seed, 12);
  const local = Object.hasOwn(COUNTRY_WORDS, country) ? COUNTRY_WORDS[country] : COMPANY_WORDS;
  const draw = h2 % 10;
  let word: string;
  if (draw < 4) word = pickAt(local, h1);
  else if (draw < 6 && cities.length > 0) word = pickAt(cities, h1);
  else word = pickAt(COMPANY_WORDS, h1);
  if (country === "CN" && cities.length > 0) word = `${pickAt(cities, h1 >>> 5)} ${pickAt(local, h1)}`;
  let suffix = pickAt(suffixes, h2 >>> 4);
  // "Trading Co Ltd" after "General Trading" would say "Trading" twice: keep the plain suffix.
  const first = suffix.split(" ")[0];
  if (suffix.includes(" ") && activity.split(" ").includes(first)) suffix = suffix.slice(suffix.indexOf(" ") + 1).replace(/^& Export /, "");
  if (activity.includes("Import & Export") && suffix.startsWith("Import & Export")) suffix = suffix.replace("Import & Export ", "");
  return `${word} ${activity} ${suffix}`;
}

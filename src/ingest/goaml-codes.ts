import { z } from "zod";
import { OptionError } from "../errors.js";
import { CHANNELS, type Channel, normaliseChannel } from "../model/codes.js";

/**
 * Code lists of goAML reports differ per FIU (transmode, funds type, indicator and party role
 * codes are set by each FIU's goAML configuration, see UNODC goAML schema 5.0.x documentation).
 * A user-supplied table maps an FIU's codes onto wildtrace's vocabulary; codes that no table
 * names pass through as strings (indicators) or are interpreted from their text (channels).
 *
 * @example
 * ```ts
 * import { GoamlCodeTablesSchema } from "wildtrace";
 * GoamlCodeTablesSchema.parse({ transmode: { K: "mobile_money" } });
 * // { transmode: { K: "mobile_money" }, funds: {}, indicators: {}, roles: {} }
 * ```
 */
export const GoamlCodeTablesSchema = z.object({
  /** transmode_code -> a channel (`wire`, `mobile_money`, ...), or `cash` (deposit or withdrawal, from the sides). */
  transmode: z.record(z.string(), z.string()).default({}),
  /** funds code -> `cash` for the codes that mean cash; any other text means "not cash". */
  funds: z.record(z.string(), z.string()).default({}),
  /** indicator code -> the text stored in the report's `indicators` (e.g. "IWT: wildlife product"). */
  indicators: z.record(z.string(), z.string()).default({}),
  /** involved party role code -> `from` or `to`. */
  roles: z.record(z.string(), z.enum(["from", "to"])).default({}),
});
export type GoamlCodeTables = z.infer<typeof GoamlCodeTablesSchema>;
export type GoamlCodeTablesInput = z.input<typeof GoamlCodeTablesSchema>;

/**
 * The codes understood without a table: descriptive codes many FIUs use. Matching is
 * case-insensitive; a user table overrides these.
 *
 * @example
 * ```ts
 * import { DEFAULT_GOAML_CODES } from "wildtrace";
 * DEFAULT_GOAML_CODES.transmode.EFT; // "wire"
 * DEFAULT_GOAML_CODES.funds.CASH; // "cash"
 * ```
 */
export const DEFAULT_GOAML_CODES: Readonly<GoamlCodeTables> = Object.freeze({
  transmode: Object.freeze({
    CASH: "cash",
    EFT: "wire",
    WIRE: "wire",
    SWIFT: "wire",
    RTGS: "wire",
    TRANSFER: "wire",
    CHEQUE: "cheque",
    CHQ: "cheque",
    CARD: "card",
    POS: "card",
    ATM: "cash",
    MOBILE: "mobile_money",
    MOMO: "mobile_money",
    MPESA: "mobile_money",
    INTERNAL: "internal",
    CRYPTO: "crypto",
    HAWALA: "hawala",
    MVTS: "hawala",
  }) as Record<string, string>,
  funds: Object.freeze({ CASH: "cash", K: "cash" }) as Record<string, string>,
  indicators: Object.freeze({}) as Record<string, string>,
  roles: Object.freeze({}) as Record<string, "from" | "to">,
});

/** Resolved code tables: the defaults overlaid with a user's table, keys upper-cased. */
export interface GoamlCodes {
  /** Channel for a transmode code: a channel, `"cash"`, or undefined when unknown. */
  transmode(code: string | undefined): Channel | "cash" | undefined;
  /** Whether a funds code means cash. */
  isCash(code: string | undefined): boolean;
  /** Text to store for an indicator code (the code itself when no table names it). */
  indicator(code: string): string;
  /** Side of an involved party's role code, or undefined. */
  role(code: string | undefined): "from" | "to" | undefined;
}

function upperKeys<V>(...tables: Record<string, V>[]): Map<string, V> {
  const m = new Map<string, V>();
  for (const t of tables) for (const k of Object.keys(t)) m.set(k.trim().toUpperCase(), t[k]);
  return m;
}

/** Distinct codes remembered per code table (beyond them, codes are resolved each time). */
const MEMO_LIMIT = 1024;

const FROM_ROLE = /\b(from|sender|payer|debit|debtor|originator|remitter|ordering|source)\b/i;
const TO_ROLE = /\b(to|receiver|recipient|payee|beneficiary|credit|creditor|destination)\b/i;

/**
 * Resolve goAML code tables (validated with {@link GoamlCodeTablesSchema}) over the defaults.
 * Throws an `OptionError` naming the bad entry when the table is invalid.
 *
 * @example
 * ```ts
 * import { goamlCodes } from "wildtrace";
 * const codes = goamlCodes({ transmode: { A: "cash", K: "mobile_money" }, funds: { F1: "cash" } });
 * codes.transmode("k");   // "mobile_money"
 * codes.isCash("F1");     // true
 * codes.indicator("X9");  // "X9" (unknown codes pass through)
 * ```
 */
export function goamlCodes(tables: GoamlCodeTablesInput = {}): GoamlCodes {
  const parsed = GoamlCodeTablesSchema.safeParse(tables);
  if (!parsed.success) {
    throw new OptionError("goamlCodes", `invalid code table: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const t = parsed.data;
  const transmodes = new Map<string, Channel | "cash">();
  for (const [k, v] of upperKeys(DEFAULT_GOAML_CODES.transmode, t.transmode)) {
    const lower = v.trim().toLowerCase();
    const channel = lower === "cash" ? "cash" : (CHANNELS as readonly string[]).includes(lower) ? (lower as Channel) : normaliseChannel(v);
    if (!channel) throw new OptionError("goamlCodes", `transmode '${k}' maps to '${v}', which is not a channel: use one of cash, ${CHANNELS.join(", ")}`);
    transmodes.set(k, channel);
  }
  const funds = upperKeys(DEFAULT_GOAML_CODES.funds, t.funds);
  const indicators = upperKeys(t.indicators);
  const roles = upperKeys(t.roles);
  // Answers per code as written: a report repeats a handful of codes in every transaction, so the
  // trimming and case folding are done once per distinct code (bounded, for hostile files).
  const transmodeMemo = new Map<string, Channel | "cash" | undefined>();
  const cashMemo = new Map<string, boolean>();
  return {
    transmode(code) {
      if (code === undefined) return undefined;
      if (transmodeMemo.has(code)) return transmodeMemo.get(code);
      const key = code.trim().toUpperCase();
      const channel = transmodes.get(key) ?? normaliseChannel(code);
      if (transmodeMemo.size < MEMO_LIMIT) transmodeMemo.set(code, channel);
      return channel;
    },
    isCash(code) {
      if (code === undefined) return false;
      let cash = cashMemo.get(code);
      if (cash === undefined) {
        cash = funds.get(code.trim().toUpperCase())?.trim().toLowerCase() === "cash";
        if (cashMemo.size < MEMO_LIMIT) cashMemo.set(code, cash);
      }
      return cash;
    },
    indicator(code) {
      return indicators.get(code.trim().toUpperCase()) ?? code;
    },
    role(code) {
      if (code === undefined) return undefined;
      const known = roles.get(code.trim().toUpperCase());
      if (known) return known;
      if (FROM_ROLE.test(code)) return "from";
      if (TO_ROLE.test(code)) return "to";
      return undefined;
    },
  };
}

import { Metadata } from "libphonenumber-js";

// The fast path of normalisePhone, in a module of its own so that it stays internal (phone.ts is
// exported from the package).

/** What the fast path needs of one calling code's numbering plan. */
interface CallingCodePlan {
  /** libphonenumber's national-prefix-for-parsing pattern, anchored; undefined when the plan has none. */
  nationalPrefix: RegExp | undefined;
  /** Possible lengths of a national number. */
  lengths: readonly number[];
}

/** The parts of libphonenumber-js's `Metadata` the fast path reads (present at runtime, not all typed). */
interface MetadataInternals {
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  selectNumberingPlan(country: string): void;
  numberingPlan?: { possibleLengths(): number[] | undefined; nationalPrefixForParsing(): string | undefined };
}

/** Per calling code: its plan when the fast path applies to it, null when it does not. */
const PLANS = new Map<string, CallingCodePlan | null>();
let metadata: MetadataInternals | undefined;

function planOf(callingCode: string): CallingCodePlan | null | undefined {
  let plan = PLANS.get(callingCode);
  if (plan !== undefined) return plan;
  metadata ??= new Metadata() as unknown as MetadataInternals;
  if (!metadata.hasCallingCode(callingCode)) return undefined;
  plan = null;
  // Only calling codes of one country: shared codes (+1, +7, +44...) pick the country by the
  // national number, which is the general parser's job.
  const countries = metadata.getCountryCodesForCallingCode(callingCode);
  if (countries && countries.length === 1 && countries[0] !== "001") {
    metadata.selectNumberingPlan(countries[0]);
    const lengths = metadata.numberingPlan?.possibleLengths();
    const prefix = metadata.numberingPlan?.nationalPrefixForParsing();
    if (lengths && lengths.length > 0) plan = { nationalPrefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined, lengths: [...lengths] };
  }
  PLANS.set(callingCode, plan);
  return plan;
}

/** libphonenumber-js's bounds on the length of a national number (MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN). */
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;

/**
 * E.164 of a number written as `+`, digits and spaces, without libphonenumber-js's parser, or
 * null when the fast path does not apply and the general parser must decide.
 *
 * It follows what the parser does with such text: the country calling code is the first 1 to 3
 * digits that form one (calling codes are prefix-free); the rest is the national number; the
 * number is possible when its length is one of the plan's possible lengths, and its E.164 form is
 * `+`, the calling code and the national number. The fast path stands aside (null) whenever the
 * parser would do more: a calling code shared by several countries or without a country, a
 * national number that starts with the plan's national prefix (the parser may strip it), a
 * national number outside 2 to 17 digits, any other character. A property test checks it
 * against libphonenumber-js.
 *
 * @example
 * ```ts
 * internationalPhoneFastPath("+255 754 880 310"); // "+255754880310"
 * internationalPhoneFastPath("+255 754 880");     // undefined: not a possible length in TZ
 * internationalPhoneFastPath("0754 880 310");     // null: no international prefix, parse it
 * ```
 */
export function internationalPhoneFastPath(trimmed: string): string | undefined | null {
  const length = trimmed.length;
  if (length < 4 || length > 40 || trimmed.charCodeAt(0) !== 43 /* + */) return null;
  let spaces = false;
  for (let k = 1; k < length; k++) {
    const c = trimmed.charCodeAt(k);
    if (c === 32) spaces = true;
    else if (c < 48 || c > 57) return null;
  }
  if (trimmed.charCodeAt(1) === 32 || trimmed.charCodeAt(1) === 48 /* 0 */) return null;
  // One flat string (the key is hashed and compared many times), not a chain of concatenations.
  const digits = spaces ? trimmed.replaceAll(" ", "") : trimmed;
  for (let l = 2; l <= 4 && l < digits.length; l++) {
    const plan = planOf(digits.slice(1, l));
    if (plan === undefined) continue;
    if (plan === null) return null;
    const national = digits.slice(l);
    if (national.length < MIN_NATIONAL || national.length > MAX_NATIONAL) return null;
    if (plan.nationalPrefix?.test(national)) return null;
    return plan.lengths.includes(national.length) ? digits : undefined;
  }
  return null;
}

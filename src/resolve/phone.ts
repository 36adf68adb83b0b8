import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";
import { internationalPhoneFastPath } from "./phone-fast-path.js";

/**
 * A phone number in E.164 form (`+255754880310`), read with libphonenumber-js; numbers written
 * without an international prefix are read in `defaultCountry` (usually the party's country).
 * Returns undefined when the text is not a possible phone number, so that a typo never links
 * two parties.
 *
 * Numbers already written as `+` and digits (spaces allowed), the way bank records usually carry
 * them, take a fast path (`internationalPhoneFastPath`, internal) that gives the same answer as
 * libphonenumber-js without its general parser.
 *
 * @example
 * ```ts
 * import { normalisePhone } from "wildtrace";
 * normalisePhone("+84 90 312 4471");    // "+84903124471"
 * normalisePhone("0754 880 310", "TZ"); // "+255754880310"
 * normalisePhone("n/a", "TZ");          // undefined
 * ```
 */
export function normalisePhone(text: string, defaultCountry?: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  const fast = internationalPhoneFastPath(trimmed);
  if (fast !== null) return fast;
  const region = defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(trimmed, region ? { defaultCountry: region } : undefined);
  if (!parsed?.isPossible()) return undefined;
  return parsed.number;
}

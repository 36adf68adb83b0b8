/**
 * Typed errors for programmer misuse and for strict ingestion.
 *
 * Data problems are returned as results (quarantine entries); these errors are thrown only when
 * the caller asked for something impossible (a missing folder, an invalid option) or turned on
 * strict mode.
 *
 * @example
 * ```ts
 * import { WildtraceError } from "wildtrace";
 * try { throw new WildtraceError("E_OPTION", "analyze: `seed` must be an integer"); }
 * catch (e) { if (e instanceof WildtraceError) console.log(e.code); } // "E_OPTION"
 * ```
 */
export class WildtraceError extends Error {
  /** A stable machine-readable code, e.g. `E_NO_INPUT`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WildtraceError";
    this.code = code;
  }
}

/**
 * Thrown in strict ingestion mode on the first problem that would otherwise be quarantined.
 *
 * @example
 * ```ts
 * import { StrictModeError } from "wildtrace";
 * const e = new StrictModeError({ file: "t.csv", line: 3, field: "amount", code: "invalid_amount", message: "not a number" });
 * console.log(e.entry.line); // 3
 * ```
 */
export class StrictModeError extends WildtraceError {
  readonly entry: { file: string; line: number; field: string; code: string; message: string };
  constructor(entry: { file: string; line: number; field: string; code: string; message: string }) {
    super("E_STRICT", `${entry.file}:${entry.line}: ${entry.field}: ${entry.message} [${entry.code}]`);
    this.name = "StrictModeError";
    this.entry = entry;
  }
}

/**
 * Thrown when an option or argument is invalid (programmer misuse).
 *
 * @example
 * ```ts
 * import { OptionError } from "wildtrace";
 * const e = new OptionError("traceFunds", "maxHops must be >= 1");
 * console.log(e.message); // "traceFunds: maxHops must be >= 1"
 * ```
 */
export class OptionError extends WildtraceError {
  constructor(fn: string, message: string) {
    super("E_OPTION", `${fn}: ${message}`);
    this.name = "OptionError";
  }
}

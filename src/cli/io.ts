/** Where a command writes. Tests pass their own. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/**
 * A command-line mistake: printed with the command's help, exit status 2.
 *
 * @example
 * ```ts
 * throw new UsageError("--seed must be an integer, got 'x'", ANALYZE_HELP);
 * // main() prints "wildtrace analyze: --seed must be an integer, got 'x'", the help, and returns 2
 * ```
 */
export class UsageError extends Error {
  readonly help: string;
  constructor(message: string, help: string) {
    super(message);
    this.name = "UsageError";
    this.help = help;
  }
}

/**
 * Standard streams.
 *
 * @example
 * ```ts
 * await main(["rules"], processIO); // the rules table on stdout, messages on stderr
 * ```
 */
export const processIO: CommandIO = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

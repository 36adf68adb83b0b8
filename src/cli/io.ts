/** Where a command writes. Tests pass their own. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
}

/** A command-line mistake: printed with the command's help, exit status 2. */
export class UsageError extends Error {
  readonly help: string;
  constructor(message: string, help: string) {
    super(message);
    this.name = "UsageError";
    this.help = help;
  }
}

/** Standard streams. */
export const processIO: CommandIO = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

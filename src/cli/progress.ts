import type { ProgressEvent, ProgressHandler } from "../model/progress.js";

/** Options of {@link stderrProgress}. */
export interface StderrProgressOptions {
  /** Clock in milliseconds (tests pass their own). [default: Date.now] */
  now?: () => number;
  /** Width of the bar in characters. [default: 24] */
  width?: number;
}

/**
 * A progress handler for the CLI. On a terminal it draws one updating line on stderr, at most
 * every 100 ms: the stage, a bar and percentage when the stage reports a total, what it is
 * working on, and the seconds spent in the stage. Elsewhere (a log file, CI) it prints one line
 * per stage as the stage starts, with the seconds the previous one took, so a slow stage shows
 * in the log. `done()` clears the bar, or logs the last stage's time.
 *
 * @example
 * ```ts
 * const progress = stderrProgress();
 * const load = await loadCase("datasets/mini", { onProgress: progress });
 * progress.done();
 * // on a terminal: "wildtrace: ingest [############............]  50% transactions.csv 0.4 s"
 * ```
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr, options: StderrProgressOptions = {}): ProgressHandler & { done(): void } {
  const now = options.now ?? Date.now;
  const width = options.width ?? 24;
  const tty = Boolean(stream.isTTY);
  let stage = "";
  let stageStart = now();
  let lastDraw = 0;
  let drawn = false;
  const handler = (e: ProgressEvent) => {
    const t = now();
    if (e.stage !== stage) {
      if (!tty) stream.write(`wildtrace: ${e.stage}${stage ? ` (${stage} took ${secs(t - stageStart)})` : ""}${e.message ? `: ${e.message}` : ""}\n`);
      stage = e.stage;
      stageStart = t;
    } else if (!tty || t - lastDraw < 100) return;
    if (!tty) return;
    lastDraw = t;
    stream.write(`\r\x1b[K${progressLine(e, t - stageStart, width)}`);
    drawn = true;
  };
  return Object.assign(handler, {
    done() {
      if (tty && drawn) stream.write("\r\x1b[K");
      else if (!tty && stage) stream.write(`wildtrace: done (${stage} took ${secs(now() - stageStart)})\n`);
    },
  });
}

/**
 * The text of one progress line: stage, bar and percentage (when the total is known), message,
 * seconds in the stage.
 *
 * @example
 * ```ts
 * progressLine({ stage: "rules", done: 5, total: 20, message: "cycle" }, 2300, 8);
 * // "wildtrace: rules [##......]  25% cycle 2.3 s"
 * ```
 */
export function progressLine(e: ProgressEvent, elapsedMs: number, width = 24): string {
  let bar = "";
  if (e.total !== undefined && e.total > 0) {
    const f = Math.min(1, Math.max(0, e.done / e.total));
    const full = Math.round(f * width);
    bar = ` [${"#".repeat(full)}${".".repeat(width - full)}] ${String(Math.floor(f * 100)).padStart(3)}%`;
  }
  return `wildtrace: ${e.stage}${bar}${e.message ? ` ${e.message}` : ""} ${secs(elapsedMs)}`;
}

function secs(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

import type { ProgressEvent, ProgressHandler } from "../model/progress.js";

/**
 * A progress handler that draws one updating line on stderr (when stderr is a terminal) or prints
 * a line per stage change (when it is not), at most every 200 ms.
 *
 * @example
 * ```ts
 * const progress = stderrProgress();
 * const load = await loadCase("datasets/mini", { onProgress: progress });
 * progress.done();
 * ```
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): ProgressHandler & { done(): void } {
  let last = 0;
  let lastStage = "";
  let drawn = false;
  const tty = Boolean(stream.isTTY);
  const handler = (e: ProgressEvent) => {
    const now = Date.now();
    if (e.stage === lastStage && now - last < 200) return;
    const changed = e.stage !== lastStage;
    last = now;
    lastStage = e.stage;
    const pct = e.total ? ` ${Math.min(100, Math.floor((100 * e.done) / Math.max(1, e.total)))}%` : "";
    const text = `wildtrace: ${e.stage}${pct}${e.message ? ` ${e.message}` : ""}`;
    if (tty) {
      stream.write(`\r\x1b[K${text}`);
      drawn = true;
    } else if (changed) stream.write(`${text}\n`);
  };
  return Object.assign(handler, {
    done() {
      if (tty && drawn) stream.write("\r\x1b[K");
    },
  });
}

import { describe, expect, it } from "vitest";
import { progressLine, stderrProgress } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, write: (s: string) => chunks.push(s) } as unknown as NodeJS.WriteStream, chunks };
}

describe("progressLine", () => {
  it("draws a bar and percentage when the total is known", () => {
    expect(progressLine({ stage: "rules", done: 5, total: 20, message: "cycle" }, 2300, 8)).toBe("wildtrace: rules [##......]  25% cycle 2.3 s");
    expect(progressLine({ stage: "rules", done: 30, total: 20 }, 0, 4)).toBe("wildtrace: rules [####] 100% 0.0 s");
  });
  it("leaves the bar out without a total", () => {
    expect(progressLine({ stage: "trace", done: 0 }, 1000)).toBe("wildtrace: trace 1.0 s");
  });
});

describe("stderrProgress", () => {
  it("on a terminal redraws one line, at most every 100 ms, and clears it at the end", () => {
    let t = 0;
    const { stream, chunks } = fakeStream(true);
    const p = stderrProgress(stream, { now: () => t, width: 4 });
    p({ stage: "ingest", done: 0, total: 2, message: "parties.csv" });
    t = 50;
    p({ stage: "ingest", done: 1, total: 2, message: "accounts.csv" }); // too soon: skipped
    t = 150;
    p({ stage: "ingest", done: 1, total: 2, message: "accounts.csv" });
    t = 160;
    p({ stage: "rules", done: 0, total: 20 }); // a new stage draws at once
    p.done();
    expect(chunks).toEqual([
      "\r\x1b[Kwildtrace: ingest [....]   0% parties.csv 0.0 s",
      "\r\x1b[Kwildtrace: ingest [##..]  50% accounts.csv 0.1 s",
      "\r\x1b[Kwildtrace: rules [....]   0% 0.0 s",
      "\r\x1b[K",
    ]);
  });

  it("in a log prints a line per stage with the time the previous stage took", () => {
    let t = 0;
    const { stream, chunks } = fakeStream(false);
    const p = stderrProgress(stream, { now: () => t });
    p({ stage: "ingest", done: 0, total: 2, message: "parties.csv" });
    t = 1500;
    p({ stage: "ingest", done: 1, total: 2, message: "accounts.csv" });
    t = 4000;
    p({ stage: "rules", done: 0 });
    t = 4200;
    p.done();
    expect(chunks).toEqual(["wildtrace: ingest: parties.csv\n", "wildtrace: rules (ingest took 4.0 s)\n", "wildtrace: done (rules took 0.2 s)\n"]);
  });
});

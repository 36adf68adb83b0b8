import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

/** What each lesson must print: proof it taught what its title says. */
const EXPECT: Record<string, RegExp[]> = {
  "01-load-and-validate.mts": [/rows went to the quarantine/, /the quarantine holds (\d+) of them/],
  "02-build-the-graphs.mts": [/Transaction graph: \d+ nodes/, /Entity resolution merged/],
  "03-apply-the-typologies.mts": [/\d+ rules ran/, /of the top ten are planted/],
  "04-find-the-network.mts": [/Louvain found \d+ groups/, /Jaccard similarity/],
  "05-follow-the-money.mts": [/Where the money came from/, /Corridors crossed/],
  "06-write-the-case-report.mts": [/report\.html/, /What to read first/],
  "exercises.mts": [/Answer: /],
};

const lessons = readdirSync(join(root, "examples"))
  .filter((f) => /^\d\d-.*\.mts$/.test(f) || f === "exercises.mts")
  .sort();

describe("examples: every lesson runs green with one command", () => {
  it("has the six numbered lessons and the exercises", () => {
    expect(lessons).toEqual(Object.keys(EXPECT).sort());
  });

  // Two at a time (this machine has two cores); each is a separate `npx tsx` process, as a trainee runs it.
  it(
    "runs each lesson and prints what it teaches",
    async () => {
      const queue = [...lessons];
      const failures: string[] = [];
      const worker = async () => {
        for (let f = queue.shift(); f !== undefined; f = queue.shift()) {
          const args = f === "exercises.mts" ? [join("examples", f), "--answers"] : [join("examples", f)];
          try {
            const { stdout } = await run(tsx, args, { cwd: root, timeout: 120_000, maxBuffer: 16 << 20 });
            for (const re of EXPECT[f]) if (!re.test(stdout)) failures.push(`${f}: output lacks ${re}`);
          } catch (e) {
            failures.push(`${f}: ${(e as Error).message.slice(0, 500)}`);
          }
        }
      };
      await Promise.all([worker(), worker()]);
      expect(failures).toEqual([]);
    },
    300_000,
  );
});

/**
 * Lesson 5: follow the money.
 *
 * From one account, money tracing follows each payment onwards (forward) or back to where it came
 * from (backward), respecting time: money can only leave after it arrived, and only as much as
 * arrived. The paths cross borders; the countries along them are the corridor (destination market,
 * transit hub, source country), the geography red flag of the IWT guidance.
 *
 * Run: npx tsx examples/05-follow-the-money.mts
 */
import { loadCase, runRules, scoreAlerts, traceFunds } from "../src/index.js";

const CASE = new URL("../datasets/ivory-tz-my-cn/", import.meta.url).pathname;
console.log("Lesson 5: follow the money\n");
const { dataset } = await loadCase(CASE);
const scores = scoreAlerts(dataset, runRules(dataset).alerts).filter((s) => s.kind === "account");
// Start from the highest-scored account: no peeking at the answer key.
const seed = scores[0].id;
const holder = dataset.parties[dataset.accountHolder[dataset.accountIndex.get(seed)!]];
console.log(`Seed: ${seed}, held by ${holder?.name}, the highest risk score in the case.\n`);

const { flows } = traceFunds(dataset, [seed], { direction: "both", maxHops: 6 });
const show = (dir: "backward" | "forward") => {
  const paths = flows.filter((f) => f.direction === dir).sort((a, b) => b.amount - a.amount).slice(0, 3);
  console.log(dir === "backward" ? "Where the money came from (largest paths):" : "Where the money went (largest paths):");
  for (const f of paths) console.log(`  ${Math.round(f.amount).toLocaleString("en-US").padStart(9)} USD  ${f.countries.join(" > ").padEnd(18)} ${f.path.join(" > ")}`);
};
show("backward");
show("forward");

const corridors = new Map<string, number>();
for (const f of flows) if (f.countries.length > 1) corridors.set(f.countries.join(">"), (corridors.get(f.countries.join(">")) ?? 0) + f.amount);
console.log("\nCorridors crossed by the traced money:");
for (const [c, amount] of [...corridors].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 5)) console.log(`  ${c.padEnd(16)} ${Math.round(amount).toLocaleString("en-US")} USD`);
console.log("\nLesson: a trace turns a flagged account into a route, from the buyers in the destination market to the poachers' wallets.");
if (flows.length === 0) process.exitCode = 1;

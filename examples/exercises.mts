/**
 * Exercises for the six lessons, on the pangolin case (datasets/pangolin-ng-sg-vn). Work them out
 * with the lessons' code, then check: the answers come from the case's truth.json, the answer
 * key the generator wrote.
 *
 * Run: npx tsx examples/exercises.mts            (the questions)
 *      npx tsx examples/exercises.mts --answers  (the questions and the answers)
 */
import { readFileSync } from "node:fs";
import { loadCase, parseTruth } from "../src/index.js";

const CASE = new URL("../datasets/pangolin-ng-sg-vn/", import.meta.url).pathname;
const showAnswers = process.argv.includes("--answers");
const parsed = parseTruth(JSON.parse(readFileSync(`${CASE}truth.json`, "utf8")));
if (!parsed.success) throw new Error(`truth.json: ${parsed.issues.join("; ")}`);
const truth = parsed.truth;
const { dataset } = await loadCase(CASE);
const party = (id: string) => dataset.parties[dataset.partyIndex.get(id)!];
const holderOf = (account: string) => dataset.parties[dataset.accountHolder[dataset.accountIndex.get(account)!]];
const scheme = truth.schemes[0];

const exercises: { lesson: number; question: string; hint: string; answer: () => string }[] = [
  {
    lesson: 2,
    question: "One person in this case banks at two banks under two writings of the same name. Who, and what gives them away?",
    hint: "resolveEntities(dataset).entities, and look at the evidence.",
    answer: () =>
      truth.duplicates
        .map(([a, b]) => {
          const mine = new Set(party(a).identifiers.map((i) => `${i.type} ${i.value}`));
          const shared = party(b).identifiers.map((i) => `${i.type} ${i.value}`).filter((x) => mine.has(x));
          if (party(a).birthDate && party(a).birthDate === party(b).birthDate) shared.push(`birth date ${party(a).birthDate}`);
          return `${a} '${party(a).name}' and ${b} '${party(b).name}' share ${shared.join(", ")}`;
        })
        .join("; "),
  },
  {
    lesson: 3,
    question: "Money is split over several intermediaries and regrouped (scatter-gather). Which accounts take part (source, intermediaries, destination), in which countries?",
    hint: "runRules(dataset).alerts.filter((a) => a.typology === 'scatter_gather').",
    answer: () => {
      const acc = truth.typologies.scatter_gather?.accounts ?? [];
      return acc.map((a) => `${a} (${holderOf(a)?.name}, ${dataset.accounts[dataset.accountIndex.get(a)!].country})`).join(", ");
    },
  },
  {
    lesson: 3,
    question: "Which reference words in the payments are wildlife code words?",
    hint: "The wildlife_keyword alerts quote them; so do the references of the planted transactions.",
    answer: () => {
      const ids = new Set(truth.typologies.wildlife_keyword?.transactions ?? []);
      const words = new Set<string>();
      for (let i = 0; i < dataset.transactions.length; i++) if (ids.has(dataset.transactions.id.get(i))) words.add(dataset.references[dataset.transactions.reference[i]]);
      return [...words].sort().map((w) => `'${w}'`).join(", ");
    },
  },
  {
    lesson: 4,
    question: "List the accounts of the laundering network (the trader, his company, the intermediaries, the exporter and its owner).",
    hint: "The top community of detectCommunities, checked member by member.",
    answer: () => scheme.community.map((a) => `${a} (${holderOf(a)?.name})`).join(", "),
  },
  {
    lesson: 5,
    question: "Trace forward from the trader's account: through which countries does the money go, in order?",
    hint: `traceFunds(dataset, ["${scheme.traceSeeds[0]}"], { direction: "forward" }).flows.map((f) => f.countries)`,
    answer: () => scheme.route.join(" > "),
  },
  {
    lesson: 6,
    question: "Which official was paid, by whom, and how much in all (USD)?",
    hint: "official_payment alerts; check the payee's roles in parties.csv.",
    answer: () => {
      const ids = new Set(truth.typologies.official_payment?.transactions ?? []);
      const t = dataset.transactions;
      const lines: string[] = [];
      const totals = new Map<string, number>();
      for (let i = 0; i < t.length; i++) {
        if (!ids.has(t.id.get(i))) continue;
        const key = `${dataset.accounts[t.from[i]].id} -> ${dataset.accounts[t.to[i]].id} (${dataset.parties[dataset.accountHolder[t.to[i]]].name}, ${dataset.parties[dataset.accountHolder[t.to[i]]].roles.join("/")})`;
        totals.set(key, (totals.get(key) ?? 0) + t.baseAmount[i]);
      }
      for (const [k, v] of [...totals].sort()) lines.push(`${k}: ${Math.round(v).toLocaleString("en-US")} USD`);
      return lines.join("; ");
    },
  },
];

console.log(`Exercises on ${scheme.commodity} (datasets/pangolin-ng-sg-vn). ${scheme.story}\n`);
exercises.forEach((e, i) => {
  console.log(`${i + 1}. [lesson ${e.lesson}] ${e.question}`);
  console.log(`   Hint: ${e.hint}`);
  if (showAnswers) console.log(`   Answer: ${e.answer()}`);
});
if (!showAnswers) console.log("\nRun with --answers to check your work against the answer key.");

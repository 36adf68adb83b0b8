/**
 * Lesson 2: build the graphs.
 *
 * Money between accounts is a directed graph: accounts are nodes, transfers are edges. People and
 * companies form a second graph: who holds which account, who owns or directs which company, and
 * which records share a phone or a passport, and which are the same person written twice (entity
 * resolution). Both are graphology graphs
 * you can query, lay out or export (GraphML, GEXF) for Gephi or i2.
 *
 * Run: npx tsx examples/02-build-the-graphs.mts
 */
import { buildEntityGraph, buildTransactionGraph, loadCase, resolveEntities } from "../src/index.js";

const CASE = new URL("../datasets/ivory-tz-my-cn/", import.meta.url).pathname;
console.log("Lesson 2: build the graphs\n");
const { dataset } = await loadCase(CASE);

// 1. The transaction graph: one edge per ordered pair of accounts, with totals.
const money = buildTransactionGraph(dataset);
console.log(`Transaction graph: ${money.order} nodes (accounts, plus one node for the cash side), ${money.size} edges (account pairs).`);
const busiest = money
  .nodes()
  .filter((n) => n !== "(cash)")
  .map((n) => ({ n, degree: money.inDegree(n), holder: dataset.parties[dataset.accountHolder[dataset.accountIndex.get(n)!]]?.name ?? "" }))
  .sort((a, b) => b.degree - a.degree || a.n.localeCompare(b.n))
  .slice(0, 5);
console.log("Accounts paid by the most different payers (in-degree):");
for (const b of busiest) console.log(`  ${b.n.padEnd(11)} ${String(b.degree).padStart(4)} payers  ${b.holder}`);
console.log("A shop or a payroll account is paid by many people; so is a laundering hub. The graph alone does not judge.");

// 2. Entity resolution: the same person at two banks, under two spellings.
const resolution = resolveEntities(dataset);
console.log(`\nEntity resolution merged ${resolution.entities.length} groups of records into one person or company each:`);
for (const e of resolution.entities.slice(0, 5)) {
  const names = e.members.map((id) => dataset.parties[dataset.partyIndex.get(id)!].name);
  console.log(`  ${e.id}: ${names.join("  |  ")}  (evidence: ${e.evidence.map((x) => x.rule).join(", ")})`);
}

// 3. The entity graph: parties, their accounts, relationships, and identifiers shared by two or more parties.
const people = buildEntityGraph(dataset);
console.log(`\nEntity graph: ${people.order} nodes (parties, accounts, shared phones and identifiers) and ${people.size} links (holds, owns, directs, has-phone...).`);
const directors = dataset.relationships.filter((r) => r.type === "directs" || r.type === "owns").length;
console.log(`${directors} ownership or directorship links tie people to companies: the way to see who stands behind a front company.`);
console.log("\nLesson: build the money graph for flows and the entity graph for people; resolve duplicates first, or one person looks like two.");

import { readFileSync } from "node:fs";
import { MultiDirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { describe, expect, it } from "vitest";
import { buildEntityGraph } from "../../src/graph/entity-graph.js";
import { buildTransactionGraph } from "../../src/graph/transaction-graph.js";
import { cypherString, toCypher, toNeo4jCsv } from "../../src/report/cypher-export.js";
import { EXPORT_FORMATS, exportCase } from "../../src/report/export-case.js";
import { toGexf } from "../../src/report/gexf-export.js";
import { toI2Csv } from "../../src/report/i2-export.js";
import { alertsToCsv, scoresToCsv } from "../../src/report/results-csv.js";
import { readCsv, readCsvObjects } from "./csv-read.js";
import { FORMULA_NAME, fixtureCase, HOSTILE_NAME, originalIdentifiers } from "./fixture.js";

const NASTY = `${HOSTILE_NAME} O'Brien "quoted" \`tick\` back\\slash; MATCH (n) DETACH DELETE n; // line\nbreak\r\u2028 ]]> &amp; \u0001`;

/** A small graph with every kind of attribute and hostile text everywhere. */
function hostileGraph(): MultiDirectedGraph {
  const g = new MultiDirectedGraph();
  g.addNode("ACC-1", { kind: "account", label: NASTY, country: "TZ", score: 88.5, flagged: true, channels: ["wire", "cash"] });
  g.addNode(HOSTILE_NAME, { kind: "person", label: FORMULA_NAME, name: FORMULA_NAME, extra: { nested: "<x>" } });
  g.addNode("weird`key'\"", { kind: "customs clearing" });
  g.addEdgeWithKey("e1", "ACC-1", HOSTILE_NAME, { type: "paid to", amount: 48000, date: "2024-01-08T09:15:00.000Z", reference: NASTY });
  g.addEdgeWithKey("e2", HOSTILE_NAME, "weird`key'\"", { type: "directs" });
  g.addEdgeWithKey("e3", "ACC-1", "ACC-1", { amount: -5 });
  return g;
}

/** Split a Cypher script into statements, honouring strings, names in backticks and comments. */
function cypherStatements(script: string): string[] {
  const out: string[] = [];
  let cur = "";
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== c) {
        if (script[j] === "\n") throw new Error(`raw line break inside a string at ${j}`);
        j += script[j] === "\\" ? 2 : 1;
      }
      if (j >= script.length) throw new Error("unterminated string");
      cur += script.slice(i, j + 1);
      i = j + 1;
    } else if (c === "`") {
      let j = i + 1;
      while (j < script.length && !(script[j] === "`" && script[j + 1] !== "`")) j += script[j] === "`" ? 2 : 1;
      cur += script.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && script[i + 1] === "/") {
      while (i < script.length && script[i] !== "\n") i++;
    } else if (c === ";") {
      out.push(cur.trim());
      cur = "";
      i++;
    } else {
      cur += c;
      i++;
    }
  }
  if (cur.trim() !== "") throw new Error(`text after the last statement: ${cur}`);
  return out;
}

/** Decode the Cypher string literals of a statement. */
function cypherLiterals(statement: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\]|\\.)*)'/g;
  for (const m of statement.matchAll(re)) {
    out.push(
      m[1].replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) =>
        e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e,
      ),
    );
  }
  return out;
}

describe("GEXF", () => {
  it("is read back by graphology-gexf with every node, edge, label and attribute, hostile text included", () => {
    const g = hostileGraph();
    const back = parseGexf(MultiDirectedGraph, toGexf(g));
    expect(back.order).toBe(3);
    expect(back.size).toBe(3);
    // XML 1.0 cannot hold U+0001 (written as U+FFFD); every other character survives.
    expect(back.getNodeAttribute("ACC-1", "label")).toBe(NASTY.replace("\u0001", "\uFFFD"));
    expect(back.getEdgeAttribute(back.edges("ACC-1", HOSTILE_NAME)[0], "reference")).toBe(NASTY.replace("\u0001", "\uFFFD"));
    expect(back.getNodeAttribute("ACC-1", "score")).toBe(88.5);
    expect(back.getNodeAttribute("ACC-1", "channels")).toBe("wire;cash");
    expect(back.getNodeAttribute(HOSTILE_NAME, "label")).toBe(FORMULA_NAME);
    expect(back.getNodeAttribute(HOSTILE_NAME, "extra")).toBe('{"nested":"<x>"}');
    expect(back.hasNode("weird`key'\"")).toBe(true);
    const e = back.edges("ACC-1", HOSTILE_NAME)[0];
    expect(back.getEdgeAttribute(e, "amount")).toBe(48000);
  });
});

describe("GEXF viz data and versions", () => {
  it("writes positions, sizes and colours that Gephi (and graphology-gexf) read, in 1.2 and 1.3", () => {
    const g = new MultiDirectedGraph();
    g.addNode("A", { label: "Kilwa", x: 12.5, y: -3, size: 7, color: "#D55E00", score: 3 });
    g.addNode("B");
    g.addEdgeWithKey("A->B", "A", "B", { weight: 2.5, label: "paid" });
    for (const version of ["1.2", "1.3"] as const) {
      const back = parseGexf(MultiDirectedGraph, toGexf(g, { version }));
      expect(back.getNodeAttributes("A")).toMatchObject({ label: "Kilwa", x: 12.5, y: -3, size: 7, color: "rgb(213,94,0)", score: 3 });
      expect(back.getEdgeAttributes("A->B")).toMatchObject({ weight: 2.5, label: "paid" });
    }
    expect(() => toGexf(g, { version: "2.0" as never })).toThrow(/toGexf/);
  });
});

describe("Cypher and Neo4j bulk CSV", () => {
  it("writes one statement per node and edge that no value can break out of", () => {
    const g = hostileGraph();
    const script = toCypher(g);
    const statements = cypherStatements(script);
    expect(statements.length).toBe(1 + g.order + g.size);
    expect(statements[0]).toMatch(/^CREATE CONSTRAINT/);
    expect(statements.slice(1, 1 + g.order).every((s) => s.startsWith("CREATE (:`Wildtrace`"))).toBe(true);
    expect(statements.slice(1 + g.order).every((s) => s.startsWith("MATCH (a:`Wildtrace` {wt_id: "))).toBe(true);
    expect(cypherLiterals(statements[1])).toContain(NASTY);
    for (const s of statements.slice(1)) expect(s).toMatch(/\)$/);
    expect(statements[2]).toContain("`Person`");
    expect(statements[3]).toContain("`CustomsClearing`");
    expect(statements[1 + g.order]).toContain(":PAID_TO {");
    expect(statements[1 + g.order + 2]).toContain(":LINK {");
  });

  it("escapes string literals", () => {
    expect(cypherString("O'Brien\\\n")).toBe("'O\\'Brien\\\\\\n'");
    expect(cypherString("\u0000\u2028")).toBe("'\\u0000\\u2028'");
  });

  it("writes neo4j-admin CSV headers with types, and values a CSV reader gives back", () => {
    const { nodes, relationships } = toNeo4jCsv(hostileGraph());
    const n = readCsv(nodes);
    expect(n[0]).toEqual(["wt_id:ID", ":LABEL", "channels:string", "country:string", "extra:string", "flagged:boolean", "kind:string", "label:string", "name:string", "score:double"]);
    expect(n.length).toBe(4);
    const person = n.find((r) => r[0] === HOSTILE_NAME)!;
    expect(person[1]).toBe("Wildtrace;Person");
    expect(person[8]).toBe(`'${FORMULA_NAME}`);
    const r = readCsvObjects(relationships);
    expect(r.map((x) => x[":TYPE"])).toEqual(["PAID_TO", "DIRECTS", "LINK"]);
    expect(r[0]["reference:string"]).toBe(NASTY);
    expect(r[2]["amount:double"]).toBe("-5");
  });
});

describe("i2 Analyst's Notebook CSV", () => {
  it("writes entities and links with types, identities and attributes", () => {
    const { entities, links } = toI2Csv(hostileGraph());
    const e = readCsvObjects(entities);
    expect(e.map((x) => x["Entity Type"])).toEqual(["Account", "Person", "CustomsClearing"]);
    expect(e[0].Identity).toBe("ACC-1");
    expect(e[0].Label).toBe(NASTY);
    expect(e[1].Label).toBe(`'${FORMULA_NAME}`);
    const l = readCsvObjects(links);
    expect(l[0]).toMatchObject({ "Link Type": "PaidTo", "From Entity Type": "Account", "From Identity": "ACC-1", "To Identity": HOSTILE_NAME, Direction: "Forward", Date: "2024-01-08", amount: "48000" });
  });

  it("types parties of the entity graph as Person or Organisation", () => {
    const { dataset } = fixtureCase();
    const rows = readCsvObjects(toI2Csv(buildEntityGraph(dataset)).entities);
    expect(rows.find((r) => r.Identity === "party:P-CN")!["Entity Type"]).toBe("Person");
    expect(rows.find((r) => r.Identity === "party:P-MZ")!["Entity Type"]).toBe("Organisation");
  });
});

describe("alerts and scores CSV", () => {
  it("lists every alert and score, neutralising formulas", () => {
    const { dataset, results } = fixtureCase();
    const a = readCsvObjects(alertsToCsv(results));
    expect(a.length).toBe(2);
    expect(a[0]).toMatchObject({ id: "A1", severity: "high", score: "88", transactions: "T1;T2", value: "0.99" });
    expect(a[1].value).toBe("CN;MY;MZ;TZ");
    const s = readCsvObjects(scoresToCsv(results, dataset));
    expect(s.map((x) => x.id)).toEqual(["ACC-MY-01", "ACC-CN-01", "P-CN"]);
    expect(s[0].label).toBe(HOSTILE_NAME);
  });

  it("throws a typed error on a results object that breaks the contract", () => {
    expect(() => alertsToCsv({ alerts: [{ id: 1 }] })).toThrow(/alertsToCsv: the results object/);
  });
});

describe("exportCase", () => {
  it("exports both graphs in every format, each file parsed back", () => {
    const { dataset, results } = fixtureCase();
    const tx = buildTransactionGraph(dataset);
    const ml = exportCase(dataset, results, { format: "graphml" });
    const g = parseGraphml(MultiDirectedGraph, ml[0].content);
    expect(ml[0].name).toBe("transactions.graphml");
    expect(g.order).toBe(tx.order);
    expect(g.size).toBe(tx.size);
    expect(g.getNodeAttribute("ACC-MY-01", "score")).toBe(88);
    expect(g.getNodeAttribute("ACC-MY-01", "community")).toBe("C1");
    const gx = parseGexf(MultiDirectedGraph, exportCase(dataset, results, { format: "gexf", graph: "entities" })[0].content);
    expect(gx.order).toBe(buildEntityGraph(dataset).order);
    expect(gx.getNodeAttribute("party:P-MY", "label")).toBe(HOSTILE_NAME);
    const cy = exportCase(dataset, results, { format: "cypher", multi: true });
    expect(cy.map((f) => f.name)).toEqual(["transactions.cypher", "transactions-nodes.csv", "transactions-relationships.csv"]);
    expect(cypherStatements(cy[0].content).length).toBe(1 + tx.order + dataset.transactions.length);
    const ftm = exportCase(dataset, results, { format: "ftm" })[0].content.trim().split("\n").map((l) => JSON.parse(l));
    expect(ftm.filter((e) => e.schema === "Payment").length).toBe(dataset.transactions.length);
    expect(exportCase(dataset, results, { format: "csv" }).map((f) => f.name)).toEqual(["alerts.csv", "scores.csv"]);
    expect(() => exportCase(dataset, results, { format: "pdf" as never })).toThrow(/exportCase/);
  });

  it("is byte-identical on a second run", () => {
    const { dataset, results } = fixtureCase();
    for (const format of EXPORT_FORMATS) expect(exportCase(dataset, results, { format })).toEqual(exportCase(dataset, results, { format }));
  });

  it("leaves no original name, identifier or account id in any file when pseudonymising", () => {
    const { dataset, results } = fixtureCase();
    const secrets = originalIdentifiers(dataset);
    const key = "a-shared-training-key-2026";
    const seen = new Map<string, string>();
    for (const format of EXPORT_FORMATS) {
      for (const graph of ["transactions", "entities"] as const) {
        for (const f of exportCase(dataset, results, { format, graph, pseudonymiseKey: key })) {
          for (const v of secrets) expect(f.content.toLowerCase(), `${f.name} holds ${v}`).not.toContain(v.toLowerCase());
          expect(f.content).not.toContain(key);
          seen.set(`${graph}/${f.name}`, f.content);
        }
      }
    }
    // Consistent across files: the account pseudonym of the GraphML is the one of the CSV and FtM.
    const ml = parseGraphml(MultiDirectedGraph, seen.get("transactions/transactions.graphml")!);
    const top = ml.filterNodes((_, a) => a.rank === 1)[0];
    expect(top).toMatch(/^A-[0-9a-f]{12}$/);
    expect(readCsvObjects(seen.get("transactions/scores.csv")!)[0].id).toBe(top);
    expect(seen.get("transactions/entities.ftm.json")).toContain(top);
    expect(seen.get("entities/entities-i2-entities.csv")).toContain(top);
  });
});

describe("the fixture", () => {
  it("holds the hostile names the tests rely on", () => {
    expect(readFileSync(new URL("./fixture.ts", import.meta.url), "utf8")).toContain("HOSTILE_NAME");
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { XmlNode, XmlStreamProblem } from "../../src/ingest/goaml-xml.js";
import { streamXmlChildrenFast, tokenizeXmlInto } from "../../src/ingest/xml-fast-stream.js";
import { type XmlNodeBatch, XmlNodeBatchReader, XmlNodeBatchWriter } from "../../src/ingest/xml-node-batch.js";
import { chunked } from "./chunks.js";
import { writeLargeGoamlReport } from "./goaml-fixture.js";

async function* each(chunks: Buffer[]): AsyncGenerator<Buffer> {
  yield* chunks;
}

/** The children and problem of the one-thread reading (element trees made as the tokenizer goes). */
async function asTrees(chunks: Buffer[]) {
  const children: XmlNode[] = [];
  const problem: XmlStreamProblem | undefined = await streamXmlChildrenFast(each(chunks), { root: "report", fileName: "t.xml" }, (n) => children.push(n));
  return { children, problem };
}

/**
 * The children and problem through batches: written by the tokenizer into batches of
 * `batchRoots` children, each batch cloned as a worker's message is, then read back.
 */
async function viaBatches(chunks: Buffer[], batchRoots: number) {
  const batches: XmlNodeBatch[] = [];
  const writer = new XmlNodeBatchWriter("t.xml", "report", (b) => batches.push(structuredClone(b)), batchRoots);
  const problem = await tokenizeXmlInto(each(chunks), writer);
  writer.end();
  const children: XmlNode[] = [];
  const reader = new XmlNodeBatchReader();
  for (const b of batches) {
    expect(b.roots).toBeGreaterThan(0);
    reader.read(b, (n) => children.push(n));
  }
  return { children, problem };
}

async function expectSame(xml: string | Buffer, cuts: number[], batchRoots: number) {
  const chunks = chunked(typeof xml === "string" ? Buffer.from(xml, "utf8") : xml, cuts);
  const trees = await asTrees(chunks);
  expect(await viaBatches(chunks, batchRoots)).toEqual(trees);
  return trees;
}

const name = fc.constantFrom("transaction", "t_from", "from_account", "account", "amount_local", "goaml:party", "x", "a.b-c_d", "transactionnumber");
const text = fc
  .array(fc.constantFrom("", "abc", " ", "  x  ", "\n", "\r\n", "\t", "\u00a0", "\u3000y\u2028", "\ufeff", "&amp;", "&#x41;", "é", "🐘", "Kilimanjaro Commercial Bank Ltd", "TZS", "TZS", "01-42", "&bogus;", "]]>", "\u0001", "<![CDATA[ c ]]>", "<!-- c -->"), { maxLength: 4 })
  .map((a) => a.join(""));
const { el } = fc.letrec<{ el: string }>((tie) => ({
  el: fc
    .tuple(name, fc.constantFrom("", "", ' id="1"', " a='x'"), fc.array(fc.oneof({ maxDepth: 3, depthIdentifier: "el" }, { arbitrary: text, weight: 2 }, { arbitrary: tie("el"), weight: 3 }), { maxLength: 4 }), fc.boolean())
    .map(([n, attrs, content, self]) => (self && content.length === 0 ? `<${n}${attrs}/>` : `<${n}${attrs}>${content.join("")}</${n}>`)),
}));
const documents = fc
  .record({
    decl: fc.constantFrom("", '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.1"?>'),
    doctype: fc.constantFrom("", "", "", "<!DOCTYPE report>", '<!DOCTYPE report [<!ENTITY e "x">]>'),
    root: fc.constantFrom("report", "report", "goaml:report", "other"),
    children: fc.array(el, { maxLength: 8 }),
    sep: fc.constantFrom("", "\n", "\r\n"),
    cutAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }),
    cuts: fc.array(fc.nat(), { maxLength: 6 }),
    batchRoots: fc.integer({ min: 1, max: 4 }),
  })
  .map((d) => {
    let xml = `${d.decl}${d.doctype}<${d.root}>${d.sep}${d.children.join(d.sep)}${d.sep}</${d.root}>\n`;
    if (d.cutAt !== null) xml = Array.from(xml).slice(0, Math.floor(d.cutAt * Array.from(xml).length)).join("");
    return { xml, cuts: d.cuts, batchRoots: d.batchRoots };
  });

describe("XmlNodeBatchWriter and XmlNodeBatchReader", () => {
  it("give back the trees and the problem of the one-thread reading, on generated documents good, broken and cut anywhere, in batches of any size", async () => {
    await fc.assert(
      fc.asyncProperty(documents, async ({ xml, cuts, batchRoots }) => {
        await expectSame(xml, cuts, batchRoots);
      }),
      { numRuns: 500 },
    );
  });

  it("on soups of XML fragments and raw bytes, cut anywhere", async () => {
    const fragment = fc.oneof(
      fc.constantFrom("<report>", "</report>", "<a>", "</a>", "<b/>", "<a x='1'>", "&amp;", "<![CDATA[", "]]>", "<!--", "-->", "\r\n", " ", "text", "é", "<", "&", "<!DOCTYPE r>"),
      fc.uint8Array({ maxLength: 4 }).map((u) => Buffer.from(u).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), async (parts, cuts, batchRoots) => {
        await expectSame(Buffer.from(parts.join(""), "utf8"), cuts, batchRoots);
      }),
      { numRuns: 300 },
    );
  });

  it("on the bundled goAML reports and a generated bulk report, whole and cut short anywhere", async () => {
    const dir = "datasets/goaml-sample";
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".xml"))) {
      const bytes = readFileSync(join(dir, f));
      const { children, problem } = await expectSame(bytes, [], 2);
      expect(problem).toBeUndefined();
      expect(children.length).toBeGreaterThan(0);
      for (const cut of [1, 100, 1000, bytes.length >> 1, bytes.length - 20]) await expectSame(bytes.subarray(0, cut), [cut >> 1], 3);
    }
    const tmp = mkdtempSync(join(tmpdir(), "wt-batch-"));
    const bulk = join(tmp, "bulk.xml");
    writeLargeGoamlReport(bulk, { transactions: 3000, accounts: 200, detail: "full" });
    const bytes = readFileSync(bulk);
    rmSync(tmp, { recursive: true, force: true });
    const { children } = await expectSame(bytes, [1 << 16, 1 << 20], 1000);
    expect(children.filter((n) => n.name === "transaction")).toHaveLength(3000);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length }), fc.integer({ min: 1, max: 600 }), async (cut, batchRoots) => {
        await expectSame(bytes.subarray(0, cut), [cut >> 1, cut >> 2], batchRoots);
      }),
      { numRuns: 15 },
    );
  });

  it("keep leaves sharing one frozen empty children array, and a repeated text one string per batch", async () => {
    const xml = "<report><t><c>TZS</c><c>TZS</c><d/></t><t><c>TZS</c></t></report>";
    const batches: XmlNodeBatch[] = [];
    const writer = new XmlNodeBatchWriter("t.xml", "report", (b) => batches.push(b), 10);
    await tokenizeXmlInto(each([Buffer.from(xml)]), writer);
    writer.end();
    expect(batches).toHaveLength(1);
    expect(batches[0].texts).toEqual(["TZS"]);
    const nodes: XmlNode[] = [];
    new XmlNodeBatchReader().read(batches[0], (n) => nodes.push(n));
    expect(nodes[0].children[0].children).toBe(nodes[1].children[0].children);
    expect(Object.isFrozen(nodes[0].children[2].children)).toBe(true);
  });
});

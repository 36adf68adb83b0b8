import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { XmlNode, XmlStreamProblem } from "../../src/ingest/goaml-xml.js";
import { streamXmlChildrenFast } from "../../src/ingest/xml-fast-stream.js";
import { streamXmlChildrenSaxes } from "../../src/ingest/xml-saxes-stream.js";
import { chunked } from "./chunks.js";

/** Everything a reading gives: the children handed over (in order) and the problem. */
async function readAll(read: typeof streamXmlChildrenFast, chunks: (Buffer | string)[], root = "report") {
  const children: XmlNode[] = [];
  const problem: XmlStreamProblem | undefined = await read(
    (async function* () {
      yield* chunks;
    })(),
    { root, fileName: "t.xml" },
    (n) => children.push(n),
  );
  return { children, problem };
}

async function expectSame(xml: string | Buffer, cuts: number[] = []) {
  const bytes = typeof xml === "string" ? Buffer.from(xml, "utf8") : xml;
  const chunks = chunked(bytes, cuts);
  const fast = await readAll(streamXmlChildrenFast, chunks);
  const saxes = await readAll(streamXmlChildrenSaxes, chunks);
  expect(fast).toEqual(saxes);
  return fast;
}

interface El {
  name: string;
  attrs: string;
  selfClosing: boolean;
  closeSpace: string;
  content: (El | string)[];
}

function serialise(e: El): string {
  if (e.selfClosing && e.content.length === 0) return `<${e.name}${e.attrs}/>`;
  return `<${e.name}${e.attrs}>${e.content.map((c) => (typeof c === "string" ? c : serialise(c))).join("")}</${e.name}${e.closeSpace}>`;
}

const rare = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });

const names = fc.constantFrom("transaction", "t_from", "from_account", "amount_local", "goaml:party", "x", "a.b-c_d", "name1", "transactionnumber");
const goodText = fc.constantFrom("abc", " ", "  x  ", "\n", "\r\n", "\r", "\t", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x41;", "&#x1F418;", "é", "象", "🐘", "]", "]]", ">", "\u00a0", "1 234,5", "Kilimanjaro Commercial Bank Ltd", "\n    ");
const badText = fc.constantFrom("&bogus;", "&#X41;", "&#0;", "&#xD800;", "&;", "&amp", "]]>", "\u0001", "\uFFFE", "<", "&#1114112;");
const text = fc.array(rare(goodText, badText), { maxLength: 5 }).map((a) => a.join(""));
const special = fc.constantFrom("<![CDATA[x]]>", "<![CDATA[ a ]] ]]>", "<![CDATA[\r\n<&>\r]]>", "<![CDATA[é象]]>", "<!-- c -->", "<!---->", "<!--\r\n é -->", "<!-- a -- b -->", "<?pi x?>", "<![CDATA[ \u0002 ]]>");
const attrs = rare(
  fc.constantFrom("", "", "", ' id="1"', " id='1'", ' a="x" b="y"', '\n a="1"\r\n', ' a = "1"', ' a="é>"'),
  fc.constantFrom(' a="1" a="2"', ' a="&amp;"', ' a="<"', " a=x", ' a="1"b="2"', " a", ' a="\u0001"', " /"),
);

const { el } = fc.letrec<{ el: El }>((tie) => ({
  el: fc.record({
    name: names,
    attrs,
    selfClosing: fc.boolean(),
    closeSpace: fc.constantFrom("", "", "", " ", "\n"),
    content: fc.array(fc.oneof({ maxDepth: 3, depthIdentifier: "el" }, { arbitrary: text, weight: 3 }, { arbitrary: special, weight: 1 }, { arbitrary: tie("el"), weight: 3 }), { maxLength: 4 }),
  }),
}));

const documents = fc
  .record({
    bom: fc.boolean(),
    decl: fc.constantFrom("", "", '<?xml version="1.0" encoding="UTF-8"?>', "<?xml version='1.0'?>", '<?xml version="1.0" standalone="yes" ?>', '<?xml version="1.1"?>', '<?xml version="1.0" encoding="UTF-8"?>\r\n', '<?xml version="1.0" foo="x"?>', '<?xml-stylesheet href="a"?>', '<?xml version="1.0"'),
    prolog: fc.constantFrom("", "", "\n", "\r\n<!-- hi -->\n", " x ", "\r"),
    doctype: fc.constantFrom("", "", "", "", "<!DOCTYPE report>", '<!DOCTYPE report SYSTEM "r.dtd">', '<!DOCTYPE report [<!ENTITY e "x">]>', "<!DOCTYPE report [\n<!ELEMENT report ANY>\n]>\n"),
    root: fc.constantFrom("report", "report", "report", "goaml:report", "other"),
    rootAttrs: fc.constantFrom("", "", ' xmlns="urn:goaml"', " id='1'"),
    children: fc.array(el, { maxLength: 6 }),
    sep: fc.constantFrom("", "\n", "\r\n", "\n  ", "\r"),
    epilog: fc.constantFrom("", "", "\n", "<!-- end -->\n", "<x/>", "junk", "\r", "<?pi?>"),
    mutation: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 5 },
      fc.record({ kind: fc.constantFrom("truncate", "insert", "delete"), at: fc.double({ min: 0, max: 1, noNaN: true }), what: fc.constantFrom("</zz>", "<", "&", "<a>", "\u0000", "]]>") }),
    ),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  })
  .map((d) => {
    let xml = `${d.bom ? "\uFEFF" : ""}${d.decl}${d.prolog}${d.doctype}<${d.root}${d.rootAttrs}>${d.sep}${d.children.map(serialise).join(d.sep)}${d.sep}</${d.root}>${d.epilog}`;
    const m = d.mutation;
    if (m) {
      const at = Math.floor(m.at * xml.length);
      // Mutate at a code point boundary of the string (bytes are cut anywhere by the chunking).
      const cp = Array.from(xml);
      const k = Math.min(cp.length, Math.floor(m.at * cp.length));
      if (m.kind === "truncate") xml = cp.slice(0, k).join("");
      else if (m.kind === "insert") xml = cp.slice(0, k).join("") + m.what + cp.slice(k).join("");
      else xml = cp.slice(0, k).join("") + cp.slice(k + 1).join("");
      void at;
    }
    return { xml, cuts: d.cuts };
  });

describe("the byte XML tokenizer agrees with the saxes reading", () => {
  it("on generated goAML-like documents, good and broken, cut into chunks anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(documents, async ({ xml, cuts }) => {
        await expectSame(xml, cuts);
      }),
      { numRuns: 600 },
    );
  });

  it("on soups of XML fragments and raw bytes (invalid UTF-8 too), cut anywhere", async () => {
    const fragment = fc.oneof(
      fc.constantFrom("<report>", "</report>", "<a>", "</a>", "<b/>", "<a x='1'>", "&amp;", "&#10;", "<![CDATA[", "]]>", "<!--", "-->", "<?x?>", "\r\n", "\n", " ", "text", "é", "\uFFFF", "<", ">", "&", "]]", "<!DOCTYPE r>", "\u0000"),
      fc.uint8Array({ maxLength: 4 }).map((u) => Buffer.from(u).toString("latin1")),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), async (parts, cuts, latin1) => {
        await expectSame(Buffer.from(parts.join(""), latin1 ? "latin1" : "utf8"), cuts);
      }),
      { numRuns: 600 },
    );
  });

  it("on values repeated in elements of the same name (the last text of a name is reused when the bytes are the same)", async () => {
    // Same-length values that differ in one place (first, middle, last byte), white space, entities, CR, non-ASCII and bad bytes.
    const value = fc.constantFrom("01-1234", "01-1235", "11-1234", "01-9234", "TZS", "TZ", "tz", "", " ", " TZ", "TZ ", "T&amp;Z", "T&lt;Z", "T\r\nZ", "T\rZ", "TZé", "T\u0001Z", "T]]>Z", "Kilimanjaro Commercial Bank Ltd", "Kilimanjaro Commercial Bank Ltc");
    const leaf = fc.tuple(fc.constantFrom("account", "country", "institution_name", "x:account"), value).map(([n, v]) => `<${n}>${v}</${n}>`);
    const doc = fc.array(fc.array(leaf, { maxLength: 6 }).map((ls) => `<transaction>${ls.join("")}<!-- c --></transaction>`), { maxLength: 8 }).map((ts) => `<report>\n${ts.join("\n")}\n</report>`);
    await fc.assert(
      fc.asyncProperty(doc, fc.array(fc.nat(), { maxLength: 6 }), async (xml, cuts) => {
        await expectSame(xml, cuts);
      }),
      { numRuns: 400 },
    );
  });

  it("on the bundled goAML reports, in chunks of every size from 1 byte", async () => {
    const dir = "datasets/goaml-sample";
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".xml"))) {
      const bytes = readFileSync(join(dir, f));
      const whole = await expectSame(bytes);
      expect(whole.problem).toBeUndefined();
      expect(whole.children.length).toBeGreaterThan(3);
      for (const size of [1, 2, 3, 7, 64, 1000]) {
        const cuts: number[] = [];
        for (let p = size; p < bytes.length; p += size) cuts.push(p);
        await expectSame(bytes, cuts);
      }
      // CRLF line ends and a truncated copy.
      const crlf = Buffer.from(bytes.toString("utf8").replace(/\n/g, "\r\n"));
      await expectSame(crlf, [100, 101, 5000]);
      const cut = await expectSame(bytes.subarray(0, Math.floor(bytes.length * 0.7)), [333]);
      expect(cut.problem?.code).toBe("malformed_file");
    }
  });

  it("reports the same problems and lines on the hostile cases", async () => {
    const cases = [
      '<?xml version="1.0"?>\n<!DOCTYPE report [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n<report><a>&xxe;</a></report>',
      '<?xml version="1.0"?>\n<!DOCTYPE report SYSTEM "http://fiu.example/goaml.dtd">\n<report/>',
      "<report>\n<reason>&xxe;</reason></report>",
      "<goAMLReport><transaction/></goAMLReport>",
      "id,date,amount\nT1,2024-01-01,5\n",
      "",
      "<report><a>1</a>\n<b>2</c></report>",
      "<report><a>1</a>\n<b>2",
      "<report><a>x</a></report>\n<report/>",
    ];
    for (const xml of cases) {
      const r = await expectSame(xml);
      expect(r.problem).toBeDefined();
    }
  });

  it("reads an enormous text (more than 4 MiB, handed to saxes) the same way", async () => {
    const xml = Buffer.from(`<report><a>1</a><reason>${"ivory &amp; horn\r\n".repeat(300_000)}</reason><b>2</b></report>`);
    const cuts: number[] = [];
    for (let p = 1 << 20; p < xml.length; p += 1 << 20) cuts.push(p);
    const { children } = await expectSame(xml, cuts);
    expect(children.map((c) => [c.name, c.text.length, c.line])).toEqual([
      ["a", 1, 1],
      ["reason", 300_000 * 13 - 1, 1],
      ["b", 1, 300_001],
    ]);
  });

  it("keeps text strings out of the chunk they were read from", async () => {
    const long = "Kilimanjaro Commercial Bank Ltd";
    const { children } = await expectSame(`<report><a>${long}</a><b> ${long} </b></report>`, [20, 40]);
    expect(children.map((c) => c.text)).toEqual([long, long]);
  });
});

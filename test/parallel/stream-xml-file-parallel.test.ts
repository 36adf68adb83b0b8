import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { streamXmlFile, type XmlNode, type XmlStreamProblem } from "../../src/ingest/goaml-xml.js";
import { streamXmlFileParallel } from "../../src/parallel/stream-xml-file-parallel.js";
import { writeLargeGoamlReport } from "../ingest/goaml-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "wt-xml-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Both readings of a file. With `waitForStart`, the two-part reading waits for the worker to say
 * where its part starts (a worker started from the sources under vitest takes a while to boot,
 * and this thread would read the whole of a small file meanwhile).
 */
async function both(path: string, waitForStart = false, share = 0.25) {
  const read = async (stream: typeof streamXmlFile) => {
    const children: XmlNode[] = [];
    const problem: XmlStreamProblem | undefined = await stream(path, { root: "report", fileName: "f.xml" }, (n) => children.push(n));
    return { children, problem };
  };
  const one = await read(streamXmlFile);
  const ways: string[] = [];
  const two = await read((p, o, c) => streamXmlFileParallel(p, o, c, { splitTag: "<transaction>", onWay: (w) => ways.push(w), waitForStart, share }));
  return { one, two, ways };
}

describe("streamXmlFileParallel", () => {
  it("hands over the children and problem of streamXmlFile: bundled reports, a bulk report, cut short and hostile files", async () => {
    const files: string[] = readdirSync("datasets/goaml-sample")
      .filter((f) => f.endsWith(".xml"))
      .map((f) => join("datasets/goaml-sample", f));
    const bulk = join(dir, "bulk.xml");
    // More than one batch and more than one chunk of the file.
    writeLargeGoamlReport(bulk, { transactions: 6000, accounts: 300, detail: "full" });
    files.push(bulk);
    const bytes = readFileSync(bulk);
    const cuts = [17, 4096, 1 << 20, (1 << 20) + 333, bytes.length - 9];
    for (const cut of cuts) {
      const f = join(dir, `cut-${cut}.xml`);
      writeFileSync(f, bytes.subarray(0, cut));
      files.push(f);
    }
    const hostile = {
      "entity.xml": '<?xml version="1.0"?>\n<!DOCTYPE report [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<report><a>&x;</a></report>',
      "wrong-root.xml": "<other><a>1</a></other>",
      "broken-late.xml": `${bytes.subarray(0, 3 << 20).toString("latin1")}<oops &bogus;></report>`,
      "empty.xml": "",
    };
    for (const [name, xml] of Object.entries(hostile)) {
      writeFileSync(join(dir, name), xml, "latin1");
      files.push(join(dir, name));
    }
    for (const f of files) {
      const { one, two, ways } = await both(f);
      expect(two, f).toEqual(one);
      expect(ways, f).toHaveLength(1);
    }
    // Read in two parts: the same again.
    for (const f of [bulk, join(dir, "broken-late.xml"), join(dir, `cut-${bytes.length - 9}.xml`), join(dir, `cut-${(1 << 20) + 333}.xml`)]) {
      const { one, two, ways } = await both(f, true);
      expect(two, f).toEqual(one);
      if (f === bulk) {
        expect(ways).toEqual(["worker"]);
        expect(two.children.filter((n) => n.name === "transaction")).toHaveLength(6000);
      }
    }
  }, 120_000);

  it("reads generated reports cut or damaged anywhere, split anywhere, in two parts to the same children and problem", async () => {
    let n = 0;
    const ways = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          transactions: fc.integer({ min: 1, max: 400 }),
          detail: fc.constantFrom("lean" as const, "full" as const),
          seed: fc.integer({ min: 1, max: 1000 }),
          share: fc.double({ min: 0, max: 0.95, noNaN: true }),
          cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
          damage: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom("<", "&bogus;", "<!-- \n<transaction> -->", "<![CDATA[\n<transaction>]]>", "\r", "\r\n", "\u0000", "</transaction>", "<!DOCTYPE x>"))),
        }),
        async ({ transactions, detail, seed, share, cut, damage }) => {
          const path = join(dir, `p${n++}.xml`);
          writeLargeGoamlReport(path, { transactions, accounts: 50, detail, seed });
          let bytes = readFileSync(path);
          if (damage !== null) {
            const at = Math.floor(damage[0] * bytes.length);
            bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(damage[1]), bytes.subarray(at)]);
          }
          if (cut !== null) bytes = bytes.subarray(0, Math.floor(cut * bytes.length));
          writeFileSync(path, bytes);
          const r = await both(path, true, share);
          expect(r.two).toEqual(r.one);
          for (const w of r.ways) ways.add(w);
        },
      ),
      { numRuns: 40 },
    );
    expect([...ways].sort()).toEqual(["alone", "worker"]);
  }, 300_000);

  it("reports a missing file as streamXmlFile does", async () => {
    const missing = join(dir, "missing.xml");
    await expect(streamXmlFileParallel(missing, { root: "report" }, () => {}, { splitTag: "<transaction>" })).rejects.toThrow(/ENOENT/);
  }, 60_000);

  it("stops with the error of a throwing onChild", async () => {
    const f = join(dir, "small.xml");
    writeFileSync(f, "<report><a>1</a><b>2</b></report>");
    const seen: string[] = [];
    const reading = streamXmlFileParallel(
      f,
      { root: "report" },
      (n) => {
        seen.push(n.name);
        if (n.name === "a") throw new Error("stop here");
      },
      { splitTag: "<b>" },
    );
    await expect(reading).rejects.toThrow("stop here");
    expect(seen).toEqual(["a"]);
  }, 60_000);
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { streamXmlFile, type XmlNode, type XmlStreamProblem } from "../../src/ingest/goaml-xml.js";
import { streamXmlFileParallel } from "../../src/parallel/stream-xml-file-parallel.js";
import { writeLargeGoamlReport } from "../ingest/goaml-fixture.js";

const dir = mkdtempSync(join(tmpdir(), "wt-xml-parallel-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(path: string) {
  const read = async (stream: typeof streamXmlFile) => {
    const children: XmlNode[] = [];
    const problem: XmlStreamProblem | undefined = await stream(path, { root: "report", fileName: "f.xml" }, (n) => children.push(n));
    return { children, problem };
  };
  const one = await read(streamXmlFile);
  const ways: string[] = [];
  const two = await read((p, o, c) => streamXmlFileParallel(p, o, c, (w) => ways.push(w)));
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
      expect(ways, f).toEqual(["worker"]);
    }
    const { two } = await both(bulk);
    expect(two.children.filter((n) => n.name === "transaction")).toHaveLength(6000);
  }, 120_000);

  it("reports a missing file as streamXmlFile does (the reading falls back to this thread)", async () => {
    const missing = join(dir, "missing.xml");
    const ways: string[] = [];
    await expect(streamXmlFileParallel(missing, { root: "report" }, () => {}, (w) => ways.push(w))).rejects.toThrow(/ENOENT/);
    expect(ways).toEqual(["alone"]);
  }, 60_000);

  it("stops with the error of a throwing onChild", async () => {
    const f = join(dir, "small.xml");
    writeFileSync(f, "<report><a>1</a><b>2</b></report>");
    const seen: string[] = [];
    const reading = streamXmlFileParallel(f, { root: "report" }, (n) => {
      seen.push(n.name);
      if (n.name === "a") throw new Error("stop here");
    });
    await expect(reading).rejects.toThrow("stop here");
    expect(seen).toEqual(["a"]);
  }, 60_000);
});

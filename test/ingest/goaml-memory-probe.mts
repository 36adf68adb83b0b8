// Child process of goaml-hostile.test.ts: parse a goAML file and print heap growth as JSON.
// Run with `node --expose-gc --import tsx test/ingest/goaml-memory-probe.mts FILE MODE`.
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { readGoamlFile } from "../../src/ingest/goaml-reader.js";
import { streamXmlFile } from "../../src/ingest/goaml-xml.js";
import { Quarantine } from "../../src/ingest/quarantine.js";

const [file, mode] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
gc();
const base = process.memoryUsage().heapUsed;
let peak = 0;
let seen = 0;
const sample = () => {
  if (++seen % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - base);
};
let transactions = 0;
if (mode === "stream") {
  await streamXmlFile(file, { root: "report" }, (n) => {
    if (n.name === "transaction") transactions++;
    sample();
  });
} else {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  const timer = setInterval(() => sample(), 5);
  await readGoamlFile(file, "big.xml", { builder, quarantine: q });
  clearInterval(timer);
  transactions = builder.build().transactions.length;
}
gc();
const retained = process.memoryUsage().heapUsed - base;
process.stdout.write(JSON.stringify({ transactions, peak: Math.max(peak, retained), retained }));

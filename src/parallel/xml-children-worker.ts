// Worker thread of streamXmlFileParallel: reads the second part of an XML file, from the start of
// a line holding a child's start tag, with the byte tokenizer in the state the main thread's
// tokenizer will be in there (the root open, the same line), and sends each child of the root to
// the main thread in compact batches, in document order. Anything the tokenizer would hand to
// saxes, and any problem, makes the part `odd`: the main thread then reads the file itself.
// Started by `startWorker("xml-children-worker", { workerData })`; not part of the API.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { FastXmlTokenizer } from "../ingest/xml-fast-stream.js";
import { type XmlNodeBatch, XmlNodeBatchWriter } from "../ingest/xml-node-batch.js";
import type { XmlChildrenWorkerInput, XmlChildrenWorkerMessage } from "./xml-children-protocol.js";

/** Children of the root per batch. */
const BATCH_ROOTS = 2048;
/** Batches sent and not yet read by the main thread, beyond which the worker stops reading (the main thread reads the first part meanwhile). */
const MAX_IN_FLIGHT = 32;
/** How far past `from` the start of the part is looked for. */
const SEARCH_BYTES = 4 << 20;

const port = parentPort!;
const input = workerData as XmlChildrenWorkerInput;
let inFlight = 0;
let wake: (() => void) | undefined;

port.on("message", () => {
  inFlight--;
  const w = wake;
  wake = undefined;
  w?.();
});

function send(message: XmlChildrenWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function sendBatch(batch: XmlNodeBatch): void {
  inFlight++;
  send({ kind: "batch", batch }, [batch.ops.buffer as ArrayBuffer]);
}

/** Bytes `[at, at + length)` of the file (fewer at its end). */
async function readAt(path: string, at: number, length: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, at);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The line of byte `end`, counted as the tokenizer counts them (`\n`, `\r\n` and a lone `\r` end a line). */
async function lineOf(path: string, end: number): Promise<number> {
  let line = 1;
  let crLast = false;
  for await (const chunk of createReadStream(path, { start: 0, end: end - 1, highWaterMark: input.chunkBytes })) {
    const s = (chunk as Buffer).toString("latin1");
    // A \r that ended the previous chunk was counted; a \n right after it is the same line end.
    let k = crLast && s.charCodeAt(0) === 10 ? 1 : 0;
    for (k = s.indexOf("\n", k); k !== -1; k = s.indexOf("\n", k + 1)) line++;
    for (let c = s.indexOf("\r"); c !== -1; c = s.indexOf("\r", c + 1)) if (s.charCodeAt(c + 1) !== 10) line++;
    crLast = s.charCodeAt(s.length - 1) === 13;
  }
  return line;
}

/** The root element's name as written: a guess (the first start tag), which the main thread checks. */
async function rootGuess(path: string): Promise<string | undefined> {
  const head = (await readAt(path, 0, 64 << 10)).toString("latin1");
  return /<([A-Za-z_:][-A-Za-z0-9_:.]*)[\s/>]/.exec(head)?.[1];
}

/** The file's chunks from byte `offset`, on the one-thread reading's chunk offsets, read no further ahead than the main thread allows. */
async function* from(path: string, offset: number): AsyncGenerator<Buffer> {
  const size = input.chunkBytes;
  const base = offset - (offset % size);
  let first = true;
  for await (const chunk of createReadStream(path, { start: base, highWaterMark: size })) {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    yield first ? (chunk as Buffer).subarray(offset - base) : (chunk as Buffer);
    first = false;
  }
}

async function main(): Promise<void> {
  const window = (await readAt(input.path, input.from, SEARCH_BYTES)).toString("latin1");
  const k = window.indexOf(`\n${input.splitTag}`);
  const rawRoot = await rootGuess(input.path);
  if (k === -1 || rawRoot === undefined) {
    send({ kind: "nostart" });
    return;
  }
  const offset = input.from + k + 1;
  const line = await lineOf(input.path, offset);
  send({ kind: "start", offset, line, rawRoot });
  const writer = new XmlNodeBatchWriter(input.fileName ?? "input", input.root, sendBatch, BATCH_ROOTS);
  const tokenizer = new FastXmlTokenizer(writer);
  tokenizer.resumeInRoot(rawRoot, line);
  for await (const chunk of from(input.path, offset)) {
    tokenizer.write(chunk);
    if (tokenizer.handedOver || writer.problem) {
      send({ kind: "odd" });
      return;
    }
  }
  tokenizer.end();
  if (writer.problem) {
    send({ kind: "odd" });
    return;
  }
  writer.end();
  send({ kind: "end" });
}

try {
  await main();
} catch (e) {
  send({ kind: "error", message: (e as Error)?.message ?? String(e) });
}
// Nothing more to send: the listener for the main thread's acknowledgements no longer keeps the thread alive.
port.unref();

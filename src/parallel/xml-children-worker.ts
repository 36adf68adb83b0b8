// Worker thread of streamXmlFileParallel: reads an XML file with the byte tokenizer (and saxes,
// for whatever the tokenizer hands over) and sends each child of the root to the main thread in
// compact batches, in document order, rather than as element trees. Started by
// `startWorker("xml-children-worker", { workerData })`; not part of the API.
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { tokenizeXmlInto } from "../ingest/xml-fast-stream.js";
import { type XmlNodeBatch, XmlNodeBatchWriter } from "../ingest/xml-node-batch.js";
import type { XmlChildrenWorkerInput, XmlChildrenWorkerMessage } from "./xml-children-protocol.js";

/** Children of the root per batch: few in the first (the main thread waits for it), then more. */
const FIRST_BATCH_ROOTS = 128;
const BATCH_ROOTS = 2048;
/** Batches sent and not yet read by the main thread, beyond which the worker stops reading the file. */
const MAX_IN_FLIGHT = 4;

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
  writer.batchRoots = Math.min(BATCH_ROOTS, writer.batchRoots * 4);
  send({ kind: "batch", batch }, [batch.ops.buffer as ArrayBuffer]);
}

/** The file's chunks, read no further ahead than the main thread allows. */
async function* paced(path: string): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: input.chunkBytes })) {
    while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    yield chunk as Buffer;
  }
}

const writer = new XmlNodeBatchWriter(input.fileName ?? "input", input.root, sendBatch, FIRST_BATCH_ROOTS);
try {
  const problem = await tokenizeXmlInto(paced(input.path), writer);
  writer.end();
  send({ kind: "end", problem });
} catch (e) {
  send({ kind: "error", message: (e as Error)?.message ?? String(e) });
}
// Nothing more to send: the listener for the main thread's acknowledgements no longer keeps the thread alive.
port.unref();

import { createReadStream, statSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import { streamXmlFile, type XmlNode, type XmlStreamOptions, type XmlStreamProblem } from "../ingest/goaml-xml.js";
import { FastXmlTokenizer } from "../ingest/xml-fast-stream.js";
import { XmlNodeBatchReader } from "../ingest/xml-node-batch.js";
import { XmlTreeBuilder } from "../ingest/xml-tree.js";
import type { XmlChildrenWorkerInput, XmlChildrenWorkerMessage } from "./xml-children-protocol.js";
import { startWorker } from "./worker-entry.js";

/** Bytes per read of the file: as streamXmlFile reads it (the tokenizer sees the same chunks). */
const CHUNK_BYTES = 1 << 20;

/** Options of {@link streamXmlFileParallel}. */
export interface XmlParallelOptions {
  /** Where the worker's part may start: a line beginning with this text (a child's start tag, e.g. `<transaction>`). */
  splitTag: string;
  /** Share of the file this thread reads itself, before the worker's part (0 to 1). [default: 0.25] */
  share?: number;
  /** Told which way the file was read in the end: `"worker"` (in two parts), or `"alone"` (by this thread only). */
  onWay?: (way: "worker" | "alone") => void;
  /**
   * Wait for the worker to say where its part starts before reading (else this thread starts at
   * once, and reads on alone if it gets there first): for tests of the two-part reading. [default: false]
   */
  waitForStart?: boolean;
}

/**
 * {@link streamXmlFile} on two threads: a worker tokenizes the second part of the file (from the
 * first line that starts with `splitTag` after `share` of the file) into compact batches while
 * this thread reads the first part itself; this thread then rebuilds the worker's children and
 * hands them to `onChild`, in document order. The trees, their order and the problem returned are
 * those of streamXmlFile, whatever the threads' timing:
 * - the split is used only when this thread's own tokenizer, stopped exactly there, is between two
 *   children of the root, with nothing pending but white space, on the line the worker started on,
 *   under the root name the worker assumed; otherwise this thread reads on alone;
 * - the worker's part counts only when the worker read it to the end of the file without handing
 *   anything to saxes and without a problem; otherwise (and when the worker cannot start or
 *   fails), this thread reads the whole file again itself, skipping the children it has already
 *   handed over, so odd files get exactly streamXmlFile's reading, errors included.
 *
 * @example
 * ```ts
 * import { streamXmlFileParallel } from "./stream-xml-file-parallel.js";
 * const names: string[] = [];
 * const problem = await streamXmlFileParallel("datasets/goaml-sample/str-2024-0412.xml", { root: "report" }, (n) => names.push(n.name), { splitTag: "<transaction>" });
 * // names: the same as streamXmlFile gives; problem: undefined
 * ```
 */
export async function streamXmlFileParallel(path: string, options: XmlStreamOptions, onChild: (node: XmlNode) => void, parallel: XmlParallelOptions): Promise<XmlStreamProblem | undefined> {
  let handed = 0;
  const count = (node: XmlNode): void => {
    handed++;
    onChild(node);
  };
  /** The reading in this thread from the start of the file, from the first child not handed over yet. */
  const again = (): Promise<XmlStreamProblem | undefined> => {
    let skip = handed;
    return streamXmlFile(path, options, (node) => {
      if (skip > 0) skip--;
      else count(node);
    });
  };
  const input: XmlChildrenWorkerInput = { path, root: options.root, fileName: options.fileName, chunkBytes: CHUNK_BYTES, splitTag: parallel.splitTag, from: Math.floor(fileBytes(path) * (parallel.share ?? 0.25)) };
  let worker: Worker;
  try {
    worker = startWorker("xml-children-worker", { workerData: input });
  } catch {
    parallel.onWay?.("alone");
    return again();
  }
  const messages = new WorkerMessages(worker);
  try {
    // The first part, as streamXmlChildrenFast reads it, up to where the worker's part starts.
    const tree = new XmlTreeBuilder(options.fileName ?? "input", options.root, count);
    tree.detach = false;
    const tokenizer = new FastXmlTokenizer(tree);
    if (parallel.waitForStart) await messages.first();
    let at = 0;
    let split: Extract<XmlChildrenWorkerMessage, { kind: "start" }> | undefined;
    let reachedSplit = false;
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    for await (const c of stream) {
      let chunk = c as Buffer;
      split ??= messages.start();
      if (split !== undefined && split.offset < at) split = undefined; // passed before it was known: read on alone
      if (split !== undefined && split.offset < at + chunk.length) {
        chunk = chunk.subarray(0, split.offset - at);
        reachedSplit = true;
      }
      if (chunk.length > 0) tokenizer.write(chunk);
      at += chunk.length;
      // A chunk cut short may end in the middle of what saxes was handed: its problem is judged on the whole file below.
      if (reachedSplit) break;
      if (tree.problem) {
        parallel.onWay?.("alone");
        return tree.problem;
      }
    }
    if (!reachedSplit) {
      tokenizer.end();
      parallel.onWay?.("alone");
      return tree.problem;
    }
    stream.destroy();
    const here = tokenizer.betweenChildren();
    if (split === undefined || here === undefined || here.rawRoot !== split.rawRoot || here.line !== split.line) {
      parallel.onWay?.("alone");
      return await again();
    }
    // The second part: the worker's children, in order.
    const reader = new XmlNodeBatchReader();
    for (;;) {
      const m = await messages.next();
      if (m.kind === "batch") {
        reader.read(m.batch, count);
        worker.postMessage(0);
      } else if (m.kind === "end") {
        parallel.onWay?.("worker");
        return undefined;
      } else {
        parallel.onWay?.("alone");
        return await again();
      }
    }
  } finally {
    messages.stop();
  }
}

/** Bytes in the file at `path`, or 0 when it cannot be told (the reading will say why). */
function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** What the worker says, queued in order; its failure and its exit as messages of their own. */
class WorkerMessages {
  private readonly queue: (XmlChildrenWorkerMessage | { kind: "exit" })[] = [];
  private notify: (() => void) | undefined;

  constructor(private readonly worker: Worker) {
    const push = (m: XmlChildrenWorkerMessage | { kind: "exit" }): void => {
      this.queue.push(m);
      const n = this.notify;
      this.notify = undefined;
      n?.();
    };
    worker.on("message", push);
    worker.on("error", (e) => push({ kind: "error", message: String(e) }));
    worker.on("exit", () => push({ kind: "exit" }));
  }

  /** Where the worker's part starts, once it has said so (its first message); undefined before, or when it has none. */
  start(): Extract<XmlChildrenWorkerMessage, { kind: "start" }> | undefined {
    const first = this.queue[0];
    return first?.kind === "start" ? first : undefined;
  }

  /** Once the worker has said something (where its part starts, or anything else). */
  async first(): Promise<void> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.notify = resolve));
  }

  /** The next message after the start. */
  async next(): Promise<Exclude<XmlChildrenWorkerMessage, { kind: "start" }> | { kind: "exit" }> {
    for (;;) {
      while (this.queue.length === 0) await new Promise<void>((resolve) => (this.notify = resolve));
      const m = this.queue.shift()!;
      if (m.kind !== "start") return m;
    }
  }

  /** Stop the worker (whatever it was doing: the outcome is decided). */
  stop(): void {
    this.worker.removeAllListeners();
    this.worker.on("error", () => {});
    void this.worker.terminate();
  }
}

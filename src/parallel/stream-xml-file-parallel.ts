import type { Worker } from "node:worker_threads";
import { streamXmlFile, type XmlNode, type XmlStreamOptions, type XmlStreamProblem } from "../ingest/goaml-xml.js";
import { XmlNodeBatchReader } from "../ingest/xml-node-batch.js";
import { startWorker } from "./worker-entry.js";
import type { XmlChildrenWorkerInput, XmlChildrenWorkerMessage } from "./xml-children-protocol.js";

/** Bytes per read of the file: as streamXmlFile reads it (the tokenizer sees the same chunks). */
const CHUNK_BYTES = 1 << 20;

/**
 * {@link streamXmlFile} with the tokenizing in a worker thread: the worker reads the file into the
 * element trees of each child of the root and sends them over in compact batches; this thread
 * rebuilds them and hands them to `onChild` in document order, while the worker reads on. The
 * trees, their order and the problem returned are those of streamXmlFile (the worker runs the same
 * tokenizer, with the same hand-over to saxes, on the same chunks), whatever the threads' timing.
 *
 * When the worker cannot start or fails, this thread reads the file itself, skipping the
 * children it has already handed over, so the outcome is still streamXmlFile's (its errors too:
 * a missing file is reported by the reading in this thread). `onWay` (optional) is told which
 * way the file was read in the end: `"worker"`, or `"alone"` after such a fall-back.
 *
 * @example
 * ```ts
 * import { streamXmlFileParallel } from "./stream-xml-file-parallel.js";
 * const names: string[] = [];
 * const problem = await streamXmlFileParallel("datasets/goaml-sample/str-2024-0412.xml", { root: "report" }, (n) => names.push(n.name));
 * // names: the same as streamXmlFile gives; problem: undefined
 * ```
 */
export function streamXmlFileParallel(
  path: string,
  options: XmlStreamOptions,
  onChild: (node: XmlNode) => void,
  onWay?: (way: "worker" | "alone") => void,
): Promise<XmlStreamProblem | undefined> {
  let handed = 0;
  const count = (node: XmlNode): void => {
    handed++;
    onChild(node);
  };
  /** The reading in this thread, from the first child not handed over yet. */
  const alone = (): Promise<XmlStreamProblem | undefined> => {
    onWay?.("alone");
    let skip = handed;
    return streamXmlFile(path, options, (node) => {
      if (skip > 0) skip--;
      else count(node);
    });
  };
  const input: XmlChildrenWorkerInput = { path, root: options.root, fileName: options.fileName, chunkBytes: CHUNK_BYTES };
  let worker: Worker;
  try {
    worker = startWorker("xml-children-worker", { workerData: input });
  } catch {
    return alone();
  }
  return new Promise((resolve, reject) => {
    const reader = new XmlNodeBatchReader();
    let settled = false;
    const settle = (outcome: () => Promise<XmlStreamProblem | undefined> | XmlStreamProblem | undefined): void => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners();
      // An error of a worker being stopped has nothing more to say: the outcome is decided.
      worker.on("error", () => {});
      void worker.terminate();
      try {
        Promise.resolve(outcome()).then(resolve, reject);
      } catch (e) {
        reject(e);
      }
    };
    worker.on("message", (message: XmlChildrenWorkerMessage) => {
      if (settled) return;
      if (message.kind === "batch") {
        try {
          reader.read(message.batch, count);
        } catch (e) {
          // The caller's onChild threw: as in streamXmlFile, the reading stops with its error.
          settle(() => {
            throw e;
          });
          return;
        }
        worker.postMessage(0);
      } else if (message.kind === "end") {
        settle(() => {
          onWay?.("worker");
          return message.problem;
        });
      }
      else settle(alone);
    });
    worker.on("error", () => settle(alone));
    worker.on("exit", () => settle(alone));
  });
}

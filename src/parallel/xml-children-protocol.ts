import type { XmlStreamProblem } from "../ingest/goaml-xml.js";
import type { XmlNodeBatch } from "../ingest/xml-node-batch.js";

/*
 * The messages between streamXmlFileParallel (main thread) and its worker, xml-children-worker.
 * Types only: internal to the package.
 */

/** What the worker is started with (its `workerData`). */
export interface XmlChildrenWorkerInput {
  /** The XML file to read. */
  path: string;
  /** Local name the root element must have. */
  root: string;
  /** File name used in problem messages. */
  fileName?: string;
  /** Bytes per read of the file (the chunks the tokenizer is given, as in the one-thread reading). */
  chunkBytes: number;
}

/**
 * What the worker sends: batches of children in document order, then the end of the stream (with
 * its problem, if any) or an error that stopped the worker.
 */
export type XmlChildrenWorkerMessage =
  | { kind: "batch"; batch: XmlNodeBatch }
  | { kind: "end"; problem: XmlStreamProblem | undefined }
  | { kind: "error"; message: string };

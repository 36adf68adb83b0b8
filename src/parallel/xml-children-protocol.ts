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
  /** Bytes per read of the file (the chunks of the one-thread reading: the worker's reads fall on the same offsets). */
  chunkBytes: number;
  /** The worker's part starts at the first line that begins with this text (a child's start tag) at or after `from`. */
  splitTag: string;
  /** Byte offset from which the start of the worker's part is looked for. */
  from: number;
}

/**
 * What the worker sends: where its part starts (or that it found no place to start), then batches
 * of the children of its part in document order, then the end of the file (read without any
 * problem), `odd` (anything else: this thread reads the file itself) or an error.
 */
export type XmlChildrenWorkerMessage =
  | { kind: "start"; offset: number; line: number; rawRoot: string }
  | { kind: "nostart" }
  | { kind: "batch"; batch: XmlNodeBatch }
  | { kind: "end" }
  | { kind: "odd" }
  | { kind: "error"; message: string };

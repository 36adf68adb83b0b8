import { createReadStream } from "node:fs";

/** Called per top-level JSON record with the parsed value (or the parse error) and its line. */
export type JsonRecordHandler = (value: unknown, line: number, error: string | undefined) => void;

/**
 * Splits a stream of JSON text into top-level records with the physical line each starts on:
 * the elements of a top-level array (`.json`) or one value per line (`.ndjson`, `.jsonl`).
 * Only one record is held in memory at a time.
 *
 * @example
 * ```ts
 * import { JsonRecordSplitter } from "wildtrace";
 * const got: [unknown, number][] = [];
 * const s = new JsonRecordSplitter("array", (v, line) => got.push([v, line]));
 * s.write('[\n {"id": "T1"},\n {"id": "T2"}\n]');
 * s.end();
 * got; // [[{id:"T1"},2],[{id:"T2"},3]]
 * ```
 */
export class JsonRecordSplitter {
  private readonly mode: "array" | "lines";
  private readonly onRecord: JsonRecordHandler;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escape = false;
  private started = false;
  private finished = false;
  private buf = "";
  private recordLine = 0;
  private failed = false;

  constructor(mode: "array" | "lines", onRecord: JsonRecordHandler) {
    this.mode = mode;
    this.onRecord = onRecord;
  }

  private emit(): void {
    const text = this.buf.trim();
    this.buf = "";
    if (text === "") return;
    try {
      this.onRecord(JSON.parse(text), this.recordLine, undefined);
    } catch (e) {
      this.onRecord(undefined, this.recordLine, (e as Error).message);
    }
  }

  /** Feed the next chunk of text. */
  write(chunk: string): void {
    if (this.failed) return;
    if (this.mode === "lines") {
      let start = 0;
      for (let i = 0; i < chunk.length; i++) {
        if (chunk.charCodeAt(i) === 10) {
          this.buf += chunk.slice(start, i);
          if (this.recordLine === 0) this.recordLine = this.line;
          this.emit();
          this.line++;
          this.recordLine = 0;
          start = i + 1;
        }
      }
      if (start < chunk.length) {
        if (this.recordLine === 0) this.recordLine = this.line;
        this.buf += chunk.slice(start);
      }
      return;
    }
    let segStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10) this.line++;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (!this.started) {
        if (c === 91) {
          this.started = true;
          segStart = i + 1;
        } else if (c > 32 && c !== 0xfeff) {
          this.failed = true;
          this.onRecord(undefined, this.line, "the file is not a JSON array of records");
          return;
        }
        continue;
      }
      if (this.finished) {
        if (c > 32) {
          this.failed = true;
          this.onRecord(undefined, this.line, "text after the end of the top-level array");
          return;
        }
        continue;
      }
      if (this.depth === 0 && this.recordLine === 0 && c > 32 && c !== 44 && c !== 93) this.recordLine = this.line;
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || (c === 93 && this.depth > 0)) this.depth--;
      else if (this.depth === 0 && (c === 44 || c === 93)) {
        this.buf += chunk.slice(segStart, i);
        segStart = i + 1;
        this.emit();
        this.recordLine = 0;
        if (c === 93) this.finished = true;
      }
    }
    if (this.started && !this.finished) this.buf += chunk.slice(segStart);
  }

  /** Flush; an array never closed is reported as an error at its last line. */
  end(): void {
    if (this.failed) return;
    if (this.mode === "lines") {
      if (this.buf.trim() !== "") this.emit();
      return;
    }
    if (!this.started) return;
    if (!this.finished) {
      this.onRecord(undefined, this.recordLine || this.line, "the JSON array is never closed (truncated file?)");
    }
  }
}

/**
 * Stream a JSON array file or an NDJSON file record by record.
 *
 * @example
 * ```ts
 * import { readJsonRecordsFile } from "wildtrace";
 * await readJsonRecordsFile("case/transactions.ndjson", "lines", (value, line) => console.log(line, value));
 * ```
 */
export async function readJsonRecordsFile(path: string, mode: "array" | "lines", onRecord: JsonRecordHandler): Promise<void> {
  const s = new JsonRecordSplitter(mode, onRecord);
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) s.write(chunk as string);
  s.end();
}

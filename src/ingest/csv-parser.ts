import { createReadStream } from "node:fs";

/** A problem with a CSV record that the parser itself can see. */
export type CsvRecordError = "field_too_large" | "unterminated_quote";

/** Options of {@link CsvParser}. */
export interface CsvParserOptions {
  /** Field delimiter. [default: ","] */
  delimiter?: string;
  /** Longest field kept, in characters; longer fields are cut and the record flagged. [default: 1_048_576] */
  maxFieldLength?: number;
}

/**
 * Called once per record: its cells, the physical line where it starts (line 1 is the first
 * line of the file) and, when the record is damaged, why.
 */
export type CsvRowHandler = (cells: string[], line: number, error: CsvRecordError | undefined) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * A streaming RFC 4180 CSV parser that reports the physical line of every record, so that
 * quarantine entries point at the line an analyst opens in an editor. Quoted fields may hold
 * delimiters, doubled quotes and line breaks; `\n` and `\r\n` both end a record; blank lines are
 * skipped. Feed it text chunks of any size with {@link CsvParser.write}, then call
 * {@link CsvParser.end}. Memory holds one record at a time; a field longer than
 * `maxFieldLength` is cut (the record is flagged `field_too_large`), so one enormous field cannot
 * take the process down.
 *
 * We wrote our own because the quarantine needs the physical line of each record, which the
 * readers measured in `docs/toolchain` do not report, and because a tight loop over character
 * codes is faster than they are.
 *
 * @example
 * ```ts
 * import { CsvParser } from "wildtrace";
 * const rows: [string[], number][] = [];
 * const p = new CsvParser((cells, line) => rows.push([cells, line]));
 * p.write('id,ref\n1,"two\nlines"\n2,x');
 * p.end();
 * rows; // [[["id","ref"],1], [["1","two\nlines"],2], [["2","x"],4]]
 * ```
 */
export class CsvParser {
  private readonly onRow: CsvRowHandler;
  private readonly delim: number;
  private readonly maxField: number;
  private cells: string[] = [];
  private field = "";
  private inQuotes = false;
  private pendingQuote = false;
  private skipLF = false;
  private fieldStarted = false;
  private line = 1;
  private recordLine = 1;
  private error: CsvRecordError | undefined;
  private bomChecked = false;

  constructor(onRow: CsvRowHandler, options: CsvParserOptions = {}) {
    this.onRow = onRow;
    const d = options.delimiter ?? ",";
    if (d.length !== 1 || d === '"' || d === "\n" || d === "\r") throw new TypeError("CsvParser: delimiter must be one character other than a quote or line break");
    this.delim = d.charCodeAt(0);
    this.maxField = options.maxFieldLength ?? 1_048_576;
  }

  private append(s: string): void {
    if (this.field.length + s.length > this.maxField) {
      this.error = "field_too_large";
      this.field += s.slice(0, Math.max(0, this.maxField - this.field.length));
    } else this.field += s;
  }

  private endField(): void {
    this.cells.push(this.field);
    this.field = "";
    this.fieldStarted = false;
  }

  private endRecord(): void {
    this.endField();
    const cells = this.cells;
    if (!(cells.length === 1 && cells[0] === "" && this.error === undefined)) this.onRow(cells, this.recordLine, this.error);
    this.cells = [];
    this.error = undefined;
  }

  /** Parse the next chunk of text. */
  write(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    if (!this.bomChecked) {
      this.bomChecked = true;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.skipLF) {
      this.skipLF = false;
      if (i < n && chunk.charCodeAt(i) === LF) i++;
    }
    if (this.pendingQuote && i < n) {
      this.pendingQuote = false;
      if (chunk.charCodeAt(i) === QUOTE) {
        this.append('"');
        i++;
      } else this.inQuotes = false;
    }
    const delim = this.delim;
    while (i < n) {
      if (this.inQuotes) {
        const q = chunk.indexOf('"', i);
        const end = q < 0 ? n : q;
        let nl = chunk.indexOf("\n", i);
        while (nl >= 0 && nl < end) {
          this.line++;
          nl = chunk.indexOf("\n", nl + 1);
        }
        if (end > i) this.append(chunk.slice(i, end));
        if (q < 0) return;
        if (q + 1 === n) {
          this.pendingQuote = true;
          return;
        }
        if (chunk.charCodeAt(q + 1) === QUOTE) {
          this.append('"');
          i = q + 2;
        } else {
          this.inQuotes = false;
          i = q + 1;
        }
        continue;
      }
      if (!this.fieldStarted && chunk.charCodeAt(i) === QUOTE && this.field === "") {
        this.inQuotes = true;
        this.fieldStarted = true;
        i++;
        continue;
      }
      let j = i;
      let c = 0;
      while (j < n) {
        c = chunk.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      if (j > i) {
        this.append(chunk.slice(i, j));
        this.fieldStarted = true;
      }
      if (j === n) return;
      if (c === delim) {
        this.endField();
        i = j + 1;
      } else {
        this.endRecord();
        this.line++;
        this.recordLine = this.line;
        if (c === CR) {
          if (j + 1 < n) {
            i = chunk.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
          } else {
            this.skipLF = true;
            i = j + 1;
          }
        } else i = j + 1;
      }
    }
  }

  /** Flush the last record. A quoted field still open at the end flags it `unterminated_quote`. */
  end(): void {
    if (this.pendingQuote) {
      this.pendingQuote = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) {
      this.error = "unterminated_quote";
      this.inQuotes = false;
      this.endRecord();
      return;
    }
    if (this.field !== "" || this.cells.length > 0 || this.fieldStarted) this.endRecord();
  }
}

/**
 * Stream a CSV file through a {@link CsvParser}; resolves when the file has been read.
 *
 * @example
 * ```ts
 * import { readCsvFile } from "wildtrace";
 * let rows = 0;
 * await readCsvFile("datasets/mini/transactions.csv", () => { rows++; });
 * ```
 */
export async function readCsvFile(path: string, onRow: CsvRowHandler, options: CsvParserOptions = {}): Promise<void> {
  const parser = new CsvParser(onRow, options);
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 });
  for await (const chunk of stream) parser.write(chunk as string);
  parser.end();
}

import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { asciiText } from "../_lib/ascii-text.js";
import { CsvParser, type CsvParserOptions, type CsvRowHandler } from "./csv-parser.js";

/**
 * One CSV record seen in place, in the bytes of the file: cell `k` is `buf[start[k]..end[k])`.
 * Valid only during the callback (the buffer is reused).
 */
export interface CsvRecordView {
  /** The bytes holding the record. */
  buf: Buffer;
  /** Number of cells. */
  count: number;
  /** Start of each cell's content (after an opening quote). */
  readonly start: Int32Array;
  /** End of each cell's content (before a closing quote). */
  readonly end: Int32Array;
  /** Per cell: 0 unquoted, 1 quoted, 2 quoted with doubled quotes inside. */
  readonly quoted: Uint8Array;
  /** Whether the record holds bytes outside ASCII (decode its cells as UTF-8). */
  utf8: boolean;
}

/**
 * The text of cell `k` of a record view, exactly as {@link CsvParser} gives it.
 *
 * @example
 * ```ts
 * import { scanCsvFile, viewCell } from "wildtrace";
 * await scanCsvFile("datasets/mini/transactions.csv", (view) => { viewCell(view, 0); }, () => {});
 * ```
 */
export function viewCell(view: CsvRecordView, k: number): string {
  const s = view.start[k];
  const e = view.end[k];
  if (s === e) return "";
  if (view.quoted[k] === 2) return view.buf.toString(view.utf8 ? "utf8" : "latin1", s, e).replaceAll('""', '"');
  return view.utf8 ? view.buf.toString("utf8", s, e) : asciiText(view.buf, s, e);
}

/**
 * The cells of a record view as strings.
 *
 * @example
 * ```ts
 * import { scanCsvFile, viewCells } from "wildtrace";
 * const rows: string[][] = [];
 * await scanCsvFile("datasets/mini/fx.csv", (view) => rows.push(viewCells(view)), (cells) => rows.push(cells));
 * rows[0]; // ["currency", "date", "rate"]
 * ```
 */
export function viewCells(view: CsvRecordView): string[] {
  const cells = new Array<string>(view.count);
  for (let k = 0; k < view.count; k++) cells[k] = viewCell(view, k);
  return cells;
}

/** Called once per regular record with a view of its cells and its first physical line. */
export type CsvViewHandler = (view: CsvRecordView, line: number) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Options of {@link scanCsvFile}: those of {@link CsvParser}, plus buffer sizes. */
export interface CsvScanOptions extends CsvParserOptions {
  /** Bytes read from the file at a time. [default: 4_194_304] */
  chunkBytes?: number;
  /** A record longer than this many bytes hands the rest of the file to the string parser. [default: 67_108_864] */
  maxRecordBytes?: number;
}

const SCAN_DEFAULTS = Object.freeze({ chunkBytes: 1 << 22, maxRecordBytes: 1 << 26 });

/**
 * Scans CSV bytes record by record with the exact semantics of {@link CsvParser} (RFC 4180 quotes,
 * `\n`, `\r\n` and `\r` record ends, blank lines skipped, physical line numbers), but without
 * decoding the file to a string: regular records are handed over as {@link CsvRecordView}s whose
 * cells are byte ranges, so a reader can decode only what it needs. Irregular records (text after
 * a closing quote, a field longer than `maxFieldLength`, an unterminated quote) are re-parsed by a
 * {@link CsvParser} and delivered as cells with its error flag, so both paths agree by construction.
 */
class CsvByteScanner {
  private readonly delim: number;
  private readonly maxField: number;
  private readonly view: CsvRecordView;
  line = 1;

  constructor(
    private readonly onView: CsvViewHandler,
    private readonly onCells: CsvRowHandler,
    private readonly options: CsvParserOptions,
  ) {
    const d = options.delimiter ?? ",";
    if (d.length !== 1 || d === '"' || d === "\n" || d === "\r") throw new TypeError("scanCsvFile: delimiter must be one character other than a quote or line break");
    this.delim = d.charCodeAt(0);
    this.maxField = options.maxFieldLength ?? 1_048_576;
    this.view = { buf: Buffer.alloc(0), count: 0, start: new Int32Array(64), end: new Int32Array(64), quoted: new Uint8Array(64), utf8: false };
  }

  /** Re-parse one irregular record's bytes with the string parser, keeping its line numbers. */
  private delegate(buf: Buffer, from: number, to: number, line: number): void {
    const offset = line - 1;
    const p = new CsvParser((cells, l, error) => this.onCells(cells, l + offset, error), this.options);
    p.write(""); // a BOM was handled at the start of the file, not here
    p.write(buf.toString("utf8", from, to));
    p.end();
  }

  private grow(): void {
    const v = this.view;
    const n = v.start.length * 2;
    const start = new Int32Array(n);
    start.set(v.start);
    const end = new Int32Array(n);
    end.set(v.end);
    const quoted = new Uint8Array(n);
    quoted.set(v.quoted);
    Object.assign(v, { start, end, quoted });
  }

  /**
   * Scan the complete records of `buf[from..len)`; returns where the first incomplete record
   * starts (`len` when none). With `eof`, the last record is complete whatever its end.
   */
  scan(buf: Buffer, from: number, len: number, eof: boolean): number {
    const delim = this.delim;
    const maxField = this.maxField;
    const special = Math.max(delim, LF, CR);
    const view = this.view;
    view.buf = buf;
    let start = view.start;
    let end = view.end;
    let quoted = view.quoted;
    let p = from;
    while (p < len) {
      const recStart = p;
      let lines = 0;
      let nf = 0;
      let high = 0;
      let irregular = false;
      let recEnd = -1;
      for (;;) {
        let fs: number;
        let fe: number;
        let q = 0;
        if (p >= len) {
          if (!eof) return recStart;
          fs = fe = p;
        } else if (buf[p] === QUOTE) {
          q = 1;
          p++;
          fs = p;
          for (;;) {
            if (p >= len) {
              if (!eof) return recStart;
              irregular = true; // unterminated quote: the string parser flags it
              break;
            }
            const c = buf[p];
            if (c === QUOTE) {
              if (p + 1 >= len && !eof) return recStart;
              if (p + 1 < len && buf[p + 1] === QUOTE) {
                q = 2;
                p += 2;
                continue;
              }
              break;
            }
            if (c === LF) lines++;
            high |= c;
            p++;
          }
          fe = p;
          if (p < len) p++; // the closing quote
          if (p < len) {
            let c = buf[p];
            if (c !== delim && c !== LF && c !== CR) {
              irregular = true; // text after the closing quote belongs to the field
              while (p < len) {
                c = buf[p];
                if (c === delim || c === LF || c === CR) break;
                p++;
              }
              if (p >= len && !eof) return recStart;
            }
          } else if (!eof) return recStart;
        } else {
          fs = p;
          while (p < len) {
            const c = buf[p];
            // Letters and digits are above every special byte when the delimiter is ',' or a tab: one test each.
            if (c > special) {
              high |= c;
              p++;
              continue;
            }
            if (c === delim || c === LF || c === CR) break;
            high |= c;
            p++;
          }
          if (p >= len && !eof) return recStart;
          fe = p;
        }
        if (fe - fs > maxField) irregular = true;
        if (nf === start.length) {
          this.grow();
          start = view.start;
          end = view.end;
          quoted = view.quoted;
        }
        start[nf] = fs;
        end[nf] = fe;
        quoted[nf] = q;
        nf++;
        if (p >= len) {
          recEnd = p;
          break;
        }
        const c = buf[p];
        if (c === delim) {
          p++;
          continue;
        }
        recEnd = p;
        if (c === CR) {
          if (p + 1 >= len) {
            if (!eof) return recStart;
            p++;
          } else p += buf[p + 1] === LF ? 2 : 1;
        } else p++;
        break;
      }
      const line = this.line;
      this.line = line + lines + 1;
      if (irregular) this.delegate(buf, recStart, recEnd, line);
      else if (nf === 1 && start[0] === end[0]) continue;
      else {
        view.count = nf;
        view.utf8 = (high & 0x80) !== 0;
        this.onView(view, line);
      }
    }
    return p;
  }
}

/**
 * Stream a CSV file record by record: regular records as byte views (see {@link CsvRecordView}),
 * irregular ones as cells with {@link CsvParser}'s error flag. The cells and line numbers are
 * exactly those {@link readCsvFile} gives; the difference is speed (no string per cell unless the
 * reader asks for it). Memory holds `chunkBytes` of the file at a time (more only for a longer
 * record); a record longer than `maxRecordBytes` hands the rest of the file to the string parser,
 * which caps fields at `maxFieldLength`, so a stray quote cannot pull a whole file into memory.
 *
 * @example
 * ```ts
 * import { scanCsvFile, viewCell } from "wildtrace";
 * let ids = 0;
 * await scanCsvFile("datasets/mini/transactions.csv", (view, line) => { if (line > 1 && viewCell(view, 0) !== "") ids++; }, () => {});
 * ```
 */
export async function scanCsvFile(path: string, onView: CsvViewHandler, onCells: CsvRowHandler, options: CsvScanOptions = {}): Promise<void> {
  const { chunkBytes, maxRecordBytes, ...parserOptions } = { ...SCAN_DEFAULTS, ...options };
  const scanner = new CsvByteScanner(onView, onCells, parserOptions);
  const fh = await open(path, "r");
  try {
    let buf = Buffer.allocUnsafe(Math.max(4, chunkBytes));
    let len = 0;
    let pos = 0;
    let first = true;
    for (;;) {
      if (pos > 0) {
        buf.copyWithin(0, pos, len);
        len -= pos;
        pos = 0;
      }
      if (len === buf.length) {
        if (buf.length >= maxRecordBytes) {
          await handOver(fh, buf, len, scanner.line, onCells, parserOptions, chunkBytes);
          return;
        }
        const next = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(next, 0, 0, len);
        buf = next;
      }
      const { bytesRead } = await fh.read(buf, len, buf.length - len, null);
      len += bytesRead;
      const eof = bytesRead === 0;
      if (first && (len >= 3 || eof)) {
        first = false;
        if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
      }
      if (first) continue;
      pos = scanner.scan(buf, pos, len, eof);
      if (eof) return;
    }
  } finally {
    await fh.close();
  }
}

/** Give the rest of the file (starting with an over-long record) to the string parser. */
async function handOver(fh: Awaited<ReturnType<typeof open>>, buf: Buffer, len: number, line: number, onCells: CsvRowHandler, options: CsvParserOptions, chunkBytes: number): Promise<void> {
  const offset = line - 1;
  const parser = new CsvParser((cells, l, error) => onCells(cells, l + offset, error), options);
  parser.write("");
  const decoder = new StringDecoder("utf8");
  parser.write(decoder.write(buf.subarray(0, len)));
  const chunk = Buffer.allocUnsafe(Math.max(4, chunkBytes));
  for (;;) {
    const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    parser.write(decoder.write(chunk.subarray(0, bytesRead)));
  }
  parser.write(decoder.end());
  parser.end();
}

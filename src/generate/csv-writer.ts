import { closeSync, openSync, writeSync } from "node:fs";

/**
 * A buffered, synchronous CSV file writer: rows are joined into chunks of about a megabyte and
 * written with one system call each, so ten million rows stream out without being held.
 */
export interface CsvWriter {
  /** Append one already-formatted line (without the newline). */
  line(text: string): void;
  /** Append a row of cells, quoting the ones that need it. */
  row(cells: readonly string[]): void;
  /** Flush and close; returns rows written (header excluded) and bytes. */
  close(): { rows: number; bytes: number };
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * Quote a CSV cell when it holds a comma, quote, newline or leading/trailing space. Generated data
 * never starts a cell with a formula character, so no neutralisation is needed here.
 *
 * @example
 * ```ts
 * csvCell('white gold, 2 boxes'); // '"white gold, 2 boxes"'
 * ```
 */
export function csvCell(value: string): string {
  if (NEEDS_QUOTES.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Open `path` for writing and write the header.
 *
 * @example
 * ```ts
 * const w = openCsv("out/accounts.csv", ["id", "holder"]);
 * w.row(["TZ-0000001", "P0000001"]);
 * w.close();
 * ```
 */
export function openCsv(path: string, header: readonly string[]): CsvWriter {
  const fd = openSync(path, "w");
  const buf = Buffer.allocUnsafe(1 << 22);
  let off = 0;
  let rows = -1;
  let bytes = 0;
  const flush = () => {
    if (off === 0) return;
    writeSync(fd, buf, 0, off);
    bytes += off;
    off = 0;
  };
  const line = (text: string) => {
    // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
    if (off + text.length * 3 + 1 > buf.length) {
      flush();
      if (text.length * 3 + 1 > buf.length) {
        const big = Buffer.from(`${text}\n`, "utf8");
        writeSync(fd, big);
        bytes += big.length;
        rows++;
        return;
      }
    }
    off += buf.write(text, off, "utf8");
    buf[off++] = 10;
    rows++;
  };
  line(header.join(","));
  return {
    line,
    row: (cells) => line(cells.map(csvCell).join(",")),
    close: () => {
      flush();
      closeSync(fd);
      return { rows, bytes };
    },
  };
}

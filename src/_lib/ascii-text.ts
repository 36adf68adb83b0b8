/**
 * The text of ASCII bytes `buf[s..e)`: short ones (ids) by `String.fromCharCode`, which skips
 * the native call and encoding dispatch of `Buffer#toString` (a third of the cost of making a
 * million id strings); longer ones by `toString("latin1")`, the same text for ASCII. Shared by the
 * CSV reader and the text columns; not exported from the package.
 *
 * @example
 * ```ts
 * import { asciiText } from "./ascii-text.js";
 * asciiText(Buffer.from("T1,2024"), 0, 2); // "T1"
 * ```
 */
export function asciiText(buf: Buffer, s: number, e: number): string {
  const f = String.fromCharCode;
  switch (e - s) {
    case 1:
      return f(buf[s]);
    case 2:
      return f(buf[s], buf[s + 1]);
    case 3:
      return f(buf[s], buf[s + 1], buf[s + 2]);
    case 4:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3]);
    case 5:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4]);
    case 6:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5]);
    case 7:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6]);
    case 8:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6], buf[s + 7]);
    case 9:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6], buf[s + 7], buf[s + 8]);
    case 10:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6], buf[s + 7], buf[s + 8], buf[s + 9]);
    case 11:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6], buf[s + 7], buf[s + 8], buf[s + 9], buf[s + 10]);
    case 12:
      return f(buf[s], buf[s + 1], buf[s + 2], buf[s + 3], buf[s + 4], buf[s + 5], buf[s + 6], buf[s + 7], buf[s + 8], buf[s + 9], buf[s + 10], buf[s + 11]);
    default:
      return buf.toString("latin1", s, e);
  }
}

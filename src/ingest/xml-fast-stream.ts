import { StringDecoder } from "node:string_decoder";
import type { SaxesParser } from "saxes";
import type { XmlNode, XmlStreamOptions, XmlStreamProblem } from "./goaml-xml.js";
import { saxesTreeParser } from "./xml-saxes-stream.js";
import { XmlTreeBuilder, xmlLocalName } from "./xml-tree.js";

/*
 * A byte tokenizer for the narrow XML that goAML exports are made of: elements, attributes,
 * text with the five predefined entities and character references, CDATA, comments and an XML
 * declaration. It is safe by construction because it is narrow: at the first token it does not
 * know for certain how saxes would read (a DOCTYPE, a processing instruction, any other entity,
 * a disallowed character, a mismatched tag, a second root, the end of the input...), it hands the
 * rest of the input, from that token on, to a saxes parser put in the same state (open elements
 * and line), so DTD policy, entity refusal and every error message and line come from saxes.
 * Before the root element it keeps the bytes read and replays them to saxes from the start.
 *
 * It works on each chunk as bytes and as a one-byte (latin1) string of the same bytes, so that
 * `indexOf` and `charCodeAt` run on native strings, and decodes UTF-8 only for text that has
 * non-ASCII bytes. Strings it keeps are fresh copies (never slices of the chunk), so memory
 * follows the records kept, not the file.
 */

const LT = 60;
const GT = 62;
const SLASH = 47;
const BANG = 33;
const AMP = 38;
const CR = 13;
const NL = 10;
const TAB = 9;
const SPACE = 32;
const DQUOTE = 34;
const SQUOTE = 39;
const EQUALS = 61;
const CLOSE_BRACKET = 93;

/** Token parse results other than the position after the token. */
const INCOMPLETE = -1;
const BAIL = -2;

/** ASCII name characters (XML NameStartChar / NameChar restricted to ASCII; others go to saxes). */
const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58;
  NAME_START[c] = start ? 1 : 0;
  NAME_CHAR[c] = start || (c >= 48 && c <= 57) || c === 45 || c === 46 ? 1 : 0;
}

/**
 * Bytes that need a careful look in text, comments and CDATA: control characters (disallowed, or
 * CR, which is a line end), `&` (an entity), `]` (`]]>` is disallowed in text) and non-ASCII
 * bytes (UTF-8, maybe U+FFFE/U+FFFF, which are disallowed).
 */
const SPECIAL = new Uint8Array(256);
for (let c = 0; c < 256; c++) SPECIAL[c] = (c < 0x20 && c !== 9 && c !== 10) || c === 38 || c === 93 || c >= 0x80 ? 1 : 0;

const XML_DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"1\.0"|'1\.0')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>$/;

/** Bytes of one unfinished token beyond which the rest of the input is handed to saxes. */
const MAX_PENDING = 4 << 20;

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function isSpace(c: number): boolean {
  return c === SPACE || c === NL || c === TAB || c === CR;
}

function isChar10(n: number): boolean {
  return n === TAB || n === NL || n === CR || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);
}

/**
 * The internalised copy of a string (the one V8 keeps for property keys and literals): element
 * names are compared with literals (`c.name === "account"`) millions of times, and two
 * internalised strings compare by pointer.
 */
function internalise(s: string): string {
  return Object.keys({ [s]: 0 })[0];
}

function normaliseLineEnds(s: string): string {
  return s.replace(/\r\n?/g, "\n");
}

/** Decode the entities of text as saxes does, or undefined when one is not predefined or valid. */
function decodeEntities(s: string, cr: boolean): string | undefined {
  let out = "";
  let from = 0;
  for (let k = s.indexOf("&"); k !== -1; k = s.indexOf("&", from)) {
    const piece = s.slice(from, k);
    out += cr ? normaliseLineEnds(piece) : piece;
    const semi = s.indexOf(";", k + 1);
    if (semi === -1) return undefined;
    const name = s.slice(k + 1, semi);
    let value: string | undefined;
    if (name.charCodeAt(0) === 35) {
      let num = Number.NaN;
      if (name.charCodeAt(1) === 120 && /^#x[0-9a-f]+$/i.test(name)) num = Number.parseInt(name.slice(2), 16);
      else if (/^#[0-9]+$/.test(name)) num = Number.parseInt(name.slice(1), 10);
      if (!isChar10(num)) return undefined;
      value = String.fromCodePoint(num);
    } else {
      value = Object.hasOwn(PREDEFINED, name) ? PREDEFINED[name] : undefined;
      if (value === undefined) return undefined;
    }
    out += value;
    from = semi + 1;
  }
  const tail = s.slice(from);
  return out + (cr ? normaliseLineEnds(tail) : tail);
}

/**
 * Element names met so far are kept in a trie over their ASCII name characters: reading a known
 * name is one table step per character (no hashing, no string, no comparison), and two names are
 * the same name exactly when they end in the same trie state. Bounded: a hostile file with
 * millions of names cannot grow it, the names beyond it are read the slow way.
 */
const NAME_CLASS = new Uint8Array(128);
let nameClasses = 0;
for (let c = 0; c < 128; c++) if (NAME_CHAR[c] === 1) NAME_CLASS[c] = ++nameClasses;
const TRIE_STRIDE = nameClasses + 1;
const TRIE_STATES = 8192;

class FastXmlTokenizer {
  /** The bytes being read: the unread rest of the previous chunk and the current chunk. */
  private data: Buffer = Buffer.alloc(0);
  /** The same bytes as a one-byte string. */
  private str = "";
  /** Line of the last position asked of lineAt (of the first position of `data` at first). */
  private line = 1;
  /** Column (see columnAt) of the first position of `data`. */
  private column = 0;
  /** Next `\n` and `\r` after the last position asked of lineAt, or Infinity. */
  private nl = -1;
  private cr = -1;
  /** Bytes read before the root element opened, to replay to saxes from the start. */
  private prolog: Buffer[] | undefined = [];
  private prologBytes = 0;
  private atStart = true;
  private sawRoot = false;
  private rootClosed = false;
  /** Raw names of the open elements, the root first. */
  private readonly open: string[] = [];
  /** Trie states of the open elements' names (0: a name outside the trie). */
  private readonly openStates: number[] = [];
  /** The name trie: `trie[state * TRIE_STRIDE + class]` is the next state, 0 for none. */
  private readonly trie = new Uint16Array(TRIE_STATES * TRIE_STRIDE);
  private trieStates = 1;
  /**
   * The name (trie state) of the start tag that came last time after the start (`2 * state`) or
   * the end (`2 * state + 1`) of each element: goAML repeats the same sequence of tags in every
   * transaction, so the guess is checked by comparing characters with one hot string.
   */
  private readonly follow = new Uint16Array(TRIE_STATES * 2);
  private slot = 0;
  /** Per trie state, the raw and local name ending there, if one does. */
  private readonly rawNames: (string | undefined)[] = [];
  private readonly localNames: string[] = [];
  /**
   * Per trie state, the last plain text read in an element of that name: goAML repeats the same
   * values (institution, currency, country, codes) in every transaction, and handing over the
   * same string again saves making one, and its hash is already known to the maps it meets.
   */
  private readonly lastText: (string | undefined)[] = new Array(TRIE_STATES).fill(undefined);
  /** Per trie state, the name's bytes and its whole little-endian 32-bit words. */
  private readonly nameBytes: Uint8Array[] = [];
  private readonly nameWords: Int32Array[] = [];
  /** A view of `data` to read four bytes at once. */
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
  private rawName = "";
  private localName = "";
  private nameState = 0;
  /** Once the input is handed over: the saxes parser reading the rest. */
  private saxes: SaxesParser | undefined;
  private readonly decoder = new StringDecoder("utf8");
  private rest: Buffer | undefined;
  /** Where in `data` (and then in `rest`) the input chunks after the first begin. */
  private bounds: number[] = [];

  constructor(private readonly tree: XmlTreeBuilder) {}

  write(chunk: Buffer): void {
    if (this.saxes) {
      this.saxes.write(this.decoder.write(chunk));
      return;
    }
    if (this.prolog) {
      this.prolog.push(chunk);
      this.prologBytes += chunk.length;
    }
    const rest = this.rest;
    const data = rest !== undefined ? Buffer.concat([rest, chunk]) : chunk;
    if (rest !== undefined) this.bounds.push(rest.length);
    this.rest = undefined;
    this.data = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.length);
    this.str = data.toString("latin1", 0, data.length);
    this.nl = this.find("\n", 0);
    this.cr = this.find("\r", 0);
    const stop = this.run();
    if (stop < 0) return;
    if (this.prolog && this.prologBytes > 1 << 20) {
      // A megabyte before the root element is not a goAML report's prolog: let saxes judge it.
      this.bail(stop);
      return;
    }
    if (data.length - stop > MAX_PENDING) {
      // One token of several megabytes (an enormous text): saxes reads it in linear time, where
      // joining each chunk to the pending bytes would take quadratic time.
      this.bail(stop);
      return;
    }
    this.lineAt(stop);
    this.column = this.columnAt(stop);
    // A copy: the unread bytes must not keep the whole chunk alive until the next one.
    this.rest = stop < data.length ? Buffer.from(data.subarray(stop)) : undefined;
    this.bounds = this.rest === undefined ? [] : this.bounds.filter((b) => b > stop).map((b) => b - stop);
  }

  end(): void {
    if (!this.saxes) {
      if (this.tree.problem) return;
      this.data = this.rest ?? Buffer.alloc(0);
      this.str = "";
      this.nl = Number.POSITIVE_INFINITY;
      this.cr = Number.POSITIVE_INFINITY;
      this.bail(0);
    }
    const saxes = this.saxes!;
    const tail = this.decoder.end();
    if (tail) saxes.write(tail);
    saxes.close();
  }

  /**
   * saxes' column of position `q` (code points since the last line end), for its error messages.
   */
  private columnAt(q: number): number {
    const str = this.str;
    let p = q - 1;
    while (p >= 0) {
      const c = str.charCodeAt(p);
      if (c === NL || c === CR) break;
      p--;
    }
    let column = p < 0 ? this.column : 0;
    let ascii = true;
    for (let j = p + 1; j < q && ascii; j++) ascii = str.charCodeAt(j) < 0x80;
    if (ascii) return column + (q - (p + 1));
    // Decoded as saxes gets it (invalid bytes become U+FFFD): `q` and the line start are ASCII, so the piece decodes as in the stream.
    for (const _ of this.data.toString("utf8", p + 1, q)) column++;
    return column;
  }

  private find(s: string, from: number): number {
    const k = this.str.indexOf(s, from);
    return k === -1 ? Number.POSITIVE_INFINITY : k;
  }

  /** Whether positions `a` to `b` hold a byte that needs a careful look (see SPECIAL). */
  private special(a: number, b: number): boolean {
    const str = this.str;
    for (let j = a; j < b; j++) if (SPECIAL[str.charCodeAt(j)] === 1) return true;
    return false;
  }

  /** The line of position `q` (not before the last position asked): saxes counts `\n`, `\r\n` and a lone `\r` as one line end. */
  private lineAt(q: number): number {
    let line = this.line;
    const str = this.str;
    while (this.nl < q) {
      line++;
      this.nl = this.find("\n", this.nl + 1);
    }
    while (this.cr < q) {
      if (str.charCodeAt(this.cr + 1) !== NL) line++;
      this.cr = this.find("\r", this.cr + 1);
    }
    this.line = line;
    return line;
  }

  /**
   * Hand the input from position `at` of the current data on to saxes: before the root element,
   * saxes reads everything again from the first byte; after it, a fresh saxes parser is given the
   * open elements (muted) and the line, then the rest.
   */
  private bail(at: number): void {
    const tree = this.tree;
    const saxes = saxesTreeParser(tree);
    this.saxes = saxes;
    tree.detach = true;
    if (this.prolog) {
      const chunks = this.prolog;
      this.prolog = undefined;
      for (const c of chunks) saxes.write(this.decoder.write(c));
      return;
    }
    const line = this.lineAt(at);
    const column = this.columnAt(at);
    tree.muted = true;
    let prefix = "";
    for (const name of this.open) prefix += `<${name}>`;
    if (this.rootClosed) prefix = `<${this.rawRoot}></${this.rawRoot}>`;
    saxes.write(prefix);
    tree.muted = false;
    saxes.line = line;
    saxes.column = column;
    // In the chunks the input came in: saxes reports some errors at the end of a chunk.
    let from = at;
    for (const b of this.bounds) {
      if (b <= from) continue;
      saxes.write(this.decoder.write(this.data.subarray(from, b)));
      from = b;
    }
    saxes.write(this.decoder.write(this.data.subarray(from)));
  }

  private rawRoot = "";

  /** Read the tokens of the current data; the position of the first incomplete token, or -1 when handed to saxes or stopped. */
  private run(): number {
    const str = this.str;
    const n = str.length;
    const tree = this.tree;
    let i = 0;
    if (this.atStart) {
      const r = this.start();
      if (r === INCOMPLETE) return 0;
      if (r === BAIL) {
        this.bail(0);
        return -1;
      }
      i = r;
    }
    while (i < n) {
      let r: number;
      if (str.charCodeAt(i) !== LT) {
        const k = str.indexOf("<", i);
        if (k === -1) return i;
        if (!this.text(i, k)) {
          this.bail(i);
          return -1;
        }
        i = k;
        continue;
      }
      if (i + 1 >= n) return i;
      const c1 = str.charCodeAt(i + 1);
      if (c1 < 128 && NAME_START[c1] === 1) {
        // A known name without attributes: the name that came after the same tag last time, else
        // one trie step per character.
        let state = this.follow[this.slot];
        if (state !== 0) {
          const end = i + 1 + this.nameBytes[state].length;
          const c = str.charCodeAt(end);
          if (this.matches(state, i + 1) && !(c < 128 && NAME_CHAR[c] === 1)) this.walkEnd = end;
          else state = 0;
        }
        if (state === 0) state = this.walk(i + 1);
        const raw = state === 0 ? undefined : this.rawNames[state];
        if (raw !== undefined && this.sawRoot && !this.rootClosed) {
          const j = this.walkEnd;
          const c = str.charCodeAt(j);
          if (c === GT || (c === SLASH && str.charCodeAt(j + 1) === GT)) {
            const gt = c === GT ? j : j + 1;
            if (c === GT && tree.wantsText()) {
              const end = this.leaf(state, gt);
              if (end !== -1) {
                i = end;
                continue;
              }
            }
            this.open.push(raw);
            this.openStates.push(state);
            this.follow[this.slot] = state;
            this.slot = state * 2;
            tree.open(raw, this.localNames[state], this.lineAt(gt));
            if (c === SLASH) this.closeElement();
            i = gt + 1;
            continue;
          }
        }
        r = this.startTag(i);
      } else if (c1 === SLASH) {
        // The end tag of the open element: compared with its name.
        const top = this.openStates.length === 0 ? 0 : this.openStates[this.openStates.length - 1];
        if (top !== 0 && this.matches(top, i + 2)) {
          const end = i + 2 + this.nameBytes[top].length;
          if (str.charCodeAt(end) === GT) {
            this.closeElement();
            i = end + 1;
            continue;
          }
        }
        r = this.endTag(i);
      }
      else if (c1 === BANG) r = this.bang(i);
      else r = BAIL;
      if (r === INCOMPLETE) return i;
      if (r === BAIL) {
        this.bail(i);
        return -1;
      }
      if (tree.problem) return -1;
      i = r;
    }
    return i;
  }

  /** Byte order mark and XML declaration at the start of the input. */
  private start(): number {
    const str = this.str;
    const n = str.length;
    if (n < 3) return INCOMPLETE;
    const p = str.charCodeAt(0) === 0xef && str.charCodeAt(1) === 0xbb && str.charCodeAt(2) === 0xbf ? 3 : 0;
    if (n - p < 5) return INCOMPLETE;
    this.atStart = false;
    if (!str.startsWith("<?xml", p)) return p;
    const e = str.indexOf("?>", p);
    if (e === -1) {
      this.atStart = true;
      return n > 4096 ? BAIL : INCOMPLETE;
    }
    return XML_DECL.test(str.slice(p, e + 2)) ? e + 2 : BAIL;
  }

  /** Text from `a` to `b` (the next `<`); false when saxes must read it. */
  private text(a: number, b: number): boolean {
    const str = this.str;
    const tree = this.tree;
    if (this.open.length === 0) {
      // Outside the root element only white space is allowed.
      for (let j = a; j < b; j++) if (!isSpace(str.charCodeAt(j))) return false;
      return true;
    }
    // The same bytes as the last plain text of an element of this name: plain too, so no byte needs a look.
    const repeated = this.repeatedText(a, b);
    if (repeated !== undefined) {
      if (tree.wantsText()) tree.text(repeated);
      return true;
    }
    if (!this.special(a, b)) {
      if (!tree.wantsText()) return true;
      const c = str.charCodeAt(a);
      if (c === SPACE || c === NL || c === TAB) {
        let j = a + 1;
        while (j < b && isSpace(str.charCodeAt(j))) j++;
        if (j === b) {
          tree.space(() => this.slice(a, b));
          return true;
        }
      }
      tree.text(this.plainText(a, b));
      return true;
    }
    let amp = false;
    let cr = false;
    let high = false;
    for (let j = a; j < b; j++) {
      const c = str.charCodeAt(j);
      if (c < SPACE) {
        if (c === CR) cr = true;
        else if (c !== NL && c !== TAB) return false;
      } else if (c === AMP) amp = true;
      else if (c >= 0x80) {
        high = true;
        if (c === 0xef && str.charCodeAt(j + 1) === 0xbf && (str.charCodeAt(j + 2) & 0xfe) === 0xbe) return false;
      } else if (c === GT && j - 2 >= a && str.charCodeAt(j - 1) === CLOSE_BRACKET && str.charCodeAt(j - 2) === CLOSE_BRACKET) return false;
    }
    if (!amp && !tree.wantsText()) return true;
    let s = high ? this.data.toString("utf8", a, b) : this.data.toString("latin1", a, b);
    if (amp) {
      const decoded = decodeEntities(s, cr);
      if (decoded === undefined) return false;
      s = decoded;
    } else if (cr) s = normaliseLineEnds(s);
    tree.text(s);
    return true;
  }

  /**
   * A whole leaf element inside a child of the root, `<name>plain text</name>`, whose start tag
   * (trie state `state`) ends at `gt`: handed to the tree as one node, the position after its
   * end tag returned. -1 (nothing done) for anything else (an element with children, a comment,
   * an entity, a CR, a non-ASCII byte, a space in the end tag, the end of the data...): the
   * general path reads it. The tree gets what the general path would give it (the same node), and
   * the same state is left behind (line, tag guesses, remembered texts).
   */
  private leaf(state: number, gt: number): number {
    const str = this.str;
    const a = gt + 1;
    const k = str.indexOf("<", a);
    if (k === -1 || str.charCodeAt(k + 1) !== SLASH || !this.matches(state, k + 2)) return -1;
    const end = k + 2 + this.nameBytes[state].length;
    if (str.charCodeAt(end) !== GT) return -1;
    let text = "";
    if (k > a) {
      const repeated = this.repeatedTextOf(state, a, k);
      if (repeated !== undefined) text = repeated;
      else {
        if (this.special(a, k)) return -1;
        let j = a;
        while (j < k && isSpace(str.charCodeAt(j))) j++;
        // Only white space: dropped, as by the general path (see XmlTreeBuilder.space).
        if (j < k) text = this.plainTextOf(state, a, k);
      }
    }
    this.follow[this.slot] = state;
    this.slot = state * 2 + 1;
    this.tree.leaf(this.localNames[state], text, this.lineAt(gt));
    return end + 1;
  }

  /** The last plain text read in an element of the open element's name, if bytes `a` to `b` are the same. */
  private repeatedText(a: number, b: number): string | undefined {
    const states = this.openStates;
    return this.repeatedTextOf(states[states.length - 1], a, b);
  }

  /** The last plain text read in an element of trie state `state`, if bytes `a` to `b` are the same. */
  private repeatedTextOf(state: number, a: number, b: number): string | undefined {
    const last = this.lastText[state];
    if (last === undefined || last.length !== b - a) return undefined;
    // Compared from the end: values that differ (ids, amounts) usually differ in their last characters.
    const str = this.str;
    for (let k = b - a - 1; k >= 0; k--) if (str.charCodeAt(a + k) !== last.charCodeAt(k)) return undefined;
    return last;
  }

  /**
   * A fresh string of plain ASCII bytes `a` to `b` (text of the open element, not only white
   * space), remembered for {@link repeatedText}.
   */
  private plainText(a: number, b: number): string {
    const states = this.openStates;
    return this.plainTextOf(states[states.length - 1], a, b);
  }

  /** {@link plainText} in an element of trie state `state`. */
  private plainTextOf(state: number, a: number, b: number): string {
    const s = this.slice(a, b);
    if (state !== 0) this.lastText[state] = s;
    return s;
  }

  /** A fresh string of ASCII bytes `a` to `b` (short substrings are copies; longer ones would be slices of the chunk). */
  private slice(a: number, b: number): string {
    return b - a < 13 ? this.str.substring(a, b) : this.data.toString("latin1", a, b);
  }

  /** Look up (or add) the name at `a`..`b` (ASCII name characters); sets rawName, localName and nameState. */
  private intern(a: number, b: number): void {
    const str = this.str;
    const trie = this.trie;
    let state = 0;
    for (let j = a; j < b; j++) {
      const at = state * TRIE_STRIDE + NAME_CLASS[str.charCodeAt(j)];
      let next = trie[at];
      if (next === 0) {
        if (this.trieStates >= TRIE_STATES) {
          state = 0;
          break;
        }
        next = this.trieStates++;
        trie[at] = next;
      }
      state = next;
    }
    const known = state === 0 ? undefined : this.rawNames[state];
    if (known !== undefined) {
      this.rawName = known;
      this.localName = this.localNames[state];
    } else {
      this.rawName = this.slice(a, b);
      this.localName = internalise(xmlLocalName(this.rawName));
      if (state !== 0) {
        this.rawNames[state] = this.rawName;
        this.localNames[state] = this.localName;
        const bytes = Buffer.from(this.rawName, "latin1");
        const words = new Int32Array(bytes.length >> 2);
        for (let k = 0; k < words.length; k++) words[k] = bytes.readInt32LE(k * 4);
        this.nameBytes[state] = bytes;
        this.nameWords[state] = words;
      }
    }
    this.nameState = state;
  }

  /**
   * Whether the bytes at `a` are the name of trie state `state` (and are followed by at least one
   * more byte): compared four bytes at a time.
   */
  private matches(state: number, a: number): boolean {
    const bytes = this.nameBytes[state];
    const words = this.nameWords[state];
    const m = bytes.length;
    if (a + m >= this.data.length) return false;
    const view = this.view;
    let off = a;
    for (let k = 0; k < words.length; k++, off += 4) if (view.getInt32(off, true) !== words[k]) return false;
    const data = this.data;
    for (let k = words.length * 4; k < m; k++, off++) if (data[off] !== bytes[k]) return false;
    return true;
  }

  /** Walk the trie over the name at `j`: the state reached at the first non-name character (at `this.walkEnd`), or 0 when the name is not in the trie. */
  private walk(j: number): number {
    const str = this.str;
    const trie = this.trie;
    let state = 0;
    for (;;) {
      const c = str.charCodeAt(j);
      const cls = c < 128 ? NAME_CLASS[c] : 0;
      if (cls === 0) break;
      state = trie[state * TRIE_STRIDE + cls];
      if (state === 0) return 0;
      j++;
    }
    this.walkEnd = j;
    return state;
  }

  private walkEnd = 0;

  /** A start tag at `i`: the position after it, INCOMPLETE or BAIL. */
  private startTag(i: number): number {
    const str = this.str;
    const n = str.length;
    let j = i + 1;
    let c = 0;
    while (j < n) {
      c = str.charCodeAt(j);
      if (c < 128 && NAME_CHAR[c] === 1) j++;
      else break;
    }
    if (j >= n) return INCOMPLETE;
    const nameEnd = j;
    let selfClosing = false;
    let attributes: string[] | undefined;
    for (;;) {
      if (c === GT) break;
      if (c === SLASH) {
        if (j + 1 >= n) return INCOMPLETE;
        if (str.charCodeAt(j + 1) !== GT) return BAIL;
        selfClosing = true;
        j++;
        break;
      }
      if (!isSpace(c)) return BAIL;
      while (++j < n && isSpace(str.charCodeAt(j)));
      if (j >= n) return INCOMPLETE;
      c = str.charCodeAt(j);
      if (c === GT || c === SLASH) continue;
      if (!(c < 128 && NAME_START[c] === 1)) return BAIL;
      // An attribute: its value is not kept, but it must be one saxes accepts without a word.
      const an = j;
      while (++j < n && (c = str.charCodeAt(j)) < 128 && NAME_CHAR[c] === 1);
      const anEnd = j;
      while (j < n && isSpace(str.charCodeAt(j))) j++;
      if (j >= n) return INCOMPLETE;
      if (str.charCodeAt(j) !== EQUALS) return BAIL;
      while (++j < n && isSpace(str.charCodeAt(j)));
      if (j >= n) return INCOMPLETE;
      const q = str.charCodeAt(j);
      if (q !== DQUOTE && q !== SQUOTE) return BAIL;
      const close = str.indexOf(q === DQUOTE ? '"' : "'", j + 1);
      if (close === -1) return INCOMPLETE;
      for (let k = j + 1; k < close; k++) {
        const v = str.charCodeAt(k);
        if (v === LT || v === AMP || v >= 0x80 || (v < SPACE && v !== TAB && v !== NL && v !== CR)) return BAIL;
      }
      const name = str.substring(an, anEnd);
      if (attributes === undefined) attributes = [name];
      else if (attributes.includes(name)) return BAIL;
      else attributes.push(name);
      j = close + 1;
      if (j >= n) return INCOMPLETE;
      c = str.charCodeAt(j);
    }
    if (this.rootClosed) return BAIL;
    this.intern(i + 1, nameEnd);
    const line = this.lineAt(j);
    const raw = this.rawName;
    if (!this.sawRoot) {
      this.sawRoot = true;
      this.rawRoot = raw;
      this.prolog = undefined;
    }
    this.open.push(raw);
    this.openStates.push(this.nameState);
    this.follow[this.slot] = this.nameState;
    this.slot = this.nameState * 2;
    this.tree.open(raw, this.localName, line);
    if (selfClosing) this.closeElement();
    return j + 1;
  }

  private closeElement(): void {
    this.open.pop();
    this.slot = this.openStates.pop()! * 2 + 1;
    this.tree.close();
    if (this.open.length === 0) this.rootClosed = true;
  }

  /** An end tag at `i`: the position after it, INCOMPLETE or BAIL (any mismatch is for saxes to report). */
  private endTag(i: number): number {
    const str = this.str;
    const n = str.length;
    const top = this.open[this.open.length - 1];
    if (top === undefined) return BAIL;
    let j = i + 2;
    const m = top.length;
    for (let k = 0; k < m; k++, j++) {
      if (j >= n) return INCOMPLETE;
      if (str.charCodeAt(j) !== top.charCodeAt(k)) return BAIL;
    }
    if (j >= n) return INCOMPLETE;
    let c = str.charCodeAt(j);
    while (isSpace(c)) {
      if (++j >= n) return INCOMPLETE;
      c = str.charCodeAt(j);
    }
    if (c !== GT) return BAIL;
    this.closeElement();
    return j + 1;
  }

  /** A comment or CDATA section at `i`; anything else after `<!` (a DOCTYPE...) is for saxes. */
  private bang(i: number): number {
    const str = this.str;
    const n = str.length;
    if (str.startsWith("<!--", i)) {
      const k = str.indexOf("--", i + 4);
      if (k === -1 || k + 2 >= n) return INCOMPLETE;
      if (str.charCodeAt(k + 2) !== GT) return BAIL;
      if (this.special(i + 4, k) && !this.plain(i + 4, k)) return BAIL;
      return k + 3;
    }
    if (n - i < 9) return INCOMPLETE;
    if (!str.startsWith("<![CDATA[", i)) return BAIL;
    if (this.open.length === 0) return BAIL;
    const k = str.indexOf("]]>", i + 9);
    if (k === -1) return INCOMPLETE;
    const a = i + 9;
    if (!this.special(a, k)) {
      if (this.tree.wantsText()) this.tree.text(this.slice(a, k));
      return k + 3;
    }
    if (!this.plain(a, k)) return BAIL;
    if (this.tree.wantsText()) {
      let high = false;
      let cr = false;
      for (let j = a; j < k; j++) {
        const c = str.charCodeAt(j);
        if (c >= 0x80) high = true;
        else if (c === CR) cr = true;
      }
      const s = high ? this.data.toString("utf8", a, k) : this.data.toString("latin1", a, k);
      this.tree.text(cr ? normaliseLineEnds(s) : s);
    }
    return k + 3;
  }

  /** Whether bytes `a` to `b` hold only allowed characters (no control character but tab and line ends, no U+FFFE/U+FFFF). */
  private plain(a: number, b: number): boolean {
    const str = this.str;
    for (let j = a; j < b; j++) {
      const c = str.charCodeAt(j);
      if (c < SPACE && c !== TAB && c !== NL && c !== CR) return false;
      if (c === 0xef && str.charCodeAt(j + 1) === 0xbf && (str.charCodeAt(j + 2) & 0xfe) === 0xbe) return false;
    }
    return true;
  }
}

/**
 * {@link streamXmlChildren} on the byte tokenizer: the same trees, lines and problems as the saxes
 * reading (a property test compares them), several times faster. String chunks are encoded to
 * UTF-8 first.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const names: string[] = [];
 * await streamXmlChildrenFast(Readable.from([Buffer.from("<report><rentity_id>7</rentity_id></report>")]), { root: "report" }, (n) => names.push(n.name));
 * // names: ["rentity_id"]
 * ```
 */
export async function streamXmlChildrenFast(
  source: AsyncIterable<string | Buffer>,
  options: XmlStreamOptions,
  onChild: (node: XmlNode) => void,
): Promise<XmlStreamProblem | undefined> {
  return tokenizeXmlInto(source, new XmlTreeBuilder(options.fileName ?? "input", options.root, onChild));
}

/**
 * The byte tokenizer of {@link streamXmlChildrenFast} feeding any {@link XmlTreeBuilder}: the one
 * that makes trees, or one that does something else with the same events (the worker thread of a
 * large goAML file writes them into transferable batches). Returns the tree's problem, if any.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const names: string[] = [];
 * const tree = new XmlTreeBuilder("r.xml", "report", (n) => names.push(n.name));
 * await tokenizeXmlInto(Readable.from([Buffer.from("<report><rentity_id>7</rentity_id></report>")]), tree);
 * // names: ["rentity_id"]
 * ```
 */
export async function tokenizeXmlInto(source: AsyncIterable<string | Buffer>, tree: XmlTreeBuilder): Promise<XmlStreamProblem | undefined> {
  tree.detach = false;
  const tokenizer = new FastXmlTokenizer(tree);
  for await (const chunk of source) {
    tokenizer.write(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
    if (tree.problem) return tree.problem;
  }
  tokenizer.end();
  return tree.problem;
}

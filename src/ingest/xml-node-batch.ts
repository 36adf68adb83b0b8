import type { XmlNode } from "./goaml-xml.js";
import { XmlTreeBuilder } from "./xml-tree.js";

/*
 * A compact, transferable form of the element trees streamXmlChildren hands over, so that a
 * worker thread can tokenize a file and the main thread rebuild the very same trees: a structured
 * clone of millions of small objects is slow, an Int32Array moves between threads for free.
 *
 * A batch holds whole children of the root, each as its nodes depth first, four numbers a node:
 * name id, text, line, number of children. Names are numbered in the order they first come (a few
 * dozen in a goAML file) and sent once. A text is 0 (empty) or 1 + its index in the batch's
 * strings; a text the same as the last one of an element of the same name is sent once a batch (a
 * report repeats institutions, currencies, countries and codes in every transaction, and the
 * tokenizer hands over the very same string then, so the check is mostly a pointer comparison).
 */

/** Numbers per node in {@link XmlNodeBatch.ops}. */
const NODE_INTS = 4;

/** Children of leaves (see XmlTreeBuilder: one shared frozen empty array). */
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/** Whole children of the root element in the compact form (see {@link XmlNodeBatchWriter}). */
export interface XmlNodeBatch {
  /** Per node, depth first: name id, text (0: empty, else 1 + its index in `texts`), line, number of children. */
  ops: Int32Array;
  /** Numbers of `ops` in use. */
  length: number;
  /** Children of the root in the batch. */
  roots: number;
  /** Names first used in this batch, in id order. */
  names: string[];
  /** The batch's texts. */
  texts: string[];
}

/**
 * The internalised copy of a string (as the tokenizer keeps names: compared by pointer with literals).
 */
function internalise(s: string): string {
  return Object.keys({ [s]: 0 })[0];
}

/**
 * An {@link XmlTreeBuilder} that writes the children of the root into {@link XmlNodeBatch}es
 * rather than making their trees (on the side that tokenizes, a worker thread): the same events
 * give the same trees once read back by {@link XmlNodeBatchReader}, with the same trimming, the
 * same muting and the same first problem, after which nothing more is written. A child of the
 * root that a problem cuts short is never in a batch, as it is never handed over.
 *
 * @example
 * ```ts
 * const batches: XmlNodeBatch[] = [];
 * const writer = new XmlNodeBatchWriter("r.xml", "report", (b) => batches.push(b), 1000);
 * writer.open("report", "report", 1); writer.open("a", "a", 2); writer.text(" x "); writer.close(); writer.close();
 * writer.flush(); // batches[0]: roots 1, names ["a"], texts ["x"]
 * ```
 */
export class XmlNodeBatchWriter extends XmlTreeBuilder {
  private readonly nameIds = new Map<string, number>();
  /** Names by id, and per name id the id of the name that came after it last time (-1: none yet): goAML repeats one sequence of names. */
  private readonly nameList: string[] = [];
  private readonly nextName: number[] = [];
  private lastName = -1;
  /** Per name id: the last non-empty text of an element of that name, its index in `texts` and the batch it is in. */
  private readonly lastTexts: string[] = [];
  private readonly lastIndex: number[] = [];
  private readonly lastBatch: number[] = [];
  private batchNo = 0;
  private ops = new Int32Array(1 << 16);
  private length = 0;
  private roots = 0;
  private names: string[] = [];
  private texts: string[] = [];
  /** Where in `ops` the open elements below the root are, and their text so far. */
  private readonly openAt: number[] = [];
  private readonly openText: string[] = [];

  constructor(
    file: string,
    root: string,
    private readonly onBatch: (batch: XmlNodeBatch) => void,
    /** Children of the root per batch (may be changed between batches). */
    public batchRoots: number,
  ) {
    super(file, root, () => {});
  }

  /** Send the children of the root completed since the last batch, if any. */
  flush(): void {
    if (this.roots === 0) return;
    const batch: XmlNodeBatch = { ops: this.ops, length: this.length, roots: this.roots, names: this.names, texts: this.texts };
    this.ops = new Int32Array(Math.max(1 << 16, this.length));
    this.length = 0;
    this.roots = 0;
    this.names = [];
    this.texts = [];
    this.batchNo++;
    this.onBatch(batch);
  }

  override open(rawName: string, name: string, line: number): void {
    if (!this.enter(rawName, name, line)) return;
    const at = this.node(name, line);
    this.openAt.push(at);
    this.openText.push("");
  }

  /** Write a node (its text and number of children 0 for now); where it is in `ops`. */
  private node(name: string, line: number): number {
    const openAt = this.openAt;
    if (openAt.length > 0) this.ops[openAt[openAt.length - 1] + 3]++;
    if (this.length + NODE_INTS > this.ops.length) {
      const grown = new Int32Array(this.ops.length * 2);
      grown.set(this.ops);
      this.ops = grown;
    }
    const last = this.lastName;
    let nameId = last === -1 ? -1 : this.nextName[last];
    if (nameId === -1 || this.nameList[nameId] !== name) {
      nameId = this.nameIds.get(name) ?? -1;
      if (nameId === -1) {
        nameId = this.nameList.length;
        this.nameIds.set(name, nameId);
        this.nameList.push(name);
        this.nextName.push(-1);
        this.names.push(name);
        this.lastTexts.push("");
        this.lastIndex.push(0);
        this.lastBatch.push(-1);
      }
      if (last !== -1) this.nextName[last] = nameId;
    }
    this.lastName = nameId;
    const at = this.length;
    const ops = this.ops;
    ops[at] = nameId;
    ops[at + 1] = 0;
    ops[at + 2] = line;
    ops[at + 3] = 0;
    this.length = at + NODE_INTS;
    return at;
  }

  /** Set the text of the node at `at` (trimmed already). */
  private setText(at: number, text: string): void {
    if (text === "") return;
    const nameId = this.ops[at];
    let index: number;
    if (text === this.lastTexts[nameId] && this.lastBatch[nameId] === this.batchNo) index = this.lastIndex[nameId];
    else {
      index = this.texts.length;
      this.texts.push(text);
      this.lastTexts[nameId] = text;
      this.lastIndex[nameId] = index;
      this.lastBatch[nameId] = this.batchNo;
    }
    this.ops[at + 1] = index + 1;
  }

  override leaf(name: string, text: string, line: number): void {
    const at = this.node(name, line);
    if (text === "") return;
    // Trimmed only when an end is white space (the tokenizer's leaves seldom have any): trim() scans both ends.
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(text.length - 1);
    this.setText(at, first > 32 && first < 128 && last > 32 && last < 128 ? text : text.trim());
  }

  override wantsText(): boolean {
    return this.openAt.length > 0 && !this.problem && !this.muted;
  }

  override text(text: string): void {
    if (this.problem || this.muted || this.openAt.length === 0) return;
    this.openText[this.openText.length - 1] += text;
  }

  override space(text: () => string): void {
    if (this.problem || this.muted || this.openAt.length === 0) return;
    const top = this.openText.length - 1;
    if (this.openText[top] !== "") this.openText[top] += text();
  }

  override close(): void {
    if (!this.leave()) return;
    const at = this.openAt.pop()!;
    const text = this.openText.pop()!;
    if (text !== "") this.setText(at, text.trim());
    if (this.openAt.length === 0) {
      this.roots++;
      if (this.roots >= this.batchRoots) this.flush();
    }
  }

  /**
   * The end of the stream: sends the last whole children of the root; a child a problem cut
   * short is dropped.
   */
  end(): void {
    if (this.openAt.length > 0) {
      // Only a problem leaves elements open: nothing was sent since the last whole child.
      const first = this.openAt[0];
      this.length = first;
      this.openAt.length = 0;
      this.openText.length = 0;
    }
    this.flush();
  }
}

/**
 * Rebuilds the element trees of {@link XmlNodeBatch}es, batch after batch in the order they were
 * written: the same names, texts, lines and nesting as the trees an {@link XmlTreeBuilder} makes
 * of the same events.
 *
 * @example
 * ```ts
 * const batches: XmlNodeBatch[] = [];
 * const writer = new XmlNodeBatchWriter("r.xml", "report", (b) => batches.push(b), 1000);
 * writer.open("report", "report", 1); writer.leaf("rentity_id", "7", 2); writer.close(); writer.end();
 * const nodes: XmlNode[] = [];
 * new XmlNodeBatchReader().read(batches[0], (n) => nodes.push(n));
 * // nodes: [{ name: "rentity_id", text: "7", children: [], line: 2 }]
 * ```
 */
export class XmlNodeBatchReader {
  private readonly names: string[] = [];
  private ops: Int32Array = new Int32Array(0);
  private at = 0;
  private texts: string[] = [];

  /** Hand each child of the root in `batch` to `onChild`, in order. */
  read(batch: XmlNodeBatch, onChild: (node: XmlNode) => void): void {
    for (const name of batch.names) this.names.push(internalise(name));
    this.ops = batch.ops;
    this.at = 0;
    this.texts = batch.texts;
    try {
      for (let r = 0; r < batch.roots; r++) onChild(this.node());
    } finally {
      this.ops = new Int32Array(0);
      this.texts = [];
    }
  }

  private node(): XmlNode {
    const ops = this.ops;
    const at = this.at;
    const t = ops[at + 1];
    const count = ops[at + 3];
    this.at = at + NODE_INTS;
    // The shape of the tokenizer's nodes (name, text, children, line), children filled in below.
    const node: XmlNode = { name: this.names[ops[at]], text: t === 0 ? "" : this.texts[t - 1], children: NO_CHILDREN, line: ops[at + 2] };
    if (count > 0) {
      const children: XmlNode[] = [];
      for (let i = 0; i < count; i++) children.push(this.node());
      (node as { children: XmlNode[] }).children = children;
    }
    return node;
  }
}

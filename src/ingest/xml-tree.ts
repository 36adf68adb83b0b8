import type { XmlNode, XmlStreamProblem } from "./goaml-xml.js";

/**
 * A copy of a string that does not point into the parser's input chunk: V8 keeps substrings of 13
 * or more characters as slices of their parent, so a kept name would otherwise keep its whole
 * 1 MiB chunk alive and memory would grow with the file.
 *
 * @example
 * ```ts
 * detachString("Kilimanjaro Commercial Bank Ltd".slice(0, 20)); // "Kilimanjaro Commerci", its own copy
 * ```
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/**
 * The local part of a qualified XML name (`goaml:report` gives `report`).
 *
 * @example
 * ```ts
 * xmlLocalName("goaml:report"); // "report"
 * ```
 */
export function xmlLocalName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * The children of every leaf element: one shared frozen empty array rather than millions of
 * empty ones (a goAML transaction has about 35 elements, most of them leaves).
 */
const NO_CHILDREN: XmlNode[] = Object.freeze([]) as unknown as XmlNode[];

/**
 * Builds the per-child element trees of a streamed document from tokenizer events (start tag,
 * text, end tag, problem), the same way whichever tokenizer sends them: the saxes path and the
 * byte tokenizer share it, so they cannot disagree on trimming, depth or the first problem.
 *
 * @example
 * ```ts
 * const kids: XmlNode[] = [];
 * const tree = new XmlTreeBuilder("r.xml", "report", (n) => kids.push(n));
 * tree.open("report", "report", 1); tree.open("a", "a", 1); tree.text(" x "); tree.close(); tree.close();
 * // kids: [{ name: "a", text: "x", children: [], line: 1 }]
 * ```
 */
export class XmlTreeBuilder {
  /** The first problem met; every later event is ignored. */
  problem: XmlStreamProblem | undefined;
  /** While true, events change nothing (used to put a fresh parser into the current state). */
  muted = false;
  /**
   * Copy kept text out of its chunk (see {@link detachString}): needed when the text comes from
   * slices of a large decoded chunk, not when the tokenizer already made fresh strings.
   */
  detach = true;
  private readonly stack: XmlNode[] = [];
  private depth = 0;

  constructor(
    readonly file: string,
    readonly root: string,
    private readonly onChild: (node: XmlNode) => void,
  ) {}

  /** Record a problem unless one was recorded before. */
  stop(p: XmlStreamProblem): void {
    if (!this.problem) this.problem = p;
  }

  /**
   * The depth and root check of a start tag, shared by every builder: whether the tag opens an
   * element below the root (false while stopped or muted, and for the root itself, which is
   * checked against the expected name).
   */
  protected enter(rawName: string, name: string, line: number): boolean {
    if (this.problem || this.muted) return false;
    this.depth++;
    if (this.depth === 1) {
      if (name !== this.root) {
        this.stop({ code: "wrong_root", line, message: `${this.file} has root element <${rawName}>, expected <${this.root}>: is this the right kind of file?` });
      }
      return false;
    }
    return true;
  }

  /** The depth of an end tag: whether it closes an element below the root (see {@link enter}). */
  protected leave(): boolean {
    if (this.problem || this.muted) return false;
    this.depth--;
    return this.depth !== 0;
  }

  /** A start tag (`rawName` as written, `name` its local part) whose `>` is on `line`. */
  open(rawName: string, name: string, line: number): void {
    if (!this.enter(rawName, name, line)) return;
    const node: XmlNode = { name, text: "", children: NO_CHILDREN, line };
    const stack = this.stack;
    if (stack.length > 0) {
      const parent = stack[stack.length - 1];
      if (parent.children === NO_CHILDREN) (parent as { children: XmlNode[] }).children = [node];
      else parent.children.push(node);
    }
    stack.push(node);
  }

  /**
   * A whole leaf element (start tag, `text`, end tag) inside a child of the root: the node that
   * open, text and close would make, made at once. Only while {@link wantsText}.
   */
  leaf(name: string, text: string, line: number): void {
    const node: XmlNode = { name, text: text === "" ? text : text.trim(), children: NO_CHILDREN, line };
    const parent = this.stack[this.stack.length - 1];
    if (parent.children === NO_CHILDREN) (parent as { children: XmlNode[] }).children = [node];
    else parent.children.push(node);
  }

  /** Whether text now would be kept (it is inside a child of the root). */
  wantsText(): boolean {
    return this.stack.length > 0 && !this.problem && !this.muted;
  }

  /** Text or CDATA content, decoded. */
  text(text: string): void {
    if (this.problem || this.muted || this.stack.length === 0) return;
    this.stack[this.stack.length - 1].text += text;
  }

  /**
   * Text known to be only XML white space: leading white space is trimmed anyway, so it is
   * dropped while the element has no text yet (skipping the string), else appended.
   */
  space(text: () => string): void {
    if (this.problem || this.muted || this.stack.length === 0) return;
    const top = this.stack[this.stack.length - 1];
    if (top.text !== "") top.text += text();
  }

  /** An end tag. */
  close(): void {
    if (!this.leave()) return;
    const node = this.stack.pop()!;
    if (node.text !== "") node.text = this.detach ? detachString(node.text.trim()) : node.text.trim();
    if (this.stack.length === 0) this.onChild(node);
  }
}

import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";

/** One XML element kept in memory: its local name, trimmed text, child elements and start line. */
export interface XmlNode {
  readonly name: string;
  text: string;
  readonly children: XmlNode[];
  /** 1-based line of the start tag. */
  readonly line: number;
}

/** Why an XML stream stopped early. */
export interface XmlStreamProblem {
  code: "unsafe_xml" | "wrong_root" | "malformed_file";
  line: number;
  message: string;
}

/** Options of {@link streamXmlChildren}. */
export interface XmlStreamOptions {
  /** Local name the root element must have, e.g. `"report"`. */
  root: string;
  /** File name used in problem messages. [default: "input"] */
  fileName?: string;
}

/**
 * The first child element named `name` of `node`, or undefined.
 *
 * @example
 * ```ts
 * import { xmlChild } from "wildtrace";
 * const node = { name: "t_from", text: "", line: 3, children: [{ name: "from_country", text: "TZ", line: 4, children: [] }] };
 * xmlChild(node, "from_country")?.text; // "TZ"
 * ```
 */
export function xmlChild(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const c of node.children) if (c.name === name) return c;
  return undefined;
}

/**
 * The trimmed text of the first child element named `name`, or undefined when absent or empty.
 *
 * @example
 * ```ts
 * import { xmlText } from "wildtrace";
 * const node = { name: "t_person", text: "", line: 3, children: [{ name: "last_name", text: "Mrema", line: 4, children: [] }] };
 * xmlText(node, "last_name"); // "Mrema"
 * ```
 */
export function xmlText(node: XmlNode | undefined, name: string): string | undefined {
  const c = xmlChild(node, name);
  return c && c.text !== "" ? c.text : undefined;
}

/**
 * Every child element named `name` of `node`.
 *
 * @example
 * ```ts
 * import { xmlChildren } from "wildtrace";
 * const phone = (n: string) => ({ name: "phone", text: n, line: 1, children: [] });
 * xmlChildren({ name: "phones", text: "", line: 1, children: [phone("1"), phone("2")] }, "phone").length; // 2
 * ```
 */
export function xmlChildren(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  return node.children.filter((c) => c.name === name);
}

/**
 * A copy of a string that does not point into the parser's input chunk: V8 keeps substrings of 13
 * or more characters as slices of their parent, so a kept name would otherwise keep its whole
 * 1 MiB chunk alive and memory would grow with the file.
 */
function detach(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

function localName(name: string): string {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
}

/**
 * Stream an XML document and hand over each child element of the root as a small in-memory tree,
 * one at a time, so that memory holds one child (one goAML `transaction`) rather than the file.
 *
 * Security: entities are never resolved (saxes knows only the five predefined ones) and a DOCTYPE
 * that declares entities or points at an external DTD stops the stream with an `unsafe_xml`
 * problem before any element is read. A wrong root element or malformed XML (including a
 * truncated file) stops it with a problem and its line; children handed over before that stay
 * handed over.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * import { streamXmlChildren } from "wildtrace";
 * const names: string[] = [];
 * const problem = await streamXmlChildren(Readable.from(["<report><rentity_id>7</rentity_id></report>"]), { root: "report" }, (n) => names.push(n.name));
 * // names: ["rentity_id"]; problem: undefined
 * ```
 */
export async function streamXmlChildren(
  source: AsyncIterable<string | Buffer>,
  options: XmlStreamOptions,
  onChild: (node: XmlNode) => void,
): Promise<XmlStreamProblem | undefined> {
  const file = options.fileName ?? "input";
  const parser = new SaxesParser({ position: true });
  let problem: XmlStreamProblem | undefined;
  const stack: XmlNode[] = [];
  let depth = 0;
  const stop = (p: XmlStreamProblem) => {
    if (!problem) problem = p;
  };
  parser.on("doctype", (doctype) => {
    if (problem) return;
    if (/<!ENTITY/i.test(doctype) || /\b(SYSTEM|PUBLIC)\b/.test(doctype)) {
      stop({
        code: "unsafe_xml",
        line: parser.line,
        message: `${file} declares ${/<!ENTITY/i.test(doctype) ? "entities" : "an external DTD"} in its DOCTYPE: the file is refused and never expanded; export it again without a DTD`,
      });
    }
  });
  parser.on("opentag", (tag) => {
    if (problem) return;
    const name = localName(tag.name);
    depth++;
    if (depth === 1) {
      if (name !== options.root) {
        stop({ code: "wrong_root", line: parser.line, message: `${file} has root element <${tag.name}>, expected <${options.root}>: is this the right kind of file?` });
      }
      return;
    }
    const node: XmlNode = { name, text: "", children: [], line: parser.line };
    if (stack.length > 0) stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on("text", (text) => {
    if (problem || stack.length === 0) return;
    stack[stack.length - 1].text += text;
  });
  parser.on("cdata", (text) => {
    if (problem || stack.length === 0) return;
    stack[stack.length - 1].text += text;
  });
  parser.on("closetag", () => {
    if (problem) return;
    depth--;
    if (depth === 0) return;
    const node = stack.pop()!;
    if (node.text !== "") node.text = detach(node.text.trim());
    if (stack.length === 0) onChild(node);
  });
  parser.on("error", (err) => {
    const msg = err.message.replace(/^[^:]*:\d+:\d+: /, "");
    stop({ code: "malformed_file", line: parser.line, message: `${file} is not well-formed XML at line ${parser.line}: ${msg} (truncated or damaged file?)` });
  });
  const decoder = new StringDecoder("utf8"); // a character split between two Buffer chunks stays whole
  for await (const chunk of source) {
    parser.write(typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (problem) return problem;
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  // An empty or truncated document is reported by saxes through the error handler.
  parser.close();
  return problem;
}

/**
 * {@link streamXmlChildren} over a file, read in 1 MiB chunks (multi-byte characters split between
 * chunks are decoded correctly).
 *
 * @example
 * ```ts
 * import { streamXmlFile } from "wildtrace";
 * const problem = await streamXmlFile("datasets/goaml-sample/str-2024-0412.xml", { root: "report" }, (node) => console.log(node.name));
 * ```
 */
export function streamXmlFile(path: string, options: XmlStreamOptions, onChild: (node: XmlNode) => void): Promise<XmlStreamProblem | undefined> {
  return streamXmlChildren(createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 }), options, onChild);
}

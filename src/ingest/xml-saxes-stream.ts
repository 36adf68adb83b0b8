import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import type { XmlNode, XmlStreamOptions, XmlStreamProblem } from "./goaml-xml.js";
import { XmlTreeBuilder, xmlLocalName } from "./xml-tree.js";

/**
 * A saxes parser whose events feed `tree`: start tags, text, CDATA and end tags, a DOCTYPE that
 * declares entities or names an external DTD (`unsafe_xml`), and well-formedness errors
 * (`malformed_file`), each with saxes' line. saxes knows only the five predefined entities and
 * never reads a DTD.
 *
 * @example
 * ```ts
 * const tree = new XmlTreeBuilder("r.xml", "report", (n) => console.log(n.name));
 * const parser = saxesTreeParser(tree);
 * parser.write("<report><a>1</a></report>").close(); // logs "a"
 * ```
 */
export function saxesTreeParser(tree: XmlTreeBuilder): SaxesParser {
  const file = tree.file;
  const parser = new SaxesParser({ position: true });
  parser.on("doctype", (doctype) => {
    if (tree.problem) return;
    if (/<!ENTITY/i.test(doctype) || /\b(SYSTEM|PUBLIC)\b/.test(doctype)) {
      tree.stop({
        code: "unsafe_xml",
        line: parser.line,
        message: `${file} declares ${/<!ENTITY/i.test(doctype) ? "entities" : "an external DTD"} in its DOCTYPE: the file is refused and never expanded; export it again without a DTD`,
      });
    }
  });
  parser.on("opentag", (tag) => tree.open(tag.name, xmlLocalName(tag.name), parser.line));
  parser.on("text", (text) => tree.text(text));
  parser.on("cdata", (text) => tree.text(text));
  parser.on("closetag", () => tree.close());
  parser.on("error", (err) => {
    const msg = err.message.replace(/^[^:]*:\d+:\d+: /, "");
    tree.stop({ code: "malformed_file", line: parser.line, message: `${file} is not well-formed XML at line ${parser.line}: ${msg} (truncated or damaged file?)` });
  });
  return parser;
}

/**
 * The saxes-based reading of {@link streamXmlChildren} (the reference the byte tokenizer of
 * `xml-fast-stream.ts` is tested against): same arguments, same trees, lines and problems.
 *
 * @example
 * ```ts
 * import { Readable } from "node:stream";
 * const names: string[] = [];
 * await streamXmlChildrenSaxes(Readable.from(["<report><rentity_id>7</rentity_id></report>"]), { root: "report" }, (n) => names.push(n.name));
 * // names: ["rentity_id"]
 * ```
 */
export async function streamXmlChildrenSaxes(
  source: AsyncIterable<string | Buffer>,
  options: XmlStreamOptions,
  onChild: (node: XmlNode) => void,
): Promise<XmlStreamProblem | undefined> {
  const tree = new XmlTreeBuilder(options.fileName ?? "input", options.root, onChild);
  const parser = saxesTreeParser(tree);
  const decoder = new StringDecoder("utf8"); // a character split between two Buffer chunks stays whole
  for await (const chunk of source) {
    parser.write(typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (tree.problem) return tree.problem;
  }
  const rest = decoder.end();
  if (rest) parser.write(rest);
  // An empty or truncated document is reported by saxes through the error handler.
  parser.close();
  return tree.problem;
}

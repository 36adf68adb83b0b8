import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameSubtree, subtreeHash } from "../../src/ingest/goaml-subtree.js";
import type { XmlNode } from "../../src/ingest/goaml-xml.js";

/** The content of an element spelt out, unambiguously (lengths before texts): the reference the hash and equality must agree with. */
function spelt(n: XmlNode): string {
  return `${n.name.length}:${n.name}${n.text.length}:${n.text}(${n.children.map(spelt).join("")})`;
}

// Few names and texts, so that generated elements are often equal or nearly so.
const { node } = fc.letrec<{ node: XmlNode }>((tie) => ({
  node: fc.record({
    name: fc.constantFrom("from_person", "first_name", "last_name", "id_number", "a"),
    text: fc.constantFrom("", "Walk", "Walk In", "In 1", "1", "In", "N1", "\u00e9", "\ud83d\udc18"),
    line: fc.nat({ max: 3 }),
    children: fc.array(fc.oneof({ maxDepth: 3, depthIdentifier: "node" }, fc.constant(undefined), tie("node")), { maxLength: 3 }).map((cs) => cs.filter((c): c is XmlNode => c !== undefined)),
  }),
}));

describe("the content of a goAML element as a value", () => {
  it("sameSubtree is equality of the spelt-out content, and equal content has equal hashes (lines aside)", () => {
    fc.assert(
      fc.property(node, node, (a, b) => {
        expect(sameSubtree(a, b)).toBe(spelt(a) === spelt(b));
        expect(sameSubtree(a, structuredClone(a))).toBe(true);
        expect(subtreeHash(a, 7)).toBe(subtreeHash({ ...structuredClone(a), line: a.line + 1 }, 7));
        if (sameSubtree(a, b)) expect(subtreeHash(a, 0)).toBe(subtreeHash(b, 0));
      }),
      { numRuns: 2000 },
    );
  });

  it("tells apart elements whose texts join to the same string, or that differ in order or nesting only", () => {
    const leaf = (name: string, text: string): XmlNode => ({ name, text, line: 1, children: [] });
    const p = (...children: XmlNode[]): XmlNode => ({ name: "from_person", text: "", line: 1, children });
    const variants = [
      p(leaf("first_name", "Walk In"), leaf("last_name", "1")),
      p(leaf("first_name", "Walk"), leaf("last_name", "In 1")),
      p(leaf("last_name", "1"), leaf("first_name", "Walk In")),
      p(leaf("first_name", "Walk In")),
      p(leaf("first_name", "Walk In"), leaf("last_name", "1"), leaf("last_name", "1")),
      p({ name: "first_name", text: "Walk In", line: 1, children: [leaf("last_name", "1")] }),
      { ...p(leaf("first_name", "Walk In"), leaf("last_name", "1")), name: "to_person" },
    ];
    for (let i = 0; i < variants.length; i++) {
      for (let j = 0; j < variants.length; j++) expect(sameSubtree(variants[i], variants[j])).toBe(i === j);
    }
    expect(new Set(variants.map((v) => subtreeHash(v, 0))).size).toBe(variants.length);
  });
});

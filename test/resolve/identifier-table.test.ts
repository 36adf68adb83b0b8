import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifierKey } from "../../src/resolve/identifier-key.js";
import { documentCountry, documentValue, identifierRule } from "../../src/resolve/identifier-parts.js";
import { IdentifierTable } from "../../src/resolve/identifier-table.js";

describe("IdentifierTable", () => {
  it("gives two identifiers the same id exactly when identifierKey gives them the same key, with that key", () => {
    const type = fc.constantFrom("passport", "Passport Number", "national_id", "tax", "iban", "swift", "licence", "email", "phone");
    const identifier = fc.record({
      type,
      value: fc.oneof(fc.stringMatching(/^[a-c0-2 -]{0,6}$/), fc.constantFrom("+255 754 880 310", "+255754880310", "a@b.c", "A@B.C", "0754 880 310")),
      country: fc.option(fc.constantFrom("VN", "TZ", "V:N"), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(identifier, { maxLength: 200 }), (identifiers) => {
        const table = new IdentifierTable();
        const byKey = new Map<string, number>();
        for (const ident of identifiers) {
          const k = identifierKey(ident, "TZ");
          if (!k) continue;
          const rule = identifierRule(ident.type);
          const id = k.strength === "contact" ? table.contact(k.rule, k.key) : table.document(rule, documentCountry(rule, ident), documentValue(ident.value));
          const seen = byKey.get(k.key);
          if (seen === undefined) {
            if (id !== byKey.size) return false;
            byKey.set(k.key, id);
          } else if (seen !== id) return false;
          const again = table.key(id);
          if (again.key !== k.key || again.rule !== k.rule || again.strength !== k.strength) return false;
        }
        return table.size === byKey.size;
      }),
    );
  });
  it("grows past its first capacity", () => {
    const table = new IdentifierTable();
    for (let k = 0; k < 10_000; k++) expect(table.document("passport", "VN", `C${k}`)).toBe(k);
    for (let k = 0; k < 10_000; k++) expect(table.document("passport", "VN", `C${k}`)).toBe(k);
    expect(table.contact("phone", "+255754880310")).toBe(10_000);
    expect(table.key(3).key).toBe("passport:VN:C3");
  });
});

import { describe, expect, it } from "vitest";
import { identifierKey } from "../../src/resolve/identifier-key.js";
import { normalisePhone } from "../../src/resolve/phone.js";

describe("normalisePhone", () => {
  it("gives E.164 with the party's country as default region", () => {
    expect(normalisePhone("+84 90 312 4471")).toBe("+84903124471");
    expect(normalisePhone("090 312 4471", "VN")).toBe("+84903124471");
    expect(normalisePhone("0754 880 310", "TZ")).toBe("+255754880310");
  });
  it("refuses text that is not a possible number, and unknown regions", () => {
    expect(normalisePhone("n/a", "TZ")).toBeUndefined();
    expect(normalisePhone("12", "TZ")).toBeUndefined();
    expect(normalisePhone("0754 880 310", "ZZ")).toBeUndefined();
    expect(normalisePhone("   ")).toBeUndefined();
  });
});

describe("identifierKey", () => {
  it("qualifies documents by type and issuing country and keeps letters and digits", () => {
    expect(identifierKey({ type: "passport", value: "c 452-1876", country: "VN" })).toEqual({ rule: "passport", strength: "document", key: "passport:VN:C4521876" });
    expect(identifierKey({ type: "TIN", value: "118-442-907", country: "TZ" })?.key).toBe("tax_number:TZ:118442907");
    expect(identifierKey({ type: "Registration Number", value: "100487221", country: "MZ" })?.rule).toBe("registration_number");
    expect(identifierKey({ type: "frequent_flyer", value: "X1" })?.rule).toBe("id_number");
  });
  it("does not confuse the same number issued by two countries", () => {
    expect(identifierKey({ type: "passport", value: "C4521876", country: "VN" })?.key).not.toBe(identifierKey({ type: "passport", value: "C4521876", country: "CN" })?.key);
  });
  it("normalises contacts and rejects unusable values", () => {
    expect(identifierKey({ type: "email", value: " Hung.NV@Example.vn " })).toEqual({ rule: "email", strength: "contact", key: "hung.nv@example.vn" });
    expect(identifierKey({ type: "phone", value: "0754 880 310" }, "TZ")?.key).toBe("+255754880310");
    expect(identifierKey({ type: "phone", value: "unknown" }, "TZ")).toBeUndefined();
    expect(identifierKey({ type: "email", value: "not an email" })).toBeUndefined();
    expect(identifierKey({ type: "passport", value: "--" })).toBeUndefined();
  });
  it("is not fooled by prototype keys", () => {
    expect(identifierKey({ type: "__proto__", value: "X1" })?.rule).toBe("id_number");
    expect(identifierKey({ type: "constructor", value: "X1" })?.rule).toBe("id_number");
  });
});

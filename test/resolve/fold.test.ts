import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addressKey, foldText, nameTokens } from "../../src/resolve/fold.js";

describe("foldText", () => {
  it("folds case and diacritics of Vietnamese, Portuguese and French names", () => {
    expect(foldText("NGUYỄN VĂN HÙNG")).toBe("nguyen van hung");
    expect(foldText("Đặng Thị Ánh")).toBe("dang thi anh");
    expect(foldText("João Conceição")).toBe("joao conceicao");
    expect(foldText("François Lefèvre-Bœuf")).toBe("francois lefevre boeuf");
  });
  it("transliterates other scripts, Han characters one syllable per token", () => {
    expect(foldText("张伟")).toBe("zhang wei");
    expect(foldText("Александр Петров")).toBe("aleksandr petrov");
  });
  it("turns punctuation into single spaces and always returns lower-case ASCII", () => {
    expect(foldText("  O'Brien,  J.-P. ")).toBe("o brien j p");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(foldText(s)).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe("nameTokens", () => {
  it("ignores token order and drops honorifics or legal forms", () => {
    expect(nameTokens("Hung Nguyen", "person")).toEqual(["hung", "nguyen"]);
    expect(nameTokens("Mr. Nguyen Hung", "person")).toEqual(["hung", "nguyen"]);
    expect(nameTokens("Golden Dragon Trading Co., Ltd", "company")).toEqual(nameTokens("GOLDEN DRAGON TRADING COMPANY LIMITED", "company"));
    expect(nameTokens("", "person")).toEqual([]);
  });
});

describe("addressKey", () => {
  it("compares addresses without spaces, case or diacritics", () => {
    expect(addressKey("12 Phố Huế, Hà Nội")).toBe(addressKey("12 pho hue hanoi"));
    expect(addressKey("Port Klang, Selangor")).not.toBe(addressKey("Futian, Shenzhen"));
  });
});

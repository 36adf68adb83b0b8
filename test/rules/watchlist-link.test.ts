import { describe, expect, it } from "vitest";
import { runRules } from "../../src/rules/run-rules.js";
import { watchlistLinkRule } from "../../src/rules/watchlist-link.js";
import { d, ds, run, tx } from "./helpers.js";

const parties = [
  { id: "P1", kind: "person", name: "Nguyen Van Hung", country: "VN", birthDate: "1979-04-12", id_number: "passport:VN:C4521876" },
  { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", country: "VN", birthDate: "1979-04-12" },
  { id: "P3", kind: "person", name: "Nguyen Van Hung", country: "VN", birthDate: "1991-02-02" },
  { id: "P4", kind: "person", name: "Ann Smith", country: "GB" },
];
const accounts = [{ id: "A1", holder: "P1" }, { id: "A2", holder: "P2" }, { id: "A3", holder: "P3" }, { id: "A4", holder: "P4" }, { id: "S" }];
const dataset = () => ds({ parties, accounts, transactions: [tx("T1", d(2), 12000, "A1", "S"), tx("T2", d(3), 500, "A4", "A1")] });

describe("watchlist_link", () => {
  it("matches by identifier and lists counterparties with large flows", () => {
    const watchlist = [{ id: "W1", name: "Hung Nguyen", identifiers: ["passport:VN:C4521876"], reason: "convicted of ivory trafficking, 2019" }];
    const [a, ...rest] = run(dataset(), watchlistLinkRule, undefined, { watchlist });
    expect(rest).toEqual([]);
    expect(a.value).toBe(3);
    expect(a.accounts).toEqual(["A1", "S"]);
    expect(a.transactions).toEqual(["T1"]);
  });

  it("matches a name with its birth date across scripts, but not a namesake with another birth date", () => {
    const watchlist = [{ id: "W2", name: "Nguyen Van Hung", birthDate: "1979-04-12", reason: "seized consignee" }];
    const alerts = run(dataset(), watchlistLinkRule, undefined, { watchlist });
    expect(alerts.map((a) => a.parties[0]).sort()).toEqual(["P1", "P2"]);
  });

  it("boundary: a name alone (strength 1) does not alert by default, it does with minStrength 1", () => {
    const watchlist = [{ id: "W3", name: "Ann Smith", reason: "adverse media" }];
    expect(run(dataset(), watchlistLinkRule, undefined, { watchlist })).toEqual([]);
    expect(run(dataset(), watchlistLinkRule, { minStrength: 1 }, { watchlist })).toHaveLength(1);
  });

  it("extends a match through resolved entities", () => {
    const watchlist = [{ id: "W1", name: "X", identifiers: ["passport:C4521876"], reason: "convicted" }];
    const alerts = run(dataset(), watchlistLinkRule, undefined, { watchlist, entities: [{ id: "E1", members: ["P1", "P2"] }] });
    expect(alerts.map((a) => a.parties[0]).sort()).toEqual(["P1", "P2"]);
    expect(alerts.find((a) => a.parties[0] === "P2")?.explanation).toContain("via resolved entity E1");
  });

  it("is skipped, with the reason, when no watchlist is given", () => {
    const r = runRules(dataset(), { rules: [watchlistLinkRule] });
    expect(r.skipped).toEqual([{ rule: "watchlist_link", reason: "no watchlist was given (config `watchlist` or option `watchlist`)" }]);
  });
});

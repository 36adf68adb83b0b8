import { describe, expect, it } from "vitest";
import { createPseudonymiser, pseudonymiseCase } from "../../src/report/pseudonymise.js";
import { fixtureCase, HOSTILE_NAME, originalIdentifiers } from "./fixture.js";

const KEY = "training-key-not-for-production";

describe("createPseudonymiser", () => {
  it("gives the same keyed pseudonym for the same value, another one under another key", () => {
    const a = createPseudonymiser({ key: KEY });
    const b = createPseudonymiser({ key: KEY });
    const c = createPseudonymiser({ key: `${KEY}-2` });
    const p = a.pseudonym("account", "ACC-TZ-01");
    expect(p).toMatch(/^A-[0-9a-f]{12}$/);
    expect(b.pseudonym("account", "ACC-TZ-01")).toBe(p);
    expect(c.pseudonym("account", "ACC-TZ-01")).not.toBe(p);
    expect(a.pseudonym("name", "")).toBe("");
    expect(a.pseudonym("name", "Li Wei")).toMatch(/^N-/);
  });

  it("refuses a missing or short key and a bad hash length", () => {
    expect(() => createPseudonymiser({ key: "short" })).toThrow(/createPseudonymiser/);
    expect(() => createPseudonymiser(undefined as never)).toThrow(/key/);
    expect(() => createPseudonymiser({ key: KEY, hashLength: 4 })).toThrow(/hashLength/);
  });

  it("scrubs known values from free text, case-insensitively and on word boundaries", () => {
    const p = createPseudonymiser({ key: KEY });
    const name = p.pseudonym("name", "Li Wei");
    const acc = p.pseudonym("account", "ACC-TZ-01");
    expect(p.text("paid by LI WEI from ACC-TZ-01.")).toBe(`paid by ${name} from ${acc}.`);
    expect(p.text("Li Weiming is someone else")).toBe("Li Weiming is someone else");
    expect(p.text("acc-tz-01")).toBe(acc);
    // A compact spelling of a known value (as entity resolution evidence writes it) is caught too.
    const phone = p.pseudonym("contact", "+86 138 0013 8000");
    expect(p.text("+8613800138000")).toBe(phone);
  });
});

describe("pseudonymiseCase", () => {
  it("replaces every name, identifier and account id in the dataset and the results, consistently", () => {
    const { dataset, results } = fixtureCase();
    const before = JSON.stringify(results);
    const shared = pseudonymiseCase(dataset, results, { key: KEY });
    expect(JSON.stringify(results)).toBe(before);
    const text = JSON.stringify({ parties: shared.dataset.parties, accounts: shared.dataset.accounts, refs: shared.dataset.references, results: shared.results });
    for (const v of originalIdentifiers(dataset)) expect(text, v).not.toContain(v);
    expect(text).not.toContain("Mkapa");
    // The same account has the same pseudonym in the dataset and in the results.
    const acc = shared.dataset.accounts[shared.dataset.accountIndex.get(shared.pseudonymiser.pseudonym("account", "ACC-MY-01"))!];
    const r = shared.results as { alerts: { accounts: string[]; explanation: string }[]; quarantine: { message: string }[] };
    expect(r.alerts[0].accounts).toEqual([acc.id]);
    expect(r.alerts[0].explanation).toContain(acc.id);
    expect(r.quarantine[0].message).toBe("invalid_amount");
    // Holders follow their parties; transactions keep their accounts.
    expect(shared.dataset.parties[shared.dataset.partyIndex.get(acc.holder!)!].name).toBe(shared.pseudonymiser.pseudonym("name", HOSTILE_NAME));
    expect(shared.dataset.transactions.from).toBe(dataset.transactions.from);
    expect(dataset.parties[0].name).toBe("Li Wei");
  });
});

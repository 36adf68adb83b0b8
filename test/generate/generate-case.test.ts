import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseReaders, type GenerateResult, generateCase, loadCase, OptionError, PLANTED_TYPOLOGIES, parseTruth, type Truth } from "../../src/index.js";

const root = mkdtempSync(join(tmpdir(), "wildtrace-gen-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) out[f] = createHash("sha256").update(readFileSync(join(dir, f))).digest("hex");
  return out;
}

/** Minimal CSV reader for the generated files (quoted cells, no embedded newlines). */
function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, "utf8").trimEnd().split("\n");
  const split = (line: string) => {
    const cells: string[] = [];
    let cur = "";
    let q = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (q) {
        if (ch === '"' && line[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') q = false;
        else cur += ch;
      } else if (ch === '"') q = true;
      else if (ch === ",") {
        cells.push(cur);
        cur = "";
      } else cur += ch;
    }
    cells.push(cur);
    return cells;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => {
    const cells = split(l);
    const row: Record<string, string> = Object.create(null);
    header.forEach((h, i) => {
      row[h] = cells[i] ?? "";
    });
    return row;
  });
}

describe("generateCase: determinism", () => {
  it("writes byte-identical files for the same seed and different ones for another seed", () => {
    const opts = { seed: 11, transactions: 4000, days: 60 };
    generateCase({ ...opts, out: join(root, "a") });
    generateCase({ ...opts, out: join(root, "b") });
    generateCase({ ...opts, seed: 12, out: join(root, "c") });
    const a = hashes(join(root, "a"));
    expect(Object.keys(a)).toEqual(["accounts.csv", "fx.csv", "parties.csv", "relationships.csv", "transactions.csv", "truth.json"]);
    expect(hashes(join(root, "b"))).toEqual(a);
    expect(hashes(join(root, "c"))["transactions.csv"]).not.toEqual(a["transactions.csv"]);
  });

  it("keeps a scheme's planted records when another scheme is switched off", () => {
    const both = generateCase({ out: join(root, "both"), seed: 5, transactions: 3000, days: 60, schemes: ["ivory", "abalone"] });
    const one = generateCase({ out: join(root, "one"), seed: 5, transactions: 3000, days: 60, schemes: ["abalone"] });
    expect(one.truth.schemes.map((s) => s.id)).toEqual(["abalone"]);
    const ab = both.truth.schemes.find((s) => s.id === "abalone")!;
    expect(one.truth.schemes[0].transactions.length).toBe(ab.transactions.length);
    expect(one.truth.schemes[0].story).toBe(ab.story);
  });
});

describe("generateCase: the case and its truth", () => {
  let res: GenerateResult;
  let truth: Truth;
  let tx: Record<string, string>[];
  let accounts: Map<string, Record<string, string>>;
  let parties: Map<string, Record<string, string>>;
  let fx: Record<string, string>[];
  const dir = join(root, "full");
  beforeAll(() => {
    res = generateCase({ out: dir, seed: 3, transactions: 12_000, difficulty: "medium" });
    const parsed = parseTruth(JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")));
    if (!parsed.success) throw new Error(parsed.issues.join("\n"));
    truth = parsed.truth;
    tx = readCsv(join(dir, "transactions.csv"));
    accounts = new Map(readCsv(join(dir, "accounts.csv")).map((r) => [r.id, r]));
    parties = new Map(readCsv(join(dir, "parties.csv")).map((r) => [r.id, r]));
    fx = readCsv(join(dir, "fx.csv"));
  });
  const txById = () => new Map(tx.map((t) => [t.id, t]));
  const usd = (t: Record<string, string>) => {
    if (t.currency === "USD") return Number(t.amount);
    const rates = fx.filter((r) => r.currency === t.currency && r.date <= t.date.slice(0, 10));
    return Number(t.amount) * Number(rates[rates.length - 1].rate);
  };

  it("writes exactly the requested number of transactions, in time order, with unique ids", () => {
    expect(tx.length).toBe(12_000);
    expect(res.transactions).toBe(12_000);
    expect(new Set(tx.map((t) => t.id)).size).toBe(tx.length);
    for (let i = 1; i < tx.length; i++) expect(tx[i - 1].date <= tx[i].date).toBe(true);
  });

  it("loads without a single quarantined row and every account and holder resolves", async () => {
    const load = await loadCase(dir);
    expect(load.quarantine).toEqual([]);
    expect(load.dataset.transactions.length).toBe(12_000);
    for (const a of accounts.values()) expect(parties.has(a.holder)).toBe(true);
    for (const t of tx) {
      if (t.from_account) expect(accounts.has(t.from_account)).toBe(true);
      if (t.to_account) expect(accounts.has(t.to_account)).toBe(true);
    }
  });

  it("plants every typology, in the truth and in the data", () => {
    const ids = txById();
    for (const name of PLANTED_TYPOLOGIES) {
      const t = truth.typologies[name];
      expect(t, name).toBeDefined();
      expect(t.accounts.length, name).toBeGreaterThan(0);
      expect(t.transactions.length, name).toBeGreaterThan(0);
      for (const id of t.transactions) expect(ids.has(id), `${name} ${id}`).toBe(true);
      for (const id of t.accounts) expect(accounts.has(id), `${name} ${id}`).toBe(true);
    }
    expect(new Set(truth.schemes.map((s) => s.id))).toEqual(new Set(["ivory", "pangolin", "rhino", "abalone", "rosewood"]));
    for (const id of truth.parties) expect(parties.has(id)).toBe(true);
  });

  it("structuring stays just under 10,000 USD; round amounts are round; bursts are mobile money", () => {
    const ids = txById();
    for (const id of truth.typologies.structuring.transactions) {
      const t = ids.get(id)!;
      expect(t.channel).toMatch(/^cash_/);
      expect(usd(t)).toBeLessThan(10_000);
      expect(usd(t)).toBeGreaterThan(6_000);
    }
    for (const id of truth.typologies.round_amounts.transactions) expect(Number(ids.get(id)!.amount) % 1000).toBe(0);
    for (const id of truth.typologies.mobile_money_burst.transactions) expect(ids.get(id)!.channel).toBe("mobile_money");
  });

  it("official payments go to officials; wildlife sectors and young front companies are what they claim", () => {
    const ids = txById();
    for (const id of truth.typologies.official_payment.transactions) {
      const payee = parties.get(accounts.get(ids.get(id)!.to_account)!.holder)!;
      expect(payee.roles).toMatch(/official|customs|ranger|pep/);
    }
    for (const id of truth.typologies.wildlife_sector.accounts) {
      const holder = parties.get(accounts.get(id)!.holder)!;
      expect(holder.sector).toMatch(/antiques|traditional medicine|hunting|seafood|timber|furniture/);
    }
    for (const id of truth.typologies.front_company.accounts) {
      const holder = parties.get(accounts.get(id)!.holder)!;
      expect(holder.kind).toBe("company");
      expect(holder.birth_date >= "2023-08-01").toBe(true);
    }
  });

  it("a dormant account has no transaction for months before it wakes up", () => {
    const ids = txById();
    const wake = truth.typologies.dormant_activation.transactions.map((id) => ids.get(id)!);
    for (const acc of truth.typologies.dormant_activation.accounts) {
      expect(accounts.get(acc)!.opened < "2023-06-01").toBe(true);
      const first = wake.find((t) => t.to_account === acc || t.from_account === acc);
      if (!first) continue;
      const before = tx.filter((t) => (t.from_account === acc || t.to_account === acc) && t.date < first.date);
      expect(before.length).toBe(0);
    }
  });

  it("cycles close: the money of each scheme's cycle comes back to where it left", () => {
    const ids = txById();
    for (const s of truth.schemes) {
      const cyc = truth.typologies.cycle.transactions.filter((id) => s.transactions.includes(id)).map((id) => ids.get(id)!);
      if (cyc.length === 0) continue;
      const out = new Map<string, string[]>();
      for (const t of cyc) out.set(t.from_account, [...(out.get(t.from_account) ?? []), t.to_account]);
      const start = cyc[0].from_account;
      const seen = new Set<string>();
      const stack = [...(out.get(start) ?? [])];
      let closed = false;
      while (stack.length > 0) {
        const a = stack.pop()!;
        if (a === start) closed = true;
        if (seen.has(a)) continue;
        seen.add(a);
        stack.push(...(out.get(a) ?? []));
      }
      expect(closed, s.id).toBe(true);
    }
  });

  it("duplicated identities share a passport, or a phone and birth date, under different names", () => {
    expect(truth.duplicates.length).toBeGreaterThanOrEqual(3);
    for (const [a, b] of truth.duplicates) {
      const pa = parties.get(a)!;
      const pb = parties.get(b)!;
      expect(pa.name).not.toBe(pb.name);
      const samePassport = pa.id_number !== "" && pa.id_number === pb.id_number;
      const samePhoneBirth = pa.phone === pb.phone && pa.birth_date === pb.birth_date;
      expect(samePassport || samePhoneBirth).toBe(true);
    }
  });

  it("names come in several scripts and code words appear in references", () => {
    const names = [...parties.values()].map((p) => p.name).join("\n");
    expect(names).toMatch(/[\u4e00-\u9fff]/); // Han characters
    expect(names).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i); // Vietnamese
    expect(names).toMatch(/[ãçéíóú]/); // Portuguese (MZ)
    const kw = truth.typologies.wildlife_keyword.transactions.map((id) => txById().get(id)!.reference.toLowerCase());
    expect(kw.some((r) => /meno|white gold|chai|scales|bois de rose|horn|perlemoen|tê tê|sừng|abalone|palissandre|andramena|hazo|pembe/.test(r))).toBe(true);
  });

  it("every scheme's community and trace seeds are among its accounts", () => {
    for (const s of truth.schemes) {
      for (const a of s.community) expect(s.accounts).toContain(a);
      for (const a of s.traceSeeds) expect(s.accounts).toContain(a);
      expect(s.route.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe("generateCase: dirty rows for the quarantine lesson", () => {
  it("adds malformed rows that the loader quarantines, one entry per planted problem line", async () => {
    const dir = join(root, "dirty");
    const res = generateCase({ out: dir, seed: 9, transactions: 3000, days: 60, schemes: ["ivory"], dirtyRows: 12 });
    expect(res.truth.dirty.length).toBe(12);
    expect(new Set(res.truth.dirty.map((d) => d.problem)).size).toBeGreaterThan(3);
    const load = await loadCase(dir);
    expect(load.dataset.transactions.length).toBe(3000);
    const lines = new Set(load.quarantine.filter((q) => q.file === "transactions.csv").map((q) => q.line));
    for (const d of res.truth.dirty) expect(lines.has(d.line), `${d.problem} at line ${d.line}`).toBe(true);
    expect(lines.size).toBe(12);
  });
});

describe("generateCase: goAML reports", () => {
  it("writes one STR per scheme that loads back without quarantine, with the planted transaction ids", async () => {
    const dir = join(root, "goaml");
    const res = generateCase({ out: dir, seed: 3, transactions: 4000, days: 60, schemes: ["abalone", "pangolin"], goaml: true });
    expect(res.files.filter((f) => f.file.startsWith("goaml")).map((f) => f.file).sort()).toEqual(["goaml/str-abalone.xml", "goaml/str-pangolin.xml"]);
    const main = await loadCase(dir, { readers: caseReaders() });
    expect(main.dataset.transactions.length).toBe(4000); // the subfolder is not read twice
    const g = await loadCase(join(dir, "goaml"), { readers: caseReaders() });
    expect(g.quarantine).toEqual([]);
    expect(g.dataset.reports.length).toBe(2);
    expect([...g.dataset.transactions.id].sort()).toEqual(res.truth.transactions);
  });
});

describe("generateCase: misuse", () => {
  it("throws OptionError naming the option", () => {
    expect(() => generateCase({ out: join(root, "x"), transactions: 10 })).toThrow(OptionError);
    expect(() => generateCase({ out: join(root, "x"), transactions: 10 })).toThrow(/generateCase: transactions/);
    // @ts-expect-error an unknown scheme
    expect(() => generateCase({ out: join(root, "x"), schemes: ["tiger"] })).toThrow(/schemes/);
    // @ts-expect-error out is required
    expect(() => generateCase({ seed: 1 })).toThrow(/out/);
    expect(() => generateCase({ out: join(root, "x"), transactions: 1000, schemeScale: 20 })).toThrow(/too few/);
  });

  it("does not mutate the options object", () => {
    const opts = { out: join(root, "y"), seed: 2, transactions: 2000, schemes: ["rosewood" as const, "ivory" as const] };
    const copy = structuredClone(opts);
    generateCase(opts);
    expect(opts).toEqual(copy);
  });
});

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { analyze } from "../../src/analyze.js";
import { main } from "../../src/cli/main.js";
import { DatasetBuilder } from "../../src/ingest/builder.js";
import { readGoamlStream } from "../../src/ingest/goaml-reader.js";
import { loadCase } from "../../src/ingest/load-case.js";
import { Quarantine } from "../../src/ingest/quarantine.js";
import { caseReaders } from "../../src/ingest/readers.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function reimport(path: string) {
  const q = new Quarantine();
  const builder = new DatasetBuilder(q);
  await readGoamlStream(Readable.from([readFileSync(path, "utf8")]), "str.xml", { builder, quarantine: q });
  return { dataset: builder.build(), quarantine: q.entries };
}

describe("wildtrace str", async () => {
  const results = analyze(await loadCase("datasets/goaml-sample", { readers: caseReaders() }), { seed: 42 });
  const alerts = results.alerts as { id: string; transactions: string[]; explanation: string }[];
  const communities = results.communities as { id: string; members: string[] }[];

  it("writes an STR for an alert that imports back to the alert's transactions", async () => {
    const alert = alerts.find((a) => a.transactions.length >= 2)!;
    const out = join(mkdtempSync(join(tmpdir(), "wt-str-")), "str.xml");
    const c = capture();
    const code = await main(["str", "datasets/goaml-sample", "--alert", alert.id, "--out", out, "--rentity-id", "1043", "--reference", "WT-1", "--indicator", "IWT01", "--quiet"], c.io);
    expect(code).toBe(0);
    expect(c.err.join("\n")).toContain(`${alert.transactions.length} transactions`);
    const back = await reimport(out);
    expect(back.quarantine).toEqual([]);
    expect([...back.dataset.transactions.id].sort()).toEqual([...alert.transactions].sort());
    expect(back.dataset.reports[0]).toMatchObject({ id: "1043/WT-1", indicators: ["IWT01"], reason: alert.explanation });
  });

  it("writes an STR for a community's transactions", async () => {
    const community = communities[0];
    const out = join(mkdtempSync(join(tmpdir(), "wt-str-")), "c.xml");
    expect(await main(["str", "datasets/goaml-sample", "--community", community.id, "--out", out, "--quiet"], capture().io)).toBe(0);
    const back = await reimport(out);
    const members = new Set(community.members);
    expect(back.dataset.transactions.length).toBeGreaterThan(0);
    for (let i = 0; i < back.dataset.transactions.length; i++) {
      for (const a of [back.dataset.transactions.from[i], back.dataset.transactions.to[i]]) if (a >= 0) expect(members.has(back.dataset.accounts[a].id)).toBe(true);
    }
  });

  it("exits 2 with the help for an unknown alert or a missing selection", async () => {
    const c = capture();
    expect(await main(["str", "datasets/goaml-sample", "--alert", "no-such-alert", "--quiet"], c.io)).toBe(2);
    expect(c.err.join("\n")).toContain("no alert 'no-such-alert'");
    expect(await main(["str", "datasets/goaml-sample", "--quiet"], capture().io)).toBe(2);
  });
});

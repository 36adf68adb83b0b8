/**
 * Derive corridor statistics from the ROUTES partnership's airport wildlife seizure data
 * (2009-2017, published with the ROUTES year-one report; data files MIT licence, copyright (c)
 * 2017 Patrick Baine, see LICENSE-ROUTES), read from ../shared/data/routes/transittots.csv, into
 * routes-stats.json next to this script.
 *
 * Run from the repository root: `npx tsx datasets/corridors/derive-routes.mts [path/to/transittots.csv]`
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CsvParser } from "../../src/ingest/csv-parser.js";
import { normaliseCountry } from "../../src/model/countries.js";

const here = dirname(fileURLToPath(import.meta.url));
const input = process.argv[2] ?? join(here, "../../../shared/data/routes/transittots.csv");
const text = readFileSync(input, "latin1");

const FIX: Record<string, string> = { UAE: "AE", Libia: "LY", "Republic of Congo": "CG", Russia: "RU", "Czech Republic": "CZ", Iran: "IR", Syria: "SY" };
const code = (s: string | undefined): string | undefined => {
  const v = (s ?? "").trim();
  if (!v) return undefined;
  return FIX[v] ?? normaliseCountry(v);
};
const COMMODITY: Record<string, string> = { Ivory: "ivory", "Rhino Horn": "rhino_horn", Reptiles: "reptiles", Birds: "birds" };

const rows: string[][] = [];
const parser = new CsvParser((cells) => rows.push(cells));
parser.write(text);
parser.end();
const head = rows[0].map((h) => h.trim());
const col = (name: string) => head.indexOf(name);
const pairs = new Map<string, { commodity: string; from: string; to: string; stage: string; seizures: number }>();
const unknown = new Set<string>();
let seizures = 0;
for (const row of rows.slice(1)) {
  const commodity = COMMODITY[row[col("Database")]?.trim()] ?? "other";
  const pick = (prefix: string, n: number) => {
    const out: string[] = [];
    for (let k = 1; k <= n; k++) {
      const raw = row[col(`${prefix} Country${k}`)];
      const c = code(raw);
      if (c) out.push(c);
      else if (raw?.trim()) unknown.add(raw.trim());
    }
    return out;
  };
  const origins = pick("Origin", 3);
  const transits = pick("Transit", 4);
  const dests = pick("Destination", 3);
  seizures++;
  const chain = [origins, transits, dests].filter((s) => s.length > 0);
  const stages = ["origin", "transit", "destination"].filter((_, i) => [origins, transits, dests][i].length > 0);
  const seen = new Set<string>();
  for (let s = 0; s + 1 < chain.length; s++) {
    for (const a of chain[s]) {
      for (const b of chain[s + 1]) {
        if (a === b) continue;
        const key = `${commodity}|${a}|${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const hit = pairs.get(key);
        if (hit) hit.seizures++;
        else pairs.set(key, { commodity, from: a, to: b, stage: `${stages[s]}->${stages[s + 1]}`, seizures: 1 });
      }
    }
  }
}
const out = {
  source: "ROUTES partnership airport wildlife seizure data 2009-2017 (transittots.csv; MIT licence, copyright (c) 2017 Patrick Baine, see LICENSE-ROUTES); derived by datasets/corridors/derive-routes.mts",
  seizures,
  note: "Goods direction: from = earlier country on the seizure's route (origin or transit), to = the next one. Counts are seizures on which the pair appears.",
  unmatchedCountryNames: [...unknown].sort(),
  pairs: [...pairs.values()].sort((a, b) => b.seizures - a.seizures || a.commodity.localeCompare(b.commodity) || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
};
writeFileSync(join(here, "routes-stats.json"), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${seizures} seizures, ${out.pairs.length} country pairs; unmatched: ${out.unmatchedCountryNames.join(", ") || "none"}`);

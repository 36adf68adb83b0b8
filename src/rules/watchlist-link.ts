import anyAscii from "any-ascii";
import { z } from "zod";
import { defineRule } from "./rule.js";
import type { Measurement } from "./types.js";
import { money } from "./windows.js";

/**
 * Parameters of {@link watchlistLinkRule}.
 *
 * @example
 * ```ts
 * import { WatchlistLinkParamsSchema } from "wildtrace";
 * WatchlistLinkParamsSchema.parse({}).minStrength; // 2
 * WatchlistLinkParamsSchema.parse({ minStrength: 3 }).minStrength; // 3
 * WatchlistLinkParamsSchema.safeParse({ minStrengthX: 1 }).success; // false: unknown keys are rejected
 * ```
 */
export const WatchlistLinkParamsSchema = z
  .object({
    /** Match strength that alerts: 3 = identifier, 2 = name with birth date or country, 1 = name alone. [default: 2] */
    minStrength: z.number().int().min(1).max(3).default(2),
    /** Also list counterparties that exchanged at least this much with a listed party, base currency (0 = none). [default: 10000] */
    counterpartyMin: z.number().min(0).default(10000),
  })
  .strict();

function foldName(s: string): string {
  return anyAscii(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .sort()
    .join(" ");
}

function idKey(type: string, value: string): string {
  return `${type.toLowerCase()}:${value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, "")}`;
}

/** Parse `type:COUNTRY:value` or `type:value` into a key (type and normalised value). */
function parseIdentifier(raw: string): string | undefined {
  const parts = raw.split(":");
  if (parts.length < 2) return undefined;
  const type = parts[0];
  const value = parts.length >= 3 && /^[A-Z]{2}$/.test(parts[1]) ? parts.slice(2).join(":") : parts.slice(1).join(":");
  return value ? idKey(type, value) : undefined;
}

/**
 * `watchlist_link`: a party matches a user-supplied watchlist entry (seized consignee, convicted
 * trafficker, sanctioned party) by identifier, or by name with a birth date or country; through
 * resolved entities the match extends to every record of the same person (Themis IWT red flags:
 * adverse media and lists). Counterparties with large flows to the listed party are named in the
 * same alert.
 *
 * @example
 * ```ts
 * import { watchlistLinkRule, runRules, createDataset } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [{ id: "P1", kind: "person", name: "Nguyen Van Hung", id_number: "passport:VN:C4521876" }],
 *   accounts: [{ id: "A", holder: "P1" }],
 * });
 * const watchlist = [{ id: "W1", name: "Nguyen Van Hung", identifiers: ["passport:VN:C4521876"], reason: "convicted of ivory trafficking" }];
 * runRules(dataset, { rules: [watchlistLinkRule], watchlist }).alerts[0].value; // 3
 * ```
 */
export const watchlistLinkRule = defineRule({
  id: "watchlist_link",
  title: "Link to a watchlisted party",
  typology: "watchlist_link",
  indicator: "Themis IWT red flags: clients or counterparties in seizure records, convictions, adverse media or sanctions lists",
  description: "Strength of the best match between a party (or its resolved entity) and a watchlist entry.",
  needs: ["parties", "watchlist"],
  unit: "strength",
  params: WatchlistLinkParamsSchema,
  threshold: (p) => p.minStrength,
  bands: (p) => [
    { min: p.minStrength, severity: "high", score: 80, reason: "the party is on the user's watchlist" },
    { min: 3, severity: "high", score: 90, reason: "the party's identifier is on the user's watchlist" },
  ],
  measure(ctx, p) {
    const ds = ctx.dataset;
    const t = ds.transactions;
    const { inStart, inTx, outStart, outTx } = ctx.adjacency;
    const partyKeys = ds.parties.map((party) => ({
      ids: new Set(party.identifiers.map((i) => idKey(i.type, i.value))),
      names: new Set([party.name, ...party.aliases].map(foldName).filter((n) => n.length > 0)),
    }));
    const accountsOf = new Map<number, number[]>();
    for (let a = 0; a < ds.accounts.length; a++) {
      const h = ds.accountHolder[a];
      if (h >= 0) accountsOf.set(h, [...(accountsOf.get(h) ?? []), a]);
    }
    const best = new Map<number, { strength: number; entry: number; how: string }>();
    ctx.watchlist.forEach((w, wi) => {
      const wIds = w.identifiers.map(parseIdentifier).filter((x): x is string => x !== undefined);
      const wNames = [w.name, ...w.aliases].map(foldName);
      for (let k = 0; k < ds.parties.length; k++) {
        const party = ds.parties[k];
        let strength = 0;
        let how = "";
        if (wIds.some((id) => partyKeys[k].ids.has(id))) {
          strength = 3;
          how = "identifier";
        } else if (wNames.some((n) => partyKeys[k].names.has(n))) {
          const dob = w.birthDate && party.birthDate && w.birthDate === party.birthDate;
          const ctry = w.country && party.country && w.country === party.country;
          const contradicts = (w.birthDate && party.birthDate && w.birthDate !== party.birthDate) || (w.country && party.country && w.country !== party.country);
          if (contradicts) continue;
          strength = dob || ctry ? 2 : 1;
          how = dob ? "name and birth date" : ctry ? "name and country" : "name only";
        }
        if (strength === 0) continue;
        const targets = [k];
        const e = ctx.partyEntity[k];
        if (e >= 0) for (const m of ctx.entities[e].members) targets.push(ds.partyIndex.get(m) ?? -1);
        for (const x of targets) {
          if (x < 0) continue;
          const prev = best.get(x);
          const via = x === k ? how : `${how}, via resolved entity ${ctx.entities[e].id}`;
          if (!prev || strength > prev.strength) best.set(x, { strength, entry: wi, how: via });
        }
      }
    });
    const out: Measurement[] = [];
    for (const [k, b] of [...best.entries()].sort((x, y) => x[0] - y[0])) {
      if (b.strength < p.minStrength) continue;
      const accts = accountsOf.get(k) ?? [];
      const flows = new Map<number, { total: number; txs: number[] }>();
      for (const a of accts) {
        for (const [s, e, list, side] of [
          [inStart[a], inStart[a + 1], inTx, t.from],
          [outStart[a], outStart[a + 1], outTx, t.to],
        ] as const) {
          for (let q = s; q < e; q++) {
            const i = list[q];
            const o = side[i];
            if (o < 0 || accts.includes(o)) continue;
            const f = flows.get(o) ?? { total: 0, txs: [] };
            f.total += t.baseAmount[i];
            f.txs.push(i);
            flows.set(o, f);
          }
        }
      }
      const cps = p.counterpartyMin > 0 ? [...flows.entries()].filter(([, f]) => f.total >= p.counterpartyMin).sort((x, y) => x[0] - y[0]) : [];
      const txs = cps.flatMap(([, f]) => f.txs).sort((x, y) => t.time[x] - t.time[y] || x - y);
      const w = ctx.watchlist[b.entry];
      out.push({
        key: `${ds.parties[k].id}:${w.id}`,
        value: b.strength,
        accounts: [...accts, ...cps.map(([o]) => o)],
        parties: [k],
        transactions: txs,
        start: txs.length ? t.time[txs[0]] : undefined,
        end: txs.length ? t.time[txs[txs.length - 1]] : undefined,
        facts: { party: ds.parties[k].name, entry: `${w.id} (${w.name}: ${w.reason}${w.source ? `, ${w.source}` : ""})`, how: b.how, cps: cps.length, cpTotal: cps.reduce((s, [, f]) => s + f.total, 0) },
      });
    }
    return out;
  },
  explain: (m, p, ctx) =>
    `Party ${m.facts?.party} matches watchlist entry ${m.facts?.entry} by ${m.facts?.how}${Number(m.facts?.cps) > 0 ? `, and ${m.facts?.cps} counterparties exchanged ${money(ctx, Number(m.facts?.cpTotal))} with it (at least ${money(ctx, p.counterpartyMin)} each)` : ""}`,
});

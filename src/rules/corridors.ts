import { z } from "zod";
import corridorData from "../../datasets/corridors/corridors.json";
import routesData from "../../datasets/corridors/routes-stats.json";

/**
 * Wildlife trade corridors as editable data: for each commodity, the source, transit and
 * destination countries of the goods (from the Themis IWT toolkit, UNODC World Wildlife Crime
 * Reports and the sources in `datasets/corridors/README.md`), plus country-pair seizure counts
 * derived from the ROUTES airport seizure data 2009-2017 (MIT).
 */
const Countries = z.array(z.string().regex(/^[A-Z]{2}$/));
/**
 * The corridors file (`datasets/corridors/corridors.json`): country roles per commodity, and seizure counts per country pair.
 *
 * @example
 * ```ts
 * import { CorridorsSchema } from "wildtrace";
 * const c = CorridorsSchema.parse({ commodities: { ivory: { source: ["TZ", "MZ"], transit: ["KE"], destination: ["VN"] } } });
 * c.version; // 1
 * c.routes; // []
 * ```
 */
export const CorridorsSchema = z
  .object({
    version: z.number().int().default(1),
    description: z.string().default(""),
    commodities: z.record(z.string(), z.object({ source: Countries, transit: Countries, destination: Countries }).strict()),
    /** Seizure counts per (goods-direction) country pair, e.g. from the ROUTES data. */
    routes: z
      .array(z.object({ commodity: z.string(), from: z.string(), to: z.string(), seizures: z.number().int().nonnegative() }).passthrough())
      .default([]),
  })
  .strict();
export type Corridors = z.infer<typeof CorridorsSchema>;

/**
 * The corridors shipped in `datasets/corridors/`, with the ROUTES seizure pairs attached.
 *
 * @example
 * ```ts
 * import { defaultCorridors } from "wildtrace";
 * defaultCorridors().commodities.ivory.destination; // ["CN"]
 * ```
 */
export function defaultCorridors(): Corridors {
  return CorridorsSchema.parse({
    ...corridorData,
    routes: routesData.pairs.map((p) => ({ commodity: p.commodity, from: p.from, to: p.to, seizures: p.seizures })),
  });
}

/**
 * Role bits of a country in the corridors: 1 source, 2 transit, 4 destination.
 *
 * @example
 * ```ts
 * import { CORRIDOR_SOURCE, corridorRoles, defaultCorridors } from "wildtrace";
 * const bits = corridorRoles(defaultCorridors()).roles.get("ivory")?.get("TZ") ?? 0;
 * (bits & CORRIDOR_SOURCE) !== 0; // true: Tanzania is an ivory source
 * ```
 */
export const CORRIDOR_SOURCE = 1;
/**
 * Role bit of a transit country in the corridors (see {@link CORRIDOR_SOURCE}).
 *
 * @example
 * ```ts
 * import { CORRIDOR_TRANSIT, corridorRoles, defaultCorridors } from "wildtrace";
 * const bits = corridorRoles(defaultCorridors()).roles.get("ivory")?.get("MY") ?? 0;
 * (bits & CORRIDOR_TRANSIT) !== 0; // true: Malaysia is an ivory transit country
 * ```
 */
export const CORRIDOR_TRANSIT = 2;
/**
 * Role bit of a destination country in the corridors (see {@link CORRIDOR_SOURCE}).
 *
 * @example
 * ```ts
 * import { CORRIDOR_DESTINATION, corridorRoles, defaultCorridors } from "wildtrace";
 * const bits = corridorRoles(defaultCorridors()).roles.get("ivory")?.get("CN") ?? 0;
 * (bits & CORRIDOR_DESTINATION) !== 0; // true: China is an ivory destination
 * ```
 */
export const CORRIDOR_DESTINATION = 4;

/**
 * Per commodity, the role bits of each country; and the seizures per goods-direction pair.
 *
 * @example
 * ```ts
 * import { corridorRoles, defaultCorridors } from "wildtrace";
 * const r = corridorRoles(defaultCorridors());
 * r.roles.get("ivory")?.get("TZ"); // 1 (source)
 * ```
 */
export function corridorRoles(c: Corridors): { roles: Map<string, Map<string, number>>; seizures: Map<string, number> } {
  const roles = new Map<string, Map<string, number>>();
  for (const name of Object.keys(c.commodities).sort()) {
    const def = c.commodities[name];
    const m = new Map<string, number>();
    for (const x of def.source) m.set(x, (m.get(x) ?? 0) | CORRIDOR_SOURCE);
    for (const x of def.transit) m.set(x, (m.get(x) ?? 0) | CORRIDOR_TRANSIT);
    for (const x of def.destination) m.set(x, (m.get(x) ?? 0) | CORRIDOR_DESTINATION);
    roles.set(name, m);
  }
  const seizures = new Map<string, number>();
  for (const r of c.routes) seizures.set(`${r.from}>${r.to}`, (seizures.get(`${r.from}>${r.to}`) ?? 0) + r.seizures);
  return { roles, seizures };
}

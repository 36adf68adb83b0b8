import { OptionError } from "../errors.js";
import type { Dataset } from "../model/dataset.js";
import type { Account, Address, Identifier, Party, Relationship } from "../model/schemas.js";
import type { Resolution } from "./resolve-entities.js";

/**
 * A new dataset in which the members of each resolved entity are one party. The merged party
 * keeps the id, kind and name of the entity's first member (smallest id); the other members'
 * names become aliases; identifiers, addresses and roles are the union of the members' (in member
 * order, duplicates dropped); birth date, country and sector come from the first member that has
 * one; the attribute `merged_from` lists the member ids (`;`-separated). Accounts held by any
 * member are held by the merged party; relationships are remapped and those that become a
 * party's relationship with itself, or duplicates, are dropped. Transactions, reports and
 * interned tables are shared with the input, which is never mutated.
 *
 * @example
 * ```ts
 * import { applyResolution, createDataset, resolveEntities } from "wildtrace";
 * const { dataset } = createDataset({
 *   parties: [
 *     { id: "P1", kind: "person", name: "Nguyen Van Hung", id_number: "passport:VN:C4521876" },
 *     { id: "P2", kind: "person", name: "NGUYỄN VĂN HÙNG", id_number: "passport:VN:C4521876" },
 *   ],
 *   accounts: [{ id: "A1", holder: "P1" }, { id: "A2", holder: "P2" }],
 * });
 * const merged = applyResolution(dataset, resolveEntities(dataset));
 * merged.parties.length;   // 1
 * merged.accounts[1].holder; // "P1"
 * dataset.parties.length;  // 2 (unchanged)
 * ```
 */
export function applyResolution(dataset: Dataset, resolution: Pick<Resolution, "entities">): Dataset {
  const canonical = new Map<string, string>();
  const membersOf = new Map<string, Party[]>();
  for (const entity of resolution.entities) {
    const head = entity.members[0];
    const list: Party[] = [];
    for (const m of entity.members) {
      const idx = dataset.partyIndex.get(m);
      if (idx === undefined) throw new OptionError("applyResolution", `entity '${entity.id}' names party '${m}', which is not in the dataset`);
      if (canonical.has(m)) throw new OptionError("applyResolution", `party '${m}' belongs to more than one entity`);
      canonical.set(m, head);
      list.push(dataset.parties[idx]);
    }
    membersOf.set(head, list);
  }
  if (canonical.size === 0) return dataset;

  const parties: Party[] = [];
  const partyIndex = new Map<string, number>();
  for (const p of dataset.parties) {
    const head = canonical.get(p.id);
    if (head !== undefined && head !== p.id) continue;
    const merged = head === undefined ? p : mergeParties(membersOf.get(head)!);
    partyIndex.set(merged.id, parties.length);
    parties.push(merged);
  }
  const accountHolder = new Int32Array(dataset.accounts.length).fill(-1);
  const accounts: Account[] = dataset.accounts.map((acc, a) => {
    const holder = acc.holder !== undefined ? (canonical.get(acc.holder) ?? acc.holder) : undefined;
    if (holder !== undefined) accountHolder[a] = partyIndex.get(holder) ?? -1;
    return holder === acc.holder ? acc : { ...acc, holder };
  });
  const relationships: Relationship[] = [];
  const seen = new Set<string>();
  for (const r of dataset.relationships) {
    const from = canonical.get(r.from) ?? r.from;
    const to = canonical.get(r.to) ?? r.to;
    if (from === to) continue;
    const key = JSON.stringify([from, to, r.type, r.since ?? "", r.until ?? "", r.share ?? ""]);
    if (seen.has(key)) continue;
    seen.add(key);
    relationships.push(from === r.from && to === r.to ? r : { ...r, from, to });
  }
  return { ...dataset, parties, partyIndex, accounts, accountHolder, relationships };
}

function mergeParties(members: readonly Party[]): Party {
  const head = members[0];
  const aliases: string[] = [];
  const identifiers: Identifier[] = [];
  const addresses: Address[] = [];
  const roles: string[] = [];
  const seenAlias = new Set<string>([head.name]);
  const seenId = new Set<string>();
  const seenAddress = new Set<string>();
  const seenRole = new Set<string>();
  const attributes: Record<string, string> = Object.create(null);
  for (const m of members) {
    for (const name of [m.name, ...m.aliases]) {
      if (name !== "" && !seenAlias.has(name)) {
        seenAlias.add(name);
        aliases.push(name);
      }
    }
    for (const id of m.identifiers) {
      const k = `${id.type}\u0000${id.country ?? ""}\u0000${id.value}`;
      if (!seenId.has(k)) {
        seenId.add(k);
        identifiers.push(id);
      }
    }
    for (const ad of m.addresses) {
      const k = `${ad.text}\u0000${ad.country ?? ""}`;
      if (!seenAddress.has(k)) {
        seenAddress.add(k);
        addresses.push(ad);
      }
    }
    for (const r of m.roles) {
      if (!seenRole.has(r)) {
        seenRole.add(r);
        roles.push(r);
      }
    }
    for (const [k, v] of Object.entries(m.attributes)) if (!Object.hasOwn(attributes, k)) attributes[k] = v;
  }
  attributes.merged_from = members.map((m) => m.id).join(";");
  const merged: Party = { id: head.id, kind: head.kind, name: head.name, aliases, identifiers, addresses, roles, attributes };
  const birthDate = members.find((m) => m.birthDate)?.birthDate;
  const country = members.find((m) => m.country)?.country;
  const sector = members.find((m) => m.sector)?.sector;
  if (birthDate) merged.birthDate = birthDate;
  if (country) merged.country = country;
  if (sector) merged.sector = sector;
  return merged;
}

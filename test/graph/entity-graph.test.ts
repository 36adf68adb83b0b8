import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import { buildEntityGraph } from "../../src/graph/entity-graph.js";
import { createDataset } from "../../src/ingest/create-dataset.js";
import { applyResolution } from "../../src/resolve/apply-resolution.js";
import { resolveEntities } from "../../src/resolve/resolve-entities.js";

function frontCompany() {
  return createDataset({
    parties: [
      { id: "P3", kind: "company", name: "Pemba Marine Logistics Lda", country: "MZ", phone: "+258 84 555 0192", address: "Av. Eduardo Mondlane 77, Pemba", sector: "freight forwarding" },
      { id: "P12", kind: "person", name: "Zhang Wei", country: "CN", birth_date: "1968-02-29", phone: "+258 84 555 0192", id_number: "passport:CN:E77120034" },
      { id: "P13", kind: "person", name: "Wei Zhang", country: "CN", birth_date: "1968-02-29", id_number: "passport:CN:E77120034", email: "zw@example.cn" },
      { id: "P8", kind: "company", name: "Golden Dragon Trading Co Ltd", country: "CN", address: "Av Eduardo Mondlane 77 Pemba" },
    ],
    accounts: [
      { id: "ACC-MZ-01", holder: "P3", institution: "Millennium bim" },
      { id: "ACC-CN-02", holder: "P12" },
    ],
    relationships: [
      { from: "P12", to: "P3", type: "directs", since: "2021-02-01" },
      { from: "P12", to: "P8", type: "owns", share: "60" },
      { from: "P12", to: "P8", type: "directs" },
    ],
  }).dataset;
}

describe("buildEntityGraph", () => {
  it("shows the front company, its director, their accounts and what they share", () => {
    const g = buildEntityGraph(frontCompany());
    expect(g.type).toBe("directed");
    expect(g.multi).toBe(true);
    expect(g.nodes()).toEqual([
      "party:P12",
      "party:P13",
      "party:P3",
      "party:P8",
      "account:ACC-CN-02",
      "account:ACC-MZ-01",
      "address:aveduardomondlane77pemba",
      "identifier:passport:CN:E77120034",
      "phone:+258845550192",
    ]);
    expect(g.edges()).toEqual([
      "holds:party:P12->account:ACC-CN-02",
      "holds:party:P3->account:ACC-MZ-01",
      "directs:party:P12->party:P3",
      "directs:party:P12->party:P8",
      "owns:party:P12->party:P8",
      "shares_address:party:P3->address:aveduardomondlane77pemba",
      "shares_address:party:P8->address:aveduardomondlane77pemba",
      "shares_identifier:party:P12->identifier:passport:CN:E77120034",
      "shares_identifier:party:P13->identifier:passport:CN:E77120034",
      "shares_phone:party:P12->phone:+258845550192",
      "shares_phone:party:P3->phone:+258845550192",
    ]);
    expect(g.getEdgeAttributes("owns:party:P12->party:P8")).toEqual({ type: "owns", share: 60 });
    expect(g.getEdgeAttributes("directs:party:P12->party:P3")).toEqual({ type: "directs", since: "2021-02-01" });
    expect(g.getNodeAttributes("phone:+258845550192")).toEqual({ kind: "phone", label: "+258845550192", parties: 2 });
    expect(g.getNodeAttributes("party:P3")).toEqual({ kind: "party", label: "Pemba Marine Logistics Lda", id: "P3", partyKind: "company", country: "MZ", sector: "freight_forwarding" });
  });
  it("lists every identifier with identifiers: 'all', none with 'none', and can leave accounts out", () => {
    const ds = frontCompany();
    const all = buildEntityGraph(ds, { identifiers: "all" });
    expect(all.order).toBe(buildEntityGraph(ds).order + 1);
    expect(all.getNodeAttributes("email:zw@example.cn")).toEqual({ kind: "email", label: "zw@example.cn", parties: 1 });
    expect(all.filterEdges((_, a) => a.type.startsWith("has_"))).toEqual(["has_email:party:P13->email:zw@example.cn"]);
    const none = buildEntityGraph(ds, { identifiers: "none", accounts: false });
    expect(none.nodes()).toEqual(["party:P12", "party:P13", "party:P3", "party:P8"]);
    expect(none.size).toBe(3);
    expect(() => buildEntityGraph(ds, { identifiers: "some" as "all" })).toThrow(OptionError);
  });
  it("gives one party node per resolved entity after applyResolution", () => {
    const ds = frontCompany();
    const g = buildEntityGraph(applyResolution(ds, resolveEntities(ds)));
    expect(g.hasNode("party:P13")).toBe(false);
    expect(g.hasNode("identifier:passport:CN:E77120034")).toBe(false);
    expect(g.getNodeAttribute("party:P12", "label")).toBe("Zhang Wei");
  });
});

import { type PlantedScheme, type SchemeContext, SchemeKit } from "../scheme-kit.js";

/**
 * Rosewood: Chinese furniture makers pay a young Mombasa import-export company, which pays a
 * Malagasy exporter; the exporter pays loggers in the SAVA region by mobile money and forest
 * officials, while the Kenyan front cycles part of the money back to China through Hong Kong.
 *
 * Story sources: MG rosewood (Dalbergia, CITES Appendix II since 2013) moved to CN via KE and HK
 * (domain brief; EIA and Global Witness investigations of the 2009-2014 rosewood trade).
 * "bois de rose" and "palissandre" are the French trade names.
 *
 * @example
 * ```ts
 * const scheme = plantRosewood(ctx);
 * ```
 */
export function plantRosewood(ctx: SchemeContext): PlantedScheme {
  const k = new SchemeKit("rosewood", "rosewood (Dalbergia)", ctx);
  const r = k.rng;
  const nBuyers = ctx.difficulty === "hard" ? 3 : 5;
  const cnBuyers = Array.from({ length: nBuyers }, (_, i) => k.account(i < 2 ? k.company("CN", i === 0 ? "Classical Furniture" : "Hongmu Timber", i === 0 ? "furniture" : "timber") : k.person("CN", { passport: true }), { currency: "USD", pool: i < 2 ? "none" : "person" }));
  k.labelAccount(cnBuyers[0], "wildlife_sector");
  k.labelAccount(cnBuyers[1], "wildlife_sector");
  const keFrontCo = k.company("KE", "General Trading", "import export", { young: true });
  const keFront = k.account(keFrontCo, { currency: "USD", openedDaysBefore: 25 });
  k.labelAccount(keFront, "front_company");
  const hkCo = k.account(k.company("HK", "Trading Limited", "general trading"), { currency: "USD", pool: "trader" });
  const mgExporter = k.company("MG", "Export Bois", "timber");
  const mgExp = k.account(mgExporter, { currency: "USD" });
  k.labelAccount(mgExp, "wildlife_sector");
  const mgBoss = k.person("MG", { birthYear: [1965, 1980] });
  k.relate(mgBoss, mgExporter, "owns", 3000, 80);
  k.relate(mgBoss, keFrontCo, "owns", 30, 50);
  const mgBossWallet = k.account(mgBoss, { type: "mobile_money" });
  const mgSuppliers = Array.from({ length: ctx.difficulty === "hard" ? 1 : 3 }, () => k.account(k.person("MG", { passport: false }), { currency: "local", pool: "person" }));
  const loggers = Array.from({ length: Math.max(4, Math.round(k.tuning.crowd * Math.sqrt(Math.min(1, ctx.scale)))) }, () => k.account(k.person("MG", { female: false, passport: false }), { type: "mobile_money" }));
  const forestOfficial = k.account(k.person("MG", { roles: ["official"], sector: "forestry administration" }), { type: "mobile_money" });
  const mayor = k.account(k.person("MG", { roles: ["pep", "official"] }), { currency: "local" });

  const episodes = k.episodes(3);
  const span = ctx.days - 25;
  for (let e = 0; e < episodes; e++) {
    const d0 = 7 + (e * span) / episodes + r.range(0, span / episodes / 3);
    let got = 0;
    let cyclePart = 0;
    cnBuyers.forEach((b, i) => {
      const usd = r.range(25_000, 60_000);
      got += usd;
      const ref = k.ref(["bois de rose", "palissandre", "hongmu logs"], [`contract KE-${String(40 + e)} hardwood`, "timber deposit", "furniture components"]);
      const typ: Parameters<typeof k.tx>[6] = ["gather_scatter", "high_risk_corridor"];
      if (i < 2) typ.push("wildlife_sector");
      if (ref.coded) typ.push("wildlife_keyword");
      if (i === e % nBuyers) {
        typ.push("cycle");
        cyclePart = usd;
      }
      k.tx(d0 + i * 0.3, b, keFront, Math.round(usd), "wire", ref.text, typ);
    });
    const t1 = d0 + 0.3 * nBuyers + k.delay();
    const back = cyclePart * (1 - k.fee());
    const forward = got - back;
    k.tx(t1, keFront, mgExp, Math.round(forward * 0.6), "wire", "purchase of timber", ["gather_scatter", "pass_through", "high_risk_corridor", "front_company"]);
    k.tx(t1 + 0.2, keFront, mgBossWallet, Math.round(forward * 0.05), "mobile_money", "frais", ["gather_scatter", "front_company"]);
    mgSuppliers.forEach((m, i) => void k.tx(t1 + 0.3 + i * 0.1, keFront, m, Math.round((forward * 0.3) / mgSuppliers.length), "wire", `avance bois lot ${e * 10 + i}`, ["gather_scatter", "front_company", "high_risk_corridor"]));
    k.tx(t1 + 0.4, keFront, hkCo, Math.round(back), "wire", "re-export commission", ["gather_scatter", "cycle", "front_company", "high_risk_corridor"]);
    const t2 = t1 + 0.5 + k.delay();
    k.tx(t2, hkCo, cnBuyers[e % nBuyers], Math.round(back * (1 - k.fee())), "wire", "refund overpayment", ["cycle"]);
    k.tx(t2, mgExp, mgBossWallet, Math.round(got * 0.1), "mobile_money", "", []);
    loggers.forEach((l, i) => {
      if (i > 3 && r.chance(0.25)) return;
      const ref = k.ref(["bois de rose", "hazo mena", "andramena"], ["", "karama", "asa"]);
      k.tx(t2 + 0.3 + i * r.range(0.01, 0.07), mgBossWallet, l, 0, "mobile_money", ref.text, ref.coded ? ["fan_out", "mobile_money_burst", "round_amounts", "wildlife_keyword"] : ["fan_out", "mobile_money_burst", "round_amounts"], (2 + r.int(8)) * 100_000);
    });
    k.tx(t2 + 0.6, mgBossWallet, forestOfficial, 0, "mobile_money", k.ref(["permis", "laissez-passer"], ["merci", ""]).text, ["official_payment"], (4 + r.int(6)) * 250_000);
    if (e % 2 === 0) k.tx(t2 + 1, mgExp, mayor, Math.round(r.range(2_000, 6_000)), "wire", "contribution communale", ["official_payment"]);
  }
  k.core(...cnBuyers, keFront, hkCo, mgExp, mgBossWallet);
  k.traceFrom(cnBuyers[0]);
  return k.finish(
    "Chinese furniture and timber makers and their owners pay a one-month-old Kenyan trading company for 'hardwood'. It pays a Malagasy timber exporter, its owner and local suppliers, and sends one buyer's payment back to China through Hong Kong as a 'refund'. The owner pays loggers in the SAVA region by MVola and a forest official for permits.",
    ["CN", "KE", "MG"],
  );
}

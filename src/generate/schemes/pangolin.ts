import { type PlantedScheme, type SchemeContext, SchemeKit } from "../scheme-kit.js";

/**
 * Pangolin scales: a Vietnamese trader scatters payments over several Singapore trading companies,
 * which gather them into one Nigerian "agro exports" company; its owner pays collectors by mobile
 * money and a customs officer at the port. The trader's cash comes in as structured deposits, and
 * he banks at two banks under two spellings of his name with the same passport.
 *
 * Story sources: the NG-SG-VN route and Nigeria's role as the main export hub for pangolin scales
 * (domain brief; ROUTES and C4ADS seizure analyses; Wildlife Justice Commission reports on
 * Nigerian pangolin networks); traditional medicine as the end use (FATF 2020 IWT report).
 *
 * @example
 * ```ts
 * const scheme = plantPangolin(ctx);
 * ```
 */
export function plantPangolin(ctx: SchemeContext): PlantedScheme {
  const k = new SchemeKit("pangolin", "pangolin scales", ctx);
  const r = k.rng;
  const trader = k.person("VN", { passport: true, script: "native", birthYear: [1970, 1985] });
  const traderAcct = k.account(trader, { currency: "local", pool: "person" });
  const traderDup = k.duplicate(trader, "upper", "passport");
  const traderDupAcct = k.account(traderDup, { currency: "USD", institution: k.otherBank("VN", k.institutionOf(traderAcct)), pool: "none" });
  const tcmCo = k.company("VN", "Traditional Medicine", "traditional medicine");
  const tcm = k.account(tcmCo, { currency: "local" });
  k.relate(trader, tcmCo, "owns", 1800, 100);
  k.labelAccount(tcm, "wildlife_sector");
  const nSg = ctx.difficulty === "hard" ? 3 : 5;
  const sgCos = Array.from({ length: nSg }, (_, i) => k.account(k.company("SG", i % 2 === 0 ? "Trading" : "Global Resources", "general trading", { young: i === 0 }), { currency: "USD", pool: i === 0 ? "none" : "trader" }));
  const ngOwner = k.person("NG", { birthYear: [1972, 1990] });
  const ngExportCo = k.company("NG", "Agro Exports", "import export");
  k.relate(ngOwner, ngExportCo, "owns", 1200, 100);
  const ngExport = k.account(ngExportCo, { currency: "USD", pool: "trader" });
  const ngOwnerBank = k.account(ngOwner, { currency: "local" });
  const ngOwnerWallet = k.account(ngOwner, { type: "mobile_money" });
  const collectors = Array.from({ length: Math.max(4, Math.round(k.tuning.crowd * Math.sqrt(Math.min(1, ctx.scale)))) }, () => k.account(k.person(r.chance(0.8) ? "NG" : "MZ", { passport: false, female: false }), { type: "mobile_money" }));
  const customs = k.account(k.person("NG", { roles: ["customs", "official"], passport: false }), { currency: "local" });

  const episodes = k.episodes(3);
  const span = ctx.days - 25;
  for (let e = 0; e < episodes; e++) {
    const d0 = 8 + (e * span) / episodes + r.range(0, span / episodes / 3);
    // Structured cash deposits into the trader's account.
    const nDep = 3 + r.int(3);
    for (let c = 0; c < nDep; c++) k.tx(d0 - 4 + c * r.range(0.4, 1), -1, traderAcct, Math.round(r.range(k.tuning.structFloor, 9_950)), "cash_deposit", "", ["structuring"]);
    k.tx(d0 - 0.5, tcm, traderAcct, Math.round(r.range(10_000, 20_000)), "wire", "dividend", []);
    k.tx(d0 - 0.3, traderAcct, traderDupAcct, Math.round(r.range(30_000, 50_000)), "internal", "chuyển khoản", []);
    // Scatter: trader (both identities) to the Singapore companies.
    const total = r.range(60_000, 110_000);
    let gathered = 0;
    sgCos.forEach((sg, i) => {
      const part = (total / sgCos.length) * r.range(0.85, 1.15);
      const from = traderDupAcct;
      const ref = k.ref(["scales", "vảy tê tê", "hàng tê tê"], [`PO ${2024}${String(e * 10 + i).padStart(3, "0")} ginger`, "goods payment", "trade settlement"]);
      k.tx(d0 + i * 0.2, from, sg, Math.round(part), "wire", ref.text, ref.coded ? ["scatter_gather", "high_risk_corridor", "wildlife_keyword"] : ["scatter_gather", "high_risk_corridor"]);
      gathered += part * (1 - k.fee());
    });
    // Gather: each Singapore company pays the Nigerian exporter.
    const tg = d0 + 1 + k.delay();
    sgCos.forEach((sg, i) => {
      k.tx(tg + i * 0.3, sg, ngExport, Math.round(gathered / sgCos.length), "wire", `INV NG-AGX-${String(300 + e * 10 + i)} dried ginger`, ["scatter_gather", "pass_through", "rapid_movement", "high_risk_corridor"]);
    });
    // The exporter pays its owner, who pays the collectors and the port.
    const t3 = tg + 1 + k.delay();
    const owner = gathered * r.range(0.3, 0.45);
    k.tx(t3, ngExport, ngOwnerBank, Math.round(owner), "wire", "director remuneration", []);
    k.tx(t3 + 0.3, ngOwnerBank, ngOwnerWallet, Math.round(owner * 0.5), "mobile_money", "", []);
    collectors.forEach((c, i) => {
      const ref = k.ref(["scales", "tê tê", "goods from bush"], ["transport", "", "support"]);
      k.tx(t3 + 0.5 + i * r.range(0.01, 0.06), ngOwnerWallet, c, 0, "mobile_money", ref.text, ref.coded ? ["fan_out", "mobile_money_burst", "round_amounts", "wildlife_keyword"] : ["fan_out", "mobile_money_burst", "round_amounts"], (2 + r.int(8)) * 100_000);
    });
    k.tx(t3 + 0.8, ngOwnerBank, customs, Math.round(r.range(1_000, 3_000)), "wire", k.ref(["settlement for clearance", "egunje"], ["logistics support", "thanks"]).text, ["official_payment"]);
  }
  k.core(traderAcct, traderDupAcct, tcm, ...sgCos, ngExport, ngOwnerBank, ngOwnerWallet);
  k.traceFrom(traderAcct, traderDupAcct);
  return k.finish(
    `A Vietnamese trader who owns a traditional-medicine shop pays for pangolin scales through several Singapore trading companies, which pay a Nigerian 'agro exports' company for 'dried ginger'. Its owner pays collectors by mobile money and a customs officer at the port. The trader banks at two banks as '${k.partyName(trader)}' and '${k.partyName(traderDup)}' with one passport, and feeds the account with cash deposits just under the reporting line.`,
    ["VN", "SG", "NG"],
  );
}

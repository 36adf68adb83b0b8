import { type PlantedScheme, type SchemeContext, SchemeKit } from "../scheme-kit.js";

/**
 * Abalone: a Hong Kong dried-seafood company and individuals paying on its behalf send money to a
 * Cape Town "fishing supplies" company, which is fed with cash from divers and runners (cash
 * intensive, round amounts, structured deposits) and pays them back in cash.
 *
 * Story sources: ZA to HK carries about 90% of poached abalone (domain brief; TRAFFIC, "Empty
 * Shells", 2018); cash payments and barter with drug precursors (ENACT / ISS reports).
 *
 * @example
 * ```ts
 * const scheme = plantAbalone(ctx);
 * ```
 */
export function plantAbalone(ctx: SchemeContext): PlantedScheme {
  const k = new SchemeKit("abalone", "abalone", ctx);
  const r = k.rng;
  const hkCoParty = k.company("HK", "Dried Seafood", "dried seafood");
  const hkCo = k.account(hkCoParty, { currency: "USD", pool: "trader" });
  k.labelAccount(hkCo, "wildlife_sector");
  const hkPeople = Array.from({ length: k.tuning.crowd - 1 }, () => k.account(k.person("HK"), { currency: "local", pool: "person" }));
  const zaCoParty = k.company("ZA", "Fishing Supplies", "fishing supplies", { young: true });
  const zaCo = k.account(zaCoParty, { currency: "USD", openedDaysBefore: 40 });
  k.labelAccount(zaCo, "front_company");
  const zaCash = k.account(zaCoParty, { currency: "local", pool: "cash_business" });
  const boss = k.person("ZA", { birthYear: [1970, 1985] });
  k.relate(boss, zaCoParty, "directs", 40);
  const bossAcct = k.account(boss, { currency: "local" });

  const episodes = k.episodes(4);
  const span = ctx.days - 20;
  for (let e = 0; e < episodes; e++) {
    const d0 = 4 + (e * span) / episodes + r.range(0, span / episodes / 3);
    // Cash from runners: many round deposits, a third of them split just under a USD 10,000 equivalent.
    const nDep = 5 + r.int(5);
    for (let c = 0; c < nDep; c++) {
      const structured = c % 3 === 0;
      const zar = structured ? Math.round(r.range(k.tuning.structFloor, 9_700) / 0.0545 / 100) * 100 : (2 + r.int(10)) * 5_000;
      const typ: Parameters<typeof k.tx>[6] = ["cash_intensive"];
      if (structured) typ.push("structuring");
      else typ.push("round_amounts");
      k.tx(d0 - 3 + c * r.range(0.2, 0.6), -1, zaCash, 0, "cash_deposit", "", typ, zar);
    }
    // Hong Kong pays: the company, and many individuals paying its invoice (third parties): fan-in.
    const invoice = `INV CT-${String(500 + e)}`;
    const ref = k.ref(["perlemoen", "abalone", "鮑魚"], [`${invoice} frozen fish`, "fishing equipment", "marine products"]);
    k.tx(d0, hkCo, zaCo, Math.round(r.range(40_000, 80_000)), "wire", ref.text, ref.coded ? ["fan_in", "high_risk_corridor", "wildlife_sector", "wildlife_keyword"] : ["fan_in", "high_risk_corridor", "wildlife_sector"]);
    hkPeople.forEach((p, i) => {
      k.tx(d0 + 0.2 + i * r.range(0.05, 0.3), p, zaCo, Math.round(r.range(3_000, 9_000)), "wire", `${invoice} on behalf of ${k.partyName(hkCoParty)}`, ["fan_in", "third_party_payment", "high_risk_corridor"]);
    });
    // Pay the divers back in cash; the director takes his cut.
    const t1 = d0 + 1 + k.delay();
    k.tx(t1, zaCo, zaCash, Math.round(r.range(30_000, 50_000)), "internal", "operating account", ["pass_through", "rapid_movement"]);
    for (let c = 0; c < 3 + r.int(3); c++) k.tx(t1 + 0.2 + c * 0.3, zaCash, -1, 0, "cash_withdrawal", "", ["cash_intensive", "round_amounts"], (4 + r.int(12)) * 5_000);
    k.tx(t1 + 1, zaCash, bossAcct, Math.round(r.range(5_000, 12_000)), "wire", "director's fee", []);
  }
  k.core(hkCo, ...hkPeople, zaCo, zaCash, bossAcct);
  k.traceFrom(hkCo);
  return k.finish(
    "A Hong Kong dried-seafood company, and a crowd of people paying its invoices 'on behalf of' it, send money to a new South African fishing-supplies company for 'frozen fish'. The company's local account takes many round cash deposits from runners, some split under the reporting line, and pays divers back in cash.",
    ["HK", "ZA"],
  );
}

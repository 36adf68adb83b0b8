import { type PlantedScheme, type SchemeContext, SchemeKit } from "../scheme-kit.js";

/**
 * Rhino horn: Vietnamese and Chinese buyers pay a South African hunting outfitter for "trophy
 * hunts" (pseudo-hunting); the outfitter's long-dormant game-farm account wakes up, and the money
 * is scattered to a Mozambican middleman, a wildlife vet and a ranger, with part of it cycled back
 * through a Mozambican company.
 *
 * Story sources: ZA/MZ to VN/CN as the dominant rhino horn route, pseudo-hunting and corrupt
 * vets/rangers (domain brief; TRAFFIC and FATF 2020 case studies; SAMLIT IWT work 2021).
 *
 * @example
 * ```ts
 * const scheme = plantRhino(ctx);
 * ```
 */
export function plantRhino(ctx: SchemeContext): PlantedScheme {
  const k = new SchemeKit("rhino", "rhino horn", ctx);
  const r = k.rng;
  const buyers = [
    k.account(k.person("VN", { passport: true }), { currency: "USD", pool: "person" }),
    k.account(k.company("VN", "Trading", "import export"), { currency: "USD" }),
    k.account(k.person("CN", { passport: true }), { currency: "USD", pool: "person" }),
  ];
  const outfitterCo = k.company("ZA", "Safaris & Hunting", "hunting safari");
  const outfitter = k.account(outfitterCo, { currency: "USD", pool: "trader" });
  k.labelAccount(outfitter, "wildlife_sector");
  const gameFarm = k.account(outfitterCo, { currency: "local", openedDaysBefore: 2500 });
  k.labelAccount(gameFarm, "dormant_activation");
  const owner = k.person("ZA", { birthYear: [1960, 1975] });
  k.relate(owner, outfitterCo, "owns", 4000, 100);
  const mzMiddle = k.person("MZ", { birthYear: [1978, 1990] });
  const mzMiddleAcct = k.account(mzMiddle, { currency: "local" });
  const mzMiddleWallet = k.account(mzMiddle, { type: "mobile_money" });
  const mzCo = k.company("MZ", "Comercial", "general trading", { young: true });
  k.relate(mzMiddle, mzCo, "owns", 90, 100);
  const mzCoAcct = k.account(mzCo, { currency: "USD", openedDaysBefore: 30 });
  k.labelAccount(mzCoAcct, "front_company");
  const vet = k.account(k.person("ZA", { roles: ["official"], sector: "veterinary" }), { currency: "local" });
  const ranger = k.account(k.person("ZA", { roles: ["ranger", "official"] }), { currency: "local" });
  const shooters = Array.from({ length: Math.max(3, Math.round(5 * Math.sqrt(ctx.scale))) }, () => k.account(k.person("MZ", { female: false, passport: false }), { type: "mobile_money" }));

  const episodes = k.episodes(3);
  const span = ctx.days - 25;
  for (let e = 0; e < episodes; e++) {
    const d0 = 6 + (e * span) / episodes + r.range(0, span / episodes / 3);
    // Gather: buyers pay the outfitter for "hunts".
    let got = 0;
    buyers.forEach((b, i) => {
      const usd = r.range(25_000, 60_000);
      got += usd;
      const ref = k.ref(["horn", "sừng", "rhino trophy"], [`trophy hunt package ${e + 1}`, "hunting safari deposit", "taxidermy and export permit"]);
      k.tx(d0 + i * 0.4, b, outfitter, Math.round(usd), "wire", ref.text, ref.coded ? ["gather_scatter", "high_risk_corridor", "wildlife_sector", "wildlife_keyword"] : ["gather_scatter", "high_risk_corridor", "wildlife_sector"]);
    });
    // The dormant farm account wakes up and the money scatters.
    const t1 = d0 + 1.2 + k.delay();
    k.tx(t1, outfitter, gameFarm, Math.round(got * 0.6), "internal", "transfer to farm account", ["gather_scatter", "pass_through", ...(e === 0 ? (["dormant_activation"] as const) : [])]);
    const t2 = t1 + 0.5 + k.delay();
    k.tx(t2, gameFarm, mzMiddleAcct, Math.round(got * 0.25), "wire", "game capture services", ["gather_scatter", "pass_through", "rapid_movement", "high_risk_corridor"]);
    k.tx(t2 + 0.2, gameFarm, vet, Math.round(r.range(2_000, 5_000)), "wire", k.ref(["dehorning", "darting fee"], ["veterinary services", "call-out fee"]).text, ["gather_scatter", "official_payment"]);
    k.tx(t2 + 0.3, gameFarm, ranger, Math.round(r.range(800, 2_500)), "wire", k.ref(["tip-off", "gate"], ["casual labour", "thanks"]).text, ["gather_scatter", "official_payment"]);
    for (let c = 0; c < 2 + r.int(3); c++) k.tx(t2 + 0.4 + c * 0.5, gameFarm, -1, 0, "cash_withdrawal", "", ["round_amounts"], (3 + r.int(6)) * 10_000);
    // The Mozambican middleman pays shooters.
    const t3 = t2 + 1 + k.delay();
    k.tx(t3, mzMiddleAcct, mzMiddleWallet, Math.round(got * 0.08), "mobile_money", "", []);
    shooters.forEach((s, i) => {
      k.tx(t3 + 0.2 + i * r.range(0.01, 0.05), mzMiddleWallet, s, 0, "mobile_money", k.ref(["corno", "caça"], ["", "ajuda"]).text, ["fan_out", "mobile_money_burst", "round_amounts"], (2 + r.int(6)) * 5_000);
    });
  }
  // Cycle: farm -> middleman -> MZ company -> outfitter.
  const cd = 15 + r.range(0, ctx.days - 30);
  const base = r.range(30_000, 50_000);
  k.tx(cd, outfitter, mzMiddleAcct, Math.round(base), "wire", "consultancy fee", ["cycle"]);
  k.tx(cd + 1 + k.delay(), mzMiddleAcct, mzCoAcct, Math.round(base * (1 - k.fee())), "wire", "capital", ["cycle", "front_company"]);
  k.tx(cd + 3 + k.delay(), mzCoAcct, outfitter, Math.round(base * (1 - 2 * k.fee())), "wire", "hunting package", ["cycle", "front_company"]);

  k.core(...buyers, outfitter, gameFarm, mzMiddleAcct, mzMiddleWallet, mzCoAcct);
  k.traceFrom(buyers[0]);
  return k.finish(
    "Buyers in Hanoi and Guangzhou pay a Limpopo hunting outfitter for 'trophy hunts'. Its game-farm account, dormant for years, wakes up and pays a Mozambican middleman, a wildlife vet and a ranger; shooters get mobile money, and part of the money comes back through a new Maputo company.",
    ["VN", "CN", "ZA", "MZ"],
  );
}

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
  if (ctx.difficulty !== "hard") {
    buyers.push(k.account(k.person("VN", { passport: true }), { currency: "USD", pool: "person" }));
    buyers.push(k.account(k.company("CN", "Health Products", "traditional medicine"), { currency: "USD" }));
  }
  const outfitterCo = k.company("ZA", "Safaris & Hunting", "hunting safari");
  const outfitter = k.account(outfitterCo, { currency: "USD", pool: "trader" });
  k.labelAccount(outfitter, "wildlife_sector");
  const gameFarm = k.account(outfitterCo, { currency: "USD", openedDaysBefore: 2500 });
  k.labelAccount(gameFarm, "dormant_activation");
  k.labelAccount(gameFarm, "wildlife_sector");
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
  const hunters = Array.from({ length: ctx.difficulty === "hard" ? 1 : 2 }, () => k.account(k.person("ZA", { sector: "professional hunting" }), { currency: "local", pool: "person" }));
  const shooters = Array.from({ length: Math.max(3, Math.round(5 * Math.sqrt(ctx.scale))) }, () => k.account(k.person("MZ", { female: false, passport: false }), { type: "mobile_money" }));

  const episodes = k.episodes(3);
  const span = ctx.days - 25;
  for (let e = 0; e < episodes; e++) {
    const d0 = 6 + (e * span) / episodes + r.range(0, span / episodes / 3);
    // Gather: buyers pay "trophy hunts" into the long-dormant game-farm account.
    let got = 0;
    buyers.forEach((b, i) => {
      const usd = r.range(20_000, 45_000);
      got += usd;
      const ref = k.ref(["horn", "sừng", "rhino trophy"], [`trophy hunt package ${e + 1}`, "hunting safari deposit", "taxidermy and export permit"]);
      const typ: Parameters<typeof k.tx>[6] = ["gather_scatter", "high_risk_corridor", "wildlife_sector"];
      if (ref.coded) typ.push("wildlife_keyword");
      if (e === 0 && i === 0) typ.push("dormant_activation");
      k.tx(d0 + i * 0.4, b, gameFarm, Math.round(usd), "wire", ref.text, typ);
    });
    // Scatter: the farm pays the Mozambican middleman, hunters, the vet and the ranger.
    const t2 = d0 + 0.4 * buyers.length + k.delay();
    k.tx(t2, gameFarm, mzMiddleAcct, Math.round(got * 0.35), "wire", "game capture services", ["gather_scatter", "pass_through", "high_risk_corridor"]);
    hunters.forEach((h, i) => void k.tx(t2 + 0.1 + i * 0.1, gameFarm, h, Math.round(got * 0.15), "wire", "PH fees", ["gather_scatter", "pass_through"]));
    k.tx(t2 + 0.2, gameFarm, vet, Math.round(r.range(2_000, 5_000)), "wire", k.ref(["dehorning", "darting fee"], ["veterinary services", "call-out fee"]).text, ["gather_scatter", "official_payment"]);
    k.tx(t2 + 0.3, gameFarm, ranger, Math.round(r.range(800, 2_500)), "wire", k.ref(["tip-off", "gate"], ["casual labour", "thanks"]).text, ["gather_scatter", "official_payment"]);
    k.tx(t2 + 0.35, gameFarm, outfitter, Math.round(got * 0.2), "internal", "transfer to operating account", ["gather_scatter", "pass_through"]);
    // The Mozambican middleman pays shooters in a mobile-money burst.
    const t3 = t2 + 1 + k.delay();
    k.tx(t3, mzMiddleAcct, mzMiddleWallet, Math.round(got * 0.08), "mobile_money", "", []);
    shooters.forEach((s, i) => {
      k.tx(t3 + 0.2 + i * r.range(0.01, 0.05), mzMiddleWallet, s, 0, "mobile_money", k.ref(["corno", "caça"], ["", "ajuda"]).text, ["mobile_money_burst", "round_amounts"], (2 + r.int(6)) * 5_000);
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
    "Buyers in Viet Nam and China pay a South African hunting outfitter's game-farm account, dormant for years, for 'trophy hunts'. The farm account pays a Mozambican middleman, professional hunters, a wildlife vet and a ranger; shooters get mobile money, and part of the money comes back to the outfitter through a new Mozambican company.",
    ["VN", "CN", "ZA", "MZ"],
  );
}

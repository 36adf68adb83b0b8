import { type PlantedScheme, type SchemeContext, SchemeKit } from "../scheme-kit.js";

/**
 * Ivory: a Chinese buyer network pays a Malaysian freight forwarder, which passes the money through
 * a shell and on to a young Mozambican logistics front and a Tanzanian clearing agent; the cash is
 * withdrawn in structured amounts and a Tanzanian middleman pays poachers and officials by mobile
 * money, with Swahili code words in the references.
 *
 * Story sources: TZ as the logistics base, MZ ports (Pemba, Nacala), MY as transit, CN as the end
 * market (domain brief; EIA and C4ADS reporting on East African ivory syndicates; FATF 2020 IWT
 * report, case studies on clearing agents and mobile money payments to poachers). "meno" is Swahili
 * for teeth/tusks, "mzigo" a load or consignment, "chai" (tea) the usual word for a bribe.
 *
 * @example
 * ```ts
 * const scheme = plantIvory(ctx); // ctx: a SchemeContext from the generator
 * ```
 */
export function plantIvory(ctx: SchemeContext): PlantedScheme {
  const k = new SchemeKit("ivory", "elephant ivory", ctx);
  const r = k.rng;

  // Destination: the financier and his buyers.
  const boss = k.person("CN", { passport: true, script: "latin", birthYear: [1962, 1978] });
  const bossAcct = k.account(boss, { currency: "USD", pool: "person" });
  const bossDup = k.duplicate(boss, "native", "passport");
  const bossDupAcct = k.account(bossDup, { currency: "USD", institution: k.otherBank("CN", k.institutionOf(bossAcct)), pool: "none" });
  const buyerCos = [
    k.company("CN", "Arts & Crafts", "antiques"),
    k.company("CN", "Traditional Medicine", "traditional medicine"),
    k.company("CN", "Import & Export", "import export"),
  ];
  const buyers = buyerCos.map((c) => k.account(c, { currency: "USD" }));
  k.relate(boss, buyerCos[0], "owns", 2400, 70);
  k.relate(boss, buyerCos[1], "directs", 1500);
  for (const b of buyers.slice(0, 2)) k.labelAccount(b, "wildlife_sector");

  // Transit: a real-looking freight forwarder and a dormant shell.
  const myFreight = k.account(k.company("MY", "Freight Forwarding", "freight forwarding"), { currency: "USD", pool: "trader" });
  const myShellCo = k.company("MY", "Trading", "general trading");
  const myShell = k.account(myShellCo, { currency: "USD", openedDaysBefore: 900 });
  k.labelAccount(myShell, "dormant_activation");

  // Source: the clearing agent, the young front sharing its phone, the middleman.
  const tzClearingCo = k.company("TZ", "Clearing & Forwarding", "customs clearing");
  const tzClearing = k.account(tzClearingCo, { currency: "USD", pool: "trader" });
  const middleman = k.person("TZ", { birthYear: [1975, 1988] });
  const mzFrontCo = k.company("MZ", "Logistics", "logistics", { young: true });
  const mzFront = k.account(mzFrontCo, { currency: "USD", openedDaysBefore: 15 });
  k.relate(middleman, mzFrontCo, "directs", 60);
  k.relate(middleman, tzClearingCo, "represents", 700);
  k.labelAccount(mzFront, "front_company");
  const mmBank = k.account(middleman, { currency: "local" });
  const mmDup = k.duplicate(middleman, "initial", "phone_birth");
  const mmDupBank = k.account(mmDup, { currency: "local", institution: k.otherBank("TZ", k.institutionOf(mmBank)), pool: "none" });
  const mmWallet = k.account(middleman, { type: "mobile_money" });

  // Poachers and officials.
  const nPoachers = Math.max(4, Math.round(9 * Math.sqrt(ctx.scale)));
  const poachers = Array.from({ length: nPoachers }, (_, i) => k.account(k.person(i % 3 === 2 ? "MZ" : "TZ", { female: false, birthYear: [1980, 2000], passport: false }), { type: "mobile_money" }));
  const ranger = k.account(k.person("TZ", { roles: ["ranger", "official"], passport: false }), { type: "mobile_money" });
  const customs = k.account(k.person("TZ", { roles: ["customs", "official"], passport: false }), { type: "mobile_money" });
  const portOfficial = k.account(k.person("MZ", { roles: ["official", "pep"] }), { currency: "local" });

  const shipments = k.episodes(4);
  const span = ctx.days - 25;
  for (let s = 0; s < shipments; s++) {
    const d0 = 5 + (s * span) / shipments + r.range(0, span / shipments / 3);
    // 1. Buyers (and once the financier, paying for a buyer) pay the forwarder: fan-in on MY.
    const total = r.range(70_000, 150_000);
    const payers = s === 0 ? [...buyers, bossAcct] : buyers;
    let received = 0;
    payers.forEach((b, i) => {
      const part = (total / payers.length) * r.range(0.8, 1.2);
      received += part;
      const ref = k.ref(["white gold", "ivory carvings deposit", "meno"], [`INV MY-${2024}-${String(100 + s * 7 + i).padStart(4, "0")} marine products`, "freight charges", "consolidated cargo"]);
      const typ: Parameters<typeof k.tx>[6] = ["fan_in", "high_risk_corridor"];
      if (ref.coded) typ.push("wildlife_keyword");
      if (b === bossAcct) typ.push("third_party_payment");
      if (i < 2 && b !== bossAcct) typ.push("wildlife_sector");
      k.tx(d0 + i * 0.15, b, myFreight, Math.round(part), "wire", b === bossAcct ? `cargo payment on behalf of ${k.partyName(buyerCos[2])}` : ref.text, typ);
    });
    // 2. Layering stack: forwarder and shell both pay the front and the clearing agent.
    const t1 = d0 + 0.6 + k.delay();
    const shellShare = received * r.range(0.4, 0.55);
    k.tx(t1, myFreight, myShell, Math.round(shellShare), "internal", "intercompany settlement", ["pass_through", "rapid_movement", ...(s === 0 ? (["dormant_activation"] as const) : [])]);
    const afterFee = (received - shellShare) * (1 - k.fee());
    const shellOut = shellShare * (1 - k.fee());
    const t2 = t1 + 0.3 + k.delay();
    k.tx(t2, myFreight, mzFront, Math.round(afterFee * 0.5), "wire", "freight charges Pemba", ["stack", "pass_through", "rapid_movement", "high_risk_corridor"]);
    k.tx(t2 + 0.1, myFreight, tzClearing, Math.round(afterFee * 0.5), "wire", `clearing fees consignment ${10 + s}`, ["stack", "pass_through", "rapid_movement", "high_risk_corridor"]);
    k.tx(t2 + 0.2, myShell, mzFront, Math.round(shellOut * 0.45), "wire", "logistics services", ["stack", "pass_through", "high_risk_corridor"]);
    k.tx(t2 + 0.3, myShell, tzClearing, Math.round(shellOut * 0.55), "wire", "port handling", ["stack", "pass_through", "high_risk_corridor"]);
    // 3. The front passes its money to the clearing agent (a pass-through across the border).
    const frontIn = afterFee * 0.5 + shellOut * 0.45;
    const t3 = t2 + 0.5 + k.delay();
    k.tx(t3, mzFront, tzClearing, Math.round(frontIn * (1 - k.fee())), "wire", "transport Nacala-Dar", ["pass_through", "rapid_movement", "front_company"]);
    // 4. Structured cash withdrawals at the clearing agent.
    const nCash = 3 + r.int(4);
    for (let c = 0; c < nCash; c++) {
      k.tx(t3 + 0.5 + c * r.range(0.3, 1.2), tzClearing, -1, Math.round(r.range(k.tuning.structFloor, 9_990)), "cash_withdrawal", "", ["structuring"]);
    }
    // 5. Clearing agent pays the middleman, who moves money to his wallet and pays the poachers.
    const toMiddleman = r.range(15_000, 30_000);
    const ref5 = k.ref(["mzigo", "meno"], ["commission", "consultancy"]);
    k.tx(t3 + 1, tzClearing, s % 2 === 0 ? mmBank : mmDupBank, Math.round(toMiddleman), "wire", ref5.text, ref5.coded ? ["wildlife_keyword"] : []);
    const t5 = t3 + 1.5 + k.delay() / 2;
    k.tx(t5, s % 2 === 0 ? mmBank : mmDupBank, mmWallet, Math.round(toMiddleman * 0.6), "mobile_money", "", []);
    const burstPoachers = poachers.filter(() => r.chance(0.75));
    if (burstPoachers.length < 3) burstPoachers.push(...poachers.slice(0, 3 - burstPoachers.length));
    burstPoachers.forEach((p, i) => {
      const tzs = (1 + r.int(6)) * 500_000;
      const ref = k.ref(["meno", "meno mzigo", "pembe", "kazi ya porini"], ["", "ada", "msaada"]);
      const typ: Parameters<typeof k.tx>[6] = ["fan_out", "mobile_money_burst", "round_amounts"];
      if (ref.coded) typ.push("wildlife_keyword");
      k.tx(t5 + 0.05 + i * r.range(0.01, 0.08), mmWallet, p, 0, "mobile_money", ref.text, typ, tzs);
    });
    // 6. Officials.
    k.tx(t5 + 0.3, mmWallet, ranger, 0, "mobile_money", k.ref(["chai", "chai ya porini"], ["asante", ""]).text, ["official_payment"], (2 + r.int(4)) * 250_000);
    k.tx(t5 + 0.4, mmWallet, customs, 0, "mobile_money", k.ref(["chai ya bandari", "chai"], ["shukrani", ""]).text, ["official_payment"], (2 + r.int(6)) * 500_000);
    if (s % 2 === 1) k.tx(t3 + 0.8, mzFront, portOfficial, Math.round(r.range(1_500, 4_000)), "wire", "consultoria portuária", ["official_payment"]);
    // Poachers cash out their wallets.
    for (const p of burstPoachers.slice(0, 3)) k.tx(t5 + 1 + r.range(0, 2), p, -1, 0, "cash_withdrawal", "", [], (1 + r.int(4)) * 200_000);
  }
  // A cycle to blur the trail: clearing agent -> front -> middleman's second bank -> clearing agent.
  const cycleDay = 10 + r.range(0, ctx.days - 25);
  const base = r.range(20_000, 35_000);
  k.tx(cycleDay, tzClearing, mzFront, Math.round(base), "wire", "advance freight", ["cycle"]);
  k.tx(cycleDay + 1 + k.delay(), mzFront, mmDupBank, Math.round(base * (1 - k.fee())), "wire", "reembolso", ["cycle", "front_company"]);
  k.tx(cycleDay + 3 + k.delay(), mmDupBank, tzClearing, Math.round(base * (1 - 2 * k.fee())), "wire", "loan repayment", ["cycle"]);
  // The financier's second identity tops up a buyer once.
  k.tx(8 + r.range(0, 20), bossDupAcct, buyers[2], Math.round(r.range(40_000, 80_000)), "wire", "shareholder loan", []);

  k.core(bossAcct, bossDupAcct, ...buyers, myFreight, myShell, mzFront, tzClearing, mmBank, mmDupBank, mmWallet);
  k.traceFrom(buyers[0], bossAcct);
  return k.finish(
    "A Guangzhou financier and three buyer companies pay a Port Klang freight forwarder for 'marine products'. The money is layered through a dormant Malaysian shell to a two-month-old logistics front in Pemba and a clearing agent in Dar es Salaam, withdrawn in cash just under 10,000 USD, and paid by M-Pesa to poachers ('meno') and to a ranger and a customs officer ('chai').",
    ["CN", "MY", "MZ", "TZ"],
  );
}

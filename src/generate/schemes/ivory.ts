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
  const myFreightCo = k.company("MY", "Freight Forwarding", "freight forwarding");
  const myFreight = k.account(myFreightCo, { currency: "USD", pool: "trader" });
  const myShellCo = k.company("MY", "Trading", "general trading");
  const myShell = k.account(myShellCo, { currency: "USD", openedDaysBefore: 900 });
  const hkShell = k.account(k.company("HK", "Trading Limited", "general trading", { young: true }), { currency: "USD", openedDaysBefore: 60 });

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
  const nPoachers = Math.max(4, Math.round((k.tuning.crowd + 1) * Math.sqrt(Math.min(1, ctx.scale))));
  const poachers = Array.from({ length: nPoachers }, (_, i) => k.account(k.person(i % 3 === 2 ? "MZ" : "TZ", { female: false, birthYear: [1980, 2000], passport: false }), { type: "mobile_money" }));
  const ranger = k.account(k.person("TZ", { roles: ["ranger", "official"], passport: false }), { type: "mobile_money" });
  const customs = k.account(k.person("TZ", { roles: ["customs", "official"], passport: false }), { type: "mobile_money" });
  const portOfficial = k.account(k.person("MZ", { roles: ["official", "pep"] }), { currency: "local" });

  // Nominees: people in China who pay the forwarder's invoices for the buyers (third parties).
  const nominees = Array.from({ length: Math.max(0, k.tuning.crowd - buyers.length - 1) }, () => k.account(k.person("CN", { passport: false, birthYear: [1975, 2000] }), { currency: "local", pool: "person" }));

  const shipments = k.episodes(4);
  const span = ctx.days - 25;
  // With a long enough period the shell is seen to fall silent for months before it wakes up.
  const dormantWake = ctx.days >= 240 ? 200 : -1;
  if (dormantWake > 0) {
    // The shell shows a little life at the start of the data, then nothing for months.
    k.tx(1 + r.range(0, 5), myShell, -1, 0, "cash_withdrawal", "", [], 2_000);
    k.tx(6 + r.range(0, 5), -1, myShell, 0, "cash_deposit", "", [], 5_000);
  }
  let shellWoken = false;
  for (let s = 0; s < shipments; s++) {
    const d0 = 5 + (s * span) / shipments + r.range(0, span / shipments / 3);
    const useShell = dormantWake < 0 || d0 >= dormantWake;
    const invoice = `INV MY-2024-${String(100 + s * 7).padStart(4, "0")}`;
    // 1. Buyers, the financier and nominees pay the forwarder within days: fan-in on MY.
    const total = r.range(90_000, 180_000);
    const payers = [...buyers, bossAcct, ...nominees];
    let received = 0;
    payers.forEach((b, i) => {
      const nominee = i > buyers.length;
      const part = nominee ? r.range(6_000, 9_500) : (total / (buyers.length + 1)) * r.range(0.8, 1.2);
      received += part;
      const ref = k.ref(["white gold", "ivory carvings deposit", "meno"], [`${invoice} marine products`, "freight charges", "consolidated cargo"]);
      const typ: Parameters<typeof k.tx>[6] = ["fan_in", "high_risk_corridor"];
      let text = ref.text;
      if (ref.coded) typ.push("wildlife_keyword");
      if (b === bossAcct || nominee) {
        typ.push("third_party_payment");
        text = `${invoice} cargo on behalf of ${k.partyName(buyerCos[2])}`;
      }
      if (i < 2) typ.push("wildlife_sector");
      k.tx(d0 + i * r.range(0.02, 0.15), b, myFreight, Math.round(part), "wire", text, typ);
    });
    // 2. A layering chain: forwarder -> (shell) -> front -> clearing agent, each passing the money on.
    let amount = received * (1 - k.fee());
    let t = d0 + 0.15 * payers.length + k.delay();
    let prev = myFreight;
    const chain = useShell ? [myShell, hkShell, mzFront, tzClearing] : [hkShell, mzFront, tzClearing];
    const refs = ["intercompany settlement", "consultancy services", "freight charges Pemba", "transport Nacala-Dar"];
    chain.forEach((next, h0) => {
      const h = useShell ? h0 : h0 + 1;
      const gap = k.delay();
      const typ: Parameters<typeof k.tx>[6] = ["stack", "pass_through"];
      if (gap < 1) typ.push("rapid_movement");
      if (k.partyCountry(k.holderOf(prev)) !== k.partyCountry(k.holderOf(next))) typ.push("high_risk_corridor");
      if (next === mzFront || prev === mzFront) typ.push("front_company");
      if (next === myShell && !shellWoken) {
        typ.push("dormant_activation");
        k.labelAccount(myShell, "dormant_activation");
        shellWoken = true;
      }
      k.tx(t, prev, next, Math.round(amount), "wire", next === tzClearing ? `clearing fees consignment ${10 + s}` : refs[h % refs.length], typ);
      amount *= 1 - k.fee();
      t += gap;
      prev = next;
    });
    const t3 = t;
    // 3. Structured cash withdrawals at the clearing agent.
    const nCash = 3 + r.int(4);
    for (let c = 0; c < nCash; c++) {
      k.tx(t3 + 0.3 + c * r.range(0.3, 1.2), tzClearing, -1, Math.round(r.range(k.tuning.structFloor, 9_990)), "cash_withdrawal", "", ["structuring"]);
    }
    // 4. Clearing agent pays the middleman, who moves money to his wallet and pays the poachers.
    const toMiddleman = r.range(15_000, 30_000);
    const ref5 = k.ref(["mzigo", "meno"], ["commission", "consultancy"]);
    k.tx(t3 + 1, tzClearing, s % 2 === 0 ? mmBank : mmDupBank, Math.round(toMiddleman), "wire", ref5.text, ref5.coded ? ["wildlife_keyword"] : []);
    const t5 = t3 + 1.5 + k.delay() / 2;
    k.tx(t5, s % 2 === 0 ? mmBank : mmDupBank, mmWallet, Math.round(toMiddleman * 0.6), "mobile_money", "", []);
    const burst = poachers.filter((_, i) => i < k.tuning.crowd - 2 || r.chance(0.5));
    burst.forEach((p, i) => {
      const tzs = (1 + r.int(6)) * 500_000;
      const ref = k.ref(["meno", "meno mzigo", "pembe", "kazi ya porini"], ["", "ada", "msaada"]);
      const typ: Parameters<typeof k.tx>[6] = ["fan_out", "mobile_money_burst", "round_amounts"];
      if (ref.coded) typ.push("wildlife_keyword");
      k.tx(t5 + 0.05 + i * r.range(0.01, 0.08), mmWallet, p, 0, "mobile_money", ref.text, typ, tzs);
    });
    // 5. Officials.
    k.tx(t5 + 0.3, mmWallet, ranger, 0, "mobile_money", k.ref(["chai", "chai ya porini"], ["asante", ""]).text, ["official_payment", "round_amounts"], (2 + r.int(4)) * 250_000);
    k.tx(t5 + 0.4, mmWallet, customs, 0, "mobile_money", k.ref(["chai ya bandari", "chai"], ["shukrani", ""]).text, ["official_payment", "round_amounts"], (2 + r.int(6)) * 500_000);
    if (s % 2 === 1) k.tx(t3 + 0.8, mzFront, portOfficial, Math.round(r.range(1_500, 4_000)), "wire", "consultoria portuária", ["official_payment"]);
    // Poachers cash out their wallets.
    for (const p of burst.slice(0, 3)) k.tx(t5 + 1 + r.range(0, 2), p, -1, 0, "cash_withdrawal", "", [], (1 + r.int(4)) * 200_000);
  }
  // A cycle to blur the trail: clearing agent -> front -> middleman's second bank -> clearing agent.
  const cycleDay = 10 + r.range(0, ctx.days - 25);
  const base = r.range(20_000, 35_000);
  k.tx(cycleDay, tzClearing, mzFront, Math.round(base), "wire", "advance freight", ["cycle"]);
  k.tx(cycleDay + 1 + k.delay(), mzFront, mmDupBank, Math.round(base * (1 - k.fee())), "wire", "reembolso", ["cycle", "front_company"]);
  k.tx(cycleDay + 3 + k.delay(), mmDupBank, tzClearing, Math.round(base * (1 - 2 * k.fee())), "wire", "loan repayment", ["cycle"]);
  // The financier's second identity tops up a buyer once.
  k.tx(8 + r.range(0, 20), bossDupAcct, buyers[2], Math.round(r.range(40_000, 80_000)), "wire", "shareholder loan", []);

  k.core(bossAcct, bossDupAcct, ...buyers, myFreight, myShell, hkShell, mzFront, tzClearing, mmBank, mmDupBank, mmWallet);
  k.traceFrom(buyers[0], bossAcct);
  return k.finish(
    `A financier in China (${k.partyName(boss)}), three buyer companies and a crowd of nominees pay the invoices of ${k.partyName(myFreightCo)}, a Malaysian freight forwarder, for 'marine products'. The money is layered through a dormant Malaysian shell (${k.partyName(myShellCo)}) and a new Hong Kong company to ${k.partyName(mzFrontCo)}, a recently incorporated Mozambican logistics front, and ${k.partyName(tzClearingCo)}, a Tanzanian clearing agent. It is withdrawn in cash just under 10,000 USD, and the middleman ${k.partyName(middleman)}, who banks under two spellings of the name, pays poachers ('meno') and a ranger and a customs officer ('chai') by mobile money.`,
    ["CN", "MY", "HK", "MZ", "TZ"],
  );
}

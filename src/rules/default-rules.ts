import { cashIntensiveRule } from "./cash-intensive.js";
import { cycleRule } from "./cycle.js";
import { dormantActivationRule } from "./dormant-activation.js";
import { fanInRule } from "./fan-in.js";
import { fanOutRule } from "./fan-out.js";
import { frontCompanyRule } from "./front-company.js";
import { gatherScatterRule } from "./gather-scatter.js";
import { highRiskCorridorRule } from "./high-risk-corridor.js";
import { mobileMoneyBurstRule } from "./mobile-money-burst.js";
import { officialPaymentRule } from "./official-payment.js";
import { passThroughRule } from "./pass-through.js";
import { rapidMovementRule } from "./rapid-movement.js";
import { roundAmountsRule } from "./round-amounts.js";
import type { Rule } from "./rule.js";
import { scatterGatherRule } from "./scatter-gather.js";
import { stackRule } from "./stack.js";
import { structuringRule } from "./structuring.js";
import { thirdPartyPaymentRule } from "./third-party-payment.js";
import { watchlistLinkRule } from "./watchlist-link.js";
import { wildlifeKeywordRule } from "./wildlife-keyword.js";
import { wildlifeSectorRule } from "./wildlife-sector.js";

/**
 * The core AML pack: generic laundering patterns (AMLSim / AMLworld names) and cash red flags.
 *
 * @example
 * ```ts
 * import { coreRules } from "wildtrace";
 * coreRules().map((r) => r.id).includes("cycle"); // true
 * ```
 */
export function coreRules(): Rule[] {
  return [
    fanInRule,
    fanOutRule,
    scatterGatherRule,
    gatherScatterRule,
    cycleRule,
    stackRule,
    structuringRule,
    passThroughRule,
    rapidMovementRule,
    roundAmountsRule,
    dormantActivationRule,
    cashIntensiveRule,
  ];
}

/**
 * The wildlife pack: illegal wildlife trade red flags (Themis, FinCEN 2021, FATF 2020).
 *
 * @example
 * ```ts
 * import { wildlifeRules } from "wildtrace";
 * wildlifeRules().map((r) => r.typology).includes("wildlife_keyword"); // true
 * ```
 */
export function wildlifeRules(): Rule[] {
  return [
    highRiskCorridorRule,
    wildlifeKeywordRule,
    wildlifeSectorRule,
    officialPaymentRule,
    mobileMoneyBurstRule,
    thirdPartyPaymentRule,
    frontCompanyRule,
    watchlistLinkRule,
  ];
}

/**
 * Every built-in rule: the core AML pack then the wildlife pack. A fresh array each call, so a
 * caller may add its own rules: `[...defaultRules(), myRule]`.
 *
 * @example
 * ```ts
 * import { defaultRules } from "wildtrace";
 * defaultRules().length; // 20
 * ```
 */
export function defaultRules(): Rule[] {
  return [...coreRules(), ...wildlifeRules()];
}

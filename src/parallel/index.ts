export { type AnalyzeParallelOptions, analyzeParallel, ENTITY_RULES, planRuleThreads, type RulesPlan } from "./analyze-parallel.js";

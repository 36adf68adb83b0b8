export { type AnalyzeParallelOptions, analyzeParallel, ENTITY_RULES, type RulesSplit, splitRulesAtResolution } from "./analyze-parallel.js";

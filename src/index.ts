/**
 * wildtrace: follow the money behind illegal wildlife trade.
 *
 * One import gives every stage of the pipeline: ingest, resolve, graph, rules, detect, report.
 * @packageDocumentation
 */
export { type AnalysisResults, type AnalyzeOptions, analyze, RESULTS_SCHEMA_VERSION, serializeResults } from "./analyze.js";
export * from "./detect/index.js";
export * from "./errors.js";
export * from "./evaluate/index.js";
export * from "./generate/index.js";
export * from "./graph/index.js";
export * from "./ingest/index.js";
export * from "./model/index.js";
export * from "./parallel/index.js";
export * from "./report/index.js";
export * from "./resolve/index.js";
export * from "./rules/index.js";

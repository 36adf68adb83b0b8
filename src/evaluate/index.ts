/** Evaluate: grade results against the truth of a generated case. */
export * from "./evaluate-results.js";
export * from "./format-evaluation.js";

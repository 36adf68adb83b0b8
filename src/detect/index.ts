/**
 * Detect: communities (who works together) and suspicious flows (where the money came from and
 * went to).
 */
export * from "./communities.js";
export * from "./corridors.js";
export * from "./flow-graph.js";
export * from "./louvain.js";
export * from "./pagerank.js";
export * from "./run-detect.js";
export * from "./trace-funds.js";
export { compactRows, modularity, nodeStrengths, type WeightedGraph, weightedGraphFromEdges } from "./weighted-graph.js";

export * from "./adjacency.js";
export * from "./entity-graph.js";
export * from "./graphml.js";
export * from "./transaction-graph.js";
export * from "./transfers.js";

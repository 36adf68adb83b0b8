export * from "./adjacency.js";

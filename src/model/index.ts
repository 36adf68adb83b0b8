export * from "./codes.js";
export * from "./countries.js";
export * from "./dataset.js";
export type * from "./progress.js";
export * from "./schemas.js";
export { TextColumn } from "./text-column.js";

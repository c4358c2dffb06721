export * from "./error.js";
export * from "./health.js";

export * from "./catalog.js";
export * from "./devices.js";
export * from "./error.js";
export * from "./health.js";
export * from "./outlets.js";
export * from "./uplink.js";

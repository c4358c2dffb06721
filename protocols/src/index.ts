export * from "./errors.js";
export * from "./privacy.js";

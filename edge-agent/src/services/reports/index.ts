export * from "./report-service.js";

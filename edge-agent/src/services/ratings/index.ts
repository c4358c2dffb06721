export * from "./calendar.js";
export { type BadRating, type FollowUpConfig, levelName } from "./follow-ups.js";
export { ratingsMigration } from "./migration.js";
export { findOutlet, type OutletLookup, resolveSubject } from "./rating-input.js";
export * from "./rating-service.js";
export { residentText } from "./resident-text.js";
export { REPORT_DEFAULT_DAYS, REPORT_MAX_DAYS } from "./satisfaction.js";

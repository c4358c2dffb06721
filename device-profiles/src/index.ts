/**
 * @linli/device-profiles: device profiles (one file per vendor, data plus
 * small builders), their schema, and a resolver.
 */
export * from "./builders.js";
export * from "./exposes.js";
export {
  doorSize,
  findByUsb,
  listByFamily,
  loadProfiles,
  type ProfileRegistry,
  parseUsbId,
  resolveProfile,
} from "./registry.js";
export * from "./schema.js";
export {
  type ProfileProblem,
  type ProfileSource,
  profileProblems,
  validateProfile,
} from "./validate.js";
export { shippedProfiles } from "./vendors/index.js";

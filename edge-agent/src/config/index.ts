export {
  appliedConfigPath,
  applyConfigPatch,
  type ConfigPatch,
  environmentKeys,
  mergeConfigPatches,
  patchedKeys,
  readAppliedConfig,
  saveAppliedConfig,
} from "./applied.js";
export { type ConfigProblem, crossCheck } from "./checks.js";
export { ENV_KEYS } from "./env.js";
export { type LoadConfigOptions, type LoadedConfig, loadConfig } from "./load.js";
export {
  type BrokerUserConfig,
  type Config,
  ConfigSchema,
  type DeviceConfig,
  type DisplayConfig,
  type SleepWindowConfig,
  type Weekday,
} from "./schema.js";

export { ENV_KEYS } from "./env.js";
export { type LoadConfigOptions, type LoadedConfig, loadConfig } from "./load.js";
export { type Config, ConfigSchema, type DeviceConfig } from "./schema.js";

export { Agent, type AgentOptions } from "./agent.js";
export { type Config, ConfigSchema, loadConfig } from "./config/index.js";
export { createLogger, type Logger } from "./log.js";
export { Store } from "./store/index.js";

export { AGENT_USERNAME, type BrokerCredentials } from "./agent-credential.js";
export { EmbeddedBroker, type EmbeddedBrokerOptions, listenError } from "./broker.js";
export { isLoopbackHost } from "./loopback.js";

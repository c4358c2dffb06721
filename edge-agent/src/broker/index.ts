export { EmbeddedBroker, type EmbeddedBrokerOptions, listenError } from "./broker.js";

export * from "./hid/index.js";
export { HostSide, LINK_KINDS, type LinkKind } from "./host-side.js";
export * from "./lockers/index.js";
export * from "./printer/index.js";
export { attachToPty, type PtyAttachment, PtyPair } from "./pty.js";
export {
  type DeviceSimulator,
  type SerialLineSettings,
  SimulatorBase,
  type SimulatorLink,
} from "./simulator.js";
export * from "./vending/index.js";

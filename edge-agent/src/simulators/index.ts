export { HostSide, LINK_KINDS, type LinkKind } from "./host-side.js";
export { attachToPty, type PtyAttachment, PtyPair } from "./pty.js";
export {
  type DeviceSimulator,
  type SerialLineSettings,
  SimulatorBase,
  type SimulatorLink,
} from "./simulator.js";

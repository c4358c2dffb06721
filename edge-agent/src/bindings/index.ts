export {
  type HidBinding,
  type HidDeviceInfo,
  type HidHandle,
  NodeHidBinding,
  SimulatedHidBinding,
} from "./hid.js";
export {
  type SimulatedPortInfo,
  SimulatedSerialBinding,
  SimulatedSerialPort,
} from "./serial-simulated.js";

export { InputDevice, type InputDeviceOptions } from "./input-device.js";
export { type ScanEvent, ScannerDriver, type ScannerDriverOptions } from "./scanner-driver.js";

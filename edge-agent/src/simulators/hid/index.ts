export { HidTestReader } from "./hid-test-reader.js";
export {
  RATING_BOX_USAGE,
  RATING_BOX_USAGE_PAGE,
  RatingBoxSimulator,
  type RatingBoxSimulatorOptions,
} from "./rating-box-simulator.js";
export {
  encodeScannerText,
  type GarbledReport,
  HID_POS_USAGE_PAGE,
  HID_POS_USAGE_SCANNER,
  HidPosScannerSimulator,
  type HidPosScannerSimulatorOptions,
  type ScanOptions,
  SerialScannerSimulator,
  type SerialScannerSimulatorOptions,
} from "./scanner-simulator.js";

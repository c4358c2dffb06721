/**
 * Codecs for HID and serial input devices: QR/bar code scanners (HID POS
 * reports, serial line mode) and the five-button rating box. Pure and
 * browser-safe: bytes in, values out.
 */
export {
  AIM_SYMBOLOGIES,
  type AimSymbology,
  isAimIdentifier,
  splitAimPrefix,
  symbologyOfAim,
} from "./aim.js";
export {
  ScannerLineParser,
  type ScannerLineParserOptions,
  type ScannerLineStats,
} from "./line-parser.js";
export {
  decodeHidPosReport,
  encodeHidPosReports,
  HID_POS_AIM_FIRST,
  HID_POS_DATA_FIRST,
  type HidPosLayout,
  type HidPosReport,
} from "./pos-report.js";
export {
  HidPosScanAssembler,
  type HidPosScannerOptions,
  type HidPosScannerStats,
  type ScannedCode,
} from "./pos-scanner.js";
export {
  encodeRatingPress,
  encodeRatingReport,
  RATING_BUTTONS,
  RATING_REPORT_ID,
  RatingBoxDecoder,
  type RatingButton,
  type RatingScore,
} from "./rating-box.js";
export { decodeScannerText, type ScannerEncoding } from "./text.js";

export { createPrinterDriver } from "./factory.js";
export {
  encodePrintJob,
  PRINT_KIND,
  type PrintJob,
  type PrintOptions,
  type PrintPayload,
  type PrintResult,
  type UncertainResolution,
} from "./print-jobs.js";
export {
  PrinterDriver,
  type PrinterDriverOptions,
  type PrinterHealthDetail,
} from "./printer-driver.js";
export {
  canPrintIn,
  holdReason,
  MISSES_BEFORE_OFFLINE,
  type PaperLevel,
  type PrinterStatus,
  statusFromAsb,
  statusFromParts,
} from "./printer-status.js";
export { testReceiptDocument } from "./test-receipt.js";

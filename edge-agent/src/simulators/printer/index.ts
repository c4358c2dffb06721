export {
  type CompletedReceipt,
  type EscPosPrinterOptions,
  EscPosPrinterSimulator,
  type PrinterSnapshot,
  type UnfinishedReceipt,
} from "./printer-simulator.js";
export {
  asbStatusOf,
  canPrint,
  type PaperLevel,
  type PrinterCondition,
  printerStateFor,
  realtimeReply,
} from "./printer-status.js";

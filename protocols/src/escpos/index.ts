/**
 * ESC/POS for GBK receipt printers: the receipt document model, its encoder
 * and text preview, the status codecs, and the printer-side parser used by
 * simulators. Pure and browser-safe.
 */
export type { EscPosToken } from "./command-table.js";
export { MAX_BUFFERED_COMMAND } from "./command-table.js";
export type { QrOptions } from "./commands.js";
export {
  chineseModeOff,
  chineseModeOn,
  cutPaper,
  feedLines,
  initialize,
  QR_MAX_DATA_BYTES,
  qrCapacity,
  qrCode,
  selectAlign,
  selectBold,
  selectSize,
} from "./commands.js";
export type {
  Align,
  ColumnCell,
  ColumnsBlock,
  CutBlock,
  CutMode,
  FeedBlock,
  PairBlock,
  PaperWidth,
  QrBlock,
  QrErrorLevel,
  ReceiptBlock,
  ReceiptDocument,
  RuleBlock,
  TextBlock,
  TextRun,
  TextStyle,
} from "./document.js";
export { PAPER_COLUMNS } from "./document.js";
export type { EncodeOptions } from "./encoder.js";
export { encodeLayout, encodeReceipt } from "./encoder.js";
export { encodeGbk, gbkCodeOf, gbkColumns, toPrintable } from "./gb18030.js";
export type { LayoutItem, LayoutLine, LayoutSpan, SpanStyle } from "./layout.js";
export { layoutReceipt } from "./layout.js";
export type { EscPosParserOptions } from "./parser.js";
export { EscPosParser } from "./parser.js";
export type { PreviewItem } from "./preview.js";
export { QR_PLACEHOLDER, renderPreview, renderReceiptText } from "./preview.js";
export type { PrintedCut, PrintedItem, PrintedLine, PrintedQr } from "./printed.js";
export { PrintedReceipt } from "./printed.js";
export type {
  AsbEvents,
  AsbStatus,
  DecodeResult,
  ErrorCause,
  OfflineCause,
  PaperRollSensor,
  PrinterInfo,
  PrinterReply,
  PrinterState,
  RealtimeStatusFunction,
  RealtimeStatusOf,
  StatusParts,
} from "./status.js";
export {
  asbDisableCommand,
  asbEnableCommand,
  decodeAsb,
  decodeRealtimeStatus,
  encodeAsb,
  encodeRealtimeStatus,
  isAsbHeader,
  isRealtimeReply,
  PrinterReplyReader,
  printerStateOf,
  realtimeStatusRequest,
} from "./status.js";

/**
 * Wire codecs for vending units speaking the "FA FB" VMC host protocol.
 * Pure and browser-safe: bytes in, values out.
 */
export {
  decodeVmcFrame,
  encodeVmcAck,
  encodeVmcMessage,
  encodeVmcPayload,
  encodeVmcPoll,
  type VmcMessage,
  type VmcMessageOf,
  type VmcUnknownMessage,
} from "./codec.js";
export {
  dispenseStatusName,
  isDispenseFinished,
  isDispenseSuccess,
  selectionStatusName,
  VMC_COMMANDS,
  VMC_DISPENSE_IN_PROGRESS,
  VMC_DISPENSE_STATUS,
  VMC_DISPENSE_SUCCESS,
  VMC_PAYMENT_MODE,
  VMC_SELECTION_STATUS,
  VMC_TIMING,
  type VmcCommandName,
  type VmcCommandSpec,
  type VmcDispenseStatus,
  type VmcFieldSpec,
  type VmcFieldType,
  type VmcSelectionStatus,
  vmcCommandByCode,
} from "./commands.js";
export { encodeVmcFrame, readVmcFrame, VMC_MAX_FRAME_LENGTH, type VmcFrame } from "./frame.js";
export { nextPackNo, PackNoTracker } from "./packno.js";
export { VmcFrameParser, type VmcParserStats } from "./parser.js";

/**
 * Wire codecs for parcel-locker boards: the generic "8A/80" board and the
 * Kerong KR-CU16. Pure and browser-safe: bytes in, values out.
 */
export {
  BOARD8A_COMMANDS,
  type Board8aReply,
  type Board8aReplyOptions,
  type Board8aRequest,
  decodeBoard8aReply,
  decodeBoard8aRequest,
  encodeBoard8aReply,
  encodeBoard8aRequest,
} from "./board8a/commands.js";
export { Board8aEchoFilter, type EchoFilterOptions, isEchoOf } from "./board8a/echo.js";
export {
  BOARD8A_FRAME_LENGTH,
  hasValidBoard8aChecksum,
  probeBoard8aFrame,
  sealBoard8aFrame,
  statusBytesFor,
} from "./board8a/frame.js";
export { Board8aParser, type Board8aParserOptions } from "./board8a/parser.js";
export {
  createKrCu16Parser,
  decodeKrCu16Request,
  decodeKrCu16Status,
  encodeKrCu16Request,
  encodeKrCu16Status,
  KRCU16_COMMANDS,
  KRCU16_LOCKS_PER_BOARD,
  type KrCu16Request,
  type KrCu16Status,
  krCu16FrameLength,
} from "./krcu16/commands.js";
export { hasValidKrCu16Checksum, probeKrCu16Frame, sealKrCu16Frame } from "./krcu16/frame.js";
export { KrCu16Parser } from "./krcu16/parser.js";
export type { FrameProbe, StreamStats } from "./stream.js";

export { coordinateProblem, parseDatum, toWgs84 } from "./datum.js";
export { decodeText, parseEncoding } from "./encoding.js";
export { FIELD_NAMES, type FieldName } from "./fields.js";
export { type HoursOutcome, normaliseHours } from "./hours.js";
export { type NamePinyin, namePinyin } from "./pinyin.js";
export {
  type ImportOptions,
  importOutletFile,
  importOutlets,
  type ParsedOutlets,
  parseOutlets,
  rowPlace,
} from "./pipeline.js";
export { outletIdOf } from "./to-record.js";
export type {
  Datum,
  ImportEncoding,
  ImportFormat,
  ImportMode,
  ImportResult,
  RejectedRow,
  UnknownCategory,
} from "./types.js";
export { pricesOf, servicesOf } from "./values.js";

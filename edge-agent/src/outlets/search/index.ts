export {
  assessCoverage,
  type CategoryCoverage,
  type ChainShare,
  type CoverageReport,
  type RuleCheck,
} from "./coverage.js";
export {
  HoursEvaluator,
  KIOSK_TIME_ZONE,
  type OpenState,
  type OpenStatus,
  UNKNOWN_HOURS,
  WallClock,
} from "./hours.js";
export {
  DEFAULT_LIMIT,
  type OutletHit,
  OutletIndex,
  type OutletIndexOptions,
  type OutletMatch,
  type OutletPage,
  type OutletQuery,
} from "./outlet-index.js";
export { nameSyllables, type Syllables } from "./pinyin.js";
export type { MatchKindName } from "./text.js";
export {
  type Datum,
  DEFAULT_WALKING,
  displayMinutes,
  haversineMeters,
  type KioskLocation,
  type LngLat,
  toWgs84,
  type Walk,
  type WalkingConfig,
  WalkingModel,
} from "./walking.js";

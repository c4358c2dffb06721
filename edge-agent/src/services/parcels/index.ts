export { CODE_GUARD_DEFAULTS, CodeGuard, type CodeGuardOptions } from "./code-guard.js";
export { CodeHasher, codeInQr, PICKUP_QR_PREFIX, pickupQrOf } from "./codes.js";
export { type DoorEventRecord, doorEventsOf } from "./door-events.js";
export { servicesMigration } from "./migration.js";
export {
  ParcelService,
  type ParcelServiceEvents,
  type ParcelServiceOptions,
  type ScanPickupOutcome,
} from "./parcel-service.js";
export type { CabinetConfig, ServiceDevices, ServiceOutbox } from "./types.js";

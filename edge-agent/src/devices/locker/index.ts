export { BOARD8A_BAUD_RATE, board8aAdapter } from "./board8a-adapter.js";
export { type BusOutcome, type EchoMode, LockerBus, type LockerBusOptions } from "./bus.js";
export { DoorBook, type DoorDetail, doorKey } from "./door-book.js";
export {
  DOOR_OPEN_JOB,
  DoorJobs,
  type DoorOpenJob,
  type DoorOpenJobResult,
  type DoorOpenPayload,
} from "./door-jobs.js";
export { type DoorOpenResult, lockStatus, openDoor } from "./door-open.js";
export { createLockerDriver, type LockerOptions, LockerOptionsSchema } from "./factory.js";
export { KRCU16_BAUD_RATE, krCu16Adapter } from "./krcu16-adapter.js";
export {
  LOCKER_DEFAULTS,
  LockerDriver,
  type LockerDriverOptions,
  lockerAdapterFor,
} from "./locker-driver.js";
export type {
  LockerAnswer,
  LockerFramer,
  LockerLayout,
  LockerProtocolAdapter,
  LockerProtocolId,
  LockerRequest,
} from "./protocol.js";

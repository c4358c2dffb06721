export {
  KRCU16_BAUD_RATE,
  type KrCu16BusOptions,
  KrCu16BusSimulator,
} from "./krcu16-bus.js";
export {
  LOCK8A_BAUD_RATE,
  LOCK8A_DEFAULT_LOCKS,
  type Lock8aBoardOptions,
  type Lock8aBusOptions,
  Lock8aBusSimulator,
} from "./lock8a-bus.js";
export {
  DEFAULT_REPLY_LATENCY_MS,
  type LockerBoardSnapshot,
  type LockerBusOptions,
  LockerBusSimulator,
  type LockerBusSnapshot,
  type LockerLockSnapshot,
} from "./locker-bus.js";

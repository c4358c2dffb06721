import type { ProtocolId } from "@linli/device-profiles";
import { createLockerDriver } from "./locker/factory.js";
import type { DriverFactory } from "./manager.js";

/** One driver per protocol; the manager builds devices through this table. */
export const DRIVERS: Partial<Record<ProtocolId, DriverFactory>> = {
  "lock-8a": createLockerDriver,
  "kerong-cu16": createLockerDriver,
};

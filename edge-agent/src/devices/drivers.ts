import type { ProtocolId } from "@linli/device-profiles";
import type { DriverFactory } from "./manager.js";

/** One driver per protocol; the manager builds devices through this table. */
export const DRIVERS: Partial<Record<ProtocolId, DriverFactory>> = {};

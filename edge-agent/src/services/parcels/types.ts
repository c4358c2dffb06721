import type { DeviceManager } from "../../devices/manager.js";
import type { Outbox } from "../../uplink/outbox.js";

/** What the services need of the outbox: adding an event inside their own transaction. */
export type ServiceOutbox = Pick<Outbox, "add">;

/** What the services need of the device manager: finding a device by id, listing them all. */
export type ServiceDevices = Pick<DeviceManager, "get" | "list">;

/** Doors of a locker set aside as a shared cabinet (共享童车柜) rather than for parcels. */
export interface CabinetConfig {
  readonly deviceId: string;
  /** "<board>-<lock>" keys; every door of the device when left out. */
  readonly doors?: readonly string[];
}

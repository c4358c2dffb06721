/**
 * The vending units among the kiosk's devices, as the vending service needs
 * them: a durable vend idempotent by order id (both vending drivers), the
 * live health, and whether a slot can sell right now.
 */
import type { DeviceHealth } from "../../devices/device.js";
import type { DeviceManager } from "../../devices/manager.js";
import { MqttVendingDriver } from "../../devices/vending/mqtt-vending-driver.js";
import type { VendJob } from "../../devices/vending/vend-jobs.js";
import { VmcDriver } from "../../devices/vending/vmc-driver.js";

export interface VendingUnitDriver {
  readonly health: DeviceHealth;
  vend(slot: number, options: { orderId: string }): Promise<VendJob>;
  vendJob(orderId: string): VendJob | undefined;
}

/** What the service needs of the device manager. */
export type VendingDevices = Pick<DeviceManager, "get" | "list">;

export function vendingUnit(devices: VendingDevices, id: string): VendingUnitDriver | undefined {
  const device = devices.get(id)?.device;
  return device instanceof VmcDriver || device instanceof MqttVendingDriver ? device : undefined;
}

export function vendingUnitIds(devices: VendingDevices): string[] {
  return devices
    .list()
    .filter((device) => device.family === "vending")
    .map((device) => device.id);
}

/** The operator restocked a slot by hand: a jam there is cleared with it (the VMC driver keeps one). */
export function clearJam(devices: VendingDevices, id: string, slot: number): void {
  const device = devices.get(id)?.device;
  if (device instanceof VmcDriver) device.clearJam(slot);
}

export function isOnline(unit: VendingUnitDriver): boolean {
  return unit.health.connected && unit.health.state !== "offline";
}

/** A slot the unit itself refuses now: jammed (until cleared) or paused. */
export function slotBlocked(unit: VendingUnitDriver, slot: number): boolean {
  const detail = unit.health.detail as { jammedSlots?: unknown; slots?: unknown };
  if (Array.isArray(detail.jammedSlots) && detail.jammedSlots.includes(slot)) return true;
  if (!Array.isArray(detail.slots)) return false;
  return detail.slots.some(
    (known: unknown) =>
      typeof known === "object" &&
      known !== null &&
      (known as { slot?: unknown }).slot === slot &&
      (known as { paused?: unknown }).paused === true,
  );
}

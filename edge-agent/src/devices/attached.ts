import type { BindingInterface } from "@serialport/bindings-cpp";
import type { HidBinding } from "../bindings/hid.js";
import type { AttachedPort } from "./manager.js";

function hex(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const parsed = Number.parseInt(value, 16);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** What is plugged in now, from both bindings, for auto-detection. */
export function attachedPortsLister(
  serial: BindingInterface,
  hid: HidBinding,
): () => Promise<AttachedPort[]> {
  return async () => {
    const [ports, hids] = await Promise.all([
      serial.list().catch(() => []),
      hid.devices().catch(() => []),
    ]);
    return [
      ...ports.map((port) => ({
        kind: "serial" as const,
        path: port.path,
        vendorId: hex(port.vendorId),
        productId: hex(port.productId),
      })),
      ...hids.map((device) => ({
        kind: "hid" as const,
        path: device.path,
        vendorId: device.vendorId,
        productId: device.productId,
      })),
    ];
  };
}

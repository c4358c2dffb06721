/**
 * Vending machine controllers (VMC) speaking the "FA FB" host protocol, as
 * fitted to many Chinese snack and drink machines: 57600 8N1, the VMC polls
 * every 200 ms. A 6 × 10 spiral cabinet is the usual size.
 */
import { serial, transports, vmcFafb } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "generic-vmc-fafb-60",
    vendor: "Generic (Chinese OEM)",
    model: "FA-FB vending machine controller, 60 slots",
    ...vmcFafb({ slots: 60, slotsPerTray: 10, maxPriceFen: 99_900 }),
    transports: transports(serial({ baudRate: 57600 })),
    usb: [],
  },
];

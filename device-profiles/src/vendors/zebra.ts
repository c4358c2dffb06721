/**
 * Zebra (formerly Symbol Technologies, USB vendor 0x05E0) scanners in HID
 * POS mode.
 */
import {
  HID_USAGE_BARCODE_SCANNER,
  HID_USAGE_PAGE_BARCODE_SCANNER,
  hid,
  hidPosScanner,
  transports,
  usb,
} from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "zebra-ds-hid-pos",
    vendor: "Zebra",
    model: "DS2208 / LS2208 (HID POS mode)",
    ...hidPosScanner(),
    transports: transports(
      hid({ usagePage: HID_USAGE_PAGE_BARCODE_SCANNER, usage: HID_USAGE_BARCODE_SCANNER }),
    ),
    // Uncertain: 05e0:1300 enumerates as "Symbol Bar Code Scanner" (HID), seen from DS2208 and
    // LS3408 scanners, possibly in keyboard mode; the driver checks for usage page 0x8C anyway.
    usb: [usb(0x05e0, 0x1300)],
  },
];

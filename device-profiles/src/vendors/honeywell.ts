/**
 * Honeywell (Hand Held Products, USB vendor 0x0C2E) scanners in HID POS mode.
 * Honeywell gives each interface mode its own product id, so the same scanner
 * has another id in keyboard or serial mode.
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
    id: "honeywell-voyager-hid-pos",
    vendor: "Honeywell",
    model: "Voyager 1400g / 1450g (HID POS mode)",
    ...hidPosScanner(),
    transports: transports(
      hid({ usagePage: HID_USAGE_PAGE_BARCODE_SCANNER, usage: HID_USAGE_BARCODE_SCANNER }),
    ),
    // 0b8f: the Voyager 1400g in HID POS mode, as used by an open-source WebHID scanner
    // library; not confirmed against Honeywell's documentation (uncertain for the 1450g).
    usb: [usb(0x0c2e, 0x0b8f)],
  },
];

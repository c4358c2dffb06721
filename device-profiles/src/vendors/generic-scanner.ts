/**
 * Scanners of any make, for when the USB id is not one we know: a HID POS
 * scanner is recognised by its usage page (0x8C) rather than by its id, and a
 * serial scanner by configuration.
 */
import {
  HID_USAGE_BARCODE_SCANNER,
  HID_USAGE_PAGE_BARCODE_SCANNER,
  hid,
  hidPosScanner,
  serial,
  serialScanner,
  transports,
} from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "generic-hid-pos-scanner",
    vendor: "Generic",
    model: "HID POS bar code scanner",
    ...hidPosScanner(),
    transports: transports(
      hid({ usagePage: HID_USAGE_PAGE_BARCODE_SCANNER, usage: HID_USAGE_BARCODE_SCANNER }),
    ),
    usb: [],
  },
  {
    id: "generic-serial-scanner",
    vendor: "Generic",
    model: "Serial bar code scanner, line mode",
    // 9600 is the usual factory rate; many also offer 115200 (set both ends alike).
    ...serialScanner({ lineEnding: "cr" }),
    transports: transports(serial({ baudRate: 9600 })),
    usb: [],
  },
];

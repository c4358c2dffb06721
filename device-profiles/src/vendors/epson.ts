/**
 * Epson TM-T20 / TM-T88 family (80 mm). Status (DLE EOT) and ASB are Epson's
 * own ESC/POS features; the global models have no Chinese font, so Chinese
 * text must be sent as an image or left out. The Simplified Chinese models
 * that do have GB18030 can be added in the config with `chinese: "gb18030"`.
 */
import { escposPrinter, serial, tcp, transports, usb, usblp } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "epson-tm-t-80",
    vendor: "Epson",
    model: "TM-T20 / TM-T88 series",
    ...escposPrinter({ paperWidthMm: 80, cutter: "partial", chinese: "none", asb: true }),
    // The serial rate is set by DIP or memory switch; 38400 is our assumption of the usual
    // factory setting (uncertain): check the printer's status sheet.
    transports: transports(serial({ baudRate: 38400 }), usblp(), tcp()),
    usb: [
      // Vendor-defined USB class, shared by many TM models (TM-T88III, TM-T20IIIL, …).
      usb(0x04b8, 0x0202),
      // TM-T20 in USB printer class (its descriptor reads "TM-T20").
      usb(0x04b8, 0x0e03),
      // Uncertain model: attributed to TM-T20II, TM-T20III and TM-T88V by different sources.
      usb(0x04b8, 0x0e15),
      // TM-T20IIIL in USB printer class (Epson technical reference).
      usb(0x04b8, 0x0e27),
    ],
  },
];

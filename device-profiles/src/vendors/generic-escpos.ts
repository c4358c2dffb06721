/**
 * Unbranded Chinese ESC/POS receipt printers (sold as POS-58 / POS-80 under
 * many names: Xprinter, Zjiang, GOOJPRT, Rongta OEM boards, …). They speak
 * GB18030 after FS & and print QR codes natively. USB ids depend on the
 * controller chip on the board, not on the brand on the case, so one id can
 * appear on 58 mm and 80 mm printers alike: auto-detection proposes, the
 * operator confirms.
 */
import { CH340, escposPrinter, serial, tcp, transports, usb, usblp } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "generic-escpos-58",
    vendor: "Generic (Chinese OEM)",
    model: "POS-58 58 mm thermal receipt printer",
    ...escposPrinter({ paperWidthMm: 58, cutter: "none" }),
    // Most ship at 9600 baud on their serial port; the self-test page shows the rate.
    transports: transports(serial({ baudRate: 9600 }), usblp()),
    usb: [
      // Winbond "Virtual Com Port", USB printer class; the Linux usblp driver carries a quirk for it.
      usb(0x0416, 0x5011),
      // GD32 "micro-printer" (GOOJPRT PT-210 and similar), USB printer class.
      usb(0x28e9, 0x0289),
      CH340,
    ],
  },
  {
    id: "generic-escpos-80",
    vendor: "Generic (Chinese OEM)",
    model: "POS-80 80 mm thermal receipt printer with cutter",
    ...escposPrinter({ paperWidthMm: 80, cutter: "partial" }),
    transports: transports(serial({ baudRate: 9600 }), usblp(), tcp()),
    usb: [
      // STM32 boards ("POS80"), USB printer class. Uncertain as an identity: 0483:5720 is
      // also ST's default id for other STM32 devices (mass storage, DFU).
      usb(0x0483, 0x5720),
      CH340,
    ],
  },
];

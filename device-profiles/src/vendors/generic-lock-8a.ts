/**
 * The generic "8A/80" parcel-locker board sold by many Chinese makers: RS-485
 * at 9600 8N1, one door sensor bit per lock, no parcel sensor. Boards come
 * with 12, 16, 24 or 48 locks; 24 is the common one. It sits behind a
 * USB-RS485 adapter, whose USB id says nothing about the board, so none is
 * listed here.
 */
import { lockBoard8A, serial, transports } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "generic-lock-8a-24",
    vendor: "Generic (Chinese OEM)",
    model: "8A/80 RS-485 lock board, 24 locks",
    ...lockBoard8A({ locksPerBoard: 24 }),
    transports: transports(serial({ baudRate: 9600 })),
    usb: [],
  },
];

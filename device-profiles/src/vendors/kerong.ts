/**
 * Kerong (科荣) KR-CU16 locker control unit: 16 locks a board, a hook sensor
 * (door locked) and an infrared sensor (parcel present) per lock, RS-485 at
 * 19200 8N1. Up to 16 boards share one bus.
 */
import { kerongCu16, serial, transports } from "../builders.js";
import type { DeviceProfile } from "../schema.js";

export const definitions: DeviceProfile[] = [
  {
    id: "kerong-kr-cu16",
    vendor: "Kerong",
    model: "KR-CU16",
    ...kerongCu16(),
    transports: transports(serial({ baudRate: 19200 })),
    usb: [],
  },
];

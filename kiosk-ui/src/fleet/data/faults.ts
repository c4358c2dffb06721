import type { DeviceReading } from "./messages.js";

/**
 * What is wrong at a kiosk, from its devices' states: a device that stopped
 * (offline, error, paper out, cover open, jammed) is critical; one that
 * needs a person soon (paper low, a door left open) is a warning. A door
 * open while a resident takes a parcel, a busy printer: not faults.
 */

export type Severity = "critical" | "warning" | "ok";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 2, warning: 1, ok: 0 };

export type FaultKind =
  | "offline"
  | "error"
  | "paperOut"
  | "paperLow"
  | "coverOpen"
  | "doorJammed"
  | "doorLeftOpen"
  | "slotJammed"
  | "jammed";

export interface Fault {
  deviceId: string;
  family: string | undefined;
  kind: FaultKind;
  severity: Exclude<Severity, "ok">;
  /** The doors or slots it concerns, when the device said. */
  items: string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string").slice(0, 20)
    : [];

const numbers = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .filter((item): item is number => typeof item === "number")
        .slice(0, 20)
        .map(String)
    : [];

/** A lock board's door key "1-3" as people say it: door 3 (board 1 is the only one mostly). */
const doorName = (key: string): string => {
  const [board, lock] = key.split("-");
  return board === "1" && lock !== undefined ? lock : key;
};

/** The device's fault, or undefined when it is fine. */
export function faultOf(device: DeviceReading): Fault | undefined {
  const base = { deviceId: device.id, family: device.family, items: [] as string[] };
  const detail = device.detail ?? {};
  if (!device.connected || device.state === "offline")
    return { ...base, kind: "offline", severity: "critical" };
  switch (device.state) {
    case "error":
      return { ...base, kind: "error", severity: "critical" };
    case "paper_out":
      return { ...base, kind: "paperOut", severity: "critical" };
    case "cover_open":
      return { ...base, kind: "coverOpen", severity: "critical" };
    case "paper_near_end":
      return { ...base, kind: "paperLow", severity: "warning" };
    case "jammed": {
      const doors = strings(detail.jammed).map(doorName);
      if (doors.length > 0)
        return { ...base, kind: "doorJammed", severity: "critical", items: doors };
      const slots = numbers(detail.jammedSlots);
      if (slots.length > 0)
        return { ...base, kind: "slotJammed", severity: "critical", items: slots };
      return { ...base, kind: "jammed", severity: "critical" };
    }
    case "door_open": {
      const leftOpen = strings(detail.leftOpen).map(doorName);
      return leftOpen.length > 0
        ? { ...base, kind: "doorLeftOpen", severity: "warning", items: leftOpen }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Every fault of a kiosk's devices, worst first. */
export function faultsOf(devices: Iterable<DeviceReading>): Fault[] {
  const faults: Fault[] = [];
  for (const device of devices) {
    const fault = faultOf(device);
    if (fault) faults.push(fault);
  }
  return faults.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.deviceId.localeCompare(b.deviceId),
  );
}

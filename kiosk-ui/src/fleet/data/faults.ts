import type { DeviceReading, StoreReason, TelemetryReading } from "./messages.js";

/**
 * What is wrong at a kiosk, from its devices' states: a device that stopped
 * (offline, error, paper out, cover open, jammed) is critical; one that
 * needs a person soon (paper low, a door left open) is a warning. A door
 * open while a resident takes a parcel, a busy printer: not faults.
 *
 * And from the kiosk itself (its telemetry): a store that cannot take writes
 * is critical — the kiosk refuses pickups, sales, bookings and ratings; a
 * disk nearly at that point, a backlight the agent cannot set and a touch
 * panel gone missing are warnings. A screen asleep at night is not a fault.
 */

export type Severity = "critical" | "warning" | "ok";

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 2, warning: 1, ok: 0 };

export type DeviceFaultKind =
  | "offline"
  | "error"
  | "paperOut"
  | "paperLow"
  | "coverOpen"
  | "doorJammed"
  | "doorLeftOpen"
  | "slotJammed"
  | "jammed";

/** What is wrong with the kiosk itself rather than one of its devices. */
export type KioskFaultKind =
  | "storeFull"
  | "storeLowSpace"
  | "storeIoError"
  | "storeReadOnly"
  | "storeUnwritable"
  | "diskLow"
  | "backlightError"
  | "touchMissing";

export type FaultKind = DeviceFaultKind | KioskFaultKind;

export interface Fault {
  /** The device it concerns; undefined for the kiosk itself (its store, screen, touch panel). */
  deviceId: string | undefined;
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

const STORE_FAULT: Readonly<Record<StoreReason, KioskFaultKind>> = {
  full: "storeFull",
  low_space: "storeLowSpace",
  io_error: "storeIoError",
  read_only: "storeReadOnly",
};

/** A fault of the kiosk's store or its disk: whether it can (soon) record residents' actions. */
export const isRecordingFault = (fault: Fault): boolean =>
  fault.deviceId === undefined && (fault.kind.startsWith("store") || fault.kind === "diskLow");

/**
 * Free space is "nearly out" below twice the agent's reserve (under the
 * reserve it refuses new actions) or below this share of the disk: time to
 * clean up before residents are turned away.
 */
export const DISK_LOW_RESERVES = 2;
export const DISK_LOW_SHARE = 0.05;

/** Free space where the store lives: the store's own reading, else the host's. */
export function diskFreeOf(telemetry: TelemetryReading | undefined): number | undefined {
  return telemetry?.store?.freeBytes ?? telemetry?.kiosk.diskFreeBytes;
}

/**
 * The kiosk's own faults, from its last telemetry. `hadTouchPanel`: whether
 * it reported a touch panel before — a kiosk that never had one (a monitor
 * with a mouse) is not missing one.
 */
export function kioskFaultsOf(
  telemetry: TelemetryReading | undefined,
  hadTouchPanel: boolean,
): Fault[] {
  if (!telemetry) return [];
  const faults: Fault[] = [];
  const kioskFault = (kind: KioskFaultKind, severity: Fault["severity"]): Fault => ({
    deviceId: undefined,
    family: undefined,
    kind,
    severity,
    items: [],
  });
  const { store, kiosk } = telemetry;
  if (store && !store.writable) {
    faults.push(
      kioskFault(store.reason ? STORE_FAULT[store.reason] : "storeUnwritable", "critical"),
    );
  } else {
    const free = diskFreeOf(telemetry);
    const reserve = store?.reserveBytes;
    const total = kiosk.diskTotalBytes;
    const low =
      free !== undefined &&
      ((reserve !== undefined && reserve > 0 && free < reserve * DISK_LOW_RESERVES) ||
        (total !== undefined && total > 0 && free < total * DISK_LOW_SHARE));
    if (low) faults.push(kioskFault("diskLow", "warning"));
  }
  if (kiosk.display?.backlight?.writable === false)
    faults.push(kioskFault("backlightError", "warning"));
  if (kiosk.touch?.present === false && hadTouchPanel)
    faults.push(kioskFault("touchMissing", "warning"));
  return faults;
}

/** Every fault of a kiosk, its own and its devices', worst first; the kiosk's own before its devices'. */
export function faultsOf(
  devices: Iterable<DeviceReading>,
  kioskFaults: readonly Fault[] = [],
): Fault[] {
  const faults: Fault[] = [...kioskFaults];
  for (const device of devices) {
    const fault = faultOf(device);
    if (fault) faults.push(fault);
  }
  const ownFirst = (fault: Fault) => (fault.deviceId === undefined ? 0 : 1);
  // Stable: the kiosk's own keep their order (store, disk, screen, touch).
  return faults.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      ownFirst(a) - ownFirst(b) ||
      (a.deviceId ?? "").localeCompare(b.deviceId ?? ""),
  );
}

import type { DeviceFamily } from "@linli/device-profiles";

/** The states an operator sees for any device; families add detail in `detail`. */
export type DeviceState =
  | "ready"
  | "busy"
  | "paper_near_end"
  | "paper_out"
  | "cover_open"
  | "door_open"
  | "jammed"
  | "offline"
  | "error";

export interface DeviceHealth {
  state: DeviceState;
  connected: boolean;
  /** ISO time the device last answered or sent anything. */
  lastSeen: string | null;
  errorCount: number;
  lastError: string | null;
  /** Family specifics: paper, doors, slots and stock, … (JSON-safe). */
  detail: Record<string, unknown>;
}

export interface DeviceEvents {
  health: [health: DeviceHealth];
  /** A report that is not a state: scan, rating press, door closed report, … */
  event: [type: string, data: Record<string, unknown>];
}

/**
 * What the device manager holds for every configured or detected device.
 * Drivers implement it; each takes a transport, never serialport or node-hid.
 */
export interface Device {
  readonly id: string;
  readonly profileId: string;
  readonly family: DeviceFamily;
  readonly health: DeviceHealth;
  start(): Promise<void>;
  stop(): Promise<void>;
  on<K extends keyof DeviceEvents>(event: K, listener: (...args: DeviceEvents[K]) => void): this;
  off<K extends keyof DeviceEvents>(event: K, listener: (...args: DeviceEvents[K]) => void): this;
}

export function initialHealth(): DeviceHealth {
  return {
    state: "offline",
    connected: false,
    lastSeen: null,
    errorCount: 0,
    lastError: null,
    detail: {},
  };
}

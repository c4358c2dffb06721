/**
 * Reading what kiosks publish under `linli/v1/{site}/{kiosk}/…` (DESIGN.md
 * "Uplink"), defensively: the broker is shared and anything may arrive on
 * it. Each reader returns a value the fleet view can show, or undefined for
 * a payload that does not have the shape the uplink publishes. Only the
 * fields the view uses are checked; extra keys are left alone.
 */

export const TOPIC_ROOT = "linli/v1";

/** What the fleet view subscribes to: the kiosks' upstream topics, never downlink data. */
export const FLEET_SUBSCRIPTIONS = [
  `${TOPIC_ROOT}/+/+/status`,
  `${TOPIC_ROOT}/+/+/telemetry`,
  `${TOPIC_ROOT}/+/+/devices/+/state`,
  `${TOPIC_ROOT}/+/+/events`,
] as const;

const SEGMENT = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type TopicKind =
  | { kind: "status" }
  | { kind: "telemetry" }
  | { kind: "events" }
  | { kind: "deviceState"; deviceId: string };

export type FleetTopic = TopicKind & { site: string; kiosk: string };

/**
 * The kiosk and the kind of message a topic carries; undefined for a topic
 * the view does not read (commands, datasets, config) or one that is not a
 * valid uplink topic at all.
 */
export function parseTopic(topic: string): FleetTopic | "ignored" | undefined {
  const parts = topic.split("/");
  if (parts[0] !== "linli" || parts[1] !== "v1") return undefined;
  const [, , site, kiosk, ...rest] = parts;
  if (site === undefined || kiosk === undefined || !SEGMENT.test(site) || !SEGMENT.test(kiosk))
    return undefined;
  const key = rest.join("/");
  if (key === "status" || key === "telemetry" || key === "events")
    return { kind: key, site, kiosk };
  if (rest.length === 3 && rest[0] === "devices" && rest[2] === "state") {
    const deviceId = rest[1] as string;
    return SEGMENT.test(deviceId) ? { kind: "deviceState", deviceId, site, kiosk } : undefined;
  }
  if (rest[0] === "cmd" || key === "dataset" || key === "config") return "ignored";
  return undefined;
}

type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isString = (value: unknown): value is string => typeof value === "string";
const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0;
const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/** Milliseconds since the epoch of an ISO time, or undefined when it is not one. */
export function timeOf(value: unknown): number | undefined {
  if (!isString(value) || value.length > 40) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The payload as JSON, or undefined when it is not JSON (or absurdly large for a kiosk message). */
export function parseJson(text: string): unknown {
  if (text.length > 512 * 1024) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export type OfflineReason = "lost" | "shutdown" | "moved";

export type StatusMessage =
  | {
      status: "online";
      at: number | undefined;
      startedAt: number | undefined;
      versions: Readonly<Record<string, string>>;
      runs: readonly string[];
      /** Not in today's status; read when an agent sends it. */
      name: string | undefined;
    }
  | { status: "offline"; reason: OfflineReason | undefined; at: number | undefined };

export function readStatus(value: unknown): StatusMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.status === "online") {
    const versions: Record<string, string> = {};
    if (isRecord(value.versions)) {
      for (const [key, version] of Object.entries(value.versions))
        if (isString(version)) versions[key] = version;
    }
    return {
      status: "online",
      at: timeOf(value.at),
      startedAt: timeOf(value.startedAt),
      versions,
      runs: Array.isArray(value.runs) ? value.runs.filter(isString).slice(0, 50) : [],
      name: isString(value.name) ? value.name.slice(0, 80) : undefined,
    };
  }
  if (value.status === "offline") {
    const reason =
      value.reason === "lost" || value.reason === "shutdown" || value.reason === "moved"
        ? value.reason
        : undefined;
    return { status: "offline", reason, at: timeOf(value.at) };
  }
  return undefined;
}

/** A device as telemetry or its retained state describes it. */
export interface DeviceReading {
  id: string;
  family: string | undefined;
  state: string;
  connected: boolean;
  errorCount: number;
  lastSeen: number | undefined;
  lastError: string | undefined;
  /** Family specifics (paper, doors, slots); only retained device states carry them. */
  detail: Json | undefined;
  /** When the kiosk said so. */
  at: number;
}

/** Why the kiosk's store cannot take writes (StoreHealthSchema's reasons). */
export type StoreReason = "full" | "low_space" | "io_error" | "read_only";

/** Whether the kiosk can record what residents do; only newer kiosks say. */
export interface StoreReading {
  writable: boolean;
  /** Undefined while writable, or for a reason this view does not know. */
  reason: StoreReason | undefined;
  /** The SQLite or system code of the write that failed, e.g. "SQLITE_FULL". */
  lastError: string | undefined;
  /** When it last became writable or not. */
  since: number | undefined;
  freeBytes: number | undefined;
  reserveBytes: number | undefined;
}

export type DisplayPhase = "awake" | "asleep" | "woken";

/** The touchscreen's power schedule and backlight; only newer kiosks say. */
export interface DisplayReading {
  phase: DisplayPhase | undefined;
  brightnessPercent: number | undefined;
  /** Undefined: no backlight the agent drives (an HDMI monitor), or not said. */
  backlight: { device: string; writable: boolean; error: string | undefined } | undefined;
}

/** The touch panels the kernel lists; only newer kiosks say. */
export interface TouchReading {
  present: boolean;
  /** The panels' names, at most a few. */
  devices: string[];
  lastTouchAt: number | undefined;
}

export interface KioskHealthReading {
  agentUptimeSeconds: number | undefined;
  hostUptimeSeconds: number | undefined;
  load: number | undefined;
  cpus: number | undefined;
  memoryFreeBytes: number | undefined;
  memoryTotalBytes: number | undefined;
  diskFreeBytes: number | undefined;
  diskTotalBytes: number | undefined;
  celsius: number | undefined;
  network: { name: string; up: boolean }[];
  display: DisplayReading | undefined;
  touch: TouchReading | undefined;
}

export interface TelemetryReading {
  at: number;
  kiosk: KioskHealthReading;
  outbox: {
    depth: number;
    bytes: number | undefined;
    oldestAgeSeconds: number | null;
    dropped: number;
  };
  devices: DeviceReading[];
  store: StoreReading | undefined;
}

const STORE_REASONS: readonly string[] = ["full", "low_space", "io_error", "read_only"];
const PHASES: readonly string[] = ["awake", "asleep", "woken"];

/** A text the kiosk sent, cut to a length a cell can hold; undefined when not a text. */
const text = (value: unknown, max: number) => (isString(value) ? value.slice(0, max) : undefined);

export function readStore(value: unknown): StoreReading | undefined {
  if (!isRecord(value) || typeof value.writable !== "boolean") return undefined;
  const reason =
    !value.writable && isString(value.reason) && STORE_REASONS.includes(value.reason)
      ? (value.reason as StoreReason)
      : undefined;
  return {
    writable: value.writable,
    reason,
    lastError: value.writable ? undefined : text(value.lastError, 60),
    since: timeOf(value.since),
    freeBytes: isCount(value.freeBytes) ? value.freeBytes : undefined,
    reserveBytes: isCount(value.reserveBytes) ? value.reserveBytes : undefined,
  };
}

export function readDisplay(value: unknown): DisplayReading | undefined {
  if (!isRecord(value)) return undefined;
  const backlight = isRecord(value.backlight) ? value.backlight : undefined;
  const percent = value.brightnessPercent;
  return {
    phase:
      isString(value.phase) && PHASES.includes(value.phase)
        ? (value.phase as DisplayPhase)
        : undefined,
    brightnessPercent: isCount(percent) && percent <= 100 ? percent : undefined,
    backlight: backlight && {
      device: text(backlight.device, 60) ?? "",
      // A backlight that says neither way is taken as working: only a said failure is a warning.
      writable: backlight.writable !== false && !isString(backlight.error),
      error: text(backlight.error, 200),
    },
  };
}

export function readTouch(value: unknown): TouchReading | undefined {
  if (!isRecord(value) || typeof value.present !== "boolean") return undefined;
  const devices = Array.isArray(value.devices) ? value.devices : [];
  return {
    present: value.present,
    devices: devices
      .slice(0, 4)
      .map((device) => (isRecord(device) ? text(device.name, 60) : undefined))
      .filter(isString),
    lastTouchAt: timeOf(value.lastTouchAt),
  };
}

function readKioskHealth(value: unknown): KioskHealthReading {
  const kiosk = isRecord(value) ? value : {};
  const uptime = isRecord(kiosk.uptimeSeconds) ? kiosk.uptimeSeconds : {};
  const load = isRecord(kiosk.load) ? kiosk.load : {};
  const memory = isRecord(kiosk.memory) ? kiosk.memory : {};
  const disk = isRecord(kiosk.disk) ? kiosk.disk : {};
  const temperatures = Array.isArray(kiosk.temperatures) ? kiosk.temperatures : [];
  const hottest = temperatures
    .map((zone) => (isRecord(zone) && isNumber(zone.celsius) ? zone.celsius : Number.NaN))
    .filter(Number.isFinite);
  const network = Array.isArray(kiosk.network) ? kiosk.network : [];
  const num = (v: unknown) => (isNumber(v) ? v : undefined);
  return {
    agentUptimeSeconds: num(uptime.agent),
    hostUptimeSeconds: num(uptime.host),
    load: num(load.one),
    cpus: num(load.cpus),
    memoryFreeBytes: num(memory.freeBytes),
    memoryTotalBytes: num(memory.totalBytes),
    diskFreeBytes: num(disk.freeBytes),
    diskTotalBytes: num(disk.totalBytes),
    celsius: hottest.length > 0 ? Math.max(...hottest) : undefined,
    network: network
      .filter((link): link is Json => isRecord(link) && isString(link.name))
      .slice(0, 8)
      .map((link) => ({ name: String(link.name).slice(0, 40), up: link.up === true })),
    display: readDisplay(kiosk.display),
    touch: readTouch(kiosk.touch),
  };
}

export function readTelemetry(value: unknown): TelemetryReading | undefined {
  if (!isRecord(value) || !isRecord(value.outbox) || !Array.isArray(value.devices))
    return undefined;
  const at = timeOf(value.at);
  const { outbox } = value;
  if (at === undefined || !isCount(outbox.depth)) return undefined;
  const oldest = outbox.oldestAgeSeconds;
  if (oldest !== null && !(isNumber(oldest) && oldest >= 0)) return undefined;
  const dropped = isRecord(outbox.dropped) ? outbox.dropped : {};
  const devices: DeviceReading[] = [];
  for (const item of value.devices.slice(0, 64)) {
    if (!isRecord(item) || !isString(item.id) || !isString(item.state)) continue;
    devices.push({
      id: item.id.slice(0, 64),
      family: isString(item.family) ? item.family : undefined,
      state: item.state.slice(0, 40),
      connected: item.connected === true,
      errorCount: isCount(item.errorCount) ? item.errorCount : 0,
      lastSeen: timeOf(item.lastSeen),
      lastError: undefined,
      detail: undefined,
      at,
    });
  }
  return {
    at,
    kiosk: readKioskHealth(value.kiosk),
    outbox: {
      depth: outbox.depth,
      bytes: isCount(outbox.bytes) ? outbox.bytes : undefined,
      oldestAgeSeconds: oldest,
      dropped:
        (isCount(dropped.telemetry) ? dropped.telemetry : 0) +
        (isCount(dropped.normal) ? dropped.normal : 0),
    },
    devices,
    store: readStore(value.store),
  };
}

/**
 * A retained device state. The agent publishes it in two shapes: the
 * telemetry reporter's `{deviceId, at, health}` and, on rebirth, the bare
 * health object; both are read. `receivedAt` stands in for a missing time.
 */
export function readDeviceState(
  deviceId: string,
  value: unknown,
  receivedAt: number,
): DeviceReading | undefined {
  if (!isRecord(value)) return undefined;
  const wrapped = isRecord(value.health);
  const health = wrapped ? (value.health as Json) : value;
  if (wrapped && value.deviceId !== undefined && value.deviceId !== deviceId) return undefined;
  if (!isString(health.state) || typeof health.connected !== "boolean") return undefined;
  return {
    id: deviceId,
    family: undefined,
    state: health.state.slice(0, 40),
    connected: health.connected,
    errorCount: isCount(health.errorCount) ? health.errorCount : 0,
    lastSeen: timeOf(health.lastSeen),
    lastError: isString(health.lastError) ? health.lastError.slice(0, 200) : undefined,
    detail: isRecord(health.detail) ? health.detail : undefined,
    at: (wrapped ? timeOf(value.at) : undefined) ?? timeOf(health.lastSeen) ?? receivedAt,
  };
}

export interface EventReading {
  id: string;
  seq: number;
  type: string;
  at: number;
}

export function readEvent(value: unknown): EventReading | undefined {
  if (!isRecord(value) || !isString(value.id) || !isString(value.type)) return undefined;
  const at = timeOf(value.at);
  if (at === undefined || !isCount(value.seq) || value.seq < 1) return undefined;
  return { id: value.id.slice(0, 64), seq: value.seq, type: value.type.slice(0, 60), at };
}

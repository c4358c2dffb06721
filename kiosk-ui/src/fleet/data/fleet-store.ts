import {
  diskFreeOf,
  type Fault,
  faultsOf,
  kioskFaultsOf,
  SEVERITY_RANK,
  type Severity,
} from "./faults.js";
import {
  type DeviceReading,
  type DisplayPhase,
  type EventReading,
  type OfflineReason,
  parseJson,
  parseTopic,
  readDeviceState,
  readEvent,
  readStatus,
  readTelemetry,
  type TelemetryReading,
} from "./messages.js";

/**
 * Every kiosk the broker has told us of, as the fleet view shows it. Pure:
 * messages in (a batch at a time), rows out; no timers, no DOM, so it is
 * tested in Node. A malformed message is counted and otherwise ignored.
 */

/** One MQTT message as the feed hands it over. */
export interface RawMessage {
  topic: string;
  payload: string;
  retain: boolean;
  /** The browser's clock when it arrived (ms). */
  receivedAt: number;
}

export type Presence = "online" | "offline" | "unknown";

export interface KioskRecord {
  /** `site/kiosk`. */
  key: string;
  site: string;
  kiosk: string;
  name: string | undefined;
  presence: Presence;
  offlineReason: OfflineReason | undefined;
  /** When the status last changed, by the kiosk's clock where it said. */
  statusAt: number | undefined;
  startedAt: number | undefined;
  versions: Readonly<Record<string, string>>;
  runs: readonly string[];
  /** When we last heard from the kiosk itself (not from the broker's memory of it). */
  lastSeen: number | undefined;
  telemetry: TelemetryReading | undefined;
  /** When the last telemetry arrived, by the browser's clock. */
  telemetryReceivedAt: number | undefined;
  devices: ReadonlyMap<string, DeviceReading>;
  /** Whether any telemetry so far listed a touch panel: one missing later is then a fault. */
  hadTouchPanel: boolean;
  /** The kiosk's own and its devices' faults, worst first. */
  faults: readonly Fault[];
  worst: Severity;
  /** Newest first, at most RECENT_EVENTS. */
  events: readonly EventReading[];
}

export type SortKey =
  | "kiosk"
  | "status"
  | "lastSeen"
  | "telemetry"
  | "faults"
  | "screen"
  | "diskFree"
  | "outboxDepth"
  | "outboxAge";

export const SORT_KEYS: readonly SortKey[] = [
  "kiosk",
  "status",
  "lastSeen",
  "telemetry",
  "faults",
  "screen",
  "diskFree",
  "outboxDepth",
  "outboxAge",
];

export interface Sort {
  key: SortKey;
  direction: "ascending" | "descending";
}

export interface FleetFilter {
  /** Matched against site, kiosk id and name. */
  text: string;
  /** One site, or "" for all. */
  site: string;
  status: "all" | "online" | "offline";
  faultyOnly: boolean;
}

export const NO_FILTER: FleetFilter = { text: "", site: "", status: "all", faultyOnly: false };

export interface FleetSummary {
  kiosks: number;
  online: number;
  offline: number;
  faulty: number;
  /** Kiosks whose store cannot take writes: they turn residents' pickups, sales and bookings away. */
  cannotRecord: number;
  /** Messages read, and how many of them were malformed and ignored. */
  messages: number;
  malformed: number;
  /** The kiosks' clock time of the newest telemetry held. */
  newestTelemetryAt: number | undefined;
}

const RECENT_EVENTS = 5;

interface MutableKiosk extends KioskRecord {
  devices: Map<string, DeviceReading>;
  /** The kiosk's own faults, from its last telemetry. */
  kioskFaults: Fault[];
  events: EventReading[];
  seenEventIds: Set<string>;
}

/** When the oldest event still waiting at the kiosk was created, by the browser's clock. */
export function outboxOldestAt(record: KioskRecord): number | undefined {
  const telemetry = record.telemetry;
  const receivedAt = record.telemetryReceivedAt;
  if (!telemetry || receivedAt === undefined || telemetry.outbox.oldestAgeSeconds === null)
    return undefined;
  if (telemetry.outbox.depth === 0) return undefined;
  return receivedAt - telemetry.outbox.oldestAgeSeconds * 1000;
}

const PRESENCE_RANK: Readonly<Record<Presence, number>> = { offline: 0, unknown: 1, online: 2 };
const PHASE_RANK: Readonly<Record<DisplayPhase, number>> = { awake: 0, woken: 1, asleep: 2 };

/** Whether the kiosk said its store cannot take writes (so it refuses residents' actions). */
export const cannotRecord = (record: KioskRecord): boolean =>
  record.telemetry?.store?.writable === false;

/**
 * Each column's sort value: what the column shows, so ascending reads top to
 * bottom as the column's values grow (ages: youngest first). Undefined sorts
 * last in either direction.
 */
const SORT_VALUE: Readonly<Record<SortKey, (record: KioskRecord) => number | string | undefined>> =
  {
    kiosk: (record) => record.key,
    status: (record) => PRESENCE_RANK[record.presence],
    // A later time is a smaller age.
    lastSeen: (record) => (record.lastSeen === undefined ? undefined : -record.lastSeen),
    telemetry: (record) =>
      record.telemetryReceivedAt === undefined ? undefined : -record.telemetryReceivedAt,
    // A kiosk turning residents away tops the critical ones.
    faults: (record) =>
      SEVERITY_RANK[record.worst] * 1000 + (cannotRecord(record) ? 500 : 0) + record.faults.length,
    screen: (record) => {
      const phase = record.telemetry?.kiosk.display?.phase;
      return phase === undefined ? undefined : PHASE_RANK[phase];
    },
    diskFree: (record) => diskFreeOf(record.telemetry),
    outboxDepth: (record) => record.telemetry?.outbox.depth,
    outboxAge: (record) => {
      const oldest = outboxOldestAt(record);
      // An empty outbox has no age: below every backlog, above "no telemetry yet".
      if (oldest === undefined) return record.telemetry ? Number.NEGATIVE_INFINITY : undefined;
      return -oldest;
    },
  };

export class FleetStore {
  readonly #kiosks = new Map<string, MutableKiosk>();
  #messages = 0;
  #malformed = 0;
  #newestTelemetryAt: number | undefined;
  #version = 0;

  /** Bumped by every batch that changed anything, so views know when to recompute. */
  get version(): number {
    return this.#version;
  }

  get(key: string): KioskRecord | undefined {
    return this.#kiosks.get(key);
  }

  /** Applies a batch of messages in arrival order; returns how many were malformed. */
  apply(batch: Iterable<RawMessage>): number {
    let malformed = 0;
    let changed = false;
    for (const message of batch) {
      this.#messages += 1;
      const result = this.#applyOne(message);
      if (result === "malformed") malformed += 1;
      if (result === "changed") changed = true;
    }
    this.#malformed += malformed;
    if (changed || malformed > 0) this.#version += 1;
    return malformed;
  }

  summary(): FleetSummary {
    let online = 0;
    let offline = 0;
    let faulty = 0;
    let unrecording = 0;
    for (const record of this.#kiosks.values()) {
      if (record.presence === "online") online += 1;
      if (record.presence === "offline") offline += 1;
      if (record.faults.length > 0) faulty += 1;
      if (cannotRecord(record)) unrecording += 1;
    }
    return {
      kiosks: this.#kiosks.size,
      online,
      offline,
      faulty,
      cannotRecord: unrecording,
      messages: this.#messages,
      malformed: this.#malformed,
      newestTelemetryAt: this.#newestTelemetryAt,
    };
  }

  /** Every site, sorted, for the site filter. */
  sites(): string[] {
    return [...new Set([...this.#kiosks.values()].map((record) => record.site))].sort();
  }

  /** The kiosks the filter lets through, in the sort's order. */
  rows(filter: FleetFilter = NO_FILTER, sort: Sort = { key: "kiosk", direction: "ascending" }) {
    const text = filter.text.trim().toLowerCase();
    const rows: KioskRecord[] = [];
    for (const record of this.#kiosks.values()) {
      if (filter.site && record.site !== filter.site) continue;
      if (filter.status !== "all" && record.presence !== filter.status) continue;
      if (filter.faultyOnly && record.faults.length === 0) continue;
      if (text && !matches(record, text)) continue;
      rows.push(record);
    }
    const value = SORT_VALUE[sort.key];
    const sign = sort.direction === "ascending" ? 1 : -1;
    const keyed = rows.map((record) => ({ record, value: value(record) }));
    keyed.sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value !== b.value) return a.value === undefined ? 1 : -1;
      } else if (a.value !== b.value) {
        return (a.value < b.value ? -1 : 1) * sign;
      }
      return a.record.key < b.record.key ? -1 : a.record.key > b.record.key ? 1 : 0;
    });
    return keyed.map(({ record }) => record);
  }

  #applyOne(message: RawMessage): "changed" | "unchanged" | "malformed" {
    const topic = parseTopic(message.topic);
    if (topic === "ignored") return "unchanged";
    if (topic === undefined) return "malformed";
    const key = `${topic.site}/${topic.kiosk}`;
    // An empty retained payload clears the topic: a kiosk (or device) taken out of service.
    if (message.payload === "") return this.#cleared(key, topic) ? "changed" : "unchanged";
    const json = parseJson(message.payload);
    if (json === undefined) return "malformed";
    const live = !message.retain;
    switch (topic.kind) {
      case "status": {
        const status = readStatus(json);
        if (!status) return "malformed";
        const record = this.#record(key, topic.site, topic.kiosk);
        record.presence = status.status;
        record.statusAt = status.at ?? (live ? message.receivedAt : record.statusAt);
        if (status.status === "online") {
          record.offlineReason = undefined;
          record.startedAt = status.startedAt;
          record.versions = status.versions;
          record.runs = status.runs;
          this.#learnFamilies(record);
          if (status.name !== undefined) record.name = status.name;
          this.#seen(record, live ? message.receivedAt : status.at, message.receivedAt);
        } else {
          record.offlineReason = status.reason;
          // A will is the broker speaking, not the kiosk: it does not make the kiosk seen.
          if (status.reason !== "lost")
            this.#seen(record, live ? message.receivedAt : status.at, message.receivedAt);
        }
        return "changed";
      }
      case "telemetry": {
        const telemetry = readTelemetry(json);
        if (!telemetry) return "malformed";
        const record = this.#record(key, topic.site, topic.kiosk);
        record.telemetry = telemetry;
        record.telemetryReceivedAt = message.receivedAt;
        for (const reading of telemetry.devices) {
          const known = record.devices.get(reading.id);
          // Telemetry has no device detail: keep the retained state's while it tells the same state.
          const detail = known && known.state === reading.state ? known.detail : undefined;
          const lastError = known && known.state === reading.state ? known.lastError : undefined;
          record.devices.set(reading.id, { ...reading, detail, lastError });
        }
        if (telemetry.kiosk.touch?.present) record.hadTouchPanel = true;
        record.kioskFaults = kioskFaultsOf(telemetry, record.hadTouchPanel);
        this.#refreshFaults(record);
        this.#seen(record, message.receivedAt, message.receivedAt);
        if (this.#newestTelemetryAt === undefined || telemetry.at > this.#newestTelemetryAt)
          this.#newestTelemetryAt = telemetry.at;
        return "changed";
      }
      case "deviceState": {
        const reading = readDeviceState(topic.deviceId, json, message.receivedAt);
        if (!reading) return "malformed";
        const record = this.#record(key, topic.site, topic.kiosk);
        const known = record.devices.get(reading.id);
        const family = reading.family ?? known?.family ?? familyIn(record.runs, reading.id);
        record.devices.set(reading.id, { ...reading, family });
        this.#refreshFaults(record);
        // Retained: the kiosk was there when it published this state.
        this.#seen(record, live ? message.receivedAt : reading.at, message.receivedAt);
        return "changed";
      }
      case "events": {
        const event = readEvent(json);
        if (!event) return "malformed";
        const record = this.#record(key, topic.site, topic.kiosk);
        this.#seen(record, message.receivedAt, message.receivedAt);
        // A redelivery carries the same id: shown once.
        if (record.seenEventIds.has(event.id)) return "changed";
        record.seenEventIds.add(event.id);
        record.events.unshift(event);
        record.events.sort((a, b) => b.seq - a.seq);
        for (const dropped of record.events.splice(RECENT_EVENTS))
          record.seenEventIds.delete(dropped.id);
        return "changed";
      }
    }
  }

  #cleared(key: string, topic: ReturnType<typeof parseTopic>): boolean {
    if (typeof topic !== "object" || topic === null) return false;
    if (topic.kind === "status") return this.#kiosks.delete(key);
    const record = this.#kiosks.get(key);
    if (topic.kind === "deviceState" && record?.devices.delete(topic.deviceId)) {
      this.#refreshFaults(record);
      return true;
    }
    return false;
  }

  /** The online status lists what runs as `family:id`: devices learn their family from it. */
  #learnFamilies(record: MutableKiosk): void {
    for (const [id, device] of record.devices) {
      if (device.family === undefined) {
        const family = familyIn(record.runs, id);
        if (family !== undefined) record.devices.set(id, { ...device, family });
      }
    }
    this.#refreshFaults(record);
  }

  #record(key: string, site: string, kiosk: string): MutableKiosk {
    let record = this.#kiosks.get(key);
    if (!record) {
      record = {
        key,
        site,
        kiosk,
        name: undefined,
        presence: "unknown",
        offlineReason: undefined,
        statusAt: undefined,
        startedAt: undefined,
        versions: {},
        runs: [],
        lastSeen: undefined,
        telemetry: undefined,
        telemetryReceivedAt: undefined,
        devices: new Map(),
        hadTouchPanel: false,
        kioskFaults: [],
        faults: [],
        worst: "ok",
        events: [],
        seenEventIds: new Set(),
      };
      this.#kiosks.set(key, record);
    }
    return record;
  }

  /** `at` by the kiosk's clock is never taken as later than `now`, our own. */
  #seen(record: MutableKiosk, at: number | undefined, now: number): void {
    if (at === undefined) return;
    const seen = Math.min(at, now);
    if (record.lastSeen === undefined || seen > record.lastSeen) record.lastSeen = seen;
  }

  #refreshFaults(record: MutableKiosk): void {
    record.faults = faultsOf(record.devices.values(), record.kioskFaults);
    record.worst = record.faults[0]?.severity ?? "ok";
  }
}

function familyIn(runs: readonly string[], deviceId: string): string | undefined {
  for (const entry of runs) {
    const colon = entry.indexOf(":");
    if (colon > 0 && entry.slice(colon + 1) === deviceId) return entry.slice(0, colon);
  }
  return undefined;
}

function matches(record: KioskRecord, text: string): boolean {
  return record.key.includes(text) || record.name?.toLowerCase().includes(text) === true;
}

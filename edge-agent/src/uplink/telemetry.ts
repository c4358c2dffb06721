import { maskPhoneNumbersDeep } from "@linli/protocols";
import type {
  DeviceStateMessage,
  KioskHealth,
  StoreHealth,
  TelemetryMessage,
} from "@linli/protocols/api";
import type { EventBus } from "../bus.js";
import type { DeviceHealth } from "../devices/device.js";
import type { Logger } from "../log.js";
import { type DisplayHealthSource, readKioskHealth } from "./kiosk-health.js";
import type { Outbox } from "./outbox.js";
import type { UplinkPort } from "./port.js";
import type { KioskTopics } from "./topics.js";

/** What telemetry needs of the device manager (DeviceManager.list() fits). */
export interface DeviceLister {
  list(): ReadonlyArray<{ id: string; family: string; health: DeviceHealth }>;
}

export interface TelemetryOptions {
  client: UplinkPort;
  topics: KioskTopics;
  bus: EventBus;
  log: Logger;
  outbox: Pick<Outbox, "status">;
  devices: DeviceLister;
  /** The SQLite file, for disk free. */
  storePath: string;
  /** Whether the store takes writes (StoreHealth.state). */
  store?: () => StoreHealth;
  /** The screen and touch panel (DisplayService), for kiosk health. */
  display?: DisplayHealthSource;
  /** Config uplink.telemetryIntervalSeconds × 1000 (30 s). */
  intervalMs?: number;
  /** A burst of device health changes sends one telemetry report, this long after the first (2 s). */
  debounceMs?: number;
  /** Reads the host; tests may stand in. */
  readHealth?: () => Promise<KioskHealth>;
}

/**
 * Kiosk health upstream: `telemetry` on an interval and soon after a device's
 * state changes; each device's health retained on `devices/{id}/state` when
 * it changes and on rebirth. Telemetry carries states and counts only: no
 * device detail, no error text, so no phone number or secret can ride along.
 */
export class TelemetryReporter {
  readonly #options: TelemetryOptions;
  /** What each device's retained state last said, without lastSeen (polls move it all the time). */
  readonly #published = new Map<string, string>();
  /** state/connected per device, to tell a change worth a telemetry report. */
  readonly #summaries = new Map<string, string>();
  #interval: NodeJS.Timeout | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #sending: Promise<TelemetryMessage | undefined> | undefined;

  constructor(options: TelemetryOptions) {
    this.#options = options;
  }

  /** Starts the interval and listens for device health; call rebirth() on every (re)connect. */
  start(): void {
    this.#options.bus.on(this, "deviceHealth", ({ deviceId, health }) => {
      void this.publishDeviceState(deviceId, health);
      const summary = `${health.state}/${health.connected}`;
      if (this.#summaries.get(deviceId) !== summary) {
        this.#summaries.set(deviceId, summary);
        this.#scheduleSoon();
      }
    });
    this.reschedule(this.#options.intervalMs ?? 30_000);
  }

  stop(): void {
    this.#options.bus.removeListeners(this);
    clearInterval(this.#interval);
    clearTimeout(this.#debounce);
    this.#interval = undefined;
    this.#debounce = undefined;
  }

  /** A new interval (e.g. after set-config), counted from now. */
  reschedule(intervalMs: number): void {
    clearInterval(this.#interval);
    this.#interval = setInterval(() => void this.publishTelemetry(), intervalMs);
    this.#interval.unref();
  }

  /** Republishes every device's retained state and a telemetry report. */
  async rebirth(): Promise<{ devices: number }> {
    const devices = this.#options.devices.list();
    await Promise.all(
      devices.map((device) => this.publishDeviceState(device.id, device.health, { force: true })),
    );
    await this.publishTelemetry();
    return { devices: devices.length };
  }

  /** Publishes one device's state, retained, unless it says what the last one said. */
  async publishDeviceState(
    deviceId: string,
    health: DeviceHealth,
    { force = false } = {},
  ): Promise<boolean> {
    const fingerprint = JSON.stringify({ ...health, lastSeen: undefined });
    if (!force && this.#published.get(deviceId) === fingerprint) return false;
    this.#published.set(deviceId, fingerprint);
    const message: DeviceStateMessage = {
      deviceId,
      at: new Date().toISOString(),
      // Device detail is free-form: any phone number in it is masked before it leaves.
      health: maskPhoneNumbersDeep(health),
    };
    try {
      await this.#options.client.publish(
        this.#options.topics.deviceState(deviceId),
        JSON.stringify(message),
        { qos: 1, retain: true },
      );
      return true;
    } catch (error) {
      // Forget it, so the next health event (or rebirth) tries again.
      this.#published.delete(deviceId);
      this.#options.log.warn({ err: error, deviceId }, "device state not published");
      return false;
    }
  }

  /** Reads and publishes one telemetry report; a report still under way is joined, not doubled. */
  publishTelemetry(): Promise<TelemetryMessage | undefined> {
    this.#sending ??= this.#sendTelemetry().finally(() => {
      this.#sending = undefined;
    });
    return this.#sending;
  }

  async #sendTelemetry(): Promise<TelemetryMessage | undefined> {
    const options = this.#options;
    try {
      const message = await this.snapshot();
      await options.client.publish(options.topics.telemetry, JSON.stringify(message), {
        qos: 0,
        retain: false,
      });
      return message;
    } catch (error) {
      options.log.warn({ err: error }, "telemetry not published");
      return undefined;
    }
  }

  /** What the next telemetry report would say. */
  async snapshot(now = new Date()): Promise<TelemetryMessage> {
    const options = this.#options;
    const kiosk = await (options.readHealth ?? (() => readKioskHealth(options)))();
    const outbox = options.outbox.status();
    const oldest = outbox.oldestAt === null ? null : Date.parse(outbox.oldestAt);
    return {
      at: now.toISOString(),
      kiosk,
      outbox: {
        depth: outbox.depth,
        bytes: outbox.bytes,
        oldestAgeSeconds: oldest === null ? null : Math.max(0, (now.getTime() - oldest) / 1000),
        dropped: outbox.dropped,
      },
      devices: options.devices.list().map(({ id, family, health }) => ({
        id,
        family,
        state: health.state,
        connected: health.connected,
        lastSeen: health.lastSeen,
        errorCount: health.errorCount,
      })),
      ...(options.store ? { store: options.store() } : {}),
    };
  }

  #scheduleSoon(): void {
    if (this.#debounce !== undefined || this.#interval === undefined) return;
    this.#debounce = setTimeout(() => {
      this.#debounce = undefined;
      void this.publishTelemetry();
    }, this.#options.debounceMs ?? 2_000);
    this.#debounce.unref();
  }
}

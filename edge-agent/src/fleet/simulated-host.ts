import { randomUUID } from "node:crypto";
import type { KioskHealth } from "@linli/protocols/api";
import type { Random } from "../outlets/data/prng.js";
import { type OutboxEvent, type OutboxStatus, Priority } from "../uplink/outbox.js";

/**
 * The parts of a simulated kiosk that a real one reads from its host and its
 * SQLite outbox: what `readKioskHealth` would find on a small industrial PC,
 * and an outbox that stays empty on a good link and backs up on a flaky one
 * (a centre on 4G in a basement), draining once the link recovers.
 */

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

export class SimulatedHost {
  readonly #random: Random;
  readonly #bootedAt: number;
  readonly #startedAt: number;
  readonly #totalMemory: number;
  readonly #disk: { totalBytes: number; freeBytes: number };
  readonly #baseLoad: number;
  readonly #baseCelsius: number;
  readonly #wireless: boolean;

  constructor(random: Random, now = Date.now()) {
    this.#random = random;
    this.#startedAt = now - random.int(60, 7 * 24 * 3600) * 1000;
    this.#bootedAt = this.#startedAt - random.int(20, 600) * 1000;
    this.#totalMemory = random.pick([4, 8]) * GIB;
    const totalBytes = random.pick([32, 64, 128]) * GIB;
    this.#disk = { totalBytes, freeBytes: Math.round(totalBytes * (0.2 + random.next() * 0.6)) };
    this.#baseLoad = 0.1 + random.next() * 0.8;
    this.#baseCelsius = 38 + random.next() * 18;
    this.#wireless = random.chance(0.3);
  }

  get startedAt(): Date {
    return new Date(this.#startedAt);
  }

  /** The store's disk as the simulation began (SimulatedStore moves its free space on). */
  get disk(): { totalBytes: number; freeBytes: number } {
    return { ...this.#disk };
  }

  /** One reading of the host, shaped as `readKioskHealth` returns it. */
  read(now = Date.now()): KioskHealth {
    const random = this.#random;
    const load = Math.max(0, this.#baseLoad + random.gaussian() * 0.1);
    return {
      uptimeSeconds: {
        host: Math.round((now - this.#bootedAt) / 1000),
        agent: Math.round((now - this.#startedAt) / 1000),
      },
      load: {
        one: round2(load),
        five: round2(this.#baseLoad),
        fifteen: round2(this.#baseLoad * 0.9),
        cpus: 4,
      },
      memory: {
        totalBytes: this.#totalMemory,
        freeBytes: Math.round(this.#totalMemory * (0.35 + random.next() * 0.1)),
        agentRssBytes: Math.round((70 + random.next() * 20) * MIB),
      },
      disk: { path: "/var/lib/linli", ...this.#disk },
      temperatures: [
        {
          zone: "thermal_zone0",
          type: "x86_pkg_temp",
          celsius: Math.round((this.#baseCelsius + random.gaussian()) * 10) / 10,
        },
      ],
      network: this.#wireless
        ? [
            { name: "eth0", up: false, state: "down" },
            { name: "wwan0", up: true, state: "unknown" },
          ]
        : [{ name: "eth0", up: true, state: "up" }],
    };
  }
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Chances per tick that a good link turns flaky, and that a flaky one recovers. */
const LINK_FAILS = 0.0015;
const LINK_RECOVERS = 0.03;

/**
 * Events waiting to go upstream. While the link is good an event leaves at
 * once; while it is flaky events wait here, and they leave in order, with
 * their original id, seq and time, when it recovers.
 */
export class SimulatedOutbox {
  readonly #random: Random;
  readonly #waiting: OutboxEvent[] = [];
  #seq = 0;
  #bytes = 0;
  #flaky: boolean;

  constructor(random: Random, now = Date.now()) {
    this.#random = random;
    this.#flaky = random.chance(0.04);
    if (this.#flaky) {
      // A backlog from before the simulation started: up to an hour and a half old.
      const count = random.int(3, 120);
      const oldest = now - random.int(60, 90 * 60) * 1000;
      for (let i = 0; i < count; i += 1) {
        const at = oldest + Math.round(((now - oldest) * i) / count);
        this.add("device.rating_press", { deviceId: "rating-1", score: 5 }, new Date(at));
      }
    }
  }

  get flaky(): boolean {
    return this.#flaky;
  }

  add(type: string, payload: unknown, at = new Date()): OutboxEvent {
    const event: OutboxEvent = {
      seq: ++this.#seq,
      id: randomUUID(),
      type,
      priority: type === "device.rating_press" ? Priority.telemetry : Priority.normal,
      payload,
      createdAt: at.toISOString(),
    };
    this.#waiting.push(event);
    this.#bytes += Buffer.byteLength(JSON.stringify(payload));
    return event;
  }

  /** Moves the link on by one tick; returns the events that may be sent now, oldest first. */
  step(): OutboxEvent[] {
    if (this.#flaky && this.#random.chance(LINK_RECOVERS)) this.#flaky = false;
    else if (!this.#flaky && this.#random.chance(LINK_FAILS)) this.#flaky = true;
    return this.sendable();
  }

  /** The events that may be sent now (none while the link is flaky), oldest first. */
  sendable(): OutboxEvent[] {
    return this.#flaky ? [] : this.#waiting.slice();
  }

  /** The broker took this event (PUBACK): it leaves the outbox. */
  acknowledged(event: OutboxEvent): void {
    const index = this.#waiting.indexOf(event);
    if (index < 0) return;
    this.#waiting.splice(index, 1);
    this.#bytes -= Buffer.byteLength(JSON.stringify(event.payload));
  }

  /** What `Outbox.status()` says, for telemetry. */
  status(): OutboxStatus {
    return {
      depth: this.#waiting.length,
      bytes: Math.max(0, this.#bytes),
      oldestAt: this.#waiting[0]?.createdAt ?? null,
      dropped: { telemetry: 0, normal: 0 },
    };
  }
}

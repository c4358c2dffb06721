import type { StoreHealth } from "@linli/protocols/api";
import { EventBus } from "../bus.js";
import type { Logger } from "../log.js";
import { type Random, seededRandom } from "../outlets/data/prng.js";
import {
  createUplinkClient,
  defaultClientId,
  type UplinkClient,
  type UplinkConnection,
} from "../uplink/client.js";
import type { OutboxEvent } from "../uplink/outbox.js";
import type { UplinkPort } from "../uplink/port.js";
import { eventMessage } from "../uplink/publisher.js";
import { lastWill, StatusReporter } from "../uplink/status.js";
import { TelemetryReporter } from "../uplink/telemetry.js";
import { type KioskTopics, kioskTopics } from "../uplink/topics.js";
import { VERSIONS } from "../version.js";
import { SimulatedDevices } from "./simulated-devices.js";
import { SimulatedHost, SimulatedOutbox } from "./simulated-host.js";
import { SimulatedScreen } from "./simulated-screen.js";
import { SimulatedStore, type StoreCondition } from "./simulated-store.js";

export interface SimulatedKioskOptions {
  /** The broker the kiosk reports to (the demo agent's embedded broker). */
  url: string;
  site: string;
  kiosk: string;
  /** The same seed gives the same devices, faults and host. */
  seed: number;
  log: Logger;
  /** The kiosk's own credentials at a city's broker (`<site>/<kiosk>`, deploy/TOPOLOGY.md); none for the embedded one. */
  username?: string;
  password?: string;
  /** Between telemetry reports; 10 s, so the fleet view fills quickly (a real kiosk: 30 s). */
  telemetryIntervalMs?: number;
  /** One tick of the centre's life (residents, faults, the link); 5 s. */
  tickMs?: number;
}

export type SimulatedKioskState = "idle" | "running" | "killed" | "stopped";

/** Messages the broker took from a kiosk (QoS 0 written, QoS 1 acknowledged), and how many were retained. */
export interface PublishCounts {
  messages: number;
  retained: number;
}

const DEFAULT_TELEMETRY_INTERVAL_MS = 10_000;
const DEFAULT_TICK_MS = 5_000;

/**
 * One kiosk of a simulated fleet, speaking upstream exactly as a real agent
 * does because it is made of the real agent's uplink parts: its own MQTT
 * connection (UplinkClient, under the kiosk's client id, with the retained
 * `offline` last will), the StatusReporter's retained `online` status, the
 * TelemetryReporter's periodic telemetry and retained device states, and
 * outbox events as the OutboxPublisher frames them. Only what sits below the
 * uplink is simulated: the devices, the host and the outbox.
 */
export class SimulatedKiosk {
  readonly site: string;
  readonly kiosk: string;
  readonly topics: KioskTopics;
  readonly #options: SimulatedKioskOptions;
  readonly #bus = new EventBus();
  #state: SimulatedKioskState = "idle";
  #client: UplinkClient | undefined;
  #status: StatusReporter | undefined;
  #telemetry: TelemetryReporter | undefined;
  #devices: SimulatedDevices | undefined;
  #outbox: SimulatedOutbox | undefined;
  #store: SimulatedStore | undefined;
  #screen: SimulatedScreen | undefined;
  #random: Random | undefined;
  #tick: NodeJS.Timeout | undefined;
  #phase: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<OutboxEvent>();
  readonly #published: PublishCounts = { messages: 0, retained: 0 };

  constructor(options: SimulatedKioskOptions) {
    this.#options = options;
    this.site = options.site;
    this.kiosk = options.kiosk;
    this.topics = kioskTopics(options.site, options.kiosk);
  }

  get state(): SimulatedKioskState {
    return this.#state;
  }

  get connected(): boolean {
    return this.#client?.isConnected ?? false;
  }

  /** What the broker took from this kiosk so far: its offered load. */
  get published(): PublishCounts {
    return { ...this.#published };
  }

  /** Starts connecting and living; returns at once. */
  start(): void {
    if (this.#state !== "idle") return;
    this.#state = "running";
    const options = this.#options;
    const { log } = options;
    const random = seededRandom(options.seed);
    this.#random = random;
    const devices = new SimulatedDevices(random);
    const host = new SimulatedHost(random);
    const outbox = new SimulatedOutbox(random);
    // A stream of its own, so the devices, host and outbox draw as they did before these were simulated.
    const upkeep = seededRandom(options.seed ^ 0x5bd1e995);
    const store = new SimulatedStore(upkeep, host.disk, host.startedAt.getTime());
    const screen = new SimulatedScreen(upkeep);
    const client = createUplinkClient(
      {
        url: options.url,
        rejectUnauthorized: true,
        ...(options.username === undefined ? {} : { username: options.username }),
        ...(options.password === undefined ? {} : { password: options.password }),
      },
      {
        clientId: defaultClientId(this.site, this.kiosk),
        will: lastWill(this.topics),
        log,
      },
    );
    const counted = countingPublishes(client, (retained) => {
      this.#published.messages += 1;
      if (retained) this.#published.retained += 1;
    });
    const status = new StatusReporter(counted, this.topics, log, {
      versions: VERSIONS,
      startedAt: host.startedAt,
      runs: () => devices.list().map((device) => `${device.family}:${device.id}`),
    });
    const intervalMs = options.telemetryIntervalMs ?? DEFAULT_TELEMETRY_INTERVAL_MS;
    const telemetry = new TelemetryReporter({
      client: counted,
      topics: this.topics,
      bus: this.#bus,
      log,
      outbox,
      devices,
      storePath: "/var/lib/linli/linli.db",
      intervalMs,
      store: () => store.state(),
      readHealth: async () => {
        const health = host.read();
        const disk = health.disk && { ...health.disk, freeBytes: store.freeBytes };
        return { ...health, disk, ...screen.health() };
      },
    });
    this.#client = client;
    this.#status = status;
    this.#telemetry = telemetry;
    this.#devices = devices;
    this.#outbox = outbox;
    this.#store = store;
    this.#screen = screen;
    // As the uplink service does: on every (re)connect, device states and a telemetry report.
    client.on("connected", () => {
      void telemetry.rebirth().catch(() => undefined);
      this.#send(outbox.sendable());
    });
    status.start();
    telemetry.start();
    // A fleet started at once would report in lockstep; each kiosk keeps its own phase.
    this.#phase = setTimeout(() => telemetry.reschedule(intervalMs), random.next() * intervalMs);
    this.#phase.unref();
    this.#scheduleTick(random.next());
    client.start();
  }

  /** A clean shutdown: the retained offline status ("shutdown"), then DISCONNECT. */
  async stop(): Promise<void> {
    if (this.#state !== "running") return;
    this.#state = "stopped";
    this.#halt();
    await this.#status?.stop();
    await this.#client?.stop();
  }

  /**
   * Dies as a crash or a cut cable would: the connection is dropped without
   * DISCONNECT, so the broker publishes the kiosk's last will (offline, "lost").
   */
  kill(): void {
    if (this.#state !== "running") return;
    this.#state = "killed";
    this.#halt();
    this.#client?.abort();
  }

  /**
   * The demo's control: the store held in `condition` ("writable" lets it be
   * again), reported at once as the real agent does when its store changes.
   */
  setStore(condition: StoreCondition): void {
    const store = this.#store;
    if (this.#state !== "running" || !store) return;
    const before = store.state();
    if (store.force(condition)) this.#storeChanged(before);
  }

  /** What its store says now; undefined before it starts. */
  get store(): StoreHealth | undefined {
    return this.#store?.state();
  }

  /** As the agent does on a change: telemetry now, and an event when it takes writes again. */
  #storeChanged(before: StoreHealth): void {
    const state = this.#store?.state();
    if (!state) return;
    if (!before.writable && state.writable) {
      const { reason, lastError, since } = before;
      this.#outbox?.add("store.recovered", { reason, lastError, since, until: state.since });
    }
    void this.#telemetry?.publishTelemetry();
  }

  #halt(): void {
    clearTimeout(this.#tick);
    clearTimeout(this.#phase);
    this.#telemetry?.stop();
  }

  #scheduleTick(share = 0.5): void {
    const tickMs = this.#options.tickMs ?? DEFAULT_TICK_MS;
    // ±20 % so the kiosks' ticks spread out instead of arriving together.
    this.#tick = setTimeout(() => this.#onTick(), tickMs * (0.8 + 0.4 * share));
    this.#tick.unref();
  }

  #onTick(): void {
    const devices = this.#devices;
    const outbox = this.#outbox;
    if (this.#state !== "running" || !devices || !outbox) return;
    const { changed, events } = devices.step();
    const byId = new Map(devices.list().map((device) => [device.id, device.health]));
    for (const deviceId of changed) {
      const health = byId.get(deviceId);
      if (health) this.#bus.emit("deviceHealth", { deviceId, health });
    }
    for (const event of events)
      outbox.add(`device.${event.type}`, { deviceId: event.deviceId, ...event.data });
    this.#screen?.step();
    const store = this.#store;
    const before = store?.state();
    if (store?.step() && before) this.#storeChanged(before);
    if (this.connected) this.#send(outbox.step());
    this.#scheduleTick(this.#random?.next());
  }

  /** Publishes waiting events in seq order, QoS 1; each leaves the outbox when acknowledged. */
  #send(ready: OutboxEvent[]): void {
    const client = this.#client;
    const outbox = this.#outbox;
    if (!client || !outbox) return;
    for (const event of ready) {
      if (this.#inFlight.has(event)) continue;
      this.#inFlight.add(event);
      client
        .publish(this.topics.events, JSON.stringify(eventMessage(event)), { qos: 1 })
        .then(
          () => {
            this.#published.messages += 1;
            outbox.acknowledged(event);
          },
          // Not acknowledged: it stays in the outbox and is sent again after the next connect.
          () => undefined,
        )
        .finally(() => this.#inFlight.delete(event));
    }
  }
}

/** The kiosk's connection as its reporters see it, counting each publish the broker took. */
function countingPublishes(
  client: UplinkClient,
  onPublished: (retained: boolean) => void,
): UplinkConnection & UplinkPort {
  return {
    get isConnected() {
      return client.isConnected;
    },
    get receiveMaximum() {
      return client.receiveMaximum;
    },
    publish: async (topic, payload, options) => {
      await client.publish(topic, payload, options);
      onPublished(options?.retain === true);
    },
    on: (event, listener) => client.on(event, listener),
    subscribe: (topic, qos) => client.subscribe(topic, qos),
    onMessage: (handler) => client.onMessage(handler),
  };
}

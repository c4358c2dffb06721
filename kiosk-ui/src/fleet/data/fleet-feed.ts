import type { BrowserMqttClient } from "mqtt/dist/mqtt.esm";
import type { ConnectionSettings } from "./connection-settings.js";
import type { RawMessage } from "./fleet-store.js";
import { FLEET_SUBSCRIPTIONS } from "./messages.js";

/**
 * The fleet view's one MQTT connection: mqtt.js's browser build over
 * WebSocket, subscribed read-only to the kiosks' upstream topics. Messages
 * are queued as they arrive and handed over in batches, at most one batch
 * per `batchMs`, so a thousand kiosks' telemetry costs a few renders a
 * second, not one per message. mqtt.js is loaded apart from the page (see
 * loadMqtt): the page shows before it arrives.
 */

export type FeedStatus =
  | { state: "connecting" }
  | { state: "live" }
  | { state: "reconnecting"; reason: string }
  | { state: "failed"; reason: string };

export interface FeedHandlers {
  batch: (messages: RawMessage[]) => void;
  status: (status: FeedStatus) => void;
}

type Mqtt = typeof import("mqtt/dist/mqtt.esm").default;
let loading: Promise<Mqtt> | undefined;

/** Starts loading mqtt.js (a third of a megabyte) while the page finds out where to connect. */
export function loadMqtt(): Promise<Mqtt> {
  loading ??= import("mqtt/dist/mqtt.esm").then(
    (module) => module.default,
    (error: unknown) => {
      // The next connection tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const DEFAULT_BATCH_MS = 250;
const RECONNECT_MS = 3_000;

function clientId(): string {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  return `linli-fleet-${Array.from(random, (n) => n.toString(36)).join("")}`;
}

export class FleetFeed {
  readonly #handlers: FeedHandlers;
  readonly #batchMs: number;
  readonly #decoder = new TextDecoder();
  #queue: RawMessage[] = [];
  #timer: number | undefined;
  #client: BrowserMqttClient | undefined;
  #closed = false;
  #everConnected = false;

  constructor(handlers: FeedHandlers, options: { batchMs?: number } = {}) {
    this.#handlers = handlers;
    this.#batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
  }

  async connect(settings: ConnectionSettings): Promise<void> {
    this.#handlers.status({ state: "connecting" });
    let mqtt: Mqtt;
    try {
      mqtt = await loadMqtt();
    } catch (error) {
      this.#handlers.status({ state: "failed", reason: (error as Error).message });
      return;
    }
    if (this.#closed) return;
    const client = mqtt.connect(settings.url, {
      clientId: clientId(),
      // A viewer keeps no session: what it needs comes back retained on every subscribe.
      clean: true,
      protocolVersion: 4,
      keepalive: 30,
      reconnectPeriod: RECONNECT_MS,
      connectTimeout: 10_000,
      ...(settings.username === undefined ? {} : { username: settings.username }),
      ...(settings.password === undefined ? {} : { password: settings.password }),
    });
    this.#client = client;
    let lastError = "";
    client.on("connect", () => {
      this.#everConnected = true;
      client.subscribe([...FLEET_SUBSCRIPTIONS], { qos: 0 }, (error) => {
        if (error) this.#handlers.status({ state: "failed", reason: error.message });
        else this.#handlers.status({ state: "live" });
      });
    });
    client.on("error", (error) => {
      lastError = error.message;
    });
    client.on("close", () => {
      if (this.#closed) return;
      const reason = lastError || "connection closed";
      // Never connected at all: the URL or the credentials are likely wrong; say so, keep trying.
      this.#handlers.status(
        this.#everConnected ? { state: "reconnecting", reason } : { state: "failed", reason },
      );
    });
    client.on("message", (topic, payload, packet) => {
      this.#queue.push({
        topic,
        payload: this.#decoder.decode(payload),
        retain: packet.retain === true,
        receivedAt: Date.now(),
      });
      this.#timer ??= window.setTimeout(() => this.#flush(), this.#batchMs);
    });
  }

  close(): void {
    this.#closed = true;
    window.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.#client?.end(true);
    this.#client = undefined;
  }

  #flush(): void {
    this.#timer = undefined;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length > 0 && !this.#closed) this.#handlers.batch(batch);
  }
}

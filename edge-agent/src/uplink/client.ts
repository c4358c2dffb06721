import { LinliError } from "@linli/protocols";
import mqtt, { type IClientOptions, type IConnackPacket, type MqttClient } from "mqtt";
import type { Logger } from "../log.js";
import { type Backoff, DEFAULT_BACKOFF, reconnectDelay } from "./backoff.js";
import {
  type ConnectedInfo,
  type ProtocolVersion,
  type PublishOptions,
  type QoS,
  type UplinkClientEvents,
  type UplinkConfig,
  type UplinkConnection,
  type UplinkListener,
  UplinkListeners,
  type UplinkWill,
} from "./connection.js";
import { describeFailure, publishRefused, redactUrl, refusesProtocol } from "./failures.js";
import { mqttOptions, subscribeOn } from "./mqtt-options.js";

export { type Backoff, DEFAULT_BACKOFF, reconnectDelay } from "./backoff.js";
export type {
  ConnectedInfo,
  ConnectingInfo,
  DisconnectedInfo,
  ProtocolVersion,
  PublishOptions,
  QoS,
  UplinkClientEvents,
  UplinkConfig,
  UplinkConnection,
  UplinkMessage,
  UplinkWill,
} from "./connection.js";

export interface UplinkClientOptions {
  /** Used unless `uplink.clientId` is configured; see `defaultClientId`. */
  clientId: string;
  will?: UplinkWill;
  log: Logger;
  backoff?: Partial<Backoff>;
  keepaliveSeconds?: number;
  connectTimeoutMs?: number;
  /** How long an MQTT 5 broker keeps the session (subscriptions, queued commands) while away. */
  sessionExpirySeconds?: number;
  random?: () => number;
}

export interface StopOptions {
  /** Ask an MQTT 5 broker to drop this client id's session: the kiosk is not coming back to it. */
  endSession?: boolean;
}

/** MQTT 5's largest receive maximum, and what "no limit" means for 3.1.1. */
const UNLIMITED_IN_FLIGHT = 65_535;
/** A connection that lasted this long resets the backoff. */
const STABLE_CONNECTION_MS = 10_000;
const SEVEN_DAYS_S = 7 * 24 * 3600;

export function defaultClientId(site: string, kiosk: string): string {
  return `linli-${site}-${kiosk}`;
}

export function createUplinkClient(
  config: UplinkConfig,
  options: UplinkClientOptions,
): UplinkClient {
  return new UplinkClient(config, options);
}

/**
 * One connection upstream, over a fresh mqtt.js client per attempt: MQTT 5
 * first, 3.1.1 from then on if the broker refuses 5; a persistent session
 * under a stable client id; reconnects with exponential backoff and jitter
 * owned here (mqtt.js's reconnect period is fixed). It never emits "error":
 * failures arrive as `disconnected` with a coded error.
 */
export class UplinkClient implements UplinkConnection {
  readonly clientId: string;
  /** The broker URL without credentials, fit for logs. */
  readonly url: string;
  readonly #mqttOptions: IClientOptions;
  readonly #connectUrl: string;
  readonly #options: UplinkClientOptions;
  readonly #backoff: Backoff;
  readonly #log: Logger;
  readonly #listeners: UplinkListeners;
  readonly #subscriptions = new Map<string, QoS>();
  readonly #pending = new Set<(error: Error) => void>();
  #raw: MqttClient | undefined;
  #connected = false;
  #running = false;
  #held = false;
  #protocolVersion: ProtocolVersion = 5;
  #receiveMaximum = UNLIMITED_IN_FLIGHT;
  #failures = 0;
  #attempts = 0;
  #connectedAt = 0;
  /** Subscriptions added while offline, which a resumed session does not have yet. */
  #subscriptionsChanged = true;
  #timer: NodeJS.Timeout | undefined;

  constructor(config: UplinkConfig, options: UplinkClientOptions) {
    if (!config.url) {
      throw new LinliError(
        "LINLI_ERR_UPLINK_NO_URL",
        "no upstream broker is configured: set uplink.url (or LINLI_UPLINK_URL), or enable the embedded broker",
      );
    }
    this.#connectUrl = config.url;
    this.url = redactUrl(config.url);
    this.clientId = config.clientId ?? options.clientId;
    this.#options = options;
    this.#log = options.log;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.#listeners = new UplinkListeners((error, event) =>
      this.#log.error({ err: error, event }, "an uplink listener failed"),
    );
    this.#mqttOptions = mqttOptions(config, this.clientId, options);
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  get protocolVersion(): ProtocolVersion {
    return this.#protocolVersion;
  }

  get receiveMaximum(): number {
    return this.#receiveMaximum;
  }

  on<K extends keyof UplinkClientEvents>(event: K, listener: UplinkListener<K>): () => void {
    return this.#listeners.on(event, listener);
  }

  /** Every message on a subscribed topic; the shape commands.ts's `UplinkPort` takes. */
  onMessage(handler: (topic: string, payload: Buffer) => void): () => void {
    return this.on("message", (message) => handler(message.topic, message.payload));
  }

  /** Starts connecting; returns at once (a kiosk works offline). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#connect();
  }

  /** Disconnects cleanly (no last will) and stops reconnecting. */
  async stop(timeoutMs = 2_000, options: StopOptions = {}): Promise<void> {
    const { raw, wasConnected } = this.#halt();
    if (raw && wasConnected) {
      const disconnect =
        options.endSession && this.#protocolVersion === 5
          ? { properties: { sessionExpiryInterval: 0 } }
          : {};
      await new Promise<void>((resolve) => {
        // A broker that stops answering must not hold up shutdown.
        const timer = setTimeout(() => {
          raw.stream?.destroy();
          resolve();
        }, timeoutMs);
        raw.end(false, disconnect, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    } else raw?.end(true);
    this.#halted(wasConnected, "the uplink client was stopped");
  }

  /** Drops the connection without a DISCONNECT, as a crash would (the broker sends the will). */
  abort(): void {
    const { raw, wasConnected } = this.#halt();
    raw?.end(true);
    this.#halted(wasConnected, "the uplink connection was aborted");
  }

  /**
   * Stops reconnecting until `release()`, without dropping a live connection:
   * while set-config tries new settings under the same client id, the session
   * takeover must not turn into two clients taking it back and forth.
   */
  hold(): void {
    this.#held = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Ends a hold; a connection lost meanwhile is retried at once. */
  release(): void {
    if (!this.#held) return;
    this.#held = false;
    if (this.#running && !this.#raw && !this.#timer) this.#connect();
  }

  publish(topic: string, payload: string | Buffer, options: PublishOptions = {}): Promise<void> {
    const raw = this.#raw;
    if (!raw || !this.#connected) {
      const message = `not connected to the broker at ${this.url}: try again once the uplink is connected`;
      return Promise.reject(new LinliError("LINLI_ERR_UPLINK_OFFLINE", message));
    }
    return new Promise((resolve, reject) => {
      this.#pending.add(reject);
      raw.publish(
        topic,
        payload,
        { qos: options.qos ?? 0, retain: options.retain ?? false },
        (error) => {
          this.#pending.delete(reject);
          if (error) reject(publishRefused(topic, error));
          else resolve();
        },
      );
    });
  }

  /** Subscribes now if connected, and again whenever a new session starts. */
  async subscribe(topic: string, qos: QoS = 1): Promise<void> {
    this.#subscriptions.set(topic, qos);
    if (this.#connected && this.#raw) await subscribeOn(this.#raw, topic, qos);
    else this.#subscriptionsChanged = true;
  }

  async unsubscribe(topic: string): Promise<void> {
    this.#subscriptions.delete(topic);
    if (this.#connected && this.#raw) await this.#raw.unsubscribeAsync(topic);
  }

  #connect(): void {
    const protocolVersion = this.#protocolVersion;
    this.#listeners.emit("connecting", { attempt: ++this.#attempts, protocolVersion });
    let raw: MqttClient;
    try {
      raw = mqtt.connect(this.#connectUrl, {
        ...this.#mqttOptions,
        protocolVersion,
        ...(protocolVersion === 5
          ? {
              properties: {
                sessionExpiryInterval: this.#options.sessionExpirySeconds ?? SEVEN_DAYS_S,
              },
            }
          : {}),
      });
    } catch (error) {
      this.#retryLater(error, false);
      return;
    }
    this.#raw = raw;
    let failure: unknown;
    raw.on("error", (error) => {
      failure = error;
    });
    raw.on("disconnect", (packet) => {
      failure = Object.assign(new Error(`the broker disconnected us (${packet.reasonCode})`), {
        code: packet.reasonCode ?? 0,
      });
    });
    raw.on("connect", (connack) => this.#onConnect(raw, connack));
    raw.on("message", (topic, payload, packet) => {
      if (this.#raw === raw)
        this.#listeners.emit("message", { topic, payload, retain: packet.retain, qos: packet.qos });
    });
    raw.on("close", () => this.#onClose(raw, failure));
  }

  #onConnect(raw: MqttClient, connack: IConnackPacket): void {
    if (this.#raw !== raw) return;
    this.#connected = true;
    this.#connectedAt = Date.now();
    this.#receiveMaximum = connack.properties?.receiveMaximum ?? UNLIMITED_IN_FLIGHT;
    const info: ConnectedInfo = {
      protocolVersion: this.#protocolVersion,
      sessionPresent: connack.sessionPresent,
      receiveMaximum: this.#receiveMaximum,
    };
    this.#log.info({ url: this.url, clientId: this.clientId, ...info }, "uplink connected");
    if (!connack.sessionPresent || this.#subscriptionsChanged) {
      this.#subscriptionsChanged = false;
      for (const [topic, qos] of this.#subscriptions) {
        subscribeOn(raw, topic, qos).catch((error: unknown) =>
          this.#log.warn({ err: error, topic }, "uplink subscription refused"),
        );
      }
    }
    this.#listeners.emit("connected", info);
  }

  #onClose(raw: MqttClient, failure: unknown): void {
    if (this.#raw !== raw) return;
    this.#detach()?.end(true);
    const wasConnected = this.#connected;
    this.#connected = false;
    this.#rejectPending("the uplink connection was lost");
    if (!this.#running) return;
    if (!wasConnected && this.#protocolVersion === 5 && refusesProtocol(failure)) {
      this.#protocolVersion = 4;
      this.#log.info({ url: this.url }, "the broker does not speak MQTT 5: using MQTT 3.1.1");
      // Held: release() connects, now with 3.1.1.
      if (!this.#held) this.#connect();
      return;
    }
    this.#retryLater(failure, wasConnected);
  }

  #retryLater(failure: unknown, wasConnected: boolean): void {
    if (wasConnected && Date.now() - this.#connectedAt >= STABLE_CONNECTION_MS) this.#failures = 0;
    const error = describeFailure(failure, this.url, wasConnected, this.#mqttOptions.username);
    if (this.#held) {
      this.#log.warn(
        { url: this.url, code: error.code },
        "uplink connection ended while set-config tries new settings: not retried until they are kept or rolled back",
      );
      this.#listeners.emit("disconnected", { error });
      return;
    }
    const reconnectInMs = reconnectDelay(this.#failures++, this.#backoff, this.#options.random);
    this.#log.warn(
      { url: this.url, code: error.code, reconnectInMs },
      wasConnected ? `uplink connection lost: ${error.message}` : error.message,
    );
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#connect();
    }, reconnectInMs);
    this.#listeners.emit("disconnected", { error, reconnectInMs });
  }

  #halt(): { raw: MqttClient | undefined; wasConnected: boolean } {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const wasConnected = this.#connected;
    this.#connected = false;
    return { raw: this.#detach(), wasConnected };
  }

  #halted(wasConnected: boolean, reason: string): void {
    this.#rejectPending(reason);
    if (wasConnected) this.#listeners.emit("disconnected", {});
  }

  /** Forgets the current mqtt.js client; its listeners stay, so its late errors are still caught. */
  #detach(): MqttClient | undefined {
    const raw = this.#raw;
    this.#raw = undefined;
    return raw;
  }

  #rejectPending(message: string): void {
    const error = new LinliError("LINLI_ERR_UPLINK_DISCONNECTED", `${message}: ${this.url}`);
    for (const reject of this.#pending) reject(error);
    this.#pending.clear();
  }
}

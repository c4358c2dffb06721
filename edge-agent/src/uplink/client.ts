import { readFileSync } from "node:fs";
import { LinliError } from "@linli/protocols";
import mqtt, { type IClientOptions, type IConnackPacket, type MqttClient } from "mqtt";
import type { Config } from "../config/index.js";
import type { Logger } from "../log.js";

export type UplinkConfig = Config["uplink"];
/** 4 is MQTT 3.1.1, 5 is MQTT 5. */
export type ProtocolVersion = 4 | 5;
export type QoS = 0 | 1;

export type UplinkWill = { topic: string; payload: string | Buffer } & PublishOptions;

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** ± this fraction of the delay, so a fleet does not reconnect in lockstep after an outage. */
  jitter: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };

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

export type ConnectingInfo = { attempt: number; protocolVersion: ProtocolVersion };

export interface ConnectedInfo {
  protocolVersion: ProtocolVersion;
  sessionPresent: boolean;
  /** How many QoS 1 publishes the broker takes unacknowledged at once. */
  receiveMaximum: number;
}

export interface DisconnectedInfo {
  /** Why, with a code and a message a person can act on; absent after `stop()`. */
  error?: LinliError;
  /** When the next attempt starts; absent after `stop()` or `abort()`. */
  reconnectInMs?: number;
}

export interface UplinkMessage {
  topic: string;
  payload: Buffer;
  retain: boolean;
  qos: number;
}

export interface UplinkClientEvents {
  connecting: ConnectingInfo;
  connected: ConnectedInfo;
  disconnected: DisconnectedInfo;
  message: UplinkMessage;
}

export type PublishOptions = { qos?: QoS; retain?: boolean };

/** The part of the client the publisher and the status reporter use (and tests fake). */
export interface UplinkConnection {
  readonly isConnected: boolean;
  readonly receiveMaximum: number;
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  on<K extends keyof UplinkClientEvents>(
    event: K,
    listener: (info: UplinkClientEvents[K]) => void,
  ): () => void;
}

/** MQTT 5's largest receive maximum, and what "no limit" means for 3.1.1. */
const UNLIMITED_IN_FLIGHT = 65_535;
/** A connection that lasted this long resets the backoff. */
const STABLE_CONNECTION_MS = 10_000;
const SEVEN_DAYS_S = 7 * 24 * 3600;

export function defaultClientId(site: string, kiosk: string): string {
  return `linli-${site}-${kiosk}`;
}

/** The delay before reconnect attempt `failures` (0-based): exponential, capped, with jitter. */
export function reconnectDelay(failures: number, backoff: Backoff, random = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures, 30));
  return Math.round(base * (1 + backoff.jitter * (2 * random() - 1)));
}

export function createUplinkClient(
  config: UplinkConfig,
  options: UplinkClientOptions,
): UplinkClient {
  return new UplinkClient(config, options);
}

/**
 * The kiosk's one connection upstream, over a fresh mqtt.js client per
 * attempt: MQTT 5 first, 3.1.1 from then on if the broker refuses 5; a
 * persistent session under a stable client id; reconnects with exponential
 * backoff and jitter owned here (mqtt.js's reconnect period is fixed). It never
 * emits "error": failures arrive as `disconnected` with a coded error.
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
  readonly #listeners = new Map<keyof UplinkClientEvents, Set<(info: never) => void>>();
  readonly #subscriptions = new Map<string, QoS>();
  readonly #pending = new Set<(error: Error) => void>();
  #raw: MqttClient | undefined;
  #connected = false;
  #running = false;
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

  on<K extends keyof UplinkClientEvents>(
    event: K,
    listener: (info: UplinkClientEvents[K]) => void,
  ): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (info: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (info: never) => void);
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
  async stop(timeoutMs = 2_000): Promise<void> {
    const { raw, wasConnected } = this.#halt();
    if (raw && wasConnected) {
      await new Promise<void>((resolve) => {
        // A broker that stops answering must not hold up shutdown.
        const timer = setTimeout(() => {
          raw.stream?.destroy();
          resolve();
        }, timeoutMs);
        raw.end(false, {}, () => {
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
    this.#emit("connecting", { attempt: ++this.#attempts, protocolVersion });
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
        this.#emit("message", { topic, payload, retain: packet.retain, qos: packet.qos });
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
    this.#emit("connected", info);
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
      this.#connect();
      return;
    }
    this.#retryLater(failure, wasConnected);
  }

  #retryLater(failure: unknown, wasConnected: boolean): void {
    if (wasConnected && Date.now() - this.#connectedAt >= STABLE_CONNECTION_MS) this.#failures = 0;
    const reconnectInMs = reconnectDelay(this.#failures++, this.#backoff, this.#options.random);
    const error = describeFailure(failure, this.url, wasConnected, this.#mqttOptions.username);
    this.#log.warn(
      { url: this.url, code: error.code, reconnectInMs },
      wasConnected ? `uplink connection lost: ${error.message}` : error.message,
    );
    this.#timer = setTimeout(() => this.#connect(), reconnectInMs);
    this.#emit("disconnected", { error, reconnectInMs });
  }

  #halt(): { raw: MqttClient | undefined; wasConnected: boolean } {
    this.#running = false;
    clearTimeout(this.#timer);
    const wasConnected = this.#connected;
    this.#connected = false;
    return { raw: this.#detach(), wasConnected };
  }

  #halted(wasConnected: boolean, reason: string): void {
    this.#rejectPending(reason);
    if (wasConnected) this.#emit("disconnected", {});
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

  #emit<K extends keyof UplinkClientEvents>(event: K, info: UplinkClientEvents[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as (info: UplinkClientEvents[K]) => void)(info);
      } catch (error) {
        this.#log.error({ err: error, event }, "an uplink listener failed");
      }
    }
  }
}

function mqttOptions(
  config: UplinkConfig,
  clientId: string,
  options: UplinkClientOptions,
): IClientOptions {
  const password = config.password ?? readConfigFile(config.passwordFile, "passwordFile");
  return {
    clientId,
    clean: false,
    reconnectPeriod: 0,
    // mqtt.js's debug logging formats a line per packet; ours logs what matters.
    log: () => {},
    queueQoSZero: false,
    keepalive: options.keepaliveSeconds ?? 30,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    rejectUnauthorized: config.rejectUnauthorized,
    ...(config.username ? { username: config.username } : {}),
    ...(password === undefined ? {} : { password: password.replace(/\r?\n$/, "") }),
    ...(config.ca ? { ca: readConfigFile(config.ca, "ca") } : {}),
    ...(config.cert ? { cert: readConfigFile(config.cert, "cert") } : {}),
    ...(config.key ? { key: readConfigFile(config.key, "key") } : {}),
    ...(options.will
      ? {
          will: {
            qos: 1,
            retain: true,
            ...options.will,
            payload: Buffer.from(options.will.payload),
          },
        }
      : {}),
  };
}

function readConfigFile(path: string | undefined, key: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new LinliError(
      "LINLI_ERR_UPLINK_FILE_UNREADABLE",
      `cannot read uplink.${key} "${path}" (${reason}): check the path and that the agent's user may read it`,
      { cause },
    );
  }
}

function subscribeOn(raw: MqttClient, topic: string, qos: QoS): Promise<void> {
  return new Promise((resolve, reject) => {
    raw.subscribe(topic, { qos }, (error, granted) => {
      const refused = granted?.find((grant) => grant.qos >= 0x80);
      if (error || refused) {
        reject(
          new LinliError(
            "LINLI_ERR_UPLINK_SUBSCRIBE_REFUSED",
            `the broker refused the subscription to ${topic}: check the broker's ACL for this kiosk`,
            { cause: error },
          ),
        );
      } else resolve();
    });
  });
}

function refusesProtocol(failure: unknown): boolean {
  const code = (failure as { code?: unknown } | undefined)?.code;
  // 1: 3.1.1 "unacceptable protocol version" (what aedes answers); 132: MQTT 5 "unsupported".
  return code === 1 || code === 132;
}

const CREDENTIAL_CODES = new Set<unknown>([4, 5, 134, 135]);
const TLS_CODE = /CERT|SELF_SIGNED|TLS|SSL|UNABLE_TO|ALTNAME/;

/** Why a connection failed or ended, as a code and a sentence saying what to check. */
function describeFailure(failure: unknown, url: string, wasConnected: boolean, user?: string) {
  const code = (failure as { code?: unknown } | undefined)?.code;
  const detail = failure instanceof Error ? failure.message : "closed";
  const error = (errorCode: `LINLI_ERR_UPLINK_${string}`, message: string) =>
    new LinliError(errorCode, message, failure === undefined ? {} : { cause: failure });
  if (CREDENTIAL_CODES.has(code)) {
    const who = user ? ` (user "${user}")` : "";
    return error(
      "LINLI_ERR_UPLINK_CREDENTIALS_REFUSED",
      `the broker at ${url} refused this kiosk's credentials${who} (${detail}): check uplink.username and uplink.password or uplink.passwordFile, and the broker's user list`,
    );
  }
  if (typeof code === "string" && TLS_CODE.test(code)) {
    return error(
      "LINLI_ERR_UPLINK_TLS",
      `the broker at ${url} failed TLS verification (${code}): check uplink.ca (the CA that signed the broker's certificate) and that the URL's host name matches the certificate`,
    );
  }
  if (wasConnected) {
    return error(
      "LINLI_ERR_UPLINK_CONNECTION_LOST",
      `the connection to the broker at ${url} was lost (${detail}); retrying`,
    );
  }
  if (typeof code === "string") {
    return error(
      "LINLI_ERR_UPLINK_UNREACHABLE",
      `cannot reach the broker at ${url} (${code}): check the network and uplink.url; retrying`,
    );
  }
  return error(
    "LINLI_ERR_UPLINK_REFUSED",
    `the broker at ${url} refused or closed the connection (${detail}); retrying`,
  );
}

function publishRefused(topic: string, error: Error): LinliError {
  return new LinliError(
    "LINLI_ERR_UPLINK_PUBLISH_REFUSED",
    `the broker refused a publish to ${topic} (${error.message}): check the broker's ACL for this kiosk`,
    { cause: error, details: { reasonCode: (error as { code?: unknown }).code } },
  );
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(unparsable uplink.url)";
  }
}

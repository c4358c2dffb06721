import { LinliError } from "@linli/protocols";
import type { Logger } from "../log.js";
import type { UplinkClient } from "./client.js";
import {
  type ConnectedInfo,
  type PublishOptions,
  type QoS,
  type UplinkClientEvents,
  type UplinkConnection,
  type UplinkListener,
  UplinkListeners,
} from "./connection.js";
import { refusesSettings } from "./failures.js";
import type { UplinkPort } from "./port.js";

/**
 * The kiosk's uplink as its parts see it (status, outbox publisher,
 * telemetry, commands, dataset): one current client, whose events and
 * messages they get. set-config tries a candidate client beside the current
 * one and only then adopts it, so every part keeps its place across the
 * switch and only one connection at a time is the kiosk's voice upstream.
 */
export class UplinkLink implements UplinkConnection, UplinkPort {
  readonly #listeners: UplinkListeners;
  readonly #subscriptions = new Map<string, QoS>();
  /** Candidates being tried, and how to stop forwarding their messages. */
  readonly #trials = new Map<UplinkClient, () => void>();
  #active: UplinkClient;
  #detachActive: () => void;

  constructor(client: UplinkClient, log: Logger) {
    this.#listeners = new UplinkListeners((error, event) =>
      log.error({ err: error, event }, "an uplink listener failed"),
    );
    this.#active = client;
    this.#detachActive = this.#forward(client, true);
  }

  /** The client the kiosk speaks through now. */
  get active(): UplinkClient {
    return this.#active;
  }

  get isConnected(): boolean {
    return this.#active.isConnected;
  }

  get receiveMaximum(): number {
    return this.#active.receiveMaximum;
  }

  on<K extends keyof UplinkClientEvents>(event: K, listener: UplinkListener<K>): () => void {
    return this.#listeners.on(event, listener);
  }

  onMessage(handler: (topic: string, payload: Buffer) => void): () => void {
    return this.on("message", (message) => handler(message.topic, message.payload));
  }

  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void> {
    return this.#active.publish(topic, payload, options);
  }

  /** Subscribes the current client, and every client this link adopts later. */
  async subscribe(topic: string, qos: QoS = 1): Promise<void> {
    this.#subscriptions.set(topic, qos);
    for (const candidate of this.#trials.keys()) void candidate.subscribe(topic, qos).catch(noop);
    await this.#active.subscribe(topic, qos);
  }

  start(): void {
    this.#active.start();
  }

  async stop(timeoutMs?: number): Promise<void> {
    for (const candidate of [...this.#trials.keys()]) this.dismiss(candidate);
    await this.#active.stop(timeoutMs);
  }

  /**
   * Connects a candidate with this link's subscriptions. Its messages (a
   * command queued in its session) reach the parts at once; its other events
   * only once adopted. Rejects when the broker refuses its settings
   * (credentials, TLS) or when `signal` aborts, with the last failure as cause.
   */
  async trial(candidate: UplinkClient, signal: AbortSignal): Promise<ConnectedInfo> {
    for (const [topic, qos] of this.#subscriptions)
      void candidate.subscribe(topic, qos).catch(noop);
    this.#trials.set(candidate, this.#forward(candidate, false));
    try {
      return await connected(candidate, signal);
    } catch (error) {
      this.dismiss(candidate);
      throw error;
    }
  }

  /** Drops a candidate that will not be adopted. */
  dismiss(candidate: UplinkClient): void {
    this.#trials.get(candidate)?.();
    this.#trials.delete(candidate);
    candidate.abort();
  }

  /**
   * Makes a tried candidate the current client: the parts hear the old one
   * go ("disconnected") and the new one arrive ("connected"). Returns the
   * old client, still open, for the caller to close.
   */
  adopt(candidate: UplinkClient, info: ConnectedInfo): UplinkClient {
    const old = this.#active;
    this.#trials.get(candidate)?.();
    this.#trials.delete(candidate);
    this.#detachActive();
    this.#active = candidate;
    this.#detachActive = this.#forward(candidate, true);
    this.#listeners.emit("disconnected", {});
    if (candidate.isConnected) this.#listeners.emit("connected", info);
    return old;
  }

  #forward(client: UplinkClient, everything: boolean): () => void {
    const offs = [client.on("message", (message) => this.#listeners.emit("message", message))];
    if (everything) {
      offs.push(
        client.on("connecting", (info) => this.#listeners.emit("connecting", info)),
        client.on("connected", (info) => this.#listeners.emit("connected", info)),
        client.on("disconnected", (info) => this.#listeners.emit("disconnected", info)),
      );
    }
    return () => {
      for (const off of offs) off();
    };
  }
}

/**
 * Resolves once the client is connected (at once if it is), starting it if
 * need be; rejects when the broker refuses its settings or `signal` aborts.
 */
export function connected(client: UplinkClient, signal: AbortSignal): Promise<ConnectedInfo> {
  if (client.isConnected) {
    const { protocolVersion, receiveMaximum } = client;
    return Promise.resolve({ protocolVersion, receiveMaximum, sessionPresent: true });
  }
  return new Promise((resolve, reject) => {
    let last: LinliError | undefined;
    const offs: (() => void)[] = [];
    const settle = (outcome: () => void) => {
      for (const off of offs) off();
      signal.removeEventListener("abort", onAbort);
      outcome();
    };
    const onAbort = () =>
      settle(() =>
        reject(
          new LinliError(
            "LINLI_ERR_UPLINK_RECONNECT_TIMEOUT",
            `not connected to the broker at ${client.url} in time`,
            last ? { cause: last } : {},
          ),
        ),
      );
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    offs.push(
      client.on("connected", (info) => settle(() => resolve(info))),
      client.on("disconnected", ({ error }) => {
        last = error ?? last;
        if (error && refusesSettings(error)) settle(() => reject(error));
      }),
    );
    client.start();
  });
}

function noop(): void {}

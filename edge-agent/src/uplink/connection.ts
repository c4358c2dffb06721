import type { LinliError } from "@linli/protocols";
import type { Config } from "../config/index.js";

/**
 * What the uplink's parts see of an MQTT connection: the client implements
 * it, the switchable link (set-config) implements it over whichever client
 * is current, and tests fake it.
 */

type ServiceKeys = "telemetryIntervalSeconds" | "configRollbackSeconds";
/** The uplink section; a client reads its connection settings, the service the rest. */
export type UplinkConfig = Omit<Config["uplink"], ServiceKeys> &
  Partial<Pick<Config["uplink"], ServiceKeys>>;
/** 4 is MQTT 3.1.1, 5 is MQTT 5. */
export type ProtocolVersion = 4 | 5;
export type QoS = 0 | 1;

export type PublishOptions = { qos?: QoS; retain?: boolean };

export type UplinkWill = { topic: string; payload: string | Buffer } & PublishOptions;

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
  /** When the next attempt starts; absent after `stop()`, `abort()` or while held. */
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

export type UplinkListener<K extends keyof UplinkClientEvents> = (
  info: UplinkClientEvents[K],
) => void;

/** The part of the client the publisher and the status reporter use (and tests fake). */
export interface UplinkConnection {
  readonly isConnected: boolean;
  readonly receiveMaximum: number;
  publish(topic: string, payload: string | Buffer, options?: PublishOptions): Promise<void>;
  on<K extends keyof UplinkClientEvents>(event: K, listener: UplinkListener<K>): () => void;
}

/** Listeners by event, each failure logged instead of thrown into the emitter. */
export class UplinkListeners {
  readonly #listeners = new Map<keyof UplinkClientEvents, Set<(info: never) => void>>();
  readonly #onError: (error: unknown, event: string) => void;

  constructor(onError: (error: unknown, event: string) => void) {
    this.#onError = onError;
  }

  on<K extends keyof UplinkClientEvents>(event: K, listener: UplinkListener<K>): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (info: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (info: never) => void);
  }

  emit<K extends keyof UplinkClientEvents>(event: K, info: UplinkClientEvents[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as UplinkListener<K>)(info);
      } catch (error) {
        this.#onError(error, event);
      }
    }
  }
}

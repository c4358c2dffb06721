import type { EventEmitter } from "node:events";

export interface TransportEvents {
  connected: [];
  /** The link went away (unplugged, cable, socket closed); the transport keeps trying to reconnect. */
  disconnected: [reason: string];
  data: [chunk: Uint8Array];
  /** A problem worth logging, already handled. Not named "error": an unheard "error" event throws. */
  fault: [error: Error];
}

/**
 * A byte link to one device. It opens itself, reconnects with backoff after
 * the device goes away, and reports all of that as events: a driver never
 * sees a throw from an unplug, only `disconnected` and a failed `write`.
 */
export interface Transport extends EventEmitter<TransportEvents> {
  readonly description: string;
  readonly connected: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the bytes are handed to the OS; rejects (LINLI_ERR_TRANSPORT_*) if not connected. */
  write(bytes: Uint8Array): Promise<void>;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/** Reconnect delays: exponential with ±20 % jitter, capped so a replugged device is back within seconds. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 2_000 };

export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random = Math.random,
): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.8 + 0.4 * random()));
}

import type { Logger } from "../log.js";
import { storeFailureOf } from "../store/health.js";
import { type Backoff, reconnectDelay } from "./backoff.js";
import type { UplinkConnection } from "./connection.js";
import type { Outbox, OutboxEvent } from "./outbox.js";
import type { KioskTopics } from "./topics.js";

/** What `…/events` carries, one message per outbox event. A resend carries the same id. */
export interface EventMessage {
  id: string;
  /** The per-kiosk sequence number: increasing, never reused. */
  seq: number;
  type: string;
  at: string;
  data: unknown;
}

export interface OutboxPublisherOptions {
  /** Most events published and not yet acknowledged (the broker's receive maximum caps it too). */
  window?: number;
  /** Pause before retrying after the broker refused an event (not a disconnection). */
  retry?: Partial<Backoff>;
}

export interface OutboxPublisherStats {
  inFlight: number;
  published: number;
  acknowledged: number;
}

export const DEFAULT_WINDOW = 100;
/**
 * Acknowledged events are deleted in batches: one DELETE per this many, or
 * after this long. A crash in between only means those few are sent again.
 */
const DELETE_BATCH = 500;
const DELETE_AFTER_MS = 20;
const DEFAULT_RETRY: Backoff = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };

export function eventMessage(event: OutboxEvent): EventMessage {
  return {
    id: event.id,
    seq: event.seq,
    type: event.type,
    at: event.createdAt,
    data: event.payload,
  };
}

interface InFlight {
  seq: number;
  acked: boolean;
}

/**
 * Sends the outbox upstream: QoS 1, in seq order, at most `window` events in
 * flight. An event leaves the outbox only once it and every event before it
 * were acknowledged (PUBACK), so a crash or a lost connection never skips one;
 * after a reconnect it starts again from the oldest unacknowledged event
 * (duplicates keep their id). Memory holds one window, whatever the backlog.
 */
export class OutboxPublisher {
  readonly #outbox: Outbox;
  readonly #client: UplinkConnection;
  readonly #topics: KioskTopics;
  readonly #log: Logger;
  readonly #window: number;
  readonly #retry: Backoff;
  #running = false;
  /** Bumped whenever the in-flight window is thrown away: late acks from before are ignored. */
  #epoch = 0;
  /** The highest seq handed to the client in this epoch. */
  #cursor = 0;
  #inFlight: InFlight[] = [];
  #batch: OutboxEvent[] = [];
  #batchIndex = 0;
  #ackedUpTo = 0;
  #deletedUpTo = 0;
  #unflushed = 0;
  #flushTimer: NodeJS.Timeout | undefined;
  #pumpScheduled = false;
  #refusals = 0;
  #retryTimer: NodeJS.Timeout | undefined;
  #published = 0;
  #acknowledged = 0;
  #idleWaiters: (() => void)[] = [];
  #drainWaiters: (() => void)[] = [];
  #unsubscribe: (() => void)[] = [];

  constructor(
    outbox: Outbox,
    client: UplinkConnection,
    topics: KioskTopics,
    log: Logger,
    options: OutboxPublisherOptions = {},
  ) {
    this.#outbox = outbox;
    this.#client = client;
    this.#topics = topics;
    this.#log = log;
    this.#window = Math.max(1, options.window ?? DEFAULT_WINDOW);
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  get stats(): OutboxPublisherStats {
    return {
      inFlight: this.#inFlight.length,
      published: this.#published,
      acknowledged: this.#acknowledged,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = [
      this.#client.on("connected", () => this.#restart()),
      this.#client.on("disconnected", () => this.#reset()),
      this.#outbox.onAdded(() => this.#schedulePump()),
    ];
    this.#restart();
  }

  /** Stops sending; waits up to `graceMs` for what is in flight to be acknowledged. */
  async stop(graceMs = 2_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    if (this.#inFlight.length > 0 && this.#client.isConnected) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.#idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.#reset();
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }

  /** Resolves once the outbox is empty and nothing is in flight (or the publisher stops). */
  drained(): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      this.#drainWaiters.push(resolve);
      this.#schedulePump();
    });
  }

  #restart(): void {
    this.#reset();
    this.#pump();
  }

  /** Forgets the window: whatever was not acknowledged is read from the outbox again. */
  #reset(): void {
    this.#flushAcks();
    this.#epoch++;
    this.#cursor = 0;
    this.#inFlight = [];
    this.#batch = [];
    this.#batchIndex = 0;
    this.#settle();
  }

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (!this.#running || !this.#client.isConnected || this.#retryTimer) return;
    try {
      this.#fill();
    } catch (error) {
      // The store is closing or failing: what is unsent stays in the outbox for the next start.
      this.#log.error({ err: error }, "could not read the outbox");
    }
  }

  #fill(): void {
    const limit = Math.max(1, Math.min(this.#window, this.#client.receiveMaximum));
    while (this.#inFlight.length < limit) {
      if (this.#batchIndex >= this.#batch.length) {
        this.#batch = this.#outbox.next(this.#cursor, this.#window);
        this.#batchIndex = 0;
        if (this.#batch.length === 0) {
          this.#settle();
          return;
        }
      }
      const event = this.#batch[this.#batchIndex++] as OutboxEvent;
      this.#send(event);
    }
  }

  #send(event: OutboxEvent): void {
    const entry: InFlight = { seq: event.seq, acked: false };
    const epoch = this.#epoch;
    this.#cursor = event.seq;
    this.#inFlight.push(entry);
    this.#published++;
    this.#client.publish(this.#topics.events, JSON.stringify(eventMessage(event)), { qos: 1 }).then(
      () => this.#onAck(epoch, entry),
      (error: unknown) => this.#onRefused(epoch, event, error),
    );
  }

  #onAck(epoch: number, entry: InFlight): void {
    if (epoch !== this.#epoch) return;
    entry.acked = true;
    this.#refusals = 0;
    // Acknowledge only a contiguous prefix: a gap would let a crash skip an event.
    while (this.#inFlight[0]?.acked) {
      this.#ackedUpTo = (this.#inFlight.shift() as InFlight).seq;
      this.#acknowledged++;
      this.#unflushed++;
    }
    if (this.#unflushed >= DELETE_BATCH) this.#flushAcks();
    else if (this.#unflushed > 0 && !this.#flushTimer)
      this.#flushTimer = setTimeout(() => this.#flushAcks(), DELETE_AFTER_MS);
    this.#pump();
    this.#settle();
  }

  #onRefused(epoch: number, event: OutboxEvent, error: unknown): void {
    const code = (error as { code?: unknown }).code;
    // A lost connection is handled by `disconnected`; this is the broker refusing the event.
    if (
      epoch !== this.#epoch ||
      code === "LINLI_ERR_UPLINK_DISCONNECTED" ||
      code === "LINLI_ERR_UPLINK_OFFLINE"
    )
      return;
    const retryInMs = reconnectDelay(this.#refusals++, this.#retry);
    this.#log.error(
      { err: error, seq: event.seq, id: event.id, type: event.type, retryInMs },
      "the broker refused an outbox event: it stays in the outbox and is retried",
    );
    this.#reset();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#pump();
    }, retryInMs);
  }

  #flushAcks(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#ackedUpTo <= this.#deletedUpTo) return;
    try {
      this.#outbox.acknowledgeUpTo(this.#ackedUpTo);
      this.#deletedUpTo = this.#ackedUpTo;
      this.#unflushed = 0;
    } catch (error) {
      // Kept in the outbox, so sent again later: a duplicate, never a loss. A full store is
      // logged once by its health (the outbox reports it), not at every acknowledgement.
      const level = storeFailureOf(error) ? "debug" : "error";
      this.#log[level]({ err: error }, "could not delete acknowledged events from the outbox");
    }
  }

  /** Wakes whoever waits for an empty window or an empty outbox. */
  #settle(): void {
    if (this.#inFlight.length > 0) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
    if (this.#drainWaiters.length === 0 || this.#batchIndex < this.#batch.length) return;
    this.#flushAcks();
    try {
      if (this.#outbox.next(0, 1).length > 0) return;
    } catch {
      return;
    }
    for (const resolve of this.#drainWaiters.splice(0)) resolve();
  }
}

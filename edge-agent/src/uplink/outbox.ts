import { randomUUID } from "node:crypto";
import { reportStoreFailure } from "../store/health.js";
import type { SqliteDatabase } from "../store/index.js";

/**
 * How much an event matters when the outbox is full:
 * - telemetry (0) is dropped first, oldest first;
 * - normal (1) events next, oldest first;
 * - kept (2) events — ratings, parcels, payments — are never dropped.
 */
export const Priority = { telemetry: 0, normal: 1, kept: 2 } as const;
export type Priority = (typeof Priority)[keyof typeof Priority];

export interface OutboxEvent {
  seq: number;
  id: string;
  type: string;
  priority: Priority;
  payload: unknown;
  createdAt: string;
}

export interface OutboxLimits {
  /** Most rows kept before dropping begins. */
  maxEvents: number;
  /** Most payload bytes kept before dropping begins. */
  maxBytes: number;
  /** Droppable events older than this are dropped. */
  maxAgeMs: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  maxEvents: 2_000_000,
  maxBytes: 512 * 1024 * 1024,
  maxAgeMs: 30 * 24 * 3600 * 1000,
};

export interface OutboxStatus {
  depth: number;
  bytes: number;
  oldestAt: string | null;
  /** Events dropped by the full-outbox policy since the store was created, by priority. */
  dropped: { telemetry: number; normal: number };
}

interface Row {
  seq: number;
  id: string;
  type: string;
  priority: Priority;
  payload: string;
  created_at: string;
}

/**
 * The truth of what still has to go upstream. Events are added in the same
 * SQLite transaction as the action that caused them (call `add` inside the
 * caller's `db.transaction`), published in seq order, and deleted only after
 * the broker acknowledged them. A resend after a crash carries the same id.
 */
export class Outbox {
  readonly #db: SqliteDatabase;
  readonly #limits: OutboxLimits;
  readonly #insert;
  readonly #batch;
  readonly #deleteUpTo;
  readonly #deleteOne;
  #addedSinceTrim = 0;
  /**
   * Rough running totals, only to decide whether `trim` needs an exact count:
   * a rolled-back add leaves them high, which costs one extra count, never a drop.
   */
  #estimate = { depth: 0, bytes: 0 };
  #listeners = new Set<() => void>();

  constructor(db: SqliteDatabase, limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS) {
    this.#db = db;
    this.#limits = limits;
    this.#insert = db.prepare(
      "INSERT INTO outbox (id, type, priority, payload, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.#batch = db.prepare(
      "SELECT seq, id, type, priority, payload, created_at FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
    );
    this.#deleteUpTo = db.prepare("DELETE FROM outbox WHERE seq <= ?");
    this.#deleteOne = db.prepare("DELETE FROM outbox WHERE seq = ?");
    const { depth, bytes } = this.status();
    this.#estimate = { depth, bytes };
  }

  /** Adds an event; inside a caller's transaction it commits (or rolls back) with it. */
  add(
    type: string,
    payload: unknown,
    priority: Priority = Priority.normal,
    id: string = randomUUID(),
  ): OutboxEvent {
    const text = JSON.stringify(payload);
    const createdAt = new Date().toISOString();
    const { lastInsertRowid } = this.#insert.run(
      id,
      type,
      priority,
      text,
      Buffer.byteLength(text),
      createdAt,
    );
    this.#estimate.depth++;
    this.#estimate.bytes += Buffer.byteLength(text);
    if (++this.#addedSinceTrim >= 1_000) {
      this.#addedSinceTrim = 0;
      this.trim();
    }
    // Wake the publisher once the surrounding transaction has committed.
    if (this.#listeners.size > 0) queueMicrotask(() => this.#notify());
    return { seq: Number(lastInsertRowid), id, type, priority, payload, createdAt };
  }

  /** Called when events were added (the publisher uses it instead of polling). */
  onAdded(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next events after `afterSeq`, oldest first. */
  next(afterSeq: number, limit: number): OutboxEvent[] {
    return (this.#batch.all(afterSeq, limit) as Row[]).map((row) => ({
      seq: row.seq,
      id: row.id,
      type: row.type,
      priority: row.priority,
      payload: JSON.parse(row.payload) as unknown,
      createdAt: row.created_at,
    }));
  }

  /** The broker acknowledged everything up to and including `seq`. */
  acknowledgeUpTo(seq: number): void {
    this.#forget(this.#reported(() => this.#deleteUpTo.run(seq).changes));
  }

  acknowledge(seq: number): void {
    this.#forget(this.#reported(() => this.#deleteOne.run(seq).changes));
  }

  /** A delete that fails for want of space tells the store's health before it throws. */
  #reported(write: () => number): number {
    try {
      return write();
    } catch (error) {
      reportStoreFailure(this.#db, error);
      throw error;
    }
  }

  #forget(count: number): void {
    if (count === 0 || this.#estimate.depth === 0) return;
    const average = this.#estimate.bytes / this.#estimate.depth;
    this.#estimate.depth = Math.max(0, this.#estimate.depth - count);
    this.#estimate.bytes = Math.max(0, this.#estimate.bytes - average * count);
  }

  status(): OutboxStatus {
    const row = this.#db
      .prepare(
        "SELECT COUNT(*) AS depth, COALESCE(SUM(bytes), 0) AS bytes, MIN(created_at) AS oldest FROM outbox",
      )
      .get() as { depth: number; bytes: number; oldest: string | null };
    const dropped = Object.fromEntries(
      (
        this.#db.prepare("SELECT key, value FROM outbox_stats").all() as {
          key: string;
          value: number;
        }[]
      ).map((r) => [r.key, r.value]),
    );
    return {
      depth: row.depth,
      bytes: row.bytes,
      oldestAt: row.oldest,
      dropped: { telemetry: dropped["dropped.0"] ?? 0, normal: dropped["dropped.1"] ?? 0 },
    };
  }

  /**
   * Applies the full-outbox policy: droppable events past their age go, then,
   * while over a limit, the oldest telemetry, then the oldest normal events.
   * Kept events (ratings, parcels, payments) are never dropped.
   */
  trim(now = Date.now()): number {
    // Far below the limits there is nothing to drop for size: skip the full count (it costs
    // tens of milliseconds behind a million-event backlog). Age is checked on the index.
    const nearLimit =
      this.#estimate.depth >= this.#limits.maxEvents * 0.9 ||
      this.#estimate.bytes >= this.#limits.maxBytes * 0.9;
    if (!nearLimit) return this.#trimByAge(now);
    const dropped = this.#trimAll(now);
    const { depth, bytes } = this.status();
    this.#estimate = { depth, bytes };
    return dropped;
  }

  #trimByAge(now: number): number {
    const cutoff = new Date(now - this.#limits.maxAgeMs).toISOString();
    return this.#db.transaction(() => {
      let dropped = 0;
      for (const priority of [Priority.telemetry, Priority.normal]) {
        const oldest = this.#db
          .prepare("SELECT created_at AS at FROM outbox WHERE priority = ? ORDER BY seq LIMIT 1")
          .get(priority) as { at: string } | undefined;
        if (!oldest || oldest.at >= cutoff) continue;
        const { changes } = this.#db
          .prepare("DELETE FROM outbox WHERE priority = ? AND created_at < ?")
          .run(priority, cutoff);
        dropped += this.#drop(priority, changes);
        this.#forget(changes);
      }
      return dropped;
    })();
  }

  #trimAll(now: number): number {
    return this.#db.transaction(() => {
      let dropped = 0;
      const cutoff = new Date(now - this.#limits.maxAgeMs).toISOString();
      for (const priority of [Priority.telemetry, Priority.normal]) {
        dropped += this.#drop(
          priority,
          this.#db
            .prepare("DELETE FROM outbox WHERE priority = ? AND created_at < ?")
            .run(priority, cutoff).changes,
        );
      }
      for (const priority of [Priority.telemetry, Priority.normal]) {
        for (;;) {
          const { depth, bytes } = this.#db
            .prepare("SELECT COUNT(*) AS depth, COALESCE(SUM(bytes), 0) AS bytes FROM outbox")
            .get() as { depth: number; bytes: number };
          const overEvents = depth - this.#limits.maxEvents;
          const overBytes = bytes - this.#limits.maxBytes;
          if (overEvents <= 0 && overBytes <= 0) return dropped;
          // Drop in slices; bytes are estimated by the average event size.
          const average = depth > 0 ? bytes / depth : 1;
          const count = Math.max(1, overEvents, Math.ceil(overBytes / Math.max(1, average)));
          const { changes } = this.#db
            .prepare(
              "DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox WHERE priority = ? ORDER BY seq LIMIT ?)",
            )
            .run(priority, count);
          dropped += this.#drop(priority, changes);
          if (changes === 0) break;
        }
      }
      return dropped;
    })();
  }

  #drop(priority: number, changes: number): number {
    if (changes > 0) {
      this.#db
        .prepare(
          "INSERT INTO outbox_stats (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value",
        )
        .run(`dropped.${priority}`, changes);
    }
    return changes;
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

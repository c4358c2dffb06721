import { LinliError } from "@linli/protocols";
import type { EventLogEntry, EventLogType } from "@linli/protocols/api";
import type { EventBus } from "../bus.js";
import { createLogger, type Logger } from "../log.js";
import { reportStoreFailure, type SqliteDatabase } from "../store/index.js";
import { masked, shareableEventData } from "./redact.js";

export interface EventLogOptions {
  readonly db: SqliteDatabase;
  readonly bus: EventBus;
  readonly log?: Logger;
  /** Most entries kept; the oldest go first. Default 10,000. */
  readonly maxRows?: number;
  readonly now?: () => Date;
}

export interface EventLogFilter {
  type?: EventLogType | undefined;
  deviceId?: string | undefined;
  /** ISO date-time: entries at or after it. */
  since?: string | undefined;
  limit?: number | undefined;
}

interface Row {
  id: number;
  at: string;
  type: EventLogType;
  device_id: string | null;
  data: string;
}

const TRIM_EVERY = 100;

/**
 * What happened on this kiosk, for the operator: device state changes,
 * device events, job progress (from the bus) and operator actions (from the
 * audit, in its transaction). A bounded SQLite table, read newest first.
 */
export class EventLog {
  readonly #options: EventLogOptions;
  readonly #maxRows: number;
  readonly #log: Logger;
  readonly #now: () => Date;
  /** The last recorded state of each device: polls repeat states, the log keeps changes. */
  readonly #lastState = new Map<string, string>();
  #sinceTrim = 0;

  constructor(options: EventLogOptions) {
    this.#options = options;
    this.#maxRows = options.maxRows ?? 10_000;
    this.#log = options.log ?? createLogger({ level: "silent" });
    this.#now = options.now ?? (() => new Date());
  }

  start(): void {
    const { bus } = this.#options;
    this.trim();
    bus.on(this, "deviceHealth", ({ deviceId, health }) => {
      const summary = {
        state: health.state,
        connected: health.connected,
        errorCount: health.errorCount,
        lastError: health.lastError,
      };
      const fingerprint = `${summary.state}/${summary.connected}/${summary.lastError}`;
      if (this.#lastState.get(deviceId) === fingerprint) return;
      this.#lastState.set(deviceId, fingerprint);
      this.#record("device.state", deviceId, masked(summary));
    });
    bus.on(this, "deviceEvent", ({ deviceId, type, data }) =>
      this.#record("device.event", deviceId, { event: type, data: shareableEventData(type, data) }),
    );
    bus.on(this, "jobState", ({ jobId, deviceId, kind, state, detail }) =>
      this.#record("job.state", deviceId, {
        jobId,
        kind,
        state,
        ...(detail === undefined ? {} : { detail: masked(detail) }),
      }),
    );
  }

  stop(): void {
    this.#options.bus.removeListeners(this);
    this.#lastState.clear();
  }

  /** Adds an entry; inside a caller's transaction it commits (or rolls back) with it. */
  append(type: EventLogType, deviceId: string | null, data: Record<string, unknown>): number {
    const { lastInsertRowid } = this.#options.db
      .prepare("INSERT INTO event_log (at, type, device_id, data) VALUES (?, ?, ?, ?)")
      .run(this.#now().toISOString(), type, deviceId, JSON.stringify(data));
    if (++this.#sinceTrim >= TRIM_EVERY) this.trim();
    return Number(lastInsertRowid);
  }

  /** Keeps the newest `maxRows` entries. */
  trim(): number {
    this.#sinceTrim = 0;
    return this.#options.db
      .prepare("DELETE FROM event_log WHERE id <= (SELECT MAX(id) FROM event_log) - ?")
      .run(this.#maxRows).changes;
  }

  /** Newest first. */
  query(filter: EventLogFilter = {}): EventLogEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (filter.type !== undefined) {
      where.push("type = ?");
      params.push(filter.type);
    }
    if (filter.deviceId !== undefined) {
      where.push("device_id = ?");
      params.push(filter.deviceId);
    }
    if (filter.since !== undefined) {
      const since = Date.parse(filter.since);
      if (Number.isNaN(since)) {
        throw new LinliError(
          "LINLI_ERR_OPERATOR_BAD_QUERY",
          "since must be an ISO 8601 date-time with a zone, e.g. 2024-06-03T08:00:00Z",
          { status: 400 },
        );
      }
      where.push("at >= ?");
      params.push(new Date(since).toISOString());
    }
    params.push(filter.limit ?? 100);
    const rows = this.#options.db
      .prepare(
        `SELECT id, at, type, device_id, data FROM event_log
         ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY id DESC LIMIT ?`,
      )
      .all(...params) as Row[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      type: row.type,
      deviceId: row.device_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }

  /** A bus listener must never throw into the device that emitted. */
  #record(type: EventLogType, deviceId: string, data: Record<string, unknown>): void {
    try {
      this.append(type, deviceId, data);
    } catch (error) {
      // A full store is logged once by its health, not once per device event.
      if (reportStoreFailure(this.#options.db, error)) return;
      this.#log.warn({ err: error, type, deviceId }, "event not written to the event log");
    }
  }
}

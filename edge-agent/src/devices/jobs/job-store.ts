import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import { reportStoreFailure } from "../../store/health.js";
import type { SqliteDatabase } from "../../store/index.js";

export type JobState = "queued" | "running" | "held" | "done" | "failed" | "uncertain";

export interface Job<P = unknown, R = unknown> {
  id: string;
  deviceId: string;
  kind: string;
  state: JobState;
  payload: P;
  result: R | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

interface JobRow {
  id: string;
  device_id: string;
  kind: string;
  state: JobState;
  payload: string;
  result: string | null;
  error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
}

function fromRow<P, R>(row: JobRow): Job<P, R> {
  return {
    id: row.id,
    deviceId: row.device_id,
    kind: row.kind,
    state: row.state,
    payload: JSON.parse(row.payload) as P,
    result: row.result === null ? null : (JSON.parse(row.result) as R),
    error: row.error,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Fired inside the transaction of every state change, so an outbox event commits with it. */
export type JobTransitionHook = (job: Job, previous: JobState | undefined) => void;

/**
 * Durable device jobs (print jobs, door opens). Every change is a
 * compare-and-set on the state, so two paths can never both move a job
 * (e.g. a retry and a recovery), and nothing runs twice by accident.
 */
export class JobStore {
  readonly #db: SqliteDatabase;
  readonly #hooks: JobTransitionHook[] = [];

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  onTransition(hook: JobTransitionHook): void {
    this.#hooks.push(hook);
  }

  create<P>(deviceId: string, kind: string, payload: P, id: string = randomUUID()): Job<P> {
    const now = new Date().toISOString();
    const row: JobRow = {
      id,
      device_id: deviceId,
      kind,
      state: "queued",
      payload: JSON.stringify(payload),
      result: null,
      error: null,
      attempts: 0,
      created_at: now,
      updated_at: now,
    };
    this.#reported(() =>
      this.#db.transaction(() => {
        this.#db
          .prepare(
            `INSERT INTO device_jobs (id, device_id, kind, state, payload, result, error, attempts, created_at, updated_at)
           VALUES (@id, @device_id, @kind, @state, @payload, @result, @error, @attempts, @created_at, @updated_at)`,
          )
          .run(row);
        this.#fire(fromRow(row), undefined);
      })(),
    );
    return fromRow<P, never>(row);
  }

  get<P = unknown, R = unknown>(id: string): Job<P, R> | undefined {
    const row = this.#db.prepare("SELECT * FROM device_jobs WHERE id = ?").get(id) as
      | JobRow
      | undefined;
    return row ? fromRow<P, R>(row) : undefined;
  }

  require<P = unknown, R = unknown>(id: string): Job<P, R> {
    const job = this.get<P, R>(id);
    if (!job) throw new LinliError("LINLI_ERR_JOB_NOT_FOUND", `no job ${id}`, { status: 404 });
    return job;
  }

  /**
   * Moves a job from one of `from` to `to`; false (and no change) if it was
   * not in one of those states. `countAttempt` records that the device was told.
   */
  transition(
    id: string,
    from: readonly JobState[],
    to: JobState,
    update: { result?: unknown; error?: string | null; countAttempt?: boolean } = {},
  ): boolean {
    return this.#reported(() => this.#transition(id, from, to, update));
  }

  #transition(
    id: string,
    from: readonly JobState[],
    to: JobState,
    update: { result?: unknown; error?: string | null; countAttempt?: boolean },
  ): boolean {
    return this.#db.transaction(() => {
      const before = this.get(id);
      if (!before || !from.includes(before.state)) return false;
      this.#db
        .prepare(
          `UPDATE device_jobs SET state = ?, updated_at = ?,
             result = COALESCE(?, result), error = ?, attempts = attempts + ?
           WHERE id = ?`,
        )
        .run(
          to,
          new Date().toISOString(),
          update.result === undefined ? null : JSON.stringify(update.result),
          update.error === undefined ? before.error : update.error,
          update.countAttempt ? 1 : 0,
          id,
        );
      this.#fire(this.get(id) as Job, before.state);
      return true;
    })();
  }

  list(
    filter: { deviceId?: string; kind?: string; states?: readonly JobState[]; limit?: number } = {},
  ): Job[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.deviceId) {
      where.push("device_id = ?");
      params.push(filter.deviceId);
    }
    if (filter.kind) {
      where.push("kind = ?");
      params.push(filter.kind);
    }
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => "?").join(", ")})`);
      params.push(...filter.states);
    }
    const sql = `SELECT * FROM device_jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY created_at, rowid LIMIT ?`;
    params.push(filter.limit ?? 1000);
    return (this.#db.prepare(sql).all(...params) as JobRow[]).map((row) => fromRow(row));
  }

  /**
   * After a crash: whatever was running may or may not have happened. Marks one
   * device's (or kind's) running jobs uncertain, with a reason; returns them.
   */
  markInterruptedUncertain(
    filter: { deviceId?: string; kind?: string } = {},
    reason = "the agent stopped while this job was running; it may or may not have happened",
  ): Job[] {
    const running = this.list({ ...filter, states: ["running"] });
    return running.filter((job) =>
      this.transition(job.id, ["running"], "uncertain", { error: reason }),
    );
  }

  /**
   * A job's step that fails for want of space tells the store's health before it
   * throws: the device steps that write (a door's, a receipt's) run in the background.
   */
  #reported<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      reportStoreFailure(this.#db, error);
      throw error;
    }
  }

  #fire(job: Job, previous: JobState | undefined): void {
    for (const hook of this.#hooks) hook(job, previous);
  }
}

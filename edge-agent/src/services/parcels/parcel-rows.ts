/** Rows of the `parcels` table and their API shape. */
import type { DoorSize } from "@linli/device-profiles";
import type { ParcelState, ParcelSummary } from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";

export interface ParcelRow {
  id: string;
  device_id: string;
  board: number;
  lock: number;
  size: DoorSize;
  code_hash: string;
  phone_last_four: string;
  carrier: string;
  state: ParcelState;
  request_id: string | null;
  deposit_job_id: string;
  pickup_job_id: string | null;
  pickup_attempts: number;
  deposited_at: string;
  deadline_at: string;
  picked_up_at: string | null;
  overdue_reported_at: string | null;
  updated_at: string;
}

/** States in which a parcel holds its door (and its code is in use). */
export const HOLDING_STATES: readonly ParcelState[] = [
  "depositing",
  "waiting",
  "opening",
  "uncertain",
];
const HOLDING_SQL = HOLDING_STATES.map((state) => `'${state}'`).join(", ");

export function toSummary(row: ParcelRow, now: Date): ParcelSummary {
  return {
    id: row.id,
    door: { deviceId: row.device_id, board: row.board, lock: row.lock, size: row.size },
    carrier: row.carrier,
    phoneLastFour: row.phone_last_four,
    state: row.state,
    overdue: row.state === "waiting" && row.deadline_at < now.toISOString(),
    depositedAt: row.deposited_at,
    deadlineAt: row.deadline_at,
    pickedUpAt: row.picked_up_at,
  };
}

export class ParcelRows {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  get(id: string): ParcelRow | undefined {
    return this.#db.prepare("SELECT * FROM parcels WHERE id = ?").get(id) as ParcelRow | undefined;
  }

  byRequest(requestId: string): ParcelRow | undefined {
    return this.#db.prepare("SELECT * FROM parcels WHERE request_id = ?").get(requestId) as
      | ParcelRow
      | undefined;
  }

  codeInUse(hash: string): boolean {
    return (
      this.#db
        .prepare(`SELECT 1 FROM parcels WHERE code_hash = ? AND state IN (${HOLDING_SQL})`)
        .get(hash) !== undefined
    );
  }

  /**
   * The parcel a code names: one behind its door (or whose door may have
   * opened), else one picked up since
   * `repeatSince` (a repeated tap that must not open the door again).
   * A parcel still being deposited does not answer to its code yet.
   */
  byCode(hash: string, repeatSince: string): ParcelRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM parcels WHERE code_hash = ?
           AND (state IN ('waiting', 'opening', 'uncertain') OR (state = 'picked_up' AND picked_up_at >= ?))
         ORDER BY state = 'picked_up', deposited_at DESC, rowid DESC LIMIT 1`,
      )
      .get(hash, repeatSince) as ParcelRow | undefined;
  }

  /** "<device>/<board>-<lock>" of every door a parcel holds. */
  heldDoors(): Set<string> {
    const rows = this.#db
      .prepare(`SELECT device_id, board, lock FROM parcels WHERE state IN (${HOLDING_SQL})`)
      .all() as { device_id: string; board: number; lock: number }[];
    return new Set(rows.map((row) => `${row.device_id}/${row.board}-${row.lock}`));
  }

  /** Parcels whose door job may have settled meanwhile. */
  awaitingDoors(): ParcelRow[] {
    return this.#db
      .prepare("SELECT * FROM parcels WHERE state IN ('depositing', 'opening')")
      .all() as ParcelRow[];
  }

  byJob(jobId: string): ParcelRow | undefined {
    return this.#db
      .prepare("SELECT * FROM parcels WHERE deposit_job_id = ? OR pickup_job_id = ?")
      .get(jobId, jobId) as ParcelRow | undefined;
  }

  /** The parcel behind a door now, or picked up from it since `since`. */
  atDoor(deviceId: string, board: number, lock: number, since: string): ParcelRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM parcels WHERE device_id = ? AND board = ? AND lock = ?
           AND (state IN (${HOLDING_SQL}) OR picked_up_at >= ?)
         ORDER BY deposited_at DESC, rowid DESC LIMIT 1`,
      )
      .get(deviceId, board, lock, since) as ParcelRow | undefined;
  }

  list(state: ParcelState | "overdue" | "all", now: Date, limit: number): ParcelRow[] {
    if (state === "all") {
      return this.#db
        .prepare("SELECT * FROM parcels ORDER BY deposited_at DESC, rowid DESC LIMIT ?")
        .all(limit) as ParcelRow[];
    }
    if (state === "overdue") return this.overdue(now, limit);
    return this.#db
      .prepare("SELECT * FROM parcels WHERE state = ? ORDER BY deposited_at, rowid LIMIT ?")
      .all(state, limit) as ParcelRow[];
  }

  overdue(now: Date, limit = 1000): ParcelRow[] {
    return this.#db
      .prepare(
        "SELECT * FROM parcels WHERE state = 'waiting' AND deadline_at < ? ORDER BY deadline_at, rowid LIMIT ?",
      )
      .all(now.toISOString(), limit) as ParcelRow[];
  }

  insert(row: ParcelRow): void {
    this.#db
      .prepare(
        `INSERT INTO parcels (id, device_id, board, lock, size, code_hash, phone_last_four, carrier, state,
           request_id, deposit_job_id, pickup_job_id, pickup_attempts, deposited_at, deadline_at,
           picked_up_at, overdue_reported_at, updated_at)
         VALUES (@id, @device_id, @board, @lock, @size, @code_hash, @phone_last_four, @carrier, @state,
           @request_id, @deposit_job_id, @pickup_job_id, @pickup_attempts, @deposited_at, @deadline_at,
           @picked_up_at, @overdue_reported_at, @updated_at)`,
      )
      .run(row);
  }

  /** Compare-and-set on the state; false when the parcel was not in `from`. */
  move(
    id: string,
    from: ParcelState,
    to: ParcelState,
    set: Partial<Pick<ParcelRow, "pickup_job_id" | "picked_up_at" | "overdue_reported_at">> & {
      countPickup?: boolean;
    } = {},
  ): boolean {
    const now = new Date().toISOString();
    return (
      this.#db
        .prepare(
          `UPDATE parcels SET state = @to, updated_at = @now,
             pickup_job_id = COALESCE(@pickupJob, pickup_job_id),
             picked_up_at = COALESCE(@pickedUp, picked_up_at),
             overdue_reported_at = COALESCE(@reported, overdue_reported_at),
             pickup_attempts = pickup_attempts + @count
           WHERE id = @id AND state = @from`,
        )
        .run({
          id,
          from,
          to,
          now,
          pickupJob: set.pickup_job_id ?? null,
          pickedUp: set.picked_up_at ?? null,
          reported: set.overdue_reported_at ?? null,
          count: set.countPickup ? 1 : 0,
        }).changes === 1
    );
  }
}

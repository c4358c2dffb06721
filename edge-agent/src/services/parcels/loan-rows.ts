/** Rows of the `cabinet_loans` and `cabinet_doors` tables. */
import { LinliError } from "@linli/protocols";
import type { SqliteDatabase } from "../../store/index.js";
import type { DoorPlace } from "./doors.js";

export type LoanState = "opening" | "out" | "returning" | "returned" | "cancelled" | "uncertain";

export interface LoanRow {
  id: string;
  device_id: string;
  board: number;
  lock: number;
  code_hash: string;
  state: LoanState;
  request_id: string | null;
  borrow_job_id: string;
  return_job_id: string | null;
  return_device_id: string | null;
  return_board: number | null;
  return_lock: number | null;
  return_attempts: number;
  borrowed_at: string;
  returned_at: string | null;
  updated_at: string;
}

type NewLoan = Omit<
  LoanRow,
  | "return_job_id"
  | "return_device_id"
  | "return_board"
  | "return_lock"
  | "return_attempts"
  | "returned_at"
>;

export class LoanRows {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  require(id: string): LoanRow {
    const row = this.#db.prepare("SELECT * FROM cabinet_loans WHERE id = ?").get(id) as
      | LoanRow
      | undefined;
    if (!row) throw new LinliError("LINLI_ERR_CABINET_NO_LOAN", `no loan ${id}`, { status: 404 });
    return row;
  }

  byRequest(requestId: string): LoanRow | undefined {
    return this.#db.prepare("SELECT * FROM cabinet_loans WHERE request_id = ?").get(requestId) as
      | LoanRow
      | undefined;
  }

  byJob(jobId: string): LoanRow | undefined {
    return this.#db
      .prepare("SELECT * FROM cabinet_loans WHERE borrow_job_id = ? OR return_job_id = ?")
      .get(jobId, jobId) as LoanRow | undefined;
  }

  codeInUse(hash: string): boolean {
    return (
      this.#db
        .prepare(
          "SELECT 1 FROM cabinet_loans WHERE code_hash = ? AND state IN ('opening', 'out', 'returning', 'uncertain')",
        )
        .get(hash) !== undefined
    );
  }

  /**
   * The loan a return code names: one out, being returned or uncertain, else
   * one returned since `since`.
   */
  byCode(hash: string, since: string): LoanRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM cabinet_loans WHERE code_hash = ?
           AND (state IN ('out', 'returning', 'uncertain') OR (state = 'returned' AND returned_at >= ?))
         ORDER BY state = 'returned', borrowed_at DESC, rowid DESC LIMIT 1`,
      )
      .get(hash, since) as LoanRow | undefined;
  }

  /** The loan behind a door: borrowed from it or returned into it, still open or since `since`. */
  atDoor(door: DoorPlace, since: string): LoanRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM cabinet_loans
         WHERE ((device_id = @deviceId AND board = @board AND lock = @lock)
             OR (return_device_id = @deviceId AND return_board = @board AND return_lock = @lock))
           AND (state IN ('opening', 'returning', 'uncertain') OR updated_at >= @since)
         ORDER BY updated_at DESC, rowid DESC LIMIT 1`,
      )
      .get({ ...door, since }) as LoanRow | undefined;
  }

  awaitingJobs(): string[] {
    const rows = this.#db
      .prepare(
        `SELECT CASE state WHEN 'opening' THEN borrow_job_id ELSE return_job_id END AS job
         FROM cabinet_loans WHERE state IN ('opening', 'returning')`,
      )
      .all() as { job: string | null }[];
    return rows.flatMap((row) => (row.job === null ? [] : [row.job]));
  }

  /** "<device>/<board>-<lock>" of the doors a return is opening. */
  returnDoorsInUse(): Set<string> {
    const rows = this.#db
      .prepare(
        "SELECT return_device_id AS d, return_board AS b, return_lock AS l FROM cabinet_loans WHERE state = 'returning'",
      )
      .all() as { d: string; b: number; l: number }[];
    return new Set(rows.map((row) => `${row.d}/${row.b}-${row.l}`));
  }

  doorsWithItem(deviceId: string, present: boolean): { board: number; lock: number }[] {
    return this.#db
      .prepare(
        "SELECT board, lock FROM cabinet_doors WHERE device_id = ? AND item_present = ? ORDER BY board, lock",
      )
      .all(deviceId, present ? 1 : 0) as { board: number; lock: number }[];
  }

  insert(row: NewLoan): void {
    this.#db
      .prepare(
        `INSERT INTO cabinet_loans (id, device_id, board, lock, code_hash, state, request_id,
           borrow_job_id, borrowed_at, updated_at)
         VALUES (@id, @device_id, @board, @lock, @code_hash, @state, @request_id,
           @borrow_job_id, @borrowed_at, @updated_at)`,
      )
      .run(row);
  }

  startReturn(id: string, door: DoorPlace, jobId: string): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE cabinet_loans SET state = 'returning', return_device_id = ?, return_board = ?,
             return_lock = ?, return_job_id = ?, return_attempts = return_attempts + 1, updated_at = ?
           WHERE id = ? AND (state = 'out' OR (state = 'uncertain' AND return_job_id IS NULL))`,
        )
        .run(door.deviceId, door.board, door.lock, jobId, new Date().toISOString(), id).changes ===
      1
    );
  }

  move(id: string, from: LoanState, to: LoanState, returnedAt: string | null = null): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE cabinet_loans SET state = ?, updated_at = ?, returned_at = COALESCE(?, returned_at)
           WHERE id = ? AND state = ?`,
        )
        .run(to, new Date().toISOString(), returnedAt, id, from).changes === 1
    );
  }
}

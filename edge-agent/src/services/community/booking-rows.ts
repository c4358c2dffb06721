import type { BookingRefusalReason, BookingState } from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";

export interface BookingRow {
  id: string;
  session_id: string;
  owner: string;
  origin: string;
  seats: number;
  state: BookingState;
  code_hash: string | null;
  phone_last_four: string | null;
  phone_key: string | null;
  correlation_id: string | null;
  deadline_at: string | null;
  print_wanted: 0 | 1;
  refusal_reason: BookingRefusalReason | null;
  refusal_message: string | null;
  ticket_job_id: string | null;
  ticket_printer_id: string | null;
  attended_at: string | null;
  created_at: string;
  updated_at: string;
}

const ACTIVE = "state IN ('pending', 'confirmed')";

/** The bookings table: plain reads and writes, no decisions. */
export class BookingRows {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  insert(row: BookingRow): void {
    this.#db
      .prepare(
        `INSERT INTO community_bookings (id, session_id, owner, origin, seats, state, code_hash,
           phone_last_four, phone_key, correlation_id, deadline_at, print_wanted, refusal_reason,
           refusal_message, ticket_job_id, ticket_printer_id, attended_at, created_at, updated_at)
         VALUES (@id, @session_id, @owner, @origin, @seats, @state, @code_hash, @phone_last_four,
           @phone_key, @correlation_id, @deadline_at, @print_wanted, @refusal_reason, @refusal_message,
           @ticket_job_id, @ticket_printer_id, @attended_at, @created_at, @updated_at)`,
      )
      .run(row);
  }

  get(id: string): BookingRow | undefined {
    return this.#db.prepare("SELECT * FROM community_bookings WHERE id = ?").get(id) as
      | BookingRow
      | undefined;
  }

  byCorrelation(correlationId: string): BookingRow | undefined {
    return this.#db
      .prepare("SELECT * FROM community_bookings WHERE correlation_id = ?")
      .get(correlationId) as BookingRow | undefined;
  }

  activeByCode(hash: string): BookingRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM community_bookings WHERE code_hash = ? AND ${ACTIVE} ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      )
      .get(hash) as BookingRow | undefined;
  }

  codeInUse(hash: string): boolean {
    return this.activeByCode(hash) !== undefined;
  }

  activeForPhone(sessionId: string, origin: string, phoneKey: string): BookingRow | undefined {
    return this.#db
      .prepare(
        `SELECT * FROM community_bookings WHERE session_id = ? AND origin = ? AND phone_key = ? AND ${ACTIVE}`,
      )
      .get(sessionId, origin, phoneKey) as BookingRow | undefined;
  }

  forSession(sessionId: string): BookingRow[] {
    return (
      this.#db
        .prepare(
          `SELECT * FROM community_bookings WHERE session_id = ? AND state IN ('confirmed', 'cancelled')
         ORDER BY created_at, rowid`,
        )
        // rowid, not the random id, breaks ties: two bookings in one millisecond keep their order.
        .all(sessionId) as BookingRow[]
    );
  }

  pendingPast(at: Date): BookingRow[] {
    return this.#db
      .prepare(
        "SELECT * FROM community_bookings WHERE state = 'pending' AND deadline_at IS NOT NULL AND deadline_at <= ?",
      )
      .all(at.toISOString()) as BookingRow[];
  }

  update(
    id: string,
    changes: Partial<Omit<BookingRow, "id" | "created_at">> & { updated_at: string },
  ): void {
    const keys = Object.keys(changes);
    const set = keys.map((key) => `${key} = @${key}`).join(", ");
    this.#db.prepare(`UPDATE community_bookings SET ${set} WHERE id = @id`).run({ ...changes, id });
  }
}

import type {
  AnnouncedSession,
  CommunitySession,
  SessionDefinition,
  SessionStatus,
} from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";

export interface SessionRow {
  id: string;
  owner: string;
  definition: string;
  starts_at: string;
  ends_at: string;
  capacity: number;
  seats_taken: number;
  max_seats: number;
  status: SessionStatus;
  updated_at: string;
}

const DEFAULT_MAX_SEATS = 2;

/**
 * Sessions, this kiosk's own and those other kiosks of the site announced.
 * For its own, `seats_taken` is the truth and only `take`/`release` move it,
 * inside the caller's transaction; for the others it is a cached copy of
 * what the owner last announced, and decides nothing.
 */
export class SessionRows {
  readonly #db: SqliteDatabase;
  readonly #kiosk: string;

  constructor(db: SqliteDatabase, kiosk: string) {
    this.#db = db;
    this.#kiosk = kiosk;
  }

  get(id: string): SessionRow | undefined {
    return this.#db.prepare("SELECT * FROM community_sessions WHERE id = ?").get(id) as
      | SessionRow
      | undefined;
  }

  /** Sessions not yet ended, soonest first. */
  upcoming(now: Date): SessionRow[] {
    return this.#db
      .prepare(
        "SELECT * FROM community_sessions WHERE ends_at > ? AND status != 'cancelled' ORDER BY starts_at, id",
      )
      .all(now.toISOString()) as SessionRow[];
  }

  owned(): SessionRow[] {
    return this.#db
      .prepare("SELECT * FROM community_sessions WHERE owner = ? ORDER BY starts_at, id")
      .all(this.#kiosk) as SessionRow[];
  }

  /** Adds or updates one of this kiosk's sessions; seats already taken stay taken. */
  define(definition: SessionDefinition, at: Date): SessionRow {
    const existing = this.get(definition.id);
    if (existing && existing.owner !== this.#kiosk) {
      throw new Error(`session ${definition.id} belongs to kiosk ${existing.owner}`);
    }
    const capacity = Math.max(definition.capacity, existing?.seats_taken ?? 0);
    this.#db
      .prepare(
        `INSERT INTO community_sessions
           (id, owner, definition, starts_at, ends_at, capacity, seats_taken, max_seats, status, updated_at)
         VALUES (@id, @owner, @definition, @starts_at, @ends_at, @capacity, 0, @max_seats, 'open', @updated_at)
         ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, starts_at = excluded.starts_at,
           ends_at = excluded.ends_at, capacity = excluded.capacity, max_seats = excluded.max_seats,
           updated_at = excluded.updated_at`,
      )
      .run({
        id: definition.id,
        owner: this.#kiosk,
        definition: JSON.stringify(definition),
        starts_at: new Date(definition.startsAt).toISOString(),
        ends_at: new Date(definition.endsAt).toISOString(),
        capacity,
        max_seats: definition.maxSeatsPerBooking ?? DEFAULT_MAX_SEATS,
        updated_at: at.toISOString(),
      });
    return this.get(definition.id) as SessionRow;
  }

  /**
   * Takes seats of an own session if they are free; false when they are not.
   * The WHERE clause decides, and the table's CHECK backs it up.
   */
  take(id: string, seats: number, at: Date): boolean {
    const result = this.#db
      .prepare(
        `UPDATE community_sessions SET seats_taken = seats_taken + ?, updated_at = ?
         WHERE id = ? AND owner = ? AND status = 'open' AND seats_taken + ? <= capacity`,
      )
      .run(seats, at.toISOString(), id, this.#kiosk, seats);
    return result.changes === 1;
  }

  release(id: string, seats: number, at: Date): void {
    this.#db
      .prepare(
        `UPDATE community_sessions SET seats_taken = max(0, seats_taken - ?), updated_at = ?
         WHERE id = ? AND owner = ?`,
      )
      .run(seats, at.toISOString(), id, this.#kiosk);
  }

  /**
   * Replaces the cached sessions of another kiosk with its announcement.
   * Returns the ids it skipped because this kiosk owns a session of that id.
   */
  applyAnnouncement(owner: string, sessions: readonly AnnouncedSession[], at: Date): string[] {
    const skipped: string[] = [];
    const upsert = this.#db.prepare(
      `INSERT INTO community_sessions
         (id, owner, definition, starts_at, ends_at, capacity, seats_taken, max_seats, status, updated_at)
       VALUES (@id, @owner, @definition, @starts_at, @ends_at, @capacity, @seats_taken, @max_seats, @status, @updated_at)
       ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, definition = excluded.definition,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, capacity = excluded.capacity,
         seats_taken = excluded.seats_taken, max_seats = excluded.max_seats, status = excluded.status,
         updated_at = excluded.updated_at
       WHERE community_sessions.owner = excluded.owner`,
    );
    this.#db.transaction(() => {
      const ids = new Set<string>();
      for (const session of sessions) {
        const existing = this.get(session.id);
        if (existing && existing.owner !== owner) {
          skipped.push(session.id);
          continue;
        }
        ids.add(session.id);
        const { seatsLeft, status, ...definition } = session;
        const capacity = Math.max(1, session.capacity);
        upsert.run({
          id: session.id,
          owner,
          definition: JSON.stringify(definition),
          starts_at: new Date(session.startsAt).toISOString(),
          ends_at: new Date(session.endsAt).toISOString(),
          capacity,
          seats_taken: Math.min(capacity, Math.max(0, capacity - seatsLeft)),
          max_seats: session.maxSeatsPerBooking,
          status,
          updated_at: at.toISOString(),
        });
      }
      const known = this.#db
        .prepare("SELECT id FROM community_sessions WHERE owner = ?")
        .all(owner) as { id: string }[];
      const drop = this.#db.prepare("DELETE FROM community_sessions WHERE id = ? AND owner = ?");
      for (const { id } of known) if (!ids.has(id)) drop.run(id, owner);
    })();
    return skipped;
  }
}

export function definitionOf(row: SessionRow): SessionDefinition {
  return JSON.parse(row.definition) as SessionDefinition;
}

export function announced(row: SessionRow): AnnouncedSession {
  const definition = definitionOf(row);
  return {
    ...definition,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    maxSeatsPerBooking: row.max_seats,
    seatsLeft: Math.max(0, row.capacity - row.seats_taken),
    status: row.status,
  };
}

export function sessionView(
  row: SessionRow,
  kiosk: string,
  ownerReachable: boolean,
): CommunitySession {
  const local = row.owner === kiosk;
  return {
    ...announced(row),
    owner: row.owner,
    local,
    ownerReachable: local || ownerReachable,
    updatedAt: row.updated_at,
  };
}

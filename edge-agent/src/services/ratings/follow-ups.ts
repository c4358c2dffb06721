import { randomUUID } from "node:crypto";
import { LinliError, maskPhoneNumbers } from "@linli/protocols";
import {
  type FollowUp,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpState,
  type FollowUpUpdate,
  RATING_LEVELS,
  type RatingSubject,
} from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";
import { type Outbox, Priority } from "../../uplink/outbox.js";
import { type WorkingCalendar, workingDeadline } from "./calendar.js";
import { storedCodes } from "./resident-text.js";

export interface FollowUpConfig extends WorkingCalendar {
  /** Working days an operator has to follow a bad rating up (回访). */
  workingDays: number;
}

/** What a follow-up is opened for: a bad rating, just recorded. */
export interface BadRating {
  id: string;
  score: number;
  subject: RatingSubject;
  reasons: readonly string[];
  text: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  rating_id: string;
  state: FollowUpState;
  due_at: string;
  history: string;
  opened_at: string;
  updated_at: string;
  score: number;
  subject_kind: RatingSubject["kind"];
  subject_id: string | null;
  subject_name: string | null;
  reasons: string;
  text: string | null;
  source: "kiosk" | "rating-box";
  created_at: string;
}

const NOTE_MAX = 500;

const SELECT = `
  SELECT f.id, f.rating_id, f.state, f.due_at, f.history, f.opened_at, f.updated_at,
         r.score, r.subject_kind, r.subject_id, r.subject_name, r.reasons, r.text, r.source, r.created_at
  FROM rating_followups f JOIN ratings r ON r.id = f.rating_id`;

/**
 * The follow-up items (回访) bad ratings open: a deadline in working days,
 * then contacted and resolved by an operator with a note. Each change writes
 * its outbox event in the caller's (or its own) transaction.
 */
export class FollowUpBook {
  readonly #db: SqliteDatabase;
  readonly #outbox: Pick<Outbox, "add">;
  readonly #config: FollowUpConfig;
  readonly #timeZone: string;

  constructor(
    db: SqliteDatabase,
    outbox: Pick<Outbox, "add">,
    config: FollowUpConfig,
    timeZone: string,
  ) {
    this.#db = db;
    this.#outbox = outbox;
    this.#config = config;
    this.#timeZone = timeZone;
  }

  /** Opens the follow-up of a bad rating; call inside the rating's transaction. */
  open(rating: BadRating, now: Date): { id: string; dueAt: string } {
    const id = randomUUID();
    const openedAt = now.toISOString();
    const dueAt = workingDeadline(
      now,
      this.#config.workingDays,
      this.#timeZone,
      this.#config,
    ).toISOString();
    this.#db
      .prepare(
        "INSERT INTO rating_followups (id, rating_id, state, due_at, history, opened_at, updated_at) VALUES (?, ?, 'open', ?, '[]', ?, ?)",
      )
      .run(id, rating.id, dueAt, openedAt, openedAt);
    this.#outbox.add(
      "followup.opened",
      {
        id,
        ratingId: rating.id,
        score: rating.score,
        level: levelName(rating.score),
        subject: rating.subject,
        reasons: rating.reasons,
        text: rating.text,
        ratedAt: rating.createdAt,
        dueAt,
        openedAt,
      },
      Priority.kept,
    );
    return { id, dueAt };
  }

  list(query: FollowUpQuery, now: Date): FollowUpList {
    const where: string[] = [];
    const values: (string | number)[] = [];
    if (query.state !== undefined) {
      where.push("f.state = ?");
      values.push(query.state);
    }
    if (query.overdue === true) {
      where.push("f.state <> 'resolved' AND f.due_at < ?");
      values.push(now.toISOString());
    } else if (query.overdue === false) {
      where.push("(f.state = 'resolved' OR f.due_at >= ?)");
      values.push(now.toISOString());
    }
    const filter = where.length > 0 ? ` WHERE ${where.join(" AND ")}` : "";
    const { total } = this.#db
      .prepare(`SELECT COUNT(*) AS total FROM rating_followups f${filter}`)
      .get(...values) as { total: number };
    const rows = this.#db
      .prepare(`${SELECT}${filter} ORDER BY f.due_at, f.opened_at, f.id LIMIT ? OFFSET ?`)
      .all(...values, query.limit ?? 50, query.offset ?? 0) as Row[];
    return { items: rows.map((row) => toFollowUp(row, now)), total };
  }

  counts(now: Date): { open: number; overdue: number } {
    return this.#db
      .prepare(
        "SELECT COUNT(*) AS open, COALESCE(SUM(due_at < ?), 0) AS overdue FROM rating_followups WHERE state <> 'resolved'",
      )
      .get(now.toISOString()) as { open: number; overdue: number };
  }

  /** An operator contacted the rater's service or resolved the item; resolved is final. */
  update(id: string, update: FollowUpUpdate, now: Date): FollowUp {
    const note = maskPhoneNumbers(update.note.trim());
    if (note === "" || [...note].length > NOTE_MAX) {
      throw new LinliError(
        "LINLI_ERR_FOLLOWUP_NOTE_REQUIRED",
        `say what was done in a note of 1 to ${NOTE_MAX} characters`,
        { status: 400 },
      );
    }
    if (update.state !== "contacted" && update.state !== "resolved") {
      throw new LinliError(
        "LINLI_ERR_FOLLOWUP_BAD_STATE",
        'a follow-up can be set to "contacted" or "resolved"',
        { status: 400 },
      );
    }
    return this.#db.transaction(() => {
      const row = this.#db.prepare(`${SELECT} WHERE f.id = ?`).get(id) as Row | undefined;
      if (row === undefined) {
        throw new LinliError(
          "LINLI_ERR_FOLLOWUP_NOT_FOUND",
          `there is no follow-up "${id}"; reload the list of follow-ups`,
          { status: 404 },
        );
      }
      if (row.state === "resolved") {
        throw new LinliError(
          "LINLI_ERR_FOLLOWUP_RESOLVED",
          "this follow-up is already resolved and cannot change",
          { status: 409 },
        );
      }
      const at = now.toISOString();
      const history = [...parseHistory(row.history), { state: update.state, note, at }];
      this.#db
        .prepare("UPDATE rating_followups SET state = ?, history = ?, updated_at = ? WHERE id = ?")
        .run(update.state, JSON.stringify(history), at, id);
      this.#outbox.add(
        "followup.updated",
        { id, ratingId: row.rating_id, state: update.state, note, updatedAt: at },
        Priority.kept,
      );
      return toFollowUp(
        { ...row, state: update.state, history: JSON.stringify(history), updated_at: at },
        now,
      );
    })();
  }
}

export function levelName(score: number): string {
  return RATING_LEVELS.find((level) => level.score === score)?.zh ?? String(score);
}

function toFollowUp(row: Row, now: Date): FollowUp {
  return {
    id: row.id,
    state: row.state,
    dueAt: row.due_at,
    overdue: row.state !== "resolved" && row.due_at < now.toISOString(),
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    history: parseHistory(row.history),
    rating: {
      id: row.rating_id,
      score: row.score,
      level: levelName(row.score),
      subject: { kind: row.subject_kind, id: row.subject_id, name: row.subject_name },
      reasons: storedCodes(row.reasons),
      text: row.text,
      source: row.source,
      createdAt: row.created_at,
    },
  };
}

function parseHistory(json: string): FollowUp["history"] {
  return JSON.parse(json) as FollowUp["history"];
}

import { randomUUID } from "node:crypto";
import { LinliError } from "@linli/protocols";
import {
  type FollowUp,
  type FollowUpList,
  type FollowUpQuery,
  type FollowUpUpdate,
  RATED_SERVICES,
  RATING_BAD_AT_MOST,
  RATING_LEVELS,
  RATING_REASONS,
  type RatingOptions,
  type RatingReport,
  type RatingReportQuery,
  type RatingRequest,
  type RatingSubject,
  RESIDENT_TEXT_MAX,
  SATISFACTION_TARGET,
} from "@linli/protocols/api";
import type { EventBus } from "../../bus.js";
import type { Logger } from "../../log.js";
import { KIOSK_TIME_ZONE } from "../../outlets/search/hours.js";
import {
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  type SqliteDatabase,
} from "../../store/index.js";
import { type Outbox, Priority } from "../../uplink/outbox.js";
import { dayOf } from "./calendar.js";
import { FollowUpBook, type FollowUpConfig } from "./follow-ups.js";
import { checkReasons, checkScore, type OutletLookup, resolveSubject } from "./rating-input.js";
import { residentText } from "./resident-text.js";
import { reportRange, satisfactionReport } from "./satisfaction.js";

export interface RatingConfig {
  /** The zone days are counted in (reports, deadlines). */
  timeZone: string;
  /** More than `maxRatings` from one source (the kiosk UI, a rating box) within the window is misuse. */
  misuse: { maxRatings: number; windowSeconds: number };
  followUp: FollowUpConfig;
  /** The satisfaction rate operators aim for. */
  target: number;
  /** The centre's services residents can rate. */
  services: readonly { code: string; zh: string; en: string }[];
}

export const DEFAULT_RATING_CONFIG: RatingConfig = {
  timeZone: KIOSK_TIME_ZONE,
  misuse: { maxRatings: 3, windowSeconds: 10 },
  followUp: { workingDays: 5, holidays: [], workdays: [] },
  target: SATISFACTION_TARGET,
  services: RATED_SERVICES,
};

export interface RatingServiceOptions {
  /** The store; its `db` is read on start(). */
  store: { readonly db: SqliteDatabase };
  outbox: Pick<Outbox, "add">;
  outlets: OutletLookup;
  /** When given, rating-box presses (deviceEvent rating_press) become ratings of the kiosk. */
  bus?: EventBus;
  config?: Partial<RatingConfig>;
  log?: Logger;
  /** The clock bus-driven ratings and defaults read; tests pin it. */
  now?: () => Date;
}

/** A press on the rating box, as its driver reports it. */
export interface RatingBoxPress {
  deviceId: string;
  score: number;
  button?: number;
  label?: string;
}

export interface RatingRecord {
  id: string;
  score: number;
  level: string;
  subject: RatingSubject;
  source: "kiosk" | "rating-box";
  deviceId: string | null;
  reasons: string[];
  text: string | null;
  misuse: boolean;
  day: string;
  createdAt: string;
  followUp: { id: string; dueAt: string } | null;
}

interface Draft {
  score: number;
  subject: RatingSubject;
  subjectKey: string;
  source: "kiosk" | "rating-box";
  deviceId: string | null;
  sessionId: string | null;
  reasons: string[];
  text: string | null;
}

/**
 * Ratings (好差评) of the kiosk, an outlet or one of the centre's services:
 * one per resident session and subject (一次一评), reasons required for a bad
 * rating, bursts from one source flagged as misuse and left out of rates, and
 * a follow-up (回访) opened for every counted bad rating. Raters stay
 * anonymous. Every write and its outbox events commit together.
 */
export class RatingService {
  readonly #options: RatingServiceOptions;
  readonly #config: RatingConfig;
  #db: SqliteDatabase | undefined;
  #followUps: FollowUpBook | undefined;

  constructor(options: RatingServiceOptions) {
    this.#options = options;
    this.#config = { ...DEFAULT_RATING_CONFIG, ...options.config };
  }

  start(): void {
    this.#db = this.#options.store.db;
    this.#followUps = new FollowUpBook(
      this.#db,
      this.#options.outbox,
      this.#config.followUp,
      this.#config.timeZone,
    );
    this.#options.bus?.on(this, "deviceEvent", (event) => {
      if (event.type !== "rating_press") return;
      this.#onPress(event.deviceId, event.data);
    });
  }

  stop(): void {
    this.#options.bus?.removeListeners(this);
    this.#db = undefined;
    this.#followUps = undefined;
  }

  options(): RatingOptions {
    return {
      levels: RATING_LEVELS.map((level) => ({ ...level })),
      reasons: RATING_REASONS.map((reason) => ({ ...reason })),
      services: this.#config.services.map((service) => ({ ...service })),
      reasonsRequiredAtOrBelow: RATING_BAD_AT_MOST,
      textMaxLength: RESIDENT_TEXT_MAX,
    };
  }

  /** A resident's rating from the kiosk UI. */
  rate(input: RatingRequest, now: Date = this.#now()): RatingRecord {
    // Refused, never thanked for, when the store cannot keep it (a full disk).
    requireStoreWritable(this.#ready());
    const score = checkScore(input.score);
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.sessionId)) {
      throw new LinliError(
        "LINLI_ERR_RATING_BAD_SESSION",
        "the session id must be 8 to 64 letters, digits, _ or -; the kiosk UI makes one per resident",
        { status: 400 },
      );
    }
    const { subject, key } = resolveSubject(
      input.subject,
      this.#config.services,
      this.#options.outlets,
    );
    const reasons = checkReasons(input.reasons ?? [], score);
    const text = residentText(input.text, "RATING");
    return this.#record(
      {
        score,
        subject,
        subjectKey: key,
        source: "kiosk",
        deviceId: null,
        sessionId: input.sessionId,
        reasons,
        text,
      },
      now,
    );
  }

  /** A press on the rating box: a rating of the kiosk, with no session and no reasons. */
  fromRatingBox(press: RatingBoxPress, now: Date = this.#now()): RatingRecord {
    return this.#record(
      {
        score: checkScore(press.score),
        subject: { kind: "kiosk", id: null, name: null },
        subjectKey: "kiosk",
        source: "rating-box",
        deviceId: press.deviceId,
        sessionId: null,
        reasons: [],
        text: null,
      },
      now,
    );
  }

  report(query: RatingReportQuery = {}, now: Date = this.#now()): RatingReport {
    const db = this.#ready();
    const range = reportRange(query, now, this.#config.timeZone);
    return satisfactionReport(db, range, query.subject, {
      target: this.#config.target,
      timeZone: this.#config.timeZone,
      followUps: this.#book().counts(now),
    });
  }

  followUps(query: FollowUpQuery = {}, now: Date = this.#now()): FollowUpList {
    return this.#book().list(query, now);
  }

  updateFollowUp(id: string, update: FollowUpUpdate, now: Date = this.#now()): FollowUp {
    return this.#book().update(id, update, now);
  }

  #record(draft: Draft, now: Date): RatingRecord {
    const db = this.#ready();
    const book = this.#book();
    const createdAt = now.toISOString();
    const day = dayOf(now, this.#config.timeZone);
    const record = db.transaction((): RatingRecord => {
      if (draft.sessionId !== null && this.#alreadyRated(draft.sessionId, draft.subjectKey)) {
        throw alreadyRated();
      }
      const windowStart = new Date(now.getTime() - this.#config.misuse.windowSeconds * 1000);
      const { recent } = db
        .prepare(
          "SELECT COUNT(*) AS recent FROM ratings WHERE source = ? AND device_id IS ? AND created_at > ? AND created_at <= ?",
        )
        .get(draft.source, draft.deviceId, windowStart.toISOString(), createdAt) as {
        recent: number;
      };
      const misuse = recent >= this.#config.misuse.maxRatings;
      const id = randomUUID();
      try {
        db.prepare(
          `INSERT INTO ratings (id, score, subject_kind, subject_id, subject_key, subject_name, source,
             device_id, session_id, reasons, text, misuse, day, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          id,
          draft.score,
          draft.subject.kind,
          draft.subject.id,
          draft.subjectKey,
          draft.subject.name,
          draft.source,
          draft.deviceId,
          draft.sessionId,
          JSON.stringify(draft.reasons),
          draft.text,
          misuse ? 1 : 0,
          day,
          createdAt,
        );
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") throw alreadyRated();
        throw error;
      }
      const level = RATING_LEVELS.find((entry) => entry.score === draft.score)?.zh ?? "";
      this.#options.outbox.add(
        "rating.created",
        {
          id,
          score: draft.score,
          level,
          subject: draft.subject,
          source: draft.source,
          deviceId: draft.deviceId,
          reasons: draft.reasons,
          text: draft.text,
          misuse,
          day,
          createdAt,
        },
        Priority.kept,
      );
      const followUp =
        !misuse && draft.score <= RATING_BAD_AT_MOST
          ? book.open({ id, createdAt, ...draft }, now)
          : null;
      return {
        id,
        score: draft.score,
        level,
        subject: draft.subject,
        source: draft.source,
        deviceId: draft.deviceId,
        reasons: draft.reasons,
        text: draft.text,
        misuse,
        day,
        createdAt,
        followUp,
      };
    });
    return recordEssential(db, () => record());
  }

  #alreadyRated(sessionId: string, subjectKey: string): boolean {
    return (
      this.#ready()
        .prepare("SELECT 1 FROM ratings WHERE session_id = ? AND subject_key = ?")
        .get(sessionId, subjectKey) !== undefined
    );
  }

  #onPress(deviceId: string, data: Record<string, unknown>): void {
    const { score, button, label } = data;
    if (typeof score !== "number") {
      this.#options.log?.warn({ deviceId, data }, "rating press without a score: ignored");
      return;
    }
    try {
      this.fromRatingBox({
        deviceId,
        score,
        ...(typeof button === "number" ? { button } : {}),
        ...(typeof label === "string" ? { label } : {}),
      });
    } catch (error) {
      // A full store is logged once by its health; the press is lost either way.
      if (this.#db && reportStoreFailure(this.#db, error)) return;
      this.#options.log?.error({ err: error, deviceId, score }, "rating press not recorded");
    }
  }

  #ready(): SqliteDatabase {
    if (this.#db === undefined) throw notReady();
    return this.#db;
  }

  #book(): FollowUpBook {
    if (this.#followUps === undefined) throw notReady();
    return this.#followUps;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

function alreadyRated(): LinliError {
  return new LinliError(
    "LINLI_ERR_RATING_ALREADY_RATED",
    "this has already been rated in this session; thank you, one rating per visit is counted",
    { status: 409 },
  );
}

function notReady(): LinliError {
  return new LinliError(
    "LINLI_ERR_RATING_NOT_READY",
    "ratings are not available yet; try again in a moment",
    { status: 503 },
  );
}

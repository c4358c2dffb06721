import { createHash, randomBytes } from "node:crypto";
import { reportStoreFailure } from "../store/health.js";
import type { SqliteDatabase } from "../store/index.js";

export interface SessionPolicy {
  /** A session ends after this long without operator activity. */
  idleMs: number;
  /** …and this long after login, whatever the activity. */
  absoluteMs: number;
  /** Most live sessions; a login beyond it ends the oldest. */
  maxSessions: number;
}

export const DEFAULT_SESSIONS: SessionPolicy = {
  idleMs: 15 * 60_000,
  absoluteMs: 8 * 3_600_000,
  maxSessions: 16,
};

export interface OperatorSession {
  /** A public handle, as audited; not the token. */
  id: string;
  clientKey: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end. */
  expiresAt: number;
  /** The end if nothing more happens. */
  idleExpiresAt: number;
}

interface Row {
  id: string;
  client_key: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

/** 32 random bytes, base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Operator sessions in SQLite. The token is random (32 bytes) and only its
 * sha256 is stored, so a copy of the database does not log anyone in.
 */
export class OperatorSessions {
  readonly #db: SqliteDatabase;
  readonly #policy: SessionPolicy;
  /** Activity the store could not record (a full disk), by session id, so the console stays signed in. */
  readonly #unrecorded = new Map<string, number>();

  constructor(db: SqliteDatabase, policy: SessionPolicy) {
    this.#db = db;
    this.#policy = policy;
  }

  create(clientKey: string, now: number): { token: string; session: OperatorSession } {
    const token = randomBytes(32).toString("base64url");
    const row: Row = {
      id: randomBytes(8).toString("hex"),
      client_key: clientKey,
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.#policy.absoluteMs,
    };
    this.#db
      .prepare(
        `INSERT INTO operator_sessions (id, token_hash, client_key, created_at, last_seen_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, tokenHash(token), clientKey, now, now, row.expires_at);
    this.#db
      .prepare(
        `DELETE FROM operator_sessions WHERE id NOT IN
           (SELECT id FROM operator_sessions ORDER BY created_at DESC, rowid DESC LIMIT ?)`,
      )
      .run(this.#policy.maxSessions);
    return { token, session: this.#session(row) };
  }

  /**
   * The live session a token names, or undefined (unknown, malformed or
   * expired: an expired one is deleted). `touch` counts this as activity.
   */
  find(token: string | undefined, now: number, touch: boolean): OperatorSession | undefined {
    if (token === undefined || !TOKEN.test(token)) return undefined;
    const hash = tokenHash(token);
    const row = this.#db
      .prepare(
        "SELECT id, client_key, created_at, last_seen_at, expires_at FROM operator_sessions WHERE token_hash = ?",
      )
      .get(hash) as Row | undefined;
    if (!row) return undefined;
    row.last_seen_at = Math.max(row.last_seen_at, this.#unrecorded.get(row.id) ?? 0);
    if (now >= row.expires_at || now >= row.last_seen_at + this.#policy.idleMs) {
      this.#unrecorded.delete(row.id);
      this.#bestEffort(() =>
        this.#db.prepare("DELETE FROM operator_sessions WHERE id = ?").run(row.id),
      );
      return undefined;
    }
    if (touch) {
      row.last_seen_at = now;
      const recorded = this.#bestEffort(() =>
        this.#db
          .prepare("UPDATE operator_sessions SET last_seen_at = ? WHERE id = ?")
          .run(now, row.id),
      );
      if (recorded) this.#unrecorded.delete(row.id);
      else this.#unrecorded.set(row.id, now);
    }
    return this.#session(row);
  }

  /** Ends the session a token names; the ended session, if there was one. */
  end(token: string | undefined, now: number): OperatorSession | undefined {
    const session = this.find(token, now, false);
    if (session) this.#db.prepare("DELETE FROM operator_sessions WHERE id = ?").run(session.id);
    return session;
  }

  /**
   * Keeping a session alive is not worth refusing the operator's request
   * for: while the store cannot take writes (its health says so, once),
   * activity is kept in memory. False when it was not recorded.
   */
  #bestEffort(write: () => unknown): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (!reportStoreFailure(this.#db, error)) throw error;
      return false;
    }
  }

  sweep(now: number): void {
    // Activity kept in memory while the store could not take it goes in first, or it would be swept.
    for (const [id, at] of this.#unrecorded) {
      this.#db
        .prepare("UPDATE operator_sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id = ?")
        .run(at, id);
      this.#unrecorded.delete(id);
    }
    this.#db
      .prepare("DELETE FROM operator_sessions WHERE expires_at <= ? OR last_seen_at <= ?")
      .run(now, now - this.#policy.idleMs);
  }

  #session(row: Row): OperatorSession {
    return {
      id: row.id,
      clientKey: row.client_key,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
      idleExpiresAt: Math.min(row.expires_at, row.last_seen_at + this.#policy.idleMs),
    };
  }
}

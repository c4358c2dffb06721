import type { Migration } from "../store/index.js";

/**
 * The operator's tables. Times are epoch milliseconds where the code computes
 * with them (lockouts, sessions) and ISO strings where people read them.
 *
 * - operator_lockout: wrong-PIN counts per client, so a restart does not lift a lockout;
 * - operator_sessions: only the sha256 of a session token is kept, never the token;
 * - operator_audit: every operator action (append only, read by people and upstream);
 * - event_log: device states, device events, job states and operator actions,
 *   bounded by EventLog (oldest rows go first).
 */
export const operatorMigration: Migration = {
  version: 8,
  name: "operator sessions, lockout, audit and event log",
  sql: `
    CREATE TABLE operator_lockout (
      client_key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      locked_until INTEGER NOT NULL DEFAULT 0,
      last_failure_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE operator_sessions (
      id TEXT PRIMARY KEY,
      token_hash TEXT NOT NULL UNIQUE,
      client_key TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE operator_audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      action TEXT NOT NULL,
      session_id TEXT,
      client_key TEXT,
      device_id TEXT,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE INDEX operator_audit_by_at ON operator_audit (at);
    CREATE TABLE event_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      type TEXT NOT NULL,
      device_id TEXT,
      data TEXT NOT NULL
    ) STRICT;
    CREATE INDEX event_log_by_type ON event_log (type, id);
    CREATE INDEX event_log_by_device ON event_log (device_id, id);
  `,
};

import { operatorMigration } from "../operator/migration.js";
import { communityMigration } from "../services/community/migration.js";
import { servicesMigration } from "../services/parcels/migration.js";
import { ratingsMigration } from "../services/ratings/migration.js";
import { vendingMigration } from "../services/vending/migration.js";

/** Versioned schema steps; `PRAGMA user_version` records the last applied. Append only. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "kiosk metadata",
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: "outlets",
    // Coordinates are stored in WGS-84 whatever the source's datum (import normalises).
    sql: `
      CREATE TABLE outlets (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        address TEXT,
        phone TEXT,
        lng REAL NOT NULL,
        lat REAL NOT NULL,
        hours TEXT,
        services TEXT NOT NULL DEFAULT '[]',
        prices TEXT NOT NULL DEFAULT '[]',
        brand TEXT,
        chain TEXT,
        name_pinyin TEXT NOT NULL,
        name_initials TEXT NOT NULL,
        source TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outlets_category ON outlets (category);
      CREATE TABLE outlet_imports (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        started_at TEXT NOT NULL,
        rows_loaded INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        report TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: "durable device jobs",
    // A job is recorded before it runs and finished after; a crash leaves it
    // "running", which recovery turns into "uncertain" (never blindly repeated).
    sql: `
      CREATE TABLE device_jobs (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'held', 'done', 'failed', 'uncertain')),
        payload TEXT NOT NULL,
        result TEXT,
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX device_jobs_by_device_state ON device_jobs (device_id, state);
    `,
  },
  {
    version: 4,
    name: "uplink outbox",
    // seq is the per-kiosk sequence number: AUTOINCREMENT never reuses one, even after deletes.
    sql: `
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL,
        priority INTEGER NOT NULL CHECK (priority IN (0, 1, 2)),
        payload TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_by_priority ON outbox (priority, seq);
      CREATE TABLE outbox_stats (
        key TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    name: "uplink commands and dataset version",
    // Processed command ids make commands idempotent; the dataset row is the version deltas build on.
    sql: `
      CREATE TABLE uplink_commands (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('running', 'done')),
        result TEXT,
        received_at TEXT NOT NULL,
        finished_at TEXT
      ) STRICT;
      CREATE INDEX uplink_commands_by_received ON uplink_commands (received_at);
      CREATE TABLE outlet_dataset (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        version TEXT NOT NULL,
        kind TEXT NOT NULL,
        outlets INTEGER NOT NULL,
        applied_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  { ...ratingsMigration, version: 6 },
  { ...operatorMigration, version: 7 },
  { ...servicesMigration, version: 8 },
  { ...vendingMigration, version: 9 },
  { ...communityMigration, version: 10 },
];

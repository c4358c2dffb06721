import type { Migration } from "../../store/index.js";

/**
 * The resident services' tables: guide prints, parcels, shared-cabinet doors
 * and loans, code attempts and lockouts, the door events tied to them, and the
 * kiosk's secret for code hashes. No table has room for more of a phone
 * number than its last four digits, and no code is stored in the clear.
 */
export const servicesMigration: Migration = {
  version: 7,
  name: "resident services: guides, parcels, shared cabinets",
  sql: `
    CREATE TABLE service_secrets (
      name TEXT PRIMARY KEY,
      secret BLOB NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE guide_prints (
      job_id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      source TEXT NOT NULL,
      outlets INTEGER NOT NULL,
      columns INTEGER NOT NULL,
      large_print INTEGER NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE parcels (
      id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      board INTEGER NOT NULL,
      lock INTEGER NOT NULL,
      size TEXT NOT NULL CHECK (size IN ('S', 'M', 'L')),
      code_hash TEXT NOT NULL,
      phone_last_four TEXT NOT NULL CHECK (length(phone_last_four) = 4 AND phone_last_four NOT GLOB '*[^0-9]*'),
      carrier TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('depositing', 'waiting', 'opening', 'picked_up', 'cancelled', 'uncertain')),
      request_id TEXT UNIQUE,
      deposit_job_id TEXT NOT NULL,
      pickup_job_id TEXT,
      pickup_attempts INTEGER NOT NULL DEFAULT 0,
      deposited_at TEXT NOT NULL,
      deadline_at TEXT NOT NULL,
      picked_up_at TEXT,
      overdue_reported_at TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX parcels_by_code ON parcels (code_hash, state);
    CREATE INDEX parcels_by_door ON parcels (device_id, board, lock, state);
    CREATE INDEX parcels_by_state_deadline ON parcels (state, deadline_at);

    CREATE TABLE cabinet_doors (
      device_id TEXT NOT NULL,
      board INTEGER NOT NULL,
      lock INTEGER NOT NULL,
      item_present INTEGER NOT NULL CHECK (item_present IN (0, 1)),
      updated_at TEXT NOT NULL,
      PRIMARY KEY (device_id, board, lock)
    ) STRICT;

    CREATE TABLE cabinet_loans (
      id TEXT PRIMARY KEY,
      device_id TEXT NOT NULL,
      board INTEGER NOT NULL,
      lock INTEGER NOT NULL,
      code_hash TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('opening', 'out', 'returning', 'returned', 'cancelled', 'uncertain')),
      request_id TEXT UNIQUE,
      borrow_job_id TEXT NOT NULL,
      return_job_id TEXT,
      return_device_id TEXT,
      return_board INTEGER,
      return_lock INTEGER,
      return_attempts INTEGER NOT NULL DEFAULT 0,
      borrowed_at TEXT NOT NULL,
      returned_at TEXT,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX cabinet_loans_by_code ON cabinet_loans (code_hash, state);

    CREATE TABLE code_attempts (
      id INTEGER PRIMARY KEY,
      at_ms INTEGER NOT NULL,
      ok INTEGER NOT NULL CHECK (ok IN (0, 1))
    ) STRICT;
    CREATE INDEX code_attempts_by_time ON code_attempts (at_ms);

    CREATE TABLE code_lockouts (
      id INTEGER PRIMARY KEY,
      started_ms INTEGER NOT NULL,
      until_ms INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE locker_door_events (
      id INTEGER PRIMARY KEY,
      device_id TEXT NOT NULL,
      board INTEGER NOT NULL,
      lock INTEGER NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('door_opened', 'door_closed', 'door_left_open')),
      parcel_id TEXT,
      loan_id TEXT,
      open_for_ms INTEGER,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX locker_door_events_by_door ON locker_door_events (device_id, board, lock, id);
  `,
};

import type { Migration } from "../../store/index.js";

/**
 * Community notices, bookable sessions with their bookings, and the centre's
 * directory. A session owned by this kiosk counts its seats in `seats_taken`,
 * which a CHECK keeps within `capacity` whatever the code does; sessions of
 * other kiosks of the site are cached from their announcements. A booking
 * keeps no code in the clear (an HMAC) and no phone number: its last four
 * digits and a keyed hash to refuse a second booking of the same phone.
 * The version is set where the migration is registered (store/migrations.ts).
 */
export const communityMigration: Migration = {
  version: 0,
  name: "community: notices, sessions, bookings, directory",
  sql: `
    CREATE TABLE community_notices (
      scope TEXT NOT NULL CHECK (scope IN ('site', 'kiosk', 'local')),
      id TEXT NOT NULL,
      title_zh TEXT NOT NULL,
      title_en TEXT,
      body_zh TEXT NOT NULL,
      body_en TEXT,
      priority TEXT NOT NULL CHECK (priority IN ('urgent', 'important', 'normal')),
      valid_from TEXT NOT NULL,
      valid_until TEXT NOT NULL,
      received_at TEXT NOT NULL,
      PRIMARY KEY (scope, id)
    ) STRICT;

    CREATE TABLE community_sessions (
      id TEXT PRIMARY KEY,
      owner TEXT NOT NULL,
      definition TEXT NOT NULL,
      starts_at TEXT NOT NULL,
      ends_at TEXT NOT NULL,
      capacity INTEGER NOT NULL CHECK (capacity >= 1),
      seats_taken INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0 AND seats_taken <= capacity),
      max_seats INTEGER NOT NULL CHECK (max_seats >= 1),
      status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'cancelled')),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX community_sessions_by_owner ON community_sessions (owner, starts_at);

    CREATE TABLE community_bookings (
      id TEXT PRIMARY KEY,
      session_id TEXT NOT NULL,
      owner TEXT NOT NULL,
      origin TEXT NOT NULL,
      seats INTEGER NOT NULL CHECK (seats >= 1),
      state TEXT NOT NULL CHECK (state IN ('pending', 'confirmed', 'refused', 'cancelled', 'expired')),
      code_hash TEXT,
      phone_last_four TEXT CHECK (phone_last_four IS NULL OR (length(phone_last_four) = 4 AND phone_last_four NOT GLOB '*[^0-9]*')),
      phone_key TEXT,
      correlation_id TEXT UNIQUE,
      deadline_at TEXT,
      print_wanted INTEGER NOT NULL DEFAULT 0 CHECK (print_wanted IN (0, 1)),
      refusal_reason TEXT,
      refusal_message TEXT,
      ticket_job_id TEXT,
      ticket_printer_id TEXT,
      attended_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX community_bookings_by_session ON community_bookings (session_id, state, created_at);
    CREATE INDEX community_bookings_by_code ON community_bookings (code_hash, state);
    CREATE INDEX community_bookings_pending ON community_bookings (state, deadline_at);
    CREATE UNIQUE INDEX community_bookings_one_per_phone
      ON community_bookings (session_id, origin, phone_key)
      WHERE phone_key IS NOT NULL AND state IN ('pending', 'confirmed');

    CREATE TABLE community_directory (
      slot INTEGER PRIMARY KEY CHECK (slot = 1),
      directory TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('local', 'site')),
      updated_at TEXT NOT NULL
    ) STRICT;
  `,
};

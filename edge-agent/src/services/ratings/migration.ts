import type { Migration } from "../../store/migrations.js";

/**
 * Ratings (好差评), their follow-ups (回访) and problem reports. Nothing here
 * identifies a resident: a rating keeps the kiosk UI's random session id (for
 * 一次一评) and never a phone number or a name; free text is stored masked.
 * `day` is the kiosk-time-zone day, so reports group by local days.
 */
export const ratingsMigration: Migration = {
  version: 6,
  name: "ratings, follow-ups and problem reports",
  sql: `
    CREATE TABLE ratings (
      id TEXT PRIMARY KEY,
      score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
      subject_kind TEXT NOT NULL CHECK (subject_kind IN ('kiosk', 'outlet', 'service')),
      subject_id TEXT,
      subject_key TEXT NOT NULL,
      subject_name TEXT,
      source TEXT NOT NULL CHECK (source IN ('kiosk', 'rating-box')),
      device_id TEXT,
      session_id TEXT,
      reasons TEXT NOT NULL DEFAULT '[]',
      text TEXT,
      misuse INTEGER NOT NULL DEFAULT 0 CHECK (misuse IN (0, 1)),
      day TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX ratings_one_per_session ON ratings (session_id, subject_key)
      WHERE session_id IS NOT NULL;
    CREATE INDEX ratings_by_source ON ratings (source, device_id, created_at);
    CREATE INDEX ratings_by_day ON ratings (day, subject_key);

    CREATE TABLE rating_followups (
      id TEXT PRIMARY KEY,
      rating_id TEXT NOT NULL UNIQUE REFERENCES ratings (id),
      state TEXT NOT NULL CHECK (state IN ('open', 'contacted', 'resolved')),
      due_at TEXT NOT NULL,
      history TEXT NOT NULL DEFAULT '[]',
      opened_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX rating_followups_by_state ON rating_followups (state, due_at);

    CREATE TABLE problem_reports (
      id TEXT PRIMARY KEY,
      reference TEXT NOT NULL UNIQUE,
      category TEXT NOT NULL,
      outlet_id TEXT,
      outlet_name TEXT,
      reasons TEXT NOT NULL DEFAULT '[]',
      text TEXT,
      day TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX problem_reports_by_day ON problem_reports (day, category);
  `,
};

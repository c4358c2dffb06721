import type { Notice, NoticeMessage, NoticeScope } from "@linli/protocols/api";
import type { SqliteDatabase } from "../../store/index.js";

interface NoticeRow {
  scope: NoticeScope;
  id: string;
  title_zh: string;
  title_en: string | null;
  body_zh: string;
  body_en: string | null;
  priority: Notice["priority"];
  valid_from: string;
  valid_until: string;
}

const PRIORITY_ORDER = "CASE priority WHEN 'urgent' THEN 0 WHEN 'important' THEN 1 ELSE 2 END";

/**
 * The notices this kiosk shows: upstream's site-wide list, the list for this
 * kiosk alone, and local ones (demo data). Each list replaces its scope
 * whole; only notices valid now are shown, most urgent first.
 */
export class NoticeBoard {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Replaces every notice of `scope` with `notices`, in one transaction. */
  replace(scope: NoticeScope, notices: readonly NoticeMessage[], at: Date): void {
    const insert = this.#db.prepare(
      `INSERT OR REPLACE INTO community_notices
         (scope, id, title_zh, title_en, body_zh, body_en, priority, valid_from, valid_until, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#db.transaction(() => {
      this.#db.prepare("DELETE FROM community_notices WHERE scope = ?").run(scope);
      for (const notice of notices) {
        insert.run(
          scope,
          notice.id,
          notice.titleZh,
          notice.titleEn ?? null,
          notice.bodyZh,
          notice.bodyEn ?? null,
          notice.priority,
          new Date(notice.validFrom).toISOString(),
          new Date(notice.validUntil).toISOString(),
          at.toISOString(),
        );
      }
    })();
  }

  count(scope: NoticeScope): number {
    const row = this.#db
      .prepare("SELECT count(*) AS n FROM community_notices WHERE scope = ?")
      .get(scope) as { n: number };
    return row.n;
  }

  /** Valid now (from ≤ now < until), most urgent first, then newest. */
  valid(now: Date): Notice[] {
    const at = now.toISOString();
    const rows = this.#db
      .prepare(
        `SELECT * FROM community_notices WHERE valid_from <= ? AND valid_until > ?
         ORDER BY ${PRIORITY_ORDER}, valid_from DESC, id LIMIT 50`,
      )
      .all(at, at) as NoticeRow[];
    return rows.map((row) => ({
      id: row.id,
      scope: row.scope,
      titleZh: row.title_zh,
      titleEn: row.title_en,
      bodyZh: row.body_zh,
      bodyEn: row.body_en,
      priority: row.priority,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
    }));
  }
}

import type { Statement } from "better-sqlite3";
import type { SqliteDatabase } from "../store/store.js";
import type { RejectedRow } from "./import/types.js";
import type { OutletRecord, PriceItem } from "./record.js";

/** What an import tells the store about itself, kept in `outlet_imports`. */
export interface OutletImportReport {
  source: string;
  startedAt: string;
  rejected: readonly RejectedRow[];
  /** Anything else worth keeping: datum, encoding, unknown categories … */
  details?: Record<string, unknown>;
}

export interface OutletImportEntry {
  id: number;
  source: string;
  startedAt: string;
  rowsLoaded: number;
  rowsRejected: number;
  report: Record<string, unknown>;
}

interface OutletRow {
  id: string;
  name: string;
  category: string;
  address: string | null;
  phone: string | null;
  lng: number;
  lat: number;
  hours: string | null;
  services: string;
  prices: string;
  brand: string | null;
  chain: string | null;
  name_pinyin: string;
  name_initials: string;
  source: string | null;
  updated_at: string;
}

interface ImportRow {
  id: number;
  source: string;
  started_at: string;
  rows_loaded: number;
  rows_rejected: number;
  report: string;
}

/** How many rejected rows an import's log entry keeps; the rest are counted. */
const KEPT_REJECTIONS = 200;

function toRecord(row: OutletRow): OutletRecord {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    address: row.address,
    phone: row.phone,
    lng: row.lng,
    lat: row.lat,
    hours: row.hours,
    services: row.services === "[]" ? [] : (JSON.parse(row.services) as string[]),
    prices: row.prices === "[]" ? [] : (JSON.parse(row.prices) as PriceItem[]),
    brand: row.brand,
    chain: row.chain,
    namePinyin: row.name_pinyin,
    nameInitials: row.name_initials,
    source: row.source,
    updatedAt: row.updated_at,
  };
}

function toParameters(record: OutletRecord): OutletRow {
  return {
    id: record.id,
    name: record.name,
    category: record.category,
    address: record.address,
    phone: record.phone,
    lng: record.lng,
    lat: record.lat,
    hours: record.hours,
    services: JSON.stringify(record.services),
    prices: JSON.stringify(record.prices),
    brand: record.brand,
    chain: record.chain,
    name_pinyin: record.namePinyin,
    name_initials: record.nameInitials,
    source: record.source,
    updated_at: record.updatedAt,
  };
}

const COLUMNS = [
  "id",
  "name",
  "category",
  "address",
  "phone",
  "lng",
  "lat",
  "hours",
  "services",
  "prices",
  "brand",
  "chain",
  "name_pinyin",
  "name_initials",
  "source",
  "updated_at",
] as const;

const UPSERT_SQL = `INSERT INTO outlets (${COLUMNS.join(", ")})
  VALUES (${COLUMNS.map((column) => `@${column}`).join(", ")})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((column) => column !== "id")
    .map((column) => `${column} = excluded.${column}`)
    .join(", ")}`;

/**
 * The circle's outlets in SQLite (tables `outlets` and `outlet_imports`).
 * Every write is one transaction: an import lands whole or not at all, and
 * re-importing the same records changes nothing but `updatedAt`.
 */
export class OutletRepository {
  readonly #db: SqliteDatabase;
  readonly #listeners = new Set<() => void>();
  #upsert: Statement<OutletRow> | undefined;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Adds or updates the records by id; the others stay. */
  upsertMany(records: readonly OutletRecord[], report?: OutletImportReport): number {
    this.#db.transaction(() => {
      this.#write(records);
      if (report) this.#log(records.length, report);
    })();
    this.#changed();
    return records.length;
  }

  /** Makes the records the whole outlet set: outlets not among them are removed. */
  replaceFromImport(
    records: readonly OutletRecord[],
    report: OutletImportReport,
  ): { loaded: number; removed: number } {
    const removed = this.#db.transaction(() => {
      const incoming = new Set(records.map((record) => record.id));
      const before = this.#db.prepare("SELECT id FROM outlets").pluck().all() as string[];
      this.#db.prepare("DELETE FROM outlets").run();
      this.#write(records);
      this.#log(records.length, report);
      return before.filter((id) => !incoming.has(id)).length;
    })();
    this.#changed();
    return { loaded: records.length, removed };
  }

  all(): OutletRecord[] {
    const rows = this.#db.prepare("SELECT * FROM outlets ORDER BY id").all() as OutletRow[];
    return rows.map(toRecord);
  }

  get(id: string): OutletRecord | undefined {
    const row = this.#db.prepare("SELECT * FROM outlets WHERE id = ?").get(id) as
      | OutletRow
      | undefined;
    return row ? toRecord(row) : undefined;
  }

  count(): number {
    return this.#db.prepare("SELECT count(*) FROM outlets").pluck().get() as number;
  }

  /** Category code → number of outlets; categories without outlets are absent. */
  categoryCounts(): Record<string, number> {
    const rows = this.#db
      .prepare("SELECT category, count(*) AS n FROM outlets GROUP BY category ORDER BY category")
      .all() as { category: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.category, row.n]));
  }

  /** The latest imports, newest first. */
  imports(limit = 20): OutletImportEntry[] {
    const rows = this.#db
      .prepare("SELECT * FROM outlet_imports ORDER BY id DESC LIMIT ?")
      .all(limit) as ImportRow[];
    return rows.map((row) => ({
      id: row.id,
      source: row.source,
      startedAt: row.started_at,
      rowsLoaded: row.rows_loaded,
      rowsRejected: row.rows_rejected,
      report: JSON.parse(row.report) as Record<string, unknown>,
    }));
  }

  /** Called after every committed write, e.g. to rebuild a search index. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #write(records: readonly OutletRecord[]): void {
    this.#upsert ??= this.#db.prepare<OutletRow>(UPSERT_SQL);
    for (const record of records) this.#upsert.run(toParameters(record));
  }

  #log(loaded: number, report: OutletImportReport): void {
    const stored = {
      ...report.details,
      rejected: report.rejected.slice(0, KEPT_REJECTIONS),
      rejectedTotal: report.rejected.length,
    };
    this.#db
      .prepare(
        "INSERT INTO outlet_imports (source, started_at, rows_loaded, rows_rejected, report) VALUES (?, ?, ?, ?, ?)",
      )
      .run(report.source, report.startedAt, loaded, report.rejected.length, JSON.stringify(stored));
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

import type { Logger } from "../log.js";
import { reportStoreFailure, storeHealthOf } from "./health.js";
import type { SqliteDatabase } from "./store.js";

export interface StoreMaintenanceOptions {
  readonly db: () => SqliteDatabase;
  readonly log: Logger;
  /** How often the query planner's statistics are refreshed; 6 hours by default. */
  readonly everyMs?: number;
  /** The first refresh, after the start's own work is done; 5 minutes by default. */
  readonly firstAfterMs?: number;
}

/** Rows ANALYZE reads per index, so a refresh over 100,000 outlets stays a few milliseconds. */
const ANALYSIS_LIMIT = 1000;
const HOUR_MS = 3_600_000;

/**
 * The running agent's share of looking after its store: `PRAGMA optimize`
 * now and then, as SQLite asks of long-lived connections. Compaction
 * (VACUUM) needs a copy of the file's worth of free space and a quiet
 * moment, so it is the nightly `linli backup`'s job, not the agent's.
 */
export class StoreMaintenance {
  readonly #options: StoreMaintenanceOptions;
  #timers: NodeJS.Timeout[] = [];

  constructor(options: StoreMaintenanceOptions) {
    this.#options = options;
  }

  start(): void {
    const first = setTimeout(() => this.optimize(), this.#options.firstAfterMs ?? 5 * 60_000);
    const every = setInterval(() => this.optimize(), this.#options.everyMs ?? 6 * HOUR_MS);
    first.unref();
    every.unref();
    this.#timers = [first, every];
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearTimeout(timer);
  }

  /** Refreshes the statistics the query planner uses; false when skipped or failed (never throws). */
  optimize(): boolean {
    const db = this.#options.db();
    // Statistics are a nicety: they wait while the store cannot take writes.
    if (storeHealthOf(db)?.writable === false) return false;
    try {
      db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
      // 0x10002: every table that might benefit, not only those this connection queried.
      db.pragma("optimize = 0x10002");
      return true;
    } catch (error) {
      if (!reportStoreFailure(db, error)) {
        this.#options.log.warn({ err: error }, "PRAGMA optimize failed");
      }
      return false;
    }
  }
}

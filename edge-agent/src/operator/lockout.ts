import type { SqliteDatabase } from "../store/index.js";

export interface LockoutPolicy {
  /** Wrong PINs in a row before login is refused for a while. */
  maxFailures: number;
  /** The first lockout; each further wrong PIN doubles it. */
  firstLockMs: number;
  maxLockMs: number;
  /** Wrong PINs older than this are forgotten (a slip last month does not count). */
  forgetAfterMs: number;
  /** Most clients tracked; the least recent go first. */
  maxClients: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  maxFailures: 5,
  firstLockMs: 30_000,
  maxLockMs: 3_600_000,
  forgetAfterMs: 24 * 3_600_000,
  maxClients: 1_000,
};

interface Row {
  failures: number;
  locked_until: number;
  last_failure_at: number;
}

/**
 * Wrong-PIN counting per client, kept in SQLite so a restart does not lift
 * a lockout. After `maxFailures` wrong PINs every further one locks login for
 * 30 s, 60 s, 120 s … up to an hour; a right PIN clears the count.
 */
export class PinLockout {
  readonly #db: SqliteDatabase;
  readonly #policy: LockoutPolicy;

  constructor(db: SqliteDatabase, policy: LockoutPolicy) {
    this.#db = db;
    this.#policy = policy;
  }

  /** How long this client must still wait before trying a PIN; 0 when it may try now. */
  lockedForMs(clientKey: string, now: number): number {
    const row = this.#row(clientKey, now);
    return row ? Math.max(0, row.locked_until - now) : 0;
  }

  /** Counts a wrong PIN; answers how long login is now locked (0: not locked) and tries left. */
  failed(clientKey: string, now: number): { lockedForMs: number; triesLeft: number } {
    const failures = (this.#row(clientKey, now)?.failures ?? 0) + 1;
    const { maxFailures, firstLockMs, maxLockMs } = this.#policy;
    const lockedForMs =
      failures < maxFailures
        ? 0
        : Math.min(maxLockMs, firstLockMs * 2 ** Math.min(failures - maxFailures, 30));
    this.#db
      .prepare(
        `INSERT INTO operator_lockout (client_key, failures, locked_until, last_failure_at)
         VALUES (?, ?, ?, ?)
         ON CONFLICT (client_key) DO UPDATE SET failures = excluded.failures,
           locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
      )
      .run(clientKey, failures, now + lockedForMs, now);
    return { lockedForMs, triesLeft: Math.max(0, maxFailures - failures) };
  }

  /** Lifts every lockout and forgets every wrong PIN (`linli unlock-operators`); answers how many clients were locked. */
  unlockAll(now: number): number {
    const locked = this.#db
      .prepare("SELECT count(*) AS n FROM operator_lockout WHERE locked_until > ?")
      .get(now) as { n: number };
    this.#db.prepare("DELETE FROM operator_lockout").run();
    return locked.n;
  }

  succeeded(clientKey: string): void {
    this.#db.prepare("DELETE FROM operator_lockout WHERE client_key = ?").run(clientKey);
  }

  /** Forgets stale clients and keeps the table bounded. */
  sweep(now: number): void {
    const { forgetAfterMs, maxClients } = this.#policy;
    this.#db
      .prepare("DELETE FROM operator_lockout WHERE last_failure_at < ? AND locked_until < ?")
      .run(now - forgetAfterMs, now);
    this.#db
      .prepare(
        `DELETE FROM operator_lockout WHERE client_key NOT IN
           (SELECT client_key FROM operator_lockout ORDER BY last_failure_at DESC LIMIT ?)`,
      )
      .run(maxClients);
  }

  #row(clientKey: string, now: number): Row | undefined {
    const row = this.#db
      .prepare(
        "SELECT failures, locked_until, last_failure_at FROM operator_lockout WHERE client_key = ?",
      )
      .get(clientKey) as Row | undefined;
    if (!row) return undefined;
    const stale = now - row.last_failure_at > this.#policy.forgetAfterMs && row.locked_until <= now;
    return stale ? undefined : row;
  }
}

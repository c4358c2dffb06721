/**
 * Rate limiting of pickup and return codes against guessing, kiosk-wide (all
 * residents share one screen, so there is no client to tell apart): after
 * `maxWrong` wrong codes within `windowMs`, every code is refused for a
 * cool-down that doubles with each lockout within `growthWindowMs`, up to
 * `maxLockoutMs`. Attempts and lockouts live in the store, so a restart does
 * not wipe the count. A million codes at five guesses a minute, then five
 * minutes and more of silence, is weeks of guessing for one waiting parcel.
 */
import { LinliError } from "@linli/protocols";
import type { SqliteDatabase } from "../../store/index.js";
import { Priority } from "../../uplink/outbox.js";
import type { ServiceOutbox } from "./types.js";

export interface CodeGuardOptions {
  maxWrong: number;
  windowMs: number;
  lockoutMs: number;
  maxLockoutMs: number;
  growthWindowMs: number;
}

export const CODE_GUARD_DEFAULTS: CodeGuardOptions = {
  maxWrong: 5,
  windowMs: 60_000,
  lockoutMs: 5 * 60_000,
  maxLockoutMs: 60 * 60_000,
  growthWindowMs: 24 * 3_600_000,
};

const KEEP_ATTEMPTS_MS = 24 * 3_600_000;

export function lockedError(untilMs: number, nowMs: number): LinliError {
  const seconds = Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new LinliError(
    "LINLI_ERR_PARCEL_CODE_LOCKED",
    `号码输错次数太多，请 ${minutes} 分钟后再试；如需帮助，请联系工作人员`,
    { status: 429, details: { retryAfterSeconds: seconds } },
  );
}

/**
 * Records a wrong code and throws what the resident is told: how many tries
 * are left, or the cool-down this one started.
 */
export function refuseWrongCode(guard: CodeGuard, nowMs: number, what: "取件码" | "归还码"): never {
  const { attemptsLeft, lockedUntil } = guard.wrong(nowMs);
  if (lockedUntil !== undefined) throw lockedError(lockedUntil, nowMs);
  throw new LinliError(
    "LINLI_ERR_PARCEL_WRONG_CODE",
    `${what}不对，请核对后重新输入（还可以再试 ${attemptsLeft} 次）`,
    { status: 404, details: { attemptsLeft } },
  );
}

export class CodeGuard {
  readonly #db: SqliteDatabase;
  readonly #outbox: ServiceOutbox;
  readonly #options: CodeGuardOptions;

  constructor(db: SqliteDatabase, outbox: ServiceOutbox, options: Partial<CodeGuardOptions> = {}) {
    this.#db = db;
    this.#outbox = outbox;
    this.#options = { ...CODE_GUARD_DEFAULTS, ...options };
  }

  /** Throws the 429 while codes are refused. */
  check(nowMs: number): void {
    const until = this.#lockedUntil(nowMs);
    if (until !== undefined) throw lockedError(until, nowMs);
  }

  /** A code that opened something: recorded, and it does not reset the count. */
  right(nowMs: number): void {
    this.#db.prepare("INSERT INTO code_attempts (at_ms, ok) VALUES (?, 1)").run(nowMs);
  }

  /**
   * Records a wrong code (call inside a transaction with nothing else to
   * roll back). Returns the attempts left, or the lockout it started.
   */
  wrong(nowMs: number): { attemptsLeft: number; lockedUntil?: number } {
    return this.#db.transaction(() => {
      this.#db.prepare("INSERT INTO code_attempts (at_ms, ok) VALUES (?, 0)").run(nowMs);
      this.#db.prepare("DELETE FROM code_attempts WHERE at_ms < ?").run(nowMs - KEEP_ATTEMPTS_MS);
      const { maxWrong, windowMs } = this.#options;
      const since = Math.max(nowMs - windowMs, this.#lastLockoutEnd() ?? 0);
      const { wrong } = this.#db
        .prepare("SELECT COUNT(*) AS wrong FROM code_attempts WHERE ok = 0 AND at_ms > ?")
        .get(since) as { wrong: number };
      if (wrong < maxWrong) return { attemptsLeft: maxWrong - wrong };
      const lockedUntil = nowMs + this.#lockoutLength(nowMs);
      this.#db
        .prepare("INSERT INTO code_lockouts (started_ms, until_ms) VALUES (?, ?)")
        .run(nowMs, lockedUntil);
      this.#outbox.add(
        "parcel.code_lockout",
        {
          wrongCodes: wrong,
          at: new Date(nowMs).toISOString(),
          until: new Date(lockedUntil).toISOString(),
        },
        Priority.kept,
      );
      return { attemptsLeft: 0, lockedUntil };
    })();
  }

  #lockedUntil(nowMs: number): number | undefined {
    const row = this.#db
      .prepare("SELECT MAX(until_ms) AS until FROM code_lockouts WHERE until_ms > ?")
      .get(nowMs) as { until: number | null };
    return row.until ?? undefined;
  }

  #lastLockoutEnd(): number | undefined {
    const row = this.#db.prepare("SELECT MAX(until_ms) AS until FROM code_lockouts").get() as {
      until: number | null;
    };
    return row.until ?? undefined;
  }

  #lockoutLength(nowMs: number): number {
    const { lockoutMs, maxLockoutMs, growthWindowMs } = this.#options;
    const { recent } = this.#db
      .prepare("SELECT COUNT(*) AS recent FROM code_lockouts WHERE started_ms > ?")
      .get(nowMs - growthWindowMs) as { recent: number };
    return Math.min(maxLockoutMs, lockoutMs * 2 ** recent);
  }
}

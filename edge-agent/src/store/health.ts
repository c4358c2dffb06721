/**
 * Whether the store can take writes, told apart from every other failure:
 * a disk that is full (SQLITE_FULL, ENOSPC), failing (SQLITE_IOERR_*) or gone
 * read-only, or free space below the reserve (store.reserveBytes).
 *
 * Policy: residents' new actions whose record must not be lost (a door, a
 * sale, a booking, a rating) ask `requireWritable()` before they act and are
 * refused with 507 LINLI_ERR_STORE_FULL; work already under way keeps
 * writing into the reserve; reads never ask. The state turns unwritable on
 * the first failed write, is logged once per change (not once per failed
 * write) and turns writable again on the next probe write that succeeds —
 * on a timer, and whenever an action asks — so freeing space is enough, no
 * restart.
 */
import { statfsSync } from "node:fs";
import { dirname } from "node:path";
import { LinliError } from "@linli/protocols";
import type { StoreHealth as StoreHealthState } from "@linli/protocols/api";
import type { Logger } from "../log.js";
import type { SqliteDatabase } from "./store.js";

export type { StoreHealthState };
export type StoreFault = NonNullable<StoreHealthState["reason"]>;

export const STORE_FULL = "LINLI_ERR_STORE_FULL";

/** SQLite's (extended) and the system's codes for a store that cannot take writes. */
const FAULT_CODES: readonly (readonly [RegExp, Exclude<StoreFault, "low_space">])[] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, "full"],
  // Not SQLITE_IOERR_NOMEM: that is memory, not the disk.
  [/^(SQLITE_IOERR(_(?!NOMEM$)[A-Z_]+)?|EIO)$/, "io_error"],
  [/^(SQLITE_READONLY(_[A-Z_]+)?|EROFS)$/, "read_only"],
];

export interface StoreFailure {
  /** The code as SQLite or the system gave it, e.g. "SQLITE_FULL", "SQLITE_IOERR_WRITE". */
  code: string;
  fault: Exclude<StoreFault, "low_space">;
}

/** What a failed write says about the store, looking through causes; undefined for any other error. */
export function storeFailureOf(error: unknown): StoreFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") {
      const found = FAULT_CODES.find(([pattern]) => pattern.test(code));
      if (found) return { code, fault: found[1] };
    }
    current = cause;
  }
  return undefined;
}

/** What a resident's action answers while the store cannot record it. */
export function storeFullError(
  state: Pick<StoreHealthState, "reason" | "lastError">,
  cause?: unknown,
): LinliError {
  return new LinliError(
    STORE_FULL,
    "本机暂时无法保存记录，这项业务暂停办理；查找店铺和服务不受影响，请联系工作人员",
    {
      status: 507,
      details: { reason: state.reason, lastError: state.lastError },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

/** Free space the agent may still use on the filesystem holding `storePath`; undefined in memory. */
export function freeBytesAt(storePath: string): number | undefined {
  if (storePath === ":memory:") return undefined;
  try {
    const stats = statfsSync(dirname(storePath));
    // bavail: what an unprivileged process (the agent) may still write.
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** One small real write: the store's last proof of being writable, kept in `meta`. */
export function probeStore(db: SqliteDatabase, now = new Date()): void {
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('store.writable_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(now.toISOString());
}

export interface StoreHealthOptions {
  /** The store's database, once open; the probe writes to it. */
  readonly db: () => SqliteDatabase;
  readonly storePath: string;
  readonly reserveBytes: number;
  readonly log: Logger;
  /** How often the state is checked with nobody asking; 15 s by default. */
  readonly checkMs?: number;
  /**
   * After a failed write or probe, the next probe waits this long (5 s by
   * default): a probe is smaller than most writes and may fit where they do
   * not, and each fitting probe would be a change of state to log.
   */
  readonly probeEveryMs?: number;
  /** Stand-ins for tests: the free-space reading and the probe write. */
  readonly freeBytes?: () => number | undefined;
  readonly probe?: () => void;
  readonly now?: () => Date;
}

type Fault = { reason: StoreFault; lastError: string | null };

/** Every store's health by its database, for writers that hold only the database. */
const byDatabase = new WeakMap<SqliteDatabase, StoreHealth>();

export class StoreHealth {
  readonly #options: StoreHealthOptions;
  readonly #listeners = new Set<(state: StoreHealthState) => void>();
  #fault: Fault | undefined;
  #since: Date;
  #freeBytes: number | undefined;
  /** When a write or a probe last failed, or a probe was last tried (ms). */
  #lastTry = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  #watched: SqliteDatabase | undefined;

  constructor(options: StoreHealthOptions) {
    this.#options = options;
    this.#since = this.#now();
  }

  /** Call once the store is open: registers it for its writers and checks on a timer. */
  start(): void {
    this.#watched = this.#options.db();
    byDatabase.set(this.#watched, this);
    this.check();
    this.#timer = setInterval(() => this.check(), this.#options.checkMs ?? 15_000);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#watched) byDatabase.delete(this.#watched);
    this.#watched = undefined;
  }

  get writable(): boolean {
    return this.#fault === undefined;
  }

  /** The state as last seen; no I/O. */
  state(): StoreHealthState {
    return {
      writable: this.#fault === undefined,
      reason: this.#fault?.reason ?? null,
      lastError: this.#fault?.lastError ?? null,
      since: this.#since.toISOString(),
      freeBytes: this.#freeBytes ?? null,
      reserveBytes: this.#options.reserveBytes,
    };
  }

  /** Called on every change of state, after it is logged. */
  onChange(listener: (state: StoreHealthState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * A write failed: true when for want of space or a working disk, and the
   * store is now marked unwritable (already so: nothing more is logged).
   */
  noteFailure(error: unknown): boolean {
    const failure = storeFailureOf(error);
    if (!failure) return false;
    this.#lastTry = this.#now().getTime();
    this.#set({ reason: failure.fault, lastError: failure.code });
    return true;
  }

  /** Reads free space and, while the store is not writable, tries the probe write. */
  check(): StoreHealthState {
    this.#freeBytes = (this.#options.freeBytes ?? (() => freeBytesAt(this.#options.storePath)))();
    if (this.#freeBytes !== undefined && this.#freeBytes < this.#options.reserveBytes) {
      // A write that failed says more than low free space does: its reason stays.
      if (!this.#fault) this.#set({ reason: "low_space", lastError: null });
    } else if (this.#fault && this.#probeDue()) {
      this.#lastTry = this.#now().getTime();
      try {
        (this.#options.probe ?? (() => probeStore(this.#options.db(), this.#now())))();
        this.#set(undefined);
      } catch (error) {
        if (!this.noteFailure(error)) {
          this.#options.log.warn({ err: error }, "the store's probe write failed");
        }
      }
    }
    return this.state();
  }

  /**
   * Before a resident's action whose record must not be lost: throws
   * LINLI_ERR_STORE_FULL (507) unless the store can take it now.
   */
  requireWritable(): void {
    const state = this.check();
    if (!state.writable) throw storeFullError(state);
  }

  #set(fault: Fault | undefined): void {
    const before = this.#fault;
    if (before?.reason === fault?.reason && before?.lastError === fault?.lastError) return;
    this.#fault = fault;
    // Another code for the same reason (SQLITE_IOERR_FSYNC after _WRITE) is not news.
    if (before !== undefined && fault !== undefined && before.reason === fault.reason) return;
    const now = this.#now();
    const lasted = Math.round((now.getTime() - this.#since.getTime()) / 1000);
    if (before === undefined || fault === undefined) this.#since = now;
    const { log, reserveBytes } = this.#options;
    const space = { freeBytes: this.#freeBytes ?? null, reserveBytes };
    if (fault === undefined) {
      log.info(
        { was: before?.reason, lastError: before?.lastError, seconds: lasted, ...space },
        "the store takes writes again: pickups, sales, bookings and ratings are open",
      );
    } else if (before !== undefined) {
      log.warn(
        { was: before.reason, reason: fault.reason, lastError: fault.lastError, ...space },
        "the store still cannot take writes, for another reason now",
      );
    } else {
      log.error(
        { reason: fault.reason, lastError: fault.lastError, ...space },
        "the store cannot take writes: new pickups, sales, bookings, ratings and reports are refused until it can (free space on its disk); looking things up still works",
      );
    }
    const state = this.state();
    for (const listener of this.#listeners) {
      try {
        listener(state);
      } catch (error) {
        log.warn({ err: error }, "a store health listener failed");
      }
    }
  }

  #probeDue(): boolean {
    // Free space just went back over the reserve, with no failed write to wait after.
    if (this.#fault?.reason === "low_space") return true;
    return this.#now().getTime() - this.#lastTry >= (this.#options.probeEveryMs ?? 5_000);
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

/** The health watching `db`'s store, if one was started. */
export function storeHealthOf(db: SqliteDatabase): StoreHealth | undefined {
  return byDatabase.get(db);
}

/**
 * For writers that hold only the database (background steps, bus
 * listeners): notes a failed write on its store's health. True when it
 * failed for want of space or a working disk — the health has logged that
 * once, so the caller need not log each failure.
 */
export function reportStoreFailure(db: SqliteDatabase, error: unknown): boolean {
  const health = byDatabase.get(db);
  return health ? health.noteFailure(error) : storeFailureOf(error) !== undefined;
}

/**
 * Before an action whose record must not be lost: refuses it with
 * LINLI_ERR_STORE_FULL unless the store can take it now (a database no
 * health watches, as in unit tests, is not checked beforehand).
 */
export function requireStoreWritable(db: SqliteDatabase): void {
  byDatabase.get(db)?.requireWritable();
}

/**
 * What a resident's action answers when its write failed for want of space
 * or a working disk (noted on the store's health): LINLI_ERR_STORE_FULL
 * (507). Undefined for any other error.
 */
export function storeRefusal(db: SqliteDatabase, error: unknown): LinliError | undefined {
  const failure = error instanceof LinliError ? undefined : storeFailureOf(error);
  if (!failure) return undefined;
  byDatabase.get(db)?.noteFailure(error);
  return storeFullError({ reason: failure.fault, lastError: failure.code }, error);
}

/**
 * Runs the write of an action whose record must not be lost (ask
 * `requireStoreWritable` first, before anything else is done): a write that
 * fails for want of space or a working disk rolls back and is refused as
 * LINLI_ERR_STORE_FULL (507), not a 500.
 */
export function recordEssential<T>(db: SqliteDatabase, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw storeRefusal(db, error) ?? error;
  }
}

import type { StoreHealth } from "@linli/protocols/api";
import type { Random } from "../outlets/data/prng.js";

/**
 * A simulated kiosk's store health (the real one: store/health.ts), as
 * telemetry reports it. Most kiosks can always record; now and then one's
 * disk fills up — SQLite's writes fail with SQLITE_FULL — or its free space
 * falls below the reserve, and some minutes later someone frees space and it
 * takes writes again, without a restart. A few kiosks run with their disk
 * nearly full all along. The demo can force a condition (the fleet's demo
 * controls), which holds until it is forced back.
 */

export type StoreCondition = "writable" | NonNullable<StoreHealth["reason"]>;

/** store.reserveBytes' default: below this much free space new actions are refused. */
export const SIMULATED_RESERVE_BYTES = 16 * 1024 * 1024;

/** Chances per tick that a kiosk's disk fills up, and that someone clears it. */
const FILLS = 0.0001;
const CLEARED = 0.02;
/** The share of kiosks whose disk is nearly full all along, and that start full. */
const NEARLY_FULL = 0.03;
const STARTS_FULL = 0.01;

/** What SQLite says when each condition's write fails (low_space: no write failed). */
const LAST_ERROR: Readonly<Record<StoreCondition, string | null>> = {
  writable: null,
  full: "SQLITE_FULL",
  low_space: null,
  io_error: "SQLITE_IOERR_WRITE",
  read_only: "SQLITE_READONLY",
};

export class SimulatedStore {
  readonly #random: Random;
  /** Free space while nothing is wrong. */
  readonly #usualFree: number;
  #condition: StoreCondition = "writable";
  #freeBytes: number;
  #since: number;
  #forced = false;

  /** `disk`: the host's disk; `startedAt`: the agent's start (the state's first `since`). */
  constructor(
    random: Random,
    disk: { totalBytes: number; freeBytes: number },
    startedAt: number,
    now = Date.now(),
  ) {
    this.#random = random;
    const nearlyFull = random.chance(NEARLY_FULL);
    this.#usualFree = nearlyFull
      ? Math.round(disk.totalBytes * (0.01 + random.next() * 0.03))
      : disk.freeBytes;
    this.#freeBytes = this.#usualFree;
    this.#since = startedAt;
    // Full since some time before the simulation began (never before the agent started).
    const fullFrom = Math.max(startedAt, now - random.int(60, 3600) * 1000);
    if (random.chance(STARTS_FULL)) this.#fill(fullFrom);
  }

  get condition(): StoreCondition {
    return this.#condition;
  }

  /** Free space for the agent where the store lives: what the host's disk reading says too. */
  get freeBytes(): number {
    return this.#freeBytes;
  }

  /** Moves on by one tick; true when the store turned writable or unwritable. */
  step(now = Date.now()): boolean {
    // The same draws every tick, whichever way it goes: the simulation stays repeatable.
    const fills = this.#random.chance(FILLS);
    const cleared = this.#random.chance(CLEARED);
    if (this.#forced) return false;
    if (this.#condition === "writable" && fills) {
      this.#fill(now);
      return true;
    }
    if (this.#condition !== "writable" && cleared) {
      this.#set("writable", this.#usualFree, now);
      return true;
    }
    return false;
  }

  /** The demo's control: holds `condition` until forced again ("writable" lets the kiosk be). */
  force(condition: StoreCondition, now = Date.now()): boolean {
    this.#forced = condition !== "writable";
    if (condition === this.#condition) return false;
    const free =
      condition === "full"
        ? this.#random.int(0, 256 * 1024)
        : condition === "low_space"
          ? this.#random.int(SIMULATED_RESERVE_BYTES / 4, SIMULATED_RESERVE_BYTES - 1)
          : this.#usualFree;
    this.#set(condition, free, now);
    return true;
  }

  /** What `StoreHealth.state()` says, for telemetry. */
  state(): StoreHealth {
    const condition = this.#condition;
    return {
      writable: condition === "writable",
      reason: condition === "writable" ? null : condition,
      lastError: LAST_ERROR[condition],
      since: new Date(this.#since).toISOString(),
      freeBytes: this.#freeBytes,
      reserveBytes: SIMULATED_RESERVE_BYTES,
    };
  }

  /** A disk filling up: logs or a stuck download took the space, so writes fail or the reserve is hit. */
  #fill(now: number): void {
    const full = this.#random.chance(0.7);
    const free = full
      ? this.#random.int(0, 256 * 1024)
      : this.#random.int(SIMULATED_RESERVE_BYTES / 4, SIMULATED_RESERVE_BYTES - 1);
    this.#set(full ? "full" : "low_space", free, now);
  }

  #set(condition: StoreCondition, freeBytes: number, now: number): void {
    const wasWritable = this.#condition === "writable";
    this.#condition = condition;
    this.#freeBytes = freeBytes;
    // As the real one: `since` moves when writability changes, not when only the reason does.
    if (wasWritable !== (condition === "writable")) this.#since = now;
  }
}

import type { DisplayPhase } from "@linli/protocols/api";
import type { SleepWindowConfig, Weekday } from "../config/index.js";

/**
 * The screen's power schedule as a small state machine over a clock: no
 * timers and no I/O here, so every case is a plain function call in a test.
 *
 * - Outside the sleep windows the screen is "awake".
 * - In them it is "asleep", unless a touch came less than `wakeMinutes` ago:
 *   then it is "woken", and dark again that long after the last touch.
 * - An operator may put it to sleep at once: it stays dark until a touch, or
 *   until the schedule itself moves on (a window starts or ends).
 *
 * Windows are read in the kiosk's local time (a configured IANA zone, else the
 * machine's), minute by minute, so a clock change moves them with the wall
 * clock. A window that crosses midnight belongs to the day it starts on.
 */

const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
  Sun: "sun",
};
const ORDER: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** A wall-clock moment: the weekday and the minute of the day (0 to 1439). */
export interface LocalTime {
  weekday: Weekday;
  minute: number;
}

/** Reads instants as wall-clock time in one zone (the machine's when `timeZone` is undefined). */
export function localClock(timeZone?: string): (at: Date) => LocalTime {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (at) => {
    let weekday: Weekday = "mon";
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === "weekday") weekday = WEEKDAY_OF[part.value] ?? weekday;
      else if (part.type === "hour") hour = Number(part.value);
      else if (part.type === "minute") minute = Number(part.value);
    }
    return { weekday, minute: hour * 60 + minute };
  };
}

/** The zone `localClock` reads in: the configured one, or the machine's. */
export function zoneName(timeZone?: string): string {
  return timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "22:30" → 1350; "24:00" → 1440. */
export function minuteOfDay(text: string): number {
  const [hours = "0", minutes = "0"] = text.split(":");
  return Number(hours) * 60 + Number(minutes);
}

function dayBefore(day: Weekday): Weekday {
  return ORDER[(ORDER.indexOf(day) + 6) % 7] as Weekday;
}

const startsOn = (window: SleepWindowConfig, day: Weekday) =>
  window.days === undefined || window.days.includes(day);

/** Whether a wall-clock moment falls in one of the sleep windows. */
export function inSleepHours(windows: readonly SleepWindowConfig[], at: LocalTime): boolean {
  return windows.some((window) => {
    const from = minuteOfDay(window.from);
    const to = minuteOfDay(window.to);
    if (from < to) return startsOn(window, at.weekday) && at.minute >= from && at.minute < to;
    // Across midnight: the evening part today, or the morning part of yesterday's window.
    if (at.minute >= from) return startsOn(window, at.weekday);
    return at.minute < to && startsOn(window, dayBefore(at.weekday));
  });
}

export interface ScheduleOptions {
  sleep: readonly SleepWindowConfig[];
  wakeMinutes: number;
  /** The wall clock; `localClock(config.timeZone)` in the agent. */
  local: (at: Date) => LocalTime;
}

export interface ScheduleReading {
  phase: DisplayPhase;
  /** While woken: when it goes dark without another touch. */
  wokenUntil: Date | null;
}

export class DisplaySchedule {
  readonly #options: ScheduleOptions;
  #lastTouch: number | undefined;
  /** An operator's "sleep now", and whether it was sleep hours then (it ends when that changes). */
  #manualSleep: { inSleepHours: boolean } | undefined;

  constructor(options: ScheduleOptions) {
    this.#options = options;
  }

  get lastTouch(): Date | null {
    return this.#lastTouch === undefined ? null : new Date(this.#lastTouch);
  }

  /** A touch on the screen (or an operator's "wake"): it lights up, or stays lit. */
  touch(at: Date): void {
    this.#lastTouch = at.getTime();
    this.#manualSleep = undefined;
  }

  /** An operator's "sleep now": dark until a touch, or until the schedule moves on. */
  sleepNow(at: Date): void {
    this.#manualSleep = { inSleepHours: this.#inSleepHours(at) };
    this.#lastTouch = undefined;
  }

  /** The phase at `at` (which should not go backwards between calls). */
  read(at: Date): ScheduleReading {
    const sleepHours = this.#inSleepHours(at);
    if (this.#manualSleep && this.#manualSleep.inSleepHours !== sleepHours) {
      this.#manualSleep = undefined;
    }
    if (this.#manualSleep) return { phase: "asleep", wokenUntil: null };
    if (!sleepHours) return { phase: "awake", wokenUntil: null };
    const until = this.#lastTouch === undefined ? undefined : this.#lastTouch + this.#wakeMs();
    if (until !== undefined && at.getTime() < until) {
      return { phase: "woken", wokenUntil: new Date(until) };
    }
    return { phase: "asleep", wokenUntil: null };
  }

  /**
   * When to read again: the next minute's start (windows are minute-sharp), or
   * the moment a woken screen goes dark, whichever is sooner.
   */
  nextCheck(at: Date): Date {
    const nextMinute = (Math.floor(at.getTime() / 60_000) + 1) * 60_000;
    const { wokenUntil } = this.read(at);
    const until = wokenUntil?.getTime() ?? Number.POSITIVE_INFINITY;
    return new Date(Math.min(nextMinute, until));
  }

  #wakeMs(): number {
    return this.#options.wakeMinutes * 60_000;
  }

  #inSleepHours(at: Date): boolean {
    return inSleepHours(this.#options.sleep, this.#options.local(at));
  }
}

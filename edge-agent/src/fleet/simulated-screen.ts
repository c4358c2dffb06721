import type { BacklightStatus, DisplayHealth, TouchHealth } from "@linli/protocols/api";
import type { SleepWindowConfig } from "../config/index.js";
import { inSleepHours, localClock } from "../host/schedule.js";
import type { Random } from "../outlets/data/prng.js";

/**
 * A simulated kiosk's touchscreen (the real one: host/display.ts), as
 * telemetry reports it. Each kiosk sleeps on its own schedule, read in
 * Asia/Shanghai time as the centres' are (dark from about 22:00 to 06:30;
 * a few round-the-clock centres never sleep); a resident's touch at night
 * wakes it for a few minutes. Now and then a backlight stops taking writes
 * (a udev rule lost in an update) or a touch panel drops off the USB bus,
 * and some minutes later it is put right.
 */

export const SIMULATED_TIME_ZONE = "Asia/Shanghai";
const clock = localClock(SIMULATED_TIME_ZONE);

/** Shanghai's wall clock changes by the minute: a thousand kiosks read it once a minute, not each tick. */
let clockMinute = Number.NaN;
let clockReading = clock(new Date(0));
function shanghaiTime(now: number) {
  const minute = Math.floor(now / 60_000);
  if (minute !== clockMinute) {
    clockMinute = minute;
    clockReading = clock(new Date(minute * 60_000));
  }
  return clockReading;
}

/** How long a touch in sleep hours keeps the screen on (display.wakeMinutes' default). */
const WAKE_MS = 5 * 60_000;

/** Chances per tick: a resident touches the screen by day, and at night. */
const TOUCHED_BY_DAY = 0.2;
const TOUCHED_AT_NIGHT = 0.0008;
/** Chances per tick that the backlight or the touch panel fails, and that it is put right. */
const BACKLIGHT_FAILS = 0.0002;
const BACKLIGHT_FIXED = 0.01;
const TOUCH_LOST = 0.0001;
const TOUCH_FOUND = 0.01;

const PANELS = [
  { name: "ILITEK ILITEK-TP", handler: "event5" },
  { name: "eGalax Inc. USB TouchController", handler: "event3" },
  { name: "Goodix Capacitive TouchScreen", handler: "event4" },
] as const;

const BACKLIGHTS = [
  { device: "intel_backlight", maxBrightness: 96000, powerControl: true },
  { device: "intel_backlight", maxBrightness: 19393, powerControl: true },
  { device: "acpi_video0", maxBrightness: 100, powerControl: false },
] as const;

export class SimulatedScreen {
  readonly #random: Random;
  readonly #sleep: SleepWindowConfig[];
  readonly #backlight: Omit<BacklightStatus, "writable" | "error"> | undefined;
  readonly #panel: { name: string; handler: string };
  readonly #dayPercent: number;
  readonly #nightPercent: number;
  #backlightError = false;
  #panelLost = false;
  #lastTouchAt: number | null = null;
  #wokenUntil = 0;

  constructor(random: Random) {
    this.#random = random;
    this.#sleep = random.chance(0.1)
      ? []
      : [
          {
            from: random.pick(["21:30", "22:00", "22:30", "23:00"]),
            to: random.pick(["06:00", "06:30", "07:00"]),
          },
        ];
    // An HDMI monitor has no backlight the agent drives: only the UI goes dark.
    this.#backlight = random.chance(0.15) ? undefined : { ...random.pick(BACKLIGHTS) };
    this.#panel = { ...random.pick(PANELS) };
    this.#dayPercent = random.pick([70, 80, 90, 100]);
    this.#nightPercent = random.pick([20, 30, 40]);
    this.#backlightError = this.#backlight !== undefined && random.chance(0.01);
  }

  /** Moves on by one tick: residents' touches, and a backlight or touch panel failing or fixed. */
  step(now = Date.now()): void {
    // The same draws every tick, whichever way it goes: the simulation stays repeatable.
    const random = this.#random;
    const [touch, backlight, panel] = [random.next(), random.next(), random.next()];
    const night = this.#night(now);
    if (!this.#panelLost && touch < (night ? TOUCHED_AT_NIGHT : TOUCHED_BY_DAY)) {
      this.#lastTouchAt = now;
      if (night) this.#wokenUntil = now + WAKE_MS;
    }
    if (this.#backlight !== undefined)
      this.#backlightError = this.#backlightError
        ? backlight >= BACKLIGHT_FIXED
        : backlight < BACKLIGHT_FAILS;
    this.#panelLost = this.#panelLost ? panel >= TOUCH_FOUND : panel < TOUCH_LOST;
  }

  /** What `DisplayService.health()` says, for telemetry. */
  health(now = Date.now()): { display: DisplayHealth; touch: TouchHealth } {
    const phase = !this.#night(now) ? "awake" : now < this.#wokenUntil ? "woken" : "asleep";
    const backlight = this.#backlight;
    const lit = phase === "woken" ? this.#nightPercent : this.#dayPercent;
    const file = backlight?.powerControl && phase === "asleep" ? "bl_power" : "brightness";
    const devices = this.#panelLost ? [] : [{ ...this.#panel }];
    return {
      display: {
        phase,
        brightnessPercent: backlight === undefined ? null : phase === "asleep" ? 0 : lit,
        backlight:
          backlight === undefined
            ? null
            : {
                ...backlight,
                writable: !this.#backlightError,
                error: this.#backlightError
                  ? `EACCES writing /sys/class/backlight/${backlight.device}/${file}`
                  : null,
              },
      },
      touch: {
        devices,
        present: devices.length > 0,
        lastTouchAt: this.#lastTouchAt === null ? null : new Date(this.#lastTouchAt).toISOString(),
      },
    };
  }

  #night(now: number): boolean {
    return this.#sleep.length > 0 && inSleepHours(this.#sleep, shanghaiTime(now));
  }
}

import { LinliError } from "@linli/protocols";
import type {
  DisplayHealth,
  DisplayPhase,
  DisplayState,
  OperatorDisplayResponse,
  TouchHealth,
} from "@linli/protocols/api";
import type { EventBus } from "../bus.js";
import type { DisplayConfig } from "../config/index.js";
import { createLogger, type Logger } from "../log.js";
import { Backlight, type BacklightWrite, findBacklight, levelOf, percentOf } from "./backlight.js";
import { DisplaySchedule, localClock, zoneName } from "./schedule.js";
import { findTouchscreens, processWordBits } from "./touch.js";

export interface DisplayServiceOptions {
  config: DisplayConfig;
  bus: EventBus;
  log?: Logger;
  now?: () => Date;
  /** How sysfs files are written; a test may stand in to fail as the kernel would. */
  write?: BacklightWrite;
  /** The word size /proc/bus/input/devices is printed in (this process's, by default). */
  wordBits?: 32 | 64;
}

/**
 * The touchscreen's power schedule (display.* in the config): runs the
 * schedule on the clock, sets the backlight for each phase, tells the kiosk
 * UI over the bus (the WebSocket's `display.state`) so it shows black while
 * dark, and reports the display and the touch panel for telemetry.
 *
 * Dark means bl_power 4 where the backlight has it (level 0 where it has not),
 * and the UI's black layer everywhere — on a kiosk without a backlight device
 * (an HDMI monitor, a panel the kernel does not drive) only the UI goes dark.
 * A touch during sleep hours (the UI posts it) lights the screen at the night
 * level for `wakeMinutes` after the last touch. A backlight the agent may not
 * write is reported (state, telemetry), never fatal.
 */
export class DisplayService {
  readonly #options: DisplayServiceOptions;
  readonly #config: DisplayConfig;
  readonly #schedule: DisplaySchedule;
  readonly #now: () => Date;
  readonly #log: Logger;
  #backlight: Backlight | undefined;
  /** The awake and woken levels, in percent; null: as the backlight was found. */
  #dayPercent: number | null;
  #nightPercent: number | null;
  #foundPercent: number | null = null;
  #phase: DisplayPhase = "awake";
  #wokenUntil: Date | null = null;
  #since: Date;
  #timer: NodeJS.Timeout | undefined;
  #applying: Promise<unknown> = Promise.resolve();
  #reportedError: string | null = null;
  #started = false;

  constructor(options: DisplayServiceOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#now = options.now ?? (() => new Date());
    this.#log = options.log ?? createLogger({ level: "silent" });
    this.#schedule = new DisplaySchedule({
      sleep: options.config.sleep,
      wakeMinutes: options.config.wakeMinutes,
      local: localClock(options.config.timeZone),
    });
    this.#dayPercent = options.config.brightness ?? null;
    this.#nightPercent = options.config.nightBrightness ?? null;
    this.#since = this.#now();
  }

  async start(): Promise<void> {
    const { sysRoot, backlight: setting } = this.#config;
    const device = await findBacklight(sysRoot, setting);
    if (device) {
      this.#backlight = new Backlight(device, this.#options.write);
      const found = await this.#backlight.readLevel();
      this.#foundPercent = found === undefined ? 100 : percentOf(found, device.maxBrightness);
      this.#log.info(
        {
          backlight: device.name,
          maxBrightness: device.maxBrightness,
          bl_power: device.powerControl,
        },
        "display: driving the panel's backlight",
      );
    } else if (setting !== "none") {
      this.#log.info(
        { backlight: setting },
        setting === "auto"
          ? "display: no backlight in /sys/class/backlight: only the kiosk UI goes dark"
          : `display: backlight "${setting}" is not in /sys/class/backlight: only the kiosk UI goes dark`,
      );
    }
    this.#started = true;
    const reading = this.#schedule.read(this.#now());
    this.#phase = reading.phase;
    this.#wokenUntil = reading.wokenUntil;
    this.#since = this.#now();
    await this.#applyBacklight();
    this.#bus();
    this.#arm();
  }

  stop(): void {
    this.#started = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** What the kiosk UI is told. */
  state(): DisplayState {
    const backlight = this.#backlight;
    return {
      phase: this.#phase,
      dark: this.#phase === "asleep",
      brightnessPercent: backlight ? (this.#phase === "asleep" ? 0 : this.#litPercent()) : null,
      backlight: backlight ? backlight.status() : null,
      wokenUntil: this.#wokenUntil?.toISOString() ?? null,
      since: this.#since.toISOString(),
    };
  }

  /** A resident touched the screen (the UI reports touches, throttled, and every wake). */
  async touch(): Promise<DisplayState> {
    this.#schedule.touch(this.#now());
    await this.#refresh();
    return this.state();
  }

  /** An operator's "wake": as a touch. */
  wake(): Promise<DisplayState> {
    return this.touch();
  }

  /** An operator's "sleep now": dark until a touch or until the schedule moves on. */
  async sleepNow(): Promise<DisplayState> {
    this.#schedule.sleepNow(this.#now());
    await this.#refresh();
    return this.state();
  }

  /**
   * An operator's brightness: the level of the phase the screen is in (awake:
   * the day level; woken at night: the night level), until the agent restarts.
   */
  async setBrightness(percent: number): Promise<DisplayState> {
    if (!this.#backlight) {
      throw new LinliError(
        "LINLI_ERR_DISPLAY_NO_BACKLIGHT",
        this.#config.backlight === "none"
          ? 'this kiosk\'s config says its screen has no backlight to set (display.backlight: "none")'
          : "this kiosk's screen has no backlight the agent can set (none in /sys/class/backlight): use the monitor's own buttons",
        { status: 409 },
      );
    }
    if (this.#phase === "woken") this.#nightPercent = percent;
    else this.#dayPercent = percent;
    await this.#refresh(true);
    return this.state();
  }

  async touchHealth(): Promise<TouchHealth> {
    const devices = await findTouchscreens(
      this.#config.procRoot,
      this.#options.wordBits ?? processWordBits(),
    );
    return {
      devices,
      present: devices.length > 0,
      lastTouchAt: this.#schedule.lastTouch?.toISOString() ?? null,
    };
  }

  /** The display and touch part of telemetry. */
  async health(): Promise<{ display: DisplayHealth; touch: TouchHealth }> {
    const { phase, brightnessPercent, backlight } = this.state();
    return { display: { phase, brightnessPercent, backlight }, touch: await this.touchHealth() };
  }

  async operatorView(): Promise<OperatorDisplayResponse> {
    const config = this.#config;
    return {
      display: this.state(),
      touch: await this.touchHealth(),
      schedule: {
        sleep: config.sleep.map((window) => ({ ...window })),
        wakeMinutes: config.wakeMinutes,
        timeZone: zoneName(config.timeZone),
        brightness: this.#dayPercent,
        nightBrightness: this.#nightPercent,
      },
    };
  }

  /** Waits for the backlight writes asked for so far (tests, and replies that report them). */
  settled(): Promise<void> {
    return this.#applying.then(() => undefined);
  }

  #litPercent(): number {
    const day = this.#dayPercent ?? this.#foundPercent ?? 100;
    return this.#phase === "woken" ? (this.#nightPercent ?? day) : day;
  }

  async #refresh(levelChanged = false): Promise<void> {
    if (!this.#started) return;
    const now = this.#now();
    const reading = this.#schedule.read(now);
    const moved = reading.phase !== this.#phase;
    this.#wokenUntil = reading.wokenUntil;
    if (moved) {
      this.#log.info({ from: this.#phase, to: reading.phase }, "display: phase changed");
      this.#phase = reading.phase;
      this.#since = now;
    }
    if (moved || levelChanged) {
      await this.#applyBacklight();
      this.#bus();
    }
    this.#arm();
  }

  #applyBacklight(): Promise<unknown> {
    const backlight = this.#backlight;
    if (!backlight) return this.#applying;
    const target = {
      dark: this.#phase === "asleep",
      level: levelOf(this.#litPercent(), backlight.device.maxBrightness),
    };
    this.#applying = this.#applying.then(async () => {
      const error = await backlight.apply(target);
      if (error !== this.#reportedError) {
        if (error) {
          this.#log.warn(
            { error },
            "display: cannot set the backlight (the installer's udev rule lets group linli write it; linli doctor checks)",
          );
        } else {
          this.#log.info("display: the backlight takes writes again");
        }
        this.#reportedError = error;
      }
    });
    return this.#applying;
  }

  #bus(): void {
    this.#options.bus.emit("displayState", this.state());
  }

  #arm(): void {
    clearTimeout(this.#timer);
    if (!this.#started) return;
    const now = this.#now();
    const delay = Math.max(0, this.#schedule.nextCheck(now).getTime() - now.getTime());
    // A little after the minute turns, so the wall clock reads the new minute.
    this.#timer = setTimeout(() => void this.#refresh(), delay + 50);
    this.#timer.unref();
  }
}

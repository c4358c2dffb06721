import { type DisplayWatch, reportTouch, watchDisplay } from "./data/display.js";
import { TouchReporter } from "./data/touch-reporter.js";

export interface DisplaySleepHost {
  /** The screen went dark: show the black layer and end the resident's session. */
  asleep(): void;
  /** It is lit again (a tap on the layer, or the schedule's morning): take the layer away. */
  awake(): void;
}

/**
 * The screen's sleep for the shell: follows the agent's `display.state`,
 * reports touches (at most one every 15 s while residents use the kiosk, and
 * at once on the dark screen), and keeps the black layer up until the tap
 * that woke the screen is over, so that tap never lands on a button.
 */
export class DisplaySleep {
  readonly #host: DisplaySleepHost;
  readonly #touches = new TouchReporter(reportTouch);
  #watch: DisplayWatch | undefined;
  /** What the agent last said. */
  #dark = false;
  #sleeping = false;
  /** A finger is down on the layer: it goes on the completed tap, not before. */
  #wakingTap = false;

  constructor(host: DisplaySleepHost) {
    this.#host = host;
  }

  get sleeping(): boolean {
    return this.#sleeping;
  }

  start(): void {
    window.addEventListener("pointerdown", this.#onActivity, { capture: true, passive: true });
    this.#watch = watchDisplay((state) => this.#onState(state.dark));
  }

  stop(): void {
    window.removeEventListener("pointerdown", this.#onActivity, { capture: true });
    this.#watch?.close();
  }

  /** A resident busy without touching (paying, a vend under way) is still there. */
  stillUsed(): void {
    this.#touches.activity();
  }

  /** The layer was touched: light the screen now, while the finger is still down. */
  tapStarted(): void {
    this.#wakingTap = true;
    void this.#touches.wake();
  }

  /** The tap on the layer is over. */
  tapEnded(): void {
    this.#awake();
  }

  /** The tap on the layer turned into something else (the browser cancelled it). */
  tapCancelled(): void {
    this.#wakingTap = false;
    if (!this.#dark) this.#awake();
  }

  /** The sleep layer reports its own touches (at once). */
  readonly #onActivity = (): void => {
    if (!this.#sleeping) this.#touches.activity();
  };

  #onState(dark: boolean): void {
    this.#dark = dark;
    if (dark && !this.#sleeping) {
      this.#sleeping = true;
      this.#host.asleep();
    } else if (!dark && this.#sleeping && !this.#wakingTap) {
      this.#awake();
    }
  }

  #awake(): void {
    this.#wakingTap = false;
    if (!this.#sleeping) return;
    this.#sleeping = false;
    this.#host.awake();
  }
}

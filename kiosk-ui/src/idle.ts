/**
 * Watches for residents walking away. After `idleSeconds` without a touch the
 * shell warns with a countdown; `warnSeconds` later it resets; after
 * `attractSeconds` it shows the attract screen. Any touch starts over.
 */
export type IdlePhase = "active" | "warning" | "attract";

export interface IdleTimings {
  idleSeconds: number;
  warnSeconds: number;
  attractSeconds: number;
}

export interface IdleCallbacks {
  /** Whether a resident left anything behind (a search, another screen, a mode). */
  sessionInUse: () => boolean;
  /**
   * Whether the resident is busy with something that takes time without a
   * touch — paying with a phone, a vend under way. Then the kiosk neither
   * warns nor resets, as if they had just touched it.
   */
  holding?: () => boolean;
  onPhase: (phase: IdlePhase, secondsLeft: number) => void;
  onReset: () => void;
}

const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
const TICK_MS = 250;

export class IdleMonitor {
  readonly #timings: IdleTimings;
  readonly #callbacks: IdleCallbacks;
  #lastActivity = Date.now();
  #phase: IdlePhase = "active";
  #secondsLeft = 0;
  #timer: number | undefined;

  constructor(timings: IdleTimings, callbacks: IdleCallbacks) {
    this.#timings = timings;
    this.#callbacks = callbacks;
  }

  start(): void {
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, this.#onActivity, { capture: true, passive: true });
    }
    this.#timer = window.setInterval(() => this.#tick(), TICK_MS);
  }

  stop(): void {
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, this.#onActivity, { capture: true });
    }
    window.clearInterval(this.#timer);
  }

  /** The resident is still there: they pressed 继续 or touched the attract screen. */
  touch(): void {
    this.#lastActivity = Date.now();
    this.#set("active", 0);
  }

  /**
   * Touches count while the kiosk is in use. Over the warning or the attract
   * screen they do not: those close on a completed tap (`touch()`), so the
   * tap that closes them never lands on a button underneath.
   */
  readonly #onActivity = (): void => {
    if (this.#phase === "active") this.#lastActivity = Date.now();
  };

  #tick(): void {
    const { idleSeconds, warnSeconds, attractSeconds } = this.#timings;
    if (this.#phase === "active" && this.#callbacks.holding?.()) this.#lastActivity = Date.now();
    const idle = (Date.now() - this.#lastActivity) / 1000;
    if (this.#callbacks.sessionInUse()) {
      if (idle >= idleSeconds + warnSeconds) {
        this.#callbacks.onReset();
        this.#set("active", 0);
      } else if (idle >= idleSeconds) {
        this.#set("warning", Math.ceil(idleSeconds + warnSeconds - idle));
      } else {
        this.#set("active", 0);
      }
      return;
    }
    this.#set(idle >= attractSeconds ? "attract" : "active", 0);
  }

  #set(phase: IdlePhase, secondsLeft: number): void {
    if (phase === this.#phase && secondsLeft === this.#secondsLeft) return;
    this.#phase = phase;
    this.#secondsLeft = secondsLeft;
    this.#callbacks.onPhase(phase, secondsLeft);
  }
}

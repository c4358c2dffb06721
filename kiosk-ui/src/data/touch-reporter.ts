/**
 * Touch activity for the agent's display schedule (POST /api/v1/display/touch),
 * shared by the kiosk shell and the operator console: both run on the
 * kiosk's own screen, and both keep it lit at night while someone uses it.
 */

/** At most one activity report this often: enough for wake minutes of 1 and more. */
export const TOUCH_REPORT_MS = 15_000;

/**
 * Touch activity for the agent, throttled: the first touch goes at once,
 * then at most one every TOUCH_REPORT_MS while touches keep coming. `wake()`
 * always goes at once (the dark screen was touched).
 */
export class TouchReporter {
  readonly #send: () => Promise<unknown>;
  readonly #now: () => number;
  #lastSent = Number.NEGATIVE_INFINITY;

  constructor(send: () => Promise<unknown>, now: () => number = Date.now) {
    this.#send = send;
    this.#now = now;
  }

  activity(): void {
    if (this.#now() - this.#lastSent < TOUCH_REPORT_MS) return;
    this.wake();
  }

  wake(): Promise<unknown> {
    this.#lastSent = this.#now();
    // Not sent (the agent is away): the next touch tries again.
    return this.#send().catch(() => {
      this.#lastSent = Number.NEGATIVE_INFINITY;
    });
  }
}

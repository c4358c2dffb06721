/** Test helper: opens a simulated HID device and keeps every input report the host gets. */
import type { HidBinding, HidHandle } from "../../bindings/hid.js";

export class HidTestReader {
  readonly reports: Uint8Array[] = [];
  readonly errors: Error[] = [];
  readonly handle: HidHandle;
  readonly #wakers = new Set<() => void>();

  private constructor(handle: HidHandle) {
    this.handle = handle;
    handle.on("data", (report) => {
      this.reports.push(new Uint8Array(report));
      for (const wake of [...this.#wakers]) wake();
    });
    handle.on("error", (error) => {
      this.errors.push(error);
      for (const wake of [...this.#wakers]) wake();
    });
  }

  static async open(binding: HidBinding, path: string): Promise<HidTestReader> {
    return new HidTestReader(await binding.open(path));
  }

  /** Waits until `count` reports have arrived in all; returns them all. */
  async take(count: number, timeoutMs = 2_000): Promise<Uint8Array[]> {
    await this.until(() => this.reports.length >= count, timeoutMs, `${count} reports`);
    return this.reports.slice();
  }

  until(check: () => boolean, timeoutMs = 2_000, what = "a report"): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.#wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#wakers.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#wakers.add(wake);
    });
  }

  /** Lets queued reports (delivered on setImmediate) arrive. */
  settle(ms = 20): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}

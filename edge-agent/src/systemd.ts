import { execFile } from "node:child_process";
import type { Logger } from "./log.js";

/**
 * sd_notify(3) for Type=notify units. Node cannot send on a unix datagram
 * socket itself, so this hands the message to systemd-notify(1); the unit
 * sets NotifyAccess=all so systemd accepts it from that child process.
 */
export class SystemdNotifier {
  #watchdog: NodeJS.Timeout | undefined;
  readonly #env: NodeJS.ProcessEnv;
  readonly #log: Logger;

  constructor(log: Logger, env: NodeJS.ProcessEnv = process.env) {
    this.#log = log;
    this.#env = env;
  }

  get enabled(): boolean {
    return Boolean(this.#env.NOTIFY_SOCKET);
  }

  notify(...assignments: string[]): Promise<void> {
    if (!this.enabled) return Promise.resolve();
    return new Promise((resolve) => {
      execFile(
        "systemd-notify",
        [`--pid=${process.pid}`, ...assignments],
        { env: this.#env, timeout: 5_000 },
        (error) => {
          if (error) this.#log.warn({ err: error, assignments }, "systemd-notify failed");
          resolve();
        },
      );
    });
  }

  /** READY=1, and a watchdog ping at half the interval systemd asks for. */
  async ready(status: string): Promise<void> {
    await this.notify("--ready", `--status=${status}`);
    const usec = Number(this.#env.WATCHDOG_USEC);
    if (this.enabled && Number.isFinite(usec) && usec > 0) {
      const everyMs = Math.max(500, Math.floor(usec / 2000));
      this.#watchdog = setInterval(() => void this.notify("WATCHDOG=1"), everyMs);
      this.#watchdog.unref();
    }
  }

  async stopping(): Promise<void> {
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = undefined;
    await this.notify("STOPPING=1");
  }
}

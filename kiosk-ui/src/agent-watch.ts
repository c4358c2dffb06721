import { type Connectivity, connectivity, fetchHealth } from "./data/api.js";
import { fetchServedEntry, runningEntry } from "./data/build.js";
import type { KioskSettings } from "./settings.js";

export interface AgentWatchHost {
  /** The agent stopped answering: show the offline screen. */
  offline(): void;
  /** Seconds until the next try, for the offline screen; 0 while trying. */
  retryIn(seconds: number): void;
  /** The agent answers again: put back what the resident was looking at. */
  online(): Promise<void>;
  /** Whether a resident is in the middle of something (an upgrade then waits). */
  sessionInUse(): boolean;
}

/**
 * Keeps an eye on the agent for the shell: a heartbeat, the offline screen's
 * retries, and whether the agent now serves a newer build than this page,
 * in which case the page reloads — at once when nobody is using the kiosk,
 * else when the session ends (`reloadIfStale`).
 */
export class AgentWatch {
  readonly #settings: KioskSettings;
  readonly #host: AgentWatchHost;
  readonly #entry = runningEntry();
  #offline = false;
  #stale = false;
  #chunkFailed = false;
  #timers: number[] = [];
  #retryTimer: number | undefined;

  constructor(settings: KioskSettings, host: AgentWatchHost) {
    this.#settings = settings;
    this.#host = host;
  }

  start(): void {
    connectivity.addEventListener("change", this.#onConnectivity);
    this.#timers.push(
      window.setInterval(() => void this.#heartbeat(), this.#settings.heartbeatSeconds * 1000),
      window.setInterval(() => void this.#checkBuild(), this.#settings.staleCheckSeconds * 1000),
    );
  }

  stop(): void {
    connectivity.removeEventListener("change", this.#onConnectivity);
    for (const timer of this.#timers) window.clearInterval(timer);
    window.clearTimeout(this.#retryTimer);
  }

  /** A panel's code could not be downloaded; it cannot be imported again without a reload. */
  chunkFailed(): void {
    this.#chunkFailed = true;
    this.goOffline();
  }

  goOffline(): void {
    if (!this.#offline) {
      this.#offline = true;
      this.#host.offline();
    }
    if (this.#retryTimer === undefined) this.#countDown(this.#settings.retrySeconds);
  }

  /** At the end of a session: load the newer build if there is one. Returns whether it did. */
  reloadIfStale(): boolean {
    if (this.#stale) window.location.assign("/");
    return this.#stale;
  }

  async retryNow(): Promise<void> {
    window.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#host.retryIn(0);
    try {
      await fetchHealth();
    } catch {
      this.#countDown(this.#settings.retrySeconds);
      return;
    }
    if (this.#chunkFailed || (await this.#isStale())) {
      window.location.reload();
      return;
    }
    this.#offline = false;
    await this.#host.online();
  }

  readonly #onConnectivity = (event: Event): void => {
    if ((event as CustomEvent<Connectivity>).detail === "unreachable") this.goOffline();
  };

  #countDown(seconds: number): void {
    this.#host.retryIn(seconds);
    this.#retryTimer = window.setTimeout(() => {
      if (seconds > 1) this.#countDown(seconds - 1);
      else void this.retryNow();
    }, 1000);
  }

  async #heartbeat(): Promise<void> {
    if (this.#offline) return;
    // A failure reports itself through `connectivity`.
    await fetchHealth().catch(() => undefined);
  }

  async #isStale(): Promise<boolean> {
    if (!import.meta.env.PROD || this.#entry === null) return false;
    const served = await fetchServedEntry().catch(() => null);
    return served !== null && served !== this.#entry;
  }

  async #checkBuild(): Promise<void> {
    if (this.#offline || this.#stale) return;
    this.#stale = await this.#isStale();
    if (this.#stale && !this.#host.sessionInUse()) window.location.reload();
  }
}

import type { Logger } from "../log.js";
import type { UplinkConnection, UplinkWill } from "./connection.js";
import type { KioskTopics } from "./topics.js";

/** The retained `…/status` payload while the kiosk is connected. */
export interface OnlineStatus {
  status: "online";
  versions: Readonly<Record<string, string>>;
  startedAt: string;
  /** What this kiosk runs: its services and devices. */
  runs: string[];
  at: string;
}

/**
 * The retained `…/status` payload once the kiosk is gone: lost (the last
 * will), shut down, or moved to other broker settings by set-config.
 */
export interface OfflineStatus {
  status: "offline";
  reason: "lost" | "shutdown" | "moved";
  at?: string;
}

export type KioskStatus = OnlineStatus | OfflineStatus;

export interface StatusReporterOptions {
  versions: Readonly<Record<string, string>>;
  startedAt: Date;
  /** Read at every publish, so the status says what runs now. */
  runs: () => string[];
  /** How long a clean shutdown waits for the broker to take the offline status. */
  shutdownTimeoutMs?: number;
}

/** The last will to connect with: the broker sets a retained offline status if the kiosk vanishes. */
export function lastWill(topics: KioskTopics): UplinkWill {
  const payload: OfflineStatus = { status: "offline", reason: "lost" };
  return { topic: topics.status, payload: JSON.stringify(payload), qos: 1, retain: true };
}

/**
 * The retained status topic (after zigbee2mqtt's `bridge/state`): online with
 * what the kiosk runs on every connect, the last will for a lost connection,
 * and an offline status published by the kiosk itself on a clean shutdown.
 */
export class StatusReporter {
  readonly #client: UplinkConnection;
  readonly #topics: KioskTopics;
  readonly #log: Logger;
  readonly #options: StatusReporterOptions;
  #unsubscribe: (() => void) | undefined;

  constructor(
    client: UplinkConnection,
    topics: KioskTopics,
    log: Logger,
    options: StatusReporterOptions,
  ) {
    this.#client = client;
    this.#topics = topics;
    this.#log = log;
    this.#options = options;
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#unsubscribe = this.#client.on("connected", () => this.#announce());
    if (this.#client.isConnected) this.#announce();
  }

  /** Publishes the retained offline status (reason "shutdown"); call before disconnecting. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (!this.#client.isConnected) return;
    const payload: OfflineStatus = {
      status: "offline",
      reason: "shutdown",
      at: new Date().toISOString(),
    };
    const published = this.#publishRetained(this.#topics.status, payload);
    const timeout = new Promise<"timeout">((resolve) =>
      setTimeout(resolve, this.#options.shutdownTimeoutMs ?? 2_000, "timeout").unref(),
    );
    try {
      if ((await Promise.race([published, timeout])) === "timeout")
        this.#log.warn("the broker did not confirm the offline status before shutdown");
    } catch (error) {
      this.#log.warn({ err: error }, "could not publish the offline status");
    }
  }

  /** The online status as it would be published now. */
  online(): OnlineStatus {
    return {
      status: "online",
      versions: this.#options.versions,
      startedAt: this.#options.startedAt.toISOString(),
      runs: this.#options.runs(),
      at: new Date().toISOString(),
    };
  }

  /**
   * Republishes the retained online status. Each device's retained state is
   * the telemetry reporter's (one shape, phone numbers masked), not this one's.
   */
  async rebirth(): Promise<void> {
    await this.#publishRetained(this.#topics.status, this.online());
  }

  #announce(): void {
    this.rebirth().catch((error: unknown) =>
      this.#log.warn({ err: error }, "could not publish the online status"),
    );
  }

  #publishRetained(topic: string, payload: unknown): Promise<void> {
    return this.#client.publish(topic, JSON.stringify(payload), { qos: 1, retain: true });
  }
}

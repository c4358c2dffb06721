import { isAbsolute } from "node:path";
import { LinliError } from "@linli/protocols";
import {
  type Config,
  type ConfigPatch,
  mergeConfigPatches,
  readAppliedConfig,
  saveAppliedConfig,
} from "../config/index.js";
import type { Logger } from "../log.js";
import type { UplinkClient } from "./client.js";
import type { UplinkConfig } from "./connection.js";
import { connected, type UplinkLink } from "./link.js";
import type { ConfigChange, ConfigHooks } from "./set-config.js";
import type { OfflineStatus } from "./status.js";
import type { KioskTopics } from "./topics.js";

export interface SwitchoverOptions {
  /** The config the agent started with. */
  config: Config;
  link: UplinkLink;
  /** A client (not started) for these uplink settings; throws when they cannot work at all. */
  createClient: (uplink: UplinkConfig) => UplinkClient;
  /** The retained online status, as published on every connect. */
  onlineStatus: () => unknown;
  topics: KioskTopics;
  /** The one outbox publisher: it finishes its window on the old connection before the new one drains. */
  publisher: { stop(graceMs?: number): Promise<void>; start(): void };
  /** After a change applied: e.g. a new telemetry interval. */
  onApplied?: (uplink: Config["uplink"]) => void;
  log: Logger;
  /** Where applied changes are kept for the next start; without it they last until a restart. */
  appliedFile?: string;
  /** Config keys the environment sets ("uplink.url" → "LINLI_UPLINK_URL"): they win at every start. */
  environment?: ReadonlyMap<string, string>;
  /** Whether an unset uplink.url means the embedded broker (else there is nothing to report to). */
  embeddedBroker?: boolean;
}

/** Sections set-config changes live; every other one is read at start only. */
export const LIVE_SECTIONS: readonly string[] = ["uplink"];
/** Uplink keys that take effect without a new connection. */
const WITHOUT_RECONNECT = new Set(["telemetryIntervalSeconds", "configRollbackSeconds"]);
const FILE_KEYS = ["ca", "cert", "key", "passwordFile"] as const;
/** How long the old connection gets to finish its in-flight events, and to say it moved. */
const HANDOVER_MS = 1_000;

/**
 * set-config for the uplink: a candidate client is connected with the new
 * settings beside the current one, must publish the kiosk's online status,
 * and only then replaces it; otherwise it is torn down and the current
 * connection stays (or, if the broker dropped it for the candidate, comes
 * back). Applied changes are saved beside the store for the next start.
 */
export class UplinkSwitchover {
  readonly #options: SwitchoverOptions;
  #config: Config;
  #busy: Promise<unknown> = Promise.resolve();
  readonly #stopping = new AbortController();

  constructor(options: SwitchoverOptions) {
    this.#options = options;
    this.#config = options.config;
  }

  /** The running config: the start config with the uplink section as applied since. */
  get config(): Config {
    return this.#config;
  }

  /** What the command router's set-config needs. */
  hooks(): ConfigHooks {
    return {
      currentConfig: () => this.#config,
      checkConfig: (change) => this.check(change),
      applyConfig: (next, signal) => this.apply(next, signal),
      saveConfig: (change) => this.save(change),
    };
  }

  /** Refuses what cannot be changed live, before anything is applied. */
  check({ previous, next, changed }: ConfigChange): void {
    const restartOnly = changed.filter((section) => !LIVE_SECTIONS.includes(section));
    if (restartOnly.length > 0) {
      throw new LinliError(
        "LINLI_ERR_CONFIG_NOT_LIVE",
        `set-config changes uplink.* only: ${restartOnly.join(", ")} ${restartOnly.length > 1 ? "are" : "is"} read at start, so change ${restartOnly.length > 1 ? "them" : "it"} in the kiosk's config file`,
      );
    }
    for (const [key, variable] of this.#options.environment ?? []) {
      if (valueAt(previous, key) !== valueAt(next, key)) {
        throw new LinliError(
          "LINLI_ERR_CONFIG_PINNED",
          `${key} is set by ${variable} on this kiosk, which wins at every start: remove the variable to manage ${key} from upstream`,
        );
      }
    }
    for (const key of FILE_KEYS) {
      const path = next.uplink[key];
      if (path !== undefined && path !== previous.uplink[key] && !isAbsolute(path)) {
        throw new LinliError(
          "LINLI_ERR_CONFIG_INVALID",
          `uplink.${key} must be an absolute path in a set-config (got a relative one)`,
        );
      }
    }
    if (next.uplink.url === undefined && !this.#options.embeddedBroker) {
      throw new LinliError(
        "LINLI_ERR_UPLINK_NO_URL",
        "uplink.url cannot be removed: the embedded broker is off on this kiosk, so nothing would be reported",
      );
    }
  }

  /** One switch at a time; true once the uplink runs on `next`'s settings. */
  apply(next: Config, signal: AbortSignal): Promise<boolean> {
    const run = this.#busy.then(() =>
      this.#apply(next, AbortSignal.any([signal, this.#stopping.signal])),
    );
    this.#busy = run.catch(() => undefined);
    return run;
  }

  /** Keeps the uplink part of an applied change for the next start. */
  save({ patch }: ConfigChange): void {
    const file = this.#options.appliedFile;
    if (file === undefined || !("uplink" in patch)) return;
    const kept = mergeConfigPatches(readAppliedConfig(file) ?? {}, { uplink: patch.uplink });
    saveAppliedConfig(file, kept as ConfigPatch);
  }

  /** Abandons a switch under way (the current connection stays) and waits for it to wind down. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#busy;
  }

  async #apply(next: Config, signal: AbortSignal): Promise<boolean> {
    const { link } = this.#options;
    if (sameConnection(next.uplink, this.#config.uplink)) {
      // No new connection needed, or a rollback: the current one stays, or comes back.
      link.active.release();
      await connected(link.active, signal);
      this.#applied(next);
      return true;
    }
    const candidate = this.#options.createClient(next.uplink);
    const old = link.active;
    // Under the same client id the broker drops the old session for the candidate's: no fight back.
    old.hold();
    let info: Awaited<ReturnType<typeof connected>>;
    try {
      info = await link.trial(candidate, signal);
      const online = JSON.stringify(this.#options.onlineStatus());
      await abortable(
        candidate.publish(this.#options.topics.status, online, { qos: 1, retain: true }),
        signal,
        `the broker at ${candidate.url} did not confirm the kiosk's online status in time`,
      );
    } catch (error) {
      link.dismiss(candidate);
      old.release();
      throw error;
    }
    await this.#options.publisher.stop(HANDOVER_MS);
    await this.#sayMoved(old);
    link.adopt(candidate, info);
    this.#options.publisher.start();
    // The kiosk is not coming back to the old session; closing it needs no waiting for.
    void old.stop(HANDOVER_MS, { endSession: true }).catch(() => undefined);
    this.#applied(next);
    this.#options.log.info(
      { url: candidate.url, clientId: candidate.clientId, from: old.url },
      "the uplink moved to its new settings",
    );
    return true;
  }

  /** The old broker's retained status: offline, moved (the new one says online right after). */
  async #sayMoved(old: UplinkClient): Promise<void> {
    if (!old.isConnected) return;
    const moved: OfflineStatus = {
      status: "offline",
      reason: "moved",
      at: new Date().toISOString(),
    };
    const timeout = AbortSignal.timeout(HANDOVER_MS);
    await abortable(
      old.publish(this.#options.topics.status, JSON.stringify(moved), { qos: 1, retain: true }),
      timeout,
      "no answer",
    ).catch((error: unknown) =>
      this.#options.log.warn({ err: error }, "could not leave the moved status on the old broker"),
    );
  }

  #applied(next: Config): void {
    this.#config = next;
    this.#options.onApplied?.(next.uplink);
  }
}

function sameConnection(a: UplinkConfig, b: UplinkConfig): boolean {
  const settings = (uplink: UplinkConfig) =>
    JSON.stringify(
      Object.entries(uplink)
        .filter(([key, value]) => !WITHOUT_RECONNECT.has(key) && value !== undefined)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return settings(a) === settings(b);
}

function valueAt(config: Config, key: string): string {
  let node: unknown = config;
  for (const segment of key.split("."))
    node = (node as Record<string, unknown> | undefined)?.[segment];
  return JSON.stringify(node);
}

function abortable<T>(work: Promise<T>, signal: AbortSignal, message: string): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(new LinliError("LINLI_ERR_UPLINK_RECONNECT_TIMEOUT", message));
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new LinliError("LINLI_ERR_UPLINK_RECONNECT_TIMEOUT", message));
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

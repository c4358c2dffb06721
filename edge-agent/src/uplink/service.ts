import type { EventBus } from "../bus.js";
import { appliedConfigPath, type Config, environmentKeys } from "../config/index.js";
import { requireLocker, requirePrinter } from "../devices/drivers.js";
import type { DeviceManager } from "../devices/manager.js";
import type { Logger } from "../log.js";
import type { OutletRepository } from "../outlets/repository.js";
import type { OutletService } from "../outlets/service.js";
import { reportStoreFailure, type SqliteDatabase, type StoreHealth } from "../store/index.js";
import { createUplinkClient, defaultClientId, type UplinkClient } from "./client.js";
import { CommandRouter } from "./commands.js";
import type { UplinkConfig } from "./connection.js";
import { DatasetSync } from "./dataset.js";
import type { DisplayHealthSource } from "./kiosk-health.js";
import { UplinkLink } from "./link.js";
import { type Outbox, Priority } from "./outbox.js";
import { OutboxPublisher } from "./publisher.js";
import { lastWill, StatusReporter } from "./status.js";
import { UplinkSwitchover } from "./switchover.js";
import { TelemetryReporter } from "./telemetry.js";
import { kioskTopics } from "./topics.js";

export interface UplinkServiceOptions {
  config: Config;
  /** The broker to report to: uplink.url, or the embedded broker's. */
  url: string;
  /** The embedded broker's URL, used when uplink.url is unset (or removed by set-config). */
  embeddedUrl?: string;
  /** How the agent signs in at the embedded broker; the uplink's own credentials go upstream only. */
  embeddedCredentials?: { username: string; password: string };
  /** Where LINLI_ overrides come from: set-config may not change a key they set. */
  env?: NodeJS.ProcessEnv;
  db: SqliteDatabase;
  storePath: string;
  /** Whether the store takes writes: in telemetry, published as soon as it changes. */
  storeHealth?: Pick<StoreHealth, "state" | "onChange">;
  /** The screen's schedule and touch panel, for telemetry; none on a kiosk without one. */
  display?: DisplayHealthSource;
  outbox: Outbox;
  bus: EventBus;
  devices: DeviceManager;
  outlets: OutletService;
  repository: OutletRepository;
  log: Logger;
  versions: Readonly<Record<string, string>>;
  startedAt: Date;
  /** What a `restart` command does (the CLI exits so the supervisor starts the agent again). */
  restart: () => void;
}

/**
 * The uplink settings for one broker. On the embedded broker (no
 * `uplink.url`) the agent signs in as itself: the uplink's own credentials
 * are for upstream, and the embedded broker may require sign-in.
 */
function withUrl(
  uplink: UplinkConfig,
  url: string,
  embeddedCredentials: { username: string; password: string } | undefined,
): UplinkConfig {
  if (uplink.url !== undefined || !embeddedCredentials) return { ...uplink, url };
  const { username: _username, password: _password, passwordFile: _file, ...rest } = uplink;
  return { ...rest, url, ...embeddedCredentials };
}

/** Device events worth sending upstream, and how much each matters when the outbox is full. */
const DEVICE_EVENT_PRIORITY: Record<string, Priority> = {
  door_opened: Priority.normal,
  door_closed: Priority.normal,
  door_left_open: Priority.kept,
  scan: Priority.telemetry,
  rating_press: Priority.telemetry,
};

/**
 * Everything the kiosk says upstream and takes from it: retained status with
 * a last will, the outbox publisher, telemetry and device state, commands
 * and dataset sync, over one MQTT connection at a time (set-config may move
 * it to new settings, see switchover.ts).
 */
export class UplinkService {
  readonly #options: UplinkServiceOptions;
  #link: UplinkLink | undefined;
  #switchover: UplinkSwitchover | undefined;
  #status: StatusReporter | undefined;
  #publisher: OutboxPublisher | undefined;
  #telemetry: TelemetryReporter | undefined;
  #commands: CommandRouter | undefined;
  #dataset: DatasetSync | undefined;
  #unwatchStore: (() => void) | undefined;

  constructor(options: UplinkServiceOptions) {
    this.#options = options;
  }

  /** The client the kiosk speaks through now. */
  get client(): UplinkClient | undefined {
    return this.#link?.active;
  }

  /** The switchable link: services that talk to other kiosks subscribe and publish through it. */
  get link(): UplinkLink | undefined {
    return this.#link;
  }

  /** The running config, with the uplink section as set-config left it. */
  get config(): Config {
    return this.#switchover?.config ?? this.#options.config;
  }

  async start(): Promise<void> {
    const { config, log, devices, bus, outbox, storeHealth } = this.#options;
    const topics = kioskTopics(config.kiosk.site, config.kiosk.id);
    const embeddedUrl =
      this.#options.embeddedUrl ??
      (config.uplink.url === undefined ? this.#options.url : undefined);
    const createClient = (uplink: UplinkConfig, url = uplink.url ?? embeddedUrl) =>
      createUplinkClient(
        url === undefined ? uplink : withUrl(uplink, url, this.#options.embeddedCredentials),
        {
          clientId: defaultClientId(config.kiosk.site, config.kiosk.id),
          will: lastWill(topics),
          log,
        },
      );
    const link = new UplinkLink(createClient(config.uplink, this.#options.url), log);
    this.#link = link;
    const status = new StatusReporter(link, topics, log, {
      versions: this.#options.versions,
      startedAt: this.#options.startedAt,
      runs: () => devices.list().map((device) => `${device.family}:${device.id}`),
    });
    const telemetry = new TelemetryReporter({
      client: link,
      topics,
      bus,
      log,
      outbox,
      devices,
      storePath: this.#options.storePath,
      ...(storeHealth ? { store: () => storeHealth.state() } : {}),
      ...(this.#options.display ? { display: this.#options.display } : {}),
      intervalMs: config.uplink.telemetryIntervalSeconds * 1000,
    });
    const publisher = new OutboxPublisher(outbox, link, topics, log);
    let telemetrySeconds = config.uplink.telemetryIntervalSeconds;
    const storeFile = appliedConfigPath(this.#options.storePath);
    const switchover = new UplinkSwitchover({
      config,
      link,
      createClient: (uplink) => createClient(uplink),
      onlineStatus: () => status.online(),
      topics,
      publisher,
      onApplied: (uplink) => {
        if (uplink.telemetryIntervalSeconds === telemetrySeconds) return;
        telemetrySeconds = uplink.telemetryIntervalSeconds;
        telemetry.reschedule(telemetrySeconds * 1000);
      },
      log,
      ...(storeFile === undefined ? {} : { appliedFile: storeFile }),
      environment: environmentKeys(this.#options.env ?? process.env),
      embeddedBroker: embeddedUrl !== undefined,
    });
    this.#switchover = switchover;
    const commands = new CommandRouter({
      db: this.#options.db,
      client: link,
      topics,
      log,
      hooks: {
        ...switchover.hooks(),
        reloadDataset: () => this.#options.outlets.reload(),
        rebirth: async () => {
          await status.rebirth();
          await telemetry.rebirth();
        },
        restart: () => this.#options.restart(),
      },
    });
    commands.register("open-door", async (command) => {
      // The command id is the job id: a retried command finds its job instead of opening again.
      const job = requireLocker(devices, command.deviceId).openDoor(command.board, command.lock, {
        jobId: `cmd-${command.id}`,
      });
      return { jobId: job.id, state: job.state };
    });
    commands.register("print-test", async (command) => {
      const job = requirePrinter(devices, command.deviceId).testPrint();
      return { jobId: job.id, state: job.state };
    });
    const dataset = new DatasetSync({
      db: this.#options.db,
      outbox,
      outlets: this.#options.repository,
      client: link,
      topics,
      log,
      onApplied: () => void this.#options.outlets.reload(),
    });
    this.#status = status;
    this.#telemetry = telemetry;
    this.#commands = commands;
    this.#dataset = dataset;
    this.#publisher = publisher;

    bus.on(this, "deviceEvent", ({ deviceId, type, data }) => {
      const priority = DEVICE_EVENT_PRIORITY[type];
      if (priority === undefined) return;
      // A bus listener must never throw into the device that emitted (a full disk, say).
      try {
        outbox.add(`device.${type}`, { deviceId, ...data }, priority);
      } catch (error) {
        if (!reportStoreFailure(this.#options.db, error)) {
          log.error({ err: error, deviceId, type }, "device event not added to the outbox");
        }
      }
    });
    // Telemetry goes straight to the broker (QoS 0, not through the outbox), so a full store is
    // reported while it is full.
    this.#unwatchStore = storeHealth?.onChange(() => void telemetry.publishTelemetry());
    link.on("connected", () => void telemetry.rebirth().catch(() => undefined));

    // Listeners first: they must see the first connect.
    status.start();
    this.#publisher.start();
    await telemetry.start();
    await commands.start();
    await dataset.start();
    link.start();
  }

  async stop(): Promise<void> {
    this.#options.bus.removeListeners(this);
    this.#unwatchStore?.();
    this.#unwatchStore = undefined;
    await this.#switchover?.stop();
    await this.#publisher?.stop();
    await this.#status?.stop().catch(() => undefined);
    await this.#commands?.stop();
    await this.#dataset?.stop();
    await this.#telemetry?.stop();
    await this.#link?.stop();
  }
}

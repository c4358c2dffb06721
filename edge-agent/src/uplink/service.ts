import type { EventBus } from "../bus.js";
import type { Config } from "../config/index.js";
import { requireLocker, requirePrinter } from "../devices/drivers.js";
import type { DeviceManager } from "../devices/manager.js";
import type { Logger } from "../log.js";
import type { OutletRepository } from "../outlets/repository.js";
import type { OutletService } from "../outlets/service.js";
import type { SqliteDatabase } from "../store/index.js";
import { createUplinkClient, defaultClientId, type UplinkClient } from "./client.js";
import { CommandRouter } from "./commands.js";
import { DatasetSync } from "./dataset.js";
import { type Outbox, Priority } from "./outbox.js";
import { OutboxPublisher } from "./publisher.js";
import { lastWill, StatusReporter } from "./status.js";
import { TelemetryReporter } from "./telemetry.js";
import { kioskTopics } from "./topics.js";

export interface UplinkServiceOptions {
  config: Config;
  /** The broker to report to: uplink.url, or the embedded broker's. */
  url: string;
  db: SqliteDatabase;
  storePath: string;
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
 * and dataset sync, over one MQTT connection.
 */
export class UplinkService {
  readonly #options: UplinkServiceOptions;
  #client: UplinkClient | undefined;
  #status: StatusReporter | undefined;
  #publisher: OutboxPublisher | undefined;
  #telemetry: TelemetryReporter | undefined;
  #commands: CommandRouter | undefined;
  #dataset: DatasetSync | undefined;

  constructor(options: UplinkServiceOptions) {
    this.#options = options;
  }

  get client(): UplinkClient | undefined {
    return this.#client;
  }

  async start(): Promise<void> {
    const { config, log, devices, bus, outbox } = this.#options;
    const topics = kioskTopics(config.kiosk.site, config.kiosk.id);
    const client = createUplinkClient(
      { ...config.uplink, url: this.#options.url },
      {
        clientId: defaultClientId(config.kiosk.site, config.kiosk.id),
        will: lastWill(topics),
        log,
      },
    );
    this.#client = client;
    const status = new StatusReporter(client, topics, log, {
      versions: this.#options.versions,
      startedAt: this.#options.startedAt,
      runs: () => devices.list().map((device) => `${device.family}:${device.id}`),
      deviceStates: () => devices.list().map((device) => [device.id, device.health] as const),
    });
    const telemetry = new TelemetryReporter({
      client,
      topics,
      bus,
      log,
      outbox,
      devices,
      storePath: this.#options.storePath,
      intervalMs: config.uplink.telemetryIntervalSeconds * 1000,
    });
    const commands = new CommandRouter({
      db: this.#options.db,
      client,
      topics,
      log,
      hooks: {
        reloadDataset: () => this.#options.outlets.reload(),
        rebirth: async () => {
          await status.rebirth();
          await telemetry.rebirth();
        },
        restart: () => this.#options.restart(),
        currentConfig: () => config,
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
      client,
      topics,
      log,
      onApplied: () => void this.#options.outlets.reload(),
    });
    this.#status = status;
    this.#telemetry = telemetry;
    this.#commands = commands;
    this.#dataset = dataset;
    this.#publisher = new OutboxPublisher(outbox, client, topics, log);

    bus.on(this, "deviceEvent", ({ deviceId, type, data }) => {
      const priority = DEVICE_EVENT_PRIORITY[type];
      if (priority !== undefined) outbox.add(`device.${type}`, { deviceId, ...data }, priority);
    });
    client.on("connected", () => void telemetry.rebirth().catch(() => undefined));

    // Listeners first: they must see the first connect.
    status.start();
    this.#publisher.start();
    await telemetry.start();
    await commands.start();
    await dataset.start();
    client.start();
  }

  async stop(): Promise<void> {
    this.#options.bus.removeListeners(this);
    await this.#publisher?.stop();
    await this.#status?.stop().catch(() => undefined);
    await this.#commands?.stop();
    await this.#dataset?.stop();
    await this.#telemetry?.stop();
    await this.#client?.stop();
  }
}

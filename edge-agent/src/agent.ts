import type { AddressInfo } from "node:net";
import { loadProfiles } from "@linli/device-profiles";
import { autoDetect, type BindingInterface } from "@serialport/bindings-cpp";
import { type HidBinding, NodeHidBinding } from "./bindings/hid.js";
import { EmbeddedBroker, listenError } from "./broker/index.js";
import { EventBus } from "./bus.js";
import type { Config } from "./config/index.js";
import { attachedPortsLister } from "./devices/attached.js";
import { DRIVERS } from "./devices/drivers.js";
import { relayJobStates } from "./devices/jobs/job-events.js";
import { JobStore } from "./devices/jobs/job-store.js";
import { DeviceManager } from "./devices/manager.js";
import { byteTransportFactories } from "./devices/transports/factories.js";
import { DisplayService } from "./host/display.js";
import { buildHttpApp, type HttpApp } from "./http/index.js";
import { deviceRoutes } from "./http/routes/devices.js";
import { type UplinkWatch, watchUplink } from "./http/routes/operator-uplink.js";
import { outletRoutes } from "./http/routes/outlets.js";
import type { Logger } from "./log.js";
import { OutletRepository } from "./outlets/repository.js";
import { OutletService } from "./outlets/service.js";
import { type RunningServices, startServices } from "./services/wiring.js";
import { Store, StoreHealth, StoreMaintenance } from "./store/index.js";
import { Outbox, Priority } from "./uplink/outbox.js";
import { UplinkService } from "./uplink/service.js";
import { VERSIONS } from "./version.js";

export interface AgentOptions {
  config: Config;
  demo: boolean;
  log: Logger;
  uiDir?: string;
  /** The hardware seams: real serial ports and HID by default, simulators in demo mode and tests. */
  serialBinding?: BindingInterface;
  hidBinding?: HidBinding;
  /** More route plugins under /api/v1, such as demo mode's simulator controls. */
  extraRoutes?: readonly ((api: HttpApp) => Promise<void>)[];
  /** Called when upstream asks for a restart (the CLI exits so the supervisor restarts the agent). */
  onRestartRequested?: () => void;
}

/**
 * The daemon: owns the services and starts them in order (store, broker,
 * HTTP) and stops them in reverse. Constructors only assign; work happens in
 * start() so a failed start can still be stopped cleanly.
 */
export class Agent {
  readonly config: Config;
  readonly demo: boolean;
  readonly startedAt = new Date();
  readonly store: Store;
  /** Whether the store can take writes (full disk, failing disk, low space). */
  readonly storeHealth: StoreHealth;
  readonly #maintenance: StoreMaintenance;
  readonly broker: EmbeddedBroker | undefined;
  readonly bus = new EventBus();
  #devices: DeviceManager | undefined;
  #outlets: OutletService | undefined;
  #outbox: Outbox | undefined;
  #jobs: JobStore | undefined;
  #uplink: UplinkService | undefined;
  #services: RunningServices | undefined;
  #display: DisplayService | undefined;
  readonly #onRestartRequested: () => void;
  #http: HttpApp | undefined;
  readonly #serialBinding: BindingInterface;
  readonly #hidBinding: HidBinding;
  readonly #log: Logger;
  readonly #uiDir: string | undefined;
  readonly #extraRoutes: readonly ((api: HttpApp) => Promise<void>)[];

  constructor(options: AgentOptions) {
    this.config = options.config;
    this.demo = options.demo;
    this.#log = options.log;
    this.#uiDir = options.uiDir;
    this.#extraRoutes = options.extraRoutes ?? [];
    this.#serialBinding = options.serialBinding ?? autoDetect();
    this.#hidBinding = options.hidBinding ?? new NodeHidBinding();
    this.#onRestartRequested = options.onRestartRequested ?? (() => undefined);
    this.store = new Store(options.config.store.path, options.log.child({ component: "store" }));
    this.storeHealth = new StoreHealth({
      db: () => this.store.db,
      storePath: options.config.store.path,
      reserveBytes: options.config.store.reserveBytes,
      log: options.log.child({ component: "store" }),
    });
    this.#maintenance = new StoreMaintenance({
      db: () => this.store.db,
      log: options.log.child({ component: "store" }),
    });
    this.broker = options.config.broker.enabled
      ? new EmbeddedBroker(
          {
            ...options.config.broker,
            webOriginHosts: [options.config.http.host, ...options.config.http.allowedHosts],
          },
          options.log.child({ component: "broker" }),
        )
      : undefined;
  }

  get httpUrl(): string {
    const address = this.#http?.server.address() as AddressInfo | null | undefined;
    const host = this.config.http.host.includes(":")
      ? `[${this.config.http.host}]`
      : this.config.http.host;
    return `http://${host}:${address?.port ?? this.config.http.port}`;
  }

  /** Where telemetry and events go: the configured broker, else the embedded one. */
  get uplinkUrl(): string | undefined {
    return this.config.uplink.url ?? this.broker?.url;
  }

  get devices(): DeviceManager {
    if (!this.#devices) throw new Error("the agent is not started");
    return this.#devices;
  }

  get outbox(): Outbox {
    if (!this.#outbox) throw new Error("the agent is not started");
    return this.#outbox;
  }

  get jobs(): JobStore {
    if (!this.#jobs) throw new Error("the agent is not started");
    return this.#jobs;
  }

  get uplink(): UplinkService | undefined {
    return this.#uplink;
  }

  get outlets(): OutletService {
    if (!this.#outlets) throw new Error("the agent is not started");
    return this.#outlets;
  }

  async start(): Promise<void> {
    this.store.start();
    this.storeHealth.start();
    this.#maintenance.start();
    const outbox = new Outbox(this.store.db);
    this.#outbox = outbox;
    reportStoreRecoveries(this.storeHealth, outbox, this.#log);
    const jobs = new JobStore(this.store.db);
    this.#jobs = jobs;
    // A job's every step goes upstream in the same transaction; the bus (and so the UI's
    // WebSocket) hears of it once that transaction has committed.
    jobs.onTransition((job) => {
      const message = { jobId: job.id, deviceId: job.deviceId, kind: job.kind, state: job.state };
      outbox.add("job.state", { ...message, error: job.error }, Priority.normal);
    });
    relayJobStates(jobs, this.bus, this.#log);
    const repository = new OutletRepository(this.store.db);
    if (this.demo && repository.count() === 0) {
      // Loaded only here: the import pipeline is not needed on an ordinary start.
      const { importSampleCircle } = await import("./outlets/data/import-sample.js");
      const result = importSampleCircle(repository);
      this.#log.info({ loaded: result.loaded }, "demo: loaded the sample circle's outlets");
    }
    const outlets = new OutletService({
      source: repository,
      location: this.config.kiosk.location,
      walking: this.config.kiosk.walking,
      log: this.#log.child({ component: "outlets" }),
    });
    this.#outlets = outlets;
    await outlets.start();
    await this.broker?.start();
    const devices = new DeviceManager({
      devices: this.config.devices,
      profiles: loadProfiles(),
      drivers: DRIVERS,
      transports: byteTransportFactories({
        serialBinding: this.#serialBinding,
        hidBinding: this.#hidBinding,
        ...(this.broker
          ? {
              localBrokerUrl: this.broker.url,
              localBrokerCredentials: this.broker.agentCredentials,
            }
          : {}),
      }),
      jobs,
      bus: this.bus,
      log: this.#log.child({ component: "devices" }),
      listAttached: attachedPortsLister(this.#serialBinding, this.#hidBinding),
    });
    this.#devices = devices;
    await devices.start();
    // Before the uplink and the routes: telemetry reports the screen, the UI asks for it.
    const display = new DisplayService({
      config: this.config.display,
      bus: this.bus,
      log: this.#log.child({ component: "display" }),
    });
    this.#display = display;
    await display.start();
    const uplinkUrl = this.uplinkUrl;
    let uplinkWatch: UplinkWatch | undefined;
    if (uplinkUrl) {
      this.#uplink = new UplinkService({
        config: this.config,
        url: uplinkUrl,
        ...(this.broker
          ? { embeddedUrl: this.broker.url, embeddedCredentials: this.broker.agentCredentials }
          : {}),
        db: this.store.db,
        storePath: this.store.path,
        storeHealth: this.storeHealth,
        display,
        outbox,
        bus: this.bus,
        devices,
        outlets,
        repository,
        log: this.#log.child({ component: "uplink" }),
        versions: VERSIONS,
        startedAt: this.startedAt,
        restart: () => this.#onRestartRequested(),
      });
      await this.#uplink.start();
      // Watched from here, before the first connect arrives, for the operator console.
      uplinkWatch = watchUplink(this.#uplink.link, this.broker?.url);
    } else {
      this.#log.warn("no uplink.url and the embedded broker is off: nothing is reported upstream");
    }
    const services = await startServices({
      config: this.config,
      store: this.store,
      outbox,
      bus: this.bus,
      jobs,
      devices,
      outlets,
      repository,
      log: this.#log,
      demo: this.demo,
      display,
      ...(this.#uplink?.link ? { uplink: this.#uplink.link } : {}),
      ...(uplinkWatch ? { uplinkWatch } : {}),
    });
    this.#services = services;
    const { kiosk } = this.config;
    const http = await buildHttpApp({
      kiosk: { site: kiosk.site, id: kiosk.id, name: kiosk.name },
      demo: this.demo,
      startedAt: this.startedAt,
      log: this.#log,
      store: this.storeHealth,
      allowedHosts: this.config.http.allowedHosts,
      routes: [
        deviceRoutes(devices),
        (api) => outletRoutes(api, { outlets }),
        ...services.routes,
        ...this.#extraRoutes,
      ],
      ...(this.#uiDir === undefined ? {} : { uiDir: this.#uiDir }),
    });
    this.#http = http;
    try {
      await http.listen({ host: this.config.http.host, port: this.config.http.port });
    } catch (error) {
      throw listenError(error as Error, this.config.http.port, "the kiosk API");
    }
    this.#log.info({ url: this.httpUrl, demo: this.demo }, "agent ready");
  }

  async stop(): Promise<void> {
    await this.#http?.close();
    this.#http = undefined;
    await this.#services?.stop();
    this.#services = undefined;
    await this.#uplink?.stop();
    this.#uplink = undefined;
    this.#display?.stop();
    this.#display = undefined;
    await this.#devices?.stop();
    this.#devices = undefined;
    await this.#outlets?.stop();
    this.#outlets = undefined;
    await this.broker?.stop();
    this.#maintenance.stop();
    this.storeHealth.stop();
    this.store.stop();
    this.#log.info("agent stopped");
  }
}

/**
 * Upstream hears of a time the store could not take writes once it can
 * again (the outbox lives in the store): when, why, and for how long.
 * Telemetry reports the state itself as it changes.
 */
function reportStoreRecoveries(health: StoreHealth, outbox: Outbox, log: Logger): void {
  let fault = health.writable ? undefined : health.state();
  health.onChange((state) => {
    if (!state.writable) {
      fault ??= state;
      return;
    }
    if (!fault) return;
    const { reason, lastError, since } = fault;
    fault = undefined;
    try {
      outbox.add(
        "store.recovered",
        { reason, lastError, since, until: state.since },
        Priority.normal,
      );
    } catch (error) {
      log.warn({ err: error }, "could not record that the store takes writes again");
    }
  });
}

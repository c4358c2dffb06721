import type {
  DeviceProfile,
  ProfileRegistry,
  ProtocolId,
  TransportType,
} from "@linli/device-profiles";
import { LinliError } from "@linli/protocols";
import type { EventBus } from "../bus.js";
import type { DeviceConfig } from "../config/index.js";
import type { Logger } from "../log.js";
import type { Device, DeviceHealth } from "./device.js";
import type { JobStore } from "./jobs/job-store.js";
import type { Transport } from "./transport.js";

/** Where a device is reached, as config or detection found it. */
export type TransportSpec = DeviceConfig["transport"];

export interface DriverContext {
  id: string;
  profile: DeviceProfile;
  options: Record<string, unknown>;
  transport: Transport;
  jobs: JobStore;
  log: Logger;
}

export type DriverFactory = (context: DriverContext) => Device;
export type TransportFactory = (
  spec: TransportSpec,
  profile: DeviceProfile,
  deviceId: string,
) => Transport;

/** A port or HID device that is plugged in right now. */
export interface AttachedPort {
  kind: "serial" | "hid";
  path: string;
  vendorId: number | undefined;
  productId: number | undefined;
}

export interface DeviceManagerOptions {
  devices: readonly DeviceConfig[];
  profiles: ProfileRegistry;
  drivers: Partial<Record<ProtocolId, DriverFactory>>;
  transports: Partial<Record<TransportType, TransportFactory>>;
  jobs: JobStore;
  bus: EventBus;
  log: Logger;
  /** Lists what is plugged in, for auto-detection of devices not in the config. */
  listAttached?: () => Promise<AttachedPort[]>;
  detectIntervalMs?: number;
}

export interface ManagedDevice {
  id: string;
  profile: DeviceProfile;
  transport: Transport;
  source: "config" | "detected";
  device: Device;
}

export interface DeviceSummary {
  id: string;
  profileId: string;
  family: DeviceProfile["family"];
  vendor: string;
  model: string;
  transport: string;
  source: "config" | "detected";
  health: DeviceHealth;
  capabilities: DeviceProfile["capabilities"];
  exposes: DeviceProfile["exposes"];
}

function configError(message: string): LinliError {
  return new LinliError("LINLI_ERR_CONFIG_DEVICE", message);
}

/**
 * Builds the devices of the config, and of what is plugged in later when its
 * USB ids name a profile; starts them; and relays their health and events on
 * the bus. Transports reconnect by themselves, so an unplugged device stays
 * listed (offline) and comes back on replug.
 */
export class DeviceManager {
  readonly #options: DeviceManagerOptions;
  readonly #devices = new Map<string, ManagedDevice>();
  #detectTimer: NodeJS.Timeout | undefined;
  #detecting = false;

  constructor(options: DeviceManagerOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    const built = this.#options.devices.map((config) => this.#build(config, "config"));
    for (const managed of built) this.#devices.set(managed.id, managed);
    await Promise.all(built.map((managed) => this.#startDevice(managed)));
    if (this.#options.listAttached) {
      await this.detect();
      this.#detectTimer = setInterval(
        () => void this.detect(),
        this.#options.detectIntervalMs ?? 2_000,
      );
      this.#detectTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#detectTimer);
    await Promise.all(
      [...this.#devices.values()].map((managed) => managed.device.stop().catch(() => undefined)),
    );
    this.#options.bus.removeListeners(this);
    this.#devices.clear();
  }

  get(id: string): ManagedDevice | undefined {
    return this.#devices.get(id);
  }

  require(id: string): ManagedDevice {
    const managed = this.#devices.get(id);
    if (!managed)
      throw new LinliError("LINLI_ERR_DEVICE_NOT_FOUND", `no device "${id}" on this kiosk`, {
        status: 404,
      });
    return managed;
  }

  list(): DeviceSummary[] {
    return [...this.#devices.values()].map(({ id, profile, transport, source, device }) => ({
      id,
      profileId: profile.id,
      family: profile.family,
      vendor: profile.vendor,
      model: profile.model,
      transport: transport.description,
      source,
      health: device.health,
      capabilities: profile.capabilities,
      exposes: profile.exposes,
    }));
  }

  /** One look at what is plugged in: a device whose own USB ids name a profile is added. */
  async detect(): Promise<ManagedDevice[]> {
    const list = this.#options.listAttached;
    if (!list || this.#detecting) return [];
    this.#detecting = true;
    try {
      const used = new Set(
        [...this.#devices.values()].map((managed) => managed.transport.description),
      );
      const added: ManagedDevice[] = [];
      for (const port of await list()) {
        const profile = this.#profileFor(port);
        if (!profile) continue;
        const spec: TransportSpec = { type: port.kind, path: port.path };
        const transport = this.#transport(spec, profile, "detected");
        if (used.has(transport.description)) continue;
        const id = `${profile.id}-${port.path
          .split("/")
          .pop()
          ?.toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")}`;
        if (this.#devices.has(id)) continue;
        const managed = this.#build(
          { id, profile: profile.id, transport: spec, options: {} },
          "detected",
          transport,
        );
        this.#devices.set(id, managed);
        used.add(transport.description);
        this.#options.log.info(
          { deviceId: id, path: port.path, profile: profile.id },
          "device detected",
        );
        await this.#startDevice(managed);
        added.push(managed);
      }
      return added;
    } catch (error) {
      this.#options.log.warn({ err: error }, "device detection failed");
      return [];
    } finally {
      this.#detecting = false;
    }
  }

  #profileFor(port: AttachedPort): DeviceProfile | undefined {
    if (port.vendorId === undefined || port.productId === undefined) return undefined;
    // A bridge chip (CH340 …) says nothing about the device behind it: only the device's own ids count.
    return this.#options.profiles.profiles.find(
      (profile) =>
        profile.transports[port.kind] !== undefined &&
        profile.usb.some(
          (id) => !id.bridge && id.vendorId === port.vendorId && id.productId === port.productId,
        ),
    );
  }

  #transport(spec: TransportSpec, profile: DeviceProfile, id: string): Transport {
    if (profile.transports[spec.type] === undefined) {
      throw configError(
        `device ${id}: profile ${profile.id} does not speak over ${spec.type}; it supports ${Object.keys(profile.transports).join(", ")}`,
      );
    }
    const factory = this.#options.transports[spec.type];
    if (!factory)
      throw configError(`device ${id}: the ${spec.type} transport is not available in this agent`);
    return factory(spec, profile, id);
  }

  #build(
    config: DeviceConfig,
    source: "config" | "detected",
    transport?: Transport,
  ): ManagedDevice {
    const profile = this.#options.profiles.byId.get(config.profile);
    if (!profile) {
      throw configError(
        `device ${config.id}: unknown profile "${config.profile}"; known: ${this.#options.profiles.profiles.map((p) => p.id).join(", ")}`,
      );
    }
    const driver = this.#options.drivers[profile.protocol];
    if (!driver)
      throw configError(`device ${config.id}: no driver for the ${profile.protocol} protocol yet`);
    const link = transport ?? this.#transport(config.transport, profile, config.id);
    const log = this.#options.log.child({ deviceId: config.id });
    const device = driver({
      id: config.id,
      profile,
      options: config.options,
      transport: link,
      jobs: this.#options.jobs,
      log,
    });
    return { id: config.id, profile, transport: link, source, device };
  }

  async #startDevice(managed: ManagedDevice): Promise<void> {
    const { bus } = this.#options;
    managed.device.on("health", (health) =>
      bus.emit("deviceHealth", { deviceId: managed.id, health }),
    );
    managed.device.on("event", (type, data) =>
      bus.emit("deviceEvent", { deviceId: managed.id, type, data }),
    );
    try {
      await managed.device.start();
    } catch (error) {
      // One broken device must not keep the kiosk from serving residents.
      this.#options.log.error({ err: error, deviceId: managed.id }, "device failed to start");
    }
  }
}

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadProfiles } from "@linli/device-profiles";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedHidBinding } from "../bindings/hid.js";
import { SimulatedSerialBinding } from "../bindings/serial-simulated.js";
import { EmbeddedBroker } from "../broker/broker.js";
import { EventBus } from "../bus.js";
import type { DeviceConfig } from "../config/index.js";
import { createLogger } from "../log.js";
import { KrCu16BusSimulator } from "../simulators/lockers/krcu16-bus.js";
import { EscPosPrinterSimulator } from "../simulators/printer/printer-simulator.js";
import { Store } from "../store/index.js";
import { attachedPortsLister } from "./attached.js";
import type { DeviceHealth } from "./device.js";
import { DRIVERS } from "./drivers.js";
import { JobStore } from "./jobs/job-store.js";
import { DeviceManager, type DeviceManagerOptions } from "./manager.js";
import { byteTransportFactories } from "./transports/factories.js";
import type { MqttVendingDriver } from "./vending/mqtt-vending-driver.js";
import { MqttVendingUnitSimulator } from "./vending/mqtt-vending-unit-simulator.js";

const log = createLogger({ level: "silent" });
const running: { manager: DeviceManager; store: Store }[] = [];
afterEach(async () => {
  for (const { manager, store } of running.splice(0)) {
    await manager.stop();
    store.stop();
  }
});

function makeManager(
  devices: DeviceConfig[],
  serialBinding: SimulatedSerialBinding,
  extra: Partial<DeviceManagerOptions> = {},
) {
  const store = new Store(join(mkdtempSync(join(tmpdir(), "linli-manager-")), "linli.db"), log);
  store.start();
  const bus = new EventBus();
  const manager = new DeviceManager({
    devices,
    profiles: loadProfiles(),
    drivers: DRIVERS,
    transports: byteTransportFactories({ serialBinding, backoff: { initialMs: 50, maxMs: 300 } }),
    jobs: new JobStore(store.db),
    bus,
    log,
    ...extra,
  });
  running.push({ manager, store });
  return { manager, bus };
}

function until(check: () => boolean, ms = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error("timed out"));
      setTimeout(tick, 20);
    };
    tick();
  });
}

const lockers: DeviceConfig = {
  id: "lockers-1",
  profile: "kerong-kr-cu16",
  transport: { type: "serial", path: "/dev/ttyUSB3" },
  options: {},
};

describe("the device manager", () => {
  it("builds the configured devices and publishes their live health on the bus", async () => {
    const binding = new SimulatedSerialBinding();
    const simulator = new KrCu16BusSimulator({ boards: [0] });
    binding.plug("/dev/ttyUSB3", simulator);
    const { manager, bus } = makeManager([lockers], binding);
    const seen: DeviceHealth[] = [];
    bus.on(seen, "deviceHealth", ({ deviceId, health }) => {
      if (deviceId === "lockers-1") seen.push(health);
    });
    await manager.start();
    await until(() => manager.get("lockers-1")?.device.health.state === "ready");
    expect(manager.list()).toMatchObject([
      {
        id: "lockers-1",
        family: "locker",
        vendor: "Kerong",
        source: "config",
        transport: "serial port /dev/ttyUSB3 at 19200 baud",
        health: { state: "ready", connected: true },
      },
    ]);
    expect(seen.some((health) => health.state === "ready")).toBe(true);
  });

  it("shows an unplugged device as offline and brings it back on replug", async () => {
    const binding = new SimulatedSerialBinding();
    const simulator = new KrCu16BusSimulator({ boards: [0] });
    binding.plug("/dev/ttyUSB3", simulator);
    const { manager } = makeManager([lockers], binding);
    await manager.start();
    const health = () => manager.get("lockers-1")?.device.health;
    await until(() => health()?.state === "ready");
    binding.unplug("/dev/ttyUSB3");
    await until(() => health()?.state === "offline");
    binding.plug("/dev/ttyUSB3", simulator);
    const replugAt = Date.now();
    await until(() => health()?.state === "ready", 5_000);
    expect(Date.now() - replugAt).toBeLessThan(5_000);
  });

  it("refuses a device whose profile is unknown, naming the device and the known profiles", async () => {
    const { manager } = makeManager(
      [{ ...lockers, profile: "acme-9000" }],
      new SimulatedSerialBinding(),
    );
    await expect(manager.start()).rejects.toThrow(
      /device lockers-1: unknown profile "acme-9000"; known: .*kerong-kr-cu16/,
    );
  });

  it("refuses a transport the profile cannot use", async () => {
    const { manager } = makeManager(
      [{ ...lockers, transport: { type: "tcp", host: "127.0.0.1", port: 9100 } }],
      new SimulatedSerialBinding(),
    );
    await expect(manager.start()).rejects.toThrow(
      /profile kerong-kr-cu16 does not speak over tcp; it supports serial/,
    );
  });

  it("does not drive a device found only by a USB-serial bridge id, which says nothing of what is behind it", async () => {
    const binding = new SimulatedSerialBinding();
    binding.plug("/dev/ttyUSB9", new KrCu16BusSimulator({ boards: [0] }), {
      vendorId: "1a86",
      productId: "7523",
    });
    const { manager } = makeManager([], binding, {
      listAttached: attachedPortsLister(binding, new SimulatedHidBinding()),
      detectIntervalMs: 50,
    });
    await manager.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(manager.list()).toEqual([]);
  });

  it("drives a printer plugged in after start, found by its own USB ids, without any config", async () => {
    const binding = new SimulatedSerialBinding();
    const { manager } = makeManager([], binding, {
      listAttached: attachedPortsLister(binding, new SimulatedHidBinding()),
      detectIntervalMs: 100,
    });
    await manager.start();
    expect(manager.list()).toEqual([]);
    const printer = new EscPosPrinterSimulator({ columns: 32 });
    // 0416:5011 is the generic 58 mm printer's own id (not a bridge chip).
    binding.plug("/dev/ttyACM0", printer, { vendorId: "0416", productId: "5011" });
    await until(() => manager.list().some((device) => device.health.state === "ready"), 5_000);
    expect(manager.list()).toMatchObject([
      {
        id: "generic-escpos-58-ttyacm0",
        profileId: "generic-escpos-58",
        source: "detected",
        family: "printer",
      },
    ]);
  });

  it("drives an MQTT vending unit on the local broker from its config entry", async () => {
    const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0, wsPort: 0 }, log);
    await broker.start();
    const unit = new MqttVendingUnitSimulator({
      url: broker.url,
      topicPrefix: "lan/vending/vending-2",
      slots: 4,
    });
    await unit.start();
    try {
      const binding = new SimulatedSerialBinding();
      const store = new Store(join(mkdtempSync(join(tmpdir(), "linli-manager-")), "linli.db"), log);
      store.start();
      const manager = new DeviceManager({
        devices: [
          {
            id: "vending-2",
            profile: "linli-vending-mqtt",
            transport: { type: "mqtt" },
            options: {},
          },
        ],
        profiles: loadProfiles(),
        drivers: DRIVERS,
        transports: byteTransportFactories({ serialBinding: binding, localBrokerUrl: broker.url }),
        jobs: new JobStore(store.db),
        bus: new EventBus(),
        log,
      });
      running.push({ manager, store });
      await manager.start();
      await until(() => manager.get("vending-2")?.device.health.state === "ready");
      const driver = manager.get("vending-2")?.device as MqttVendingDriver;
      const job = await driver.vend(2, { orderId: "order-7" });
      await until(
        () =>
          store.db.prepare("SELECT state FROM device_jobs WHERE id = ?").pluck().get(job.id) ===
          "done",
      );
      expect(unit.vends.map((vend) => vend.slot)).toEqual([2]);
    } finally {
      await unit.stop();
      for (const rig of running.splice(0)) {
        await rig.manager.stop();
        rig.store.stop();
      }
      await broker.stop();
    }
  });
});

/**
 * Test rig for vending: a store file with the agent's migrations, the
 * outbox, jobs relayed to the bus as the agent does, a device manager
 * driving the real VMC driver over the real serial transport to a
 * VmcSimulator (in-process binding, or a socat pty pair with the real
 * serialport binding on both ends), the simulated payment provider, and the
 * vending service. `restart()` stops the service and the devices as a
 * crashed agent would leave them and starts new ones on the same store file.
 * Used by the service, route and integration tests; not by the agent.
 */

import { loadProfiles } from "@linli/device-profiles";
import { autoDetect } from "@serialport/bindings-cpp";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { EventBus } from "../../bus.js";
import { DRIVERS } from "../../devices/drivers.js";
import { relayJobStates } from "../../devices/jobs/job-events.js";
import { JobStore } from "../../devices/jobs/job-store.js";
import { DeviceManager } from "../../devices/manager.js";
import { byteTransportFactories } from "../../devices/transports/factories.js";
import { createLogger } from "../../log.js";
import { OperatorAudit } from "../../operator/audit.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import { VmcSimulator, type VmcSimulatorOptions } from "../../simulators/vending/index.js";
import { Store } from "../../store/index.js";
import { Outbox } from "../../uplink/outbox.js";
import { tempStorePath, until } from "../parcels/testing.js";
import { SimulatedPaymentProvider } from "../payment/simulated-provider.js";
import type { VendingProductConfig } from "./catalogue.js";
import { VendingService, type VendingServiceOptions } from "./vending-service.js";

export const VENDING_ID = "vending-1";
const VMC_PATH = "/dev/ttyVMC0";

/** The demo unit's first products (see demo/devices.ts), with the stock they start with. */
export const TEST_PRODUCTS: VendingProductConfig[] = [
  { slot: 1, nameZh: "矿泉水", nameEn: "Mineral water", priceFen: 200, stock: 3 },
  { slot: 2, nameZh: "纸巾", nameEn: "Tissues", priceFen: 300, stock: 3 },
  { slot: 3, nameZh: "口罩", nameEn: "Face masks", priceFen: 500, stock: 1 },
  { slot: 4, nameZh: "电池", nameEn: "AA batteries", priceFen: 800, stock: 0 },
];

export interface VendingRigOptions {
  readonly link?: "in-process" | "pty";
  readonly simulator?: VmcSimulatorOptions;
  /** Overrides for the service (fast polls and refund retries by default). */
  readonly service?: Partial<Omit<VendingServiceOptions, "db" | "outbox" | "devices">>;
}

export interface VendingRig {
  readonly store: Store;
  readonly jobs: JobStore;
  readonly outbox: Outbox;
  readonly bus: EventBus;
  readonly devices: DeviceManager;
  readonly vmc: VmcSimulator;
  readonly payment: SimulatedPaymentProvider;
  readonly vending: VendingService;
  /** Restocks and manual refunds are audited here, as in the agent. */
  readonly audit: OperatorAudit;
  /** Outbox payloads of a type, oldest first. */
  events(type: string): Record<string, unknown>[];
  /** The states an order's `vending.order` events went through, in order. */
  statesOf(orderId: string): string[];
  /** Pulls the VMC's cable, and plugs it back in. */
  unplug(): Promise<void>;
  replug(): Promise<void>;
  /** The agent dies and comes back: new devices and service on the same store file. */
  restart(): Promise<VendingRig>;
  close(): Promise<void>;
}

interface Cable {
  binding: ReturnType<typeof autoDetect> | SimulatedSerialBinding;
  path: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
}

async function connect(vmc: VmcSimulator, link: "in-process" | "pty"): Promise<Cable> {
  if (link === "in-process") {
    const binding = new SimulatedSerialBinding();
    binding.plug(VMC_PATH, vmc);
    return {
      binding,
      path: VMC_PATH,
      unplug: async () => binding.unplug(VMC_PATH),
      replug: async () => {
        if (!binding.isPlugged(VMC_PATH)) binding.plug(VMC_PATH, vmc);
      },
    };
  }
  const pair = await PtyPair.open();
  let attachment: PtyAttachment | undefined = await attachToPty(vmc, pair.devicePath);
  return {
    binding: autoDetect(),
    path: pair.hostPath,
    unplug: async () => {
      await attachment?.close();
      attachment = undefined;
      await pair.stop();
    },
    replug: async () => {
      await pair.start();
      attachment ??= await attachToPty(vmc, pair.devicePath);
    },
  };
}

export async function openVendingRig(options: VendingRigOptions = {}): Promise<VendingRig> {
  const store = new Store(tempStorePath(), createLogger({ level: "silent" }));
  store.start();
  const vmc = new VmcSimulator({ slots: 8, stock: 3, dispenseMs: 100, ...options.simulator });
  const cable = await connect(vmc, options.link ?? "in-process");
  const shut = async () => {
    vmc.dispose();
    await cable.unplug();
    store.stop();
  };
  return boot(store, vmc, cable, options, shut);
}

async function boot(
  store: Store,
  vmc: VmcSimulator,
  cable: Cable,
  options: VendingRigOptions,
  shut: () => Promise<void>,
): Promise<VendingRig> {
  const log = createLogger({ level: "silent" });
  const jobs = new JobStore(store.db);
  const outbox = new Outbox(store.db);
  const bus = new EventBus();
  relayJobStates(jobs, bus);
  const devices = new DeviceManager({
    devices: [
      {
        id: VENDING_ID,
        profile: "generic-vmc-fafb-60",
        transport: { type: "serial", path: cable.path },
        options: {},
      },
    ],
    profiles: loadProfiles(),
    drivers: DRIVERS,
    transports: byteTransportFactories({
      serialBinding: cable.binding,
      backoff: { initialMs: 50, maxMs: 300 },
    }),
    jobs,
    bus,
    log,
  });
  await devices.start();
  // Ready, and done telling the driver its slots (one a POLL), so a vend goes out at once.
  const synced = () => {
    const health = devices.get(VENDING_ID)?.device.health;
    const slots = health?.detail.slots;
    return (
      health?.state === "ready" &&
      Array.isArray(slots) &&
      slots.length === vmc.snapshot().slots.length
    );
  };
  await until(synced, "the VMC to answer and list its slots");
  const payment = new SimulatedPaymentProvider({ db: store.db });
  const audit = new OperatorAudit({ db: store.db, outbox, eventLog: { append: () => 0 } });
  const vending = new VendingService({
    db: store.db,
    outbox,
    devices,
    jobs,
    bus,
    payment,
    audit,
    units: [{ deviceId: VENDING_ID, products: TEST_PRODUCTS }],
    pollMs: 50,
    refundRetry: { initialMs: 20, maxMs: 200 },
    stopWaitMs: 200,
    ...options.service,
  });
  vending.start();
  const events = (type: string) =>
    outbox
      .next(0, 100_000)
      .filter((event) => event.type === type)
      .map((event) => event.payload as Record<string, unknown>);
  const stopParts = async () => {
    await vending.stop();
    await devices.stop();
  };
  return {
    store,
    jobs,
    outbox,
    bus,
    devices,
    vmc,
    payment,
    vending,
    audit,
    events,
    statesOf: (orderId) =>
      events("vending.order")
        .filter((event) => event.orderId === orderId)
        .map((event) => String(event.state)),
    unplug: cable.unplug,
    replug: cable.replug,
    restart: async () => {
      await stopParts();
      return boot(store, vmc, cable, options, shut);
    },
    close: async () => {
      await stopParts();
      await shut();
    },
  };
}

export { until };

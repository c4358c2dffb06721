/**
 * For tests: a VmcDriver on a SerialTransport, talking to a VmcSimulator
 * either through the in-process serial binding or across a socat pty pair
 * (the real serialport code on both ends), with a durable job store and a
 * cable that can be pulled and plugged back.
 */
import { fork } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autoDetect } from "@serialport/bindings-cpp";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { createLogger } from "../../log.js";
import type { LinkKind } from "../../simulators/host-side.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import {
  VmcSimulator,
  type VmcSimulatorOptions,
  type VmcSnapshot,
  type VmcVendRecord,
} from "../../simulators/vending/index.js";
import { Store } from "../../store/index.js";
import { JobStore } from "../jobs/job-store.js";
import { SerialTransport } from "../transports/serial.js";
import { VmcDriver, type VmcDriverOptions } from "./vmc-driver.js";

export interface VmcRig {
  readonly kind: LinkKind;
  readonly vmc: VmcSimulator;
  readonly driver: VmcDriver;
  readonly jobs: JobStore;
  readonly store: Store;
  /** Everything the simulator logged, e.g. "dispensing". */
  readonly activity: string[];
  unplug(): Promise<void>;
  replug(): Promise<void>;
  /** Resolves once the driver reports `state` (default: ready). */
  until(state?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface VmcRigOptions {
  simulator?: VmcSimulatorOptions;
  driver?: Partial<Omit<VmcDriverOptions, "id" | "transport" | "jobs">>;
  /** Reuse a store (a restart after a crash). */
  store?: Store;
  /** Start with the cable pulled. */
  unplugged?: boolean;
}

const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };
const PROFILE = { id: "generic-vmc-fafb-60", capabilities: { slots: 60 } };

export function openStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), "linli-vend-"));
  const store = new Store(join(dir, "linli.db"), createLogger({ level: "silent" }));
  store.start();
  return store;
}

export async function vmcRig(kind: LinkKind, options: VmcRigOptions = {}): Promise<VmcRig> {
  const vmc = new VmcSimulator({ slots: 6, stock: 3, dispenseMs: 100, ...options.simulator });
  const activity: string[] = [];
  vmc.on("activity", (description) => activity.push(description));
  const store = options.store ?? openStore();
  const cable = kind === "in-process" ? inProcess(vmc) : await pty(vmc);
  const host = hostSide(cable.binding, cable.path, store, options);
  if (options.unplugged) await cable.unplug();
  await host.driver.start();
  return {
    kind,
    vmc,
    ...host,
    store,
    activity,
    unplug: cable.unplug,
    replug: cable.replug,
    close: async () => {
      await host.driver.stop();
      vmc.dispose();
      await cable.close();
      if (!options.store) store.stop();
    },
  };
}

export interface VmcProcessRig {
  readonly driver: VmcDriver;
  /** What the VMC process has seen so far. */
  look(): Promise<{ snapshot: VmcSnapshot; vends: VmcVendRecord[] }>;
  until(state?: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The VMC in a process of its own across a pty pair, as a real machine is:
 * for tests that load this process's event loop and must not slow the VMC.
 */
export async function vmcProcessRig(options: VmcRigOptions = {}): Promise<VmcProcessRig> {
  const pair = await PtyPair.open();
  const simulator = { slots: 6, stock: 3, dispenseMs: 100, ...options.simulator };
  const child = fork(
    new URL("./vmc-device-process.ts", import.meta.url),
    [pair.devicePath, JSON.stringify(simulator)],
    { execArgv: ["--conditions=@linli/source", "--import", "tsx"] },
  );
  const replies: ((message: unknown) => void)[] = [];
  child.on("message", (message) => replies.shift()?.(message));
  const next = () => new Promise<unknown>((resolve) => replies.push(resolve));
  await next();
  const store = options.store ?? openStore();
  const host = hostSide(autoDetect(), pair.hostPath, store, options);
  await host.driver.start();
  return {
    ...host,
    look: async () => {
      const reply = next();
      child.send("snapshot");
      return (await reply) as { snapshot: VmcSnapshot; vends: VmcVendRecord[] };
    },
    close: async () => {
      await host.driver.stop();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("exit");
      await exited;
      await pair.stop();
      if (!options.store) store.stop();
    },
  };
}

function hostSide(
  binding: Cable["binding"],
  path: string,
  store: Store,
  options: VmcRigOptions,
): { driver: VmcDriver; jobs: JobStore; until: VmcRig["until"] } {
  const jobs = new JobStore(store.db);
  const transport = new SerialTransport(binding, { path, baudRate: 57600 }, FAST_BACKOFF);
  const driver = new VmcDriver({
    id: "vending-1",
    profile: PROFILE,
    transport,
    jobs,
    syncOnConnect: false,
    ...options.driver,
  });
  const until = (state = "ready", timeoutMs = 5_000) =>
    new Promise<void>((resolve, reject) => {
      if (driver.health.state === state) return resolve();
      const timer = setTimeout(() => {
        driver.off("health", listener);
        reject(new Error(`the driver was not ${state} within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = () => {
        if (driver.health.state !== state) return;
        clearTimeout(timer);
        driver.off("health", listener);
        resolve();
      };
      driver.on("health", listener);
    });
  return { driver, jobs, until };
}

interface Cable {
  binding: ReturnType<typeof autoDetect> | SimulatedSerialBinding;
  path: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

function inProcess(vmc: VmcSimulator): Cable {
  const binding = new SimulatedSerialBinding();
  const path = "/dev/ttyVMC0";
  binding.plug(path, vmc);
  return {
    binding,
    path,
    unplug: async () => binding.unplug(path),
    replug: async () => {
      if (!binding.isPlugged(path)) binding.plug(path, vmc);
    },
    close: async () => undefined,
  };
}

async function pty(vmc: VmcSimulator): Promise<Cable> {
  const pair = await PtyPair.open();
  let attachment: PtyAttachment | undefined = await attachToPty(vmc, pair.devicePath);
  const unplug = async () => {
    await attachment?.close();
    attachment = undefined;
    await pair.stop();
  };
  return {
    binding: autoDetect(),
    path: pair.hostPath,
    unplug,
    replug: async () => {
      await pair.start();
      attachment ??= await attachToPty(vmc, pair.devicePath);
    },
    close: unplug,
  };
}

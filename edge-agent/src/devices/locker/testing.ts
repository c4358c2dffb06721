/**
 * Test support: a locker driver wired to a simulated bus, over the
 * in-process serial binding or over a socat pty pair with the real
 * serialport binding, with a job store in a file. Used by the contract suite
 * and the integration tests; not used by the agent.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LockerProfile, loadProfiles, resolveProfile } from "@linli/device-profiles";
import { autoDetect } from "@serialport/bindings-cpp";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { createLogger } from "../../log.js";
import {
  KrCu16BusSimulator,
  Lock8aBusSimulator,
  type LockerBusOptions,
  type LockerBusSimulator,
} from "../../simulators/lockers/index.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import { Store } from "../../store/index.js";
import { JobStore } from "../jobs/job-store.js";
import { SerialTransport } from "../transports/serial.js";
import { LockerDriver, type LockerDriverOptions } from "./locker-driver.js";

export type BoardKind = "8A/80" | "KR-CU16";
export type LinkKind = "in-process binding" | "socat pty pair";

export const BOARD_KINDS: readonly BoardKind[] = ["8A/80", "KR-CU16"];
export const LINK_KINDS: readonly LinkKind[] = ["in-process binding", "socat pty pair"];

/** Timings small enough for quick tests and wide enough for a loaded two-core machine. */
export const RIG_TIMINGS = {
  replyTimeoutMs: 400,
  pollIntervalMs: 100,
  reconnectWaitMs: 5_000,
} as const;

const PROFILE_IDS: Record<BoardKind, string> = {
  "8A/80": "generic-lock-8a-24",
  "KR-CU16": "kerong-kr-cu16",
};

export interface RigOptions {
  readonly bus?: LockerBusOptions;
  readonly driver?: Partial<Omit<LockerDriverOptions, "id" | "profile" | "transport" | "jobs">>;
  /** Reuse a store file (a restart after a crash); a fresh one otherwise. */
  readonly storePath?: string;
  /** Runs on the job store before the driver starts (to leave a job as a crash would). */
  readonly beforeStart?: (jobs: JobStore) => void;
  /** Start the driver and wait for the first answer; default true. */
  readonly start?: boolean;
}

export interface DeviceEventRecord {
  type: string;
  data: Record<string, unknown>;
}

export interface LockerRig {
  readonly simulator: LockerBusSimulator;
  readonly driver: LockerDriver;
  readonly jobs: JobStore;
  readonly storePath: string;
  /** The wire address of board 1 on this bus. */
  readonly address: number;
  readonly events: DeviceEventRecord[];
  /** Physical opens of a lock of board 1, as the board counts them. */
  opensOf(lock: number): number;
  isOpen(lock: number): boolean;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export function lockerProfile(kind: BoardKind): LockerProfile {
  const profile = resolveProfile(loadProfiles(), { id: PROFILE_IDS[kind] });
  if (profile.family !== "locker") throw new Error(`${profile.id} is not a locker profile`);
  return profile;
}

export async function until(check: () => boolean, ms = 5_000, what = "a condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

export async function lockerRig(
  board: BoardKind,
  link: LinkKind,
  options: RigOptions = {},
): Promise<LockerRig> {
  const simulator =
    board === "8A/80" ? new Lock8aBusSimulator(options.bus) : new KrCu16BusSimulator(options.bus);
  const address = board === "8A/80" ? 1 : 0;
  const profile = lockerProfile(board);
  const baudRate = simulator.line.baudRate;
  const storePath = options.storePath ?? join(mkdtempSync(join(tmpdir(), "linli-locker-")), "db");
  const store = new Store(storePath, createLogger({ level: "silent" }));
  store.start();
  const jobs = new JobStore(store.db);

  let transport: SerialTransport;
  let unplug: () => Promise<void>;
  let replug: () => Promise<void>;
  let teardown: () => Promise<void>;
  if (link === "in-process binding") {
    const binding = new SimulatedSerialBinding();
    binding.plug("/dev/ttyLOCK0", simulator);
    transport = new SerialTransport(binding, { path: "/dev/ttyLOCK0", baudRate }, FAST_BACKOFF);
    unplug = async () => binding.unplug("/dev/ttyLOCK0");
    replug = async () => binding.plug("/dev/ttyLOCK0", simulator);
    teardown = async () => {};
  } else {
    const pair = await PtyPair.open();
    let attachment: PtyAttachment | undefined = await attachToPty(simulator, pair.devicePath);
    transport = new SerialTransport(autoDetect(), { path: pair.hostPath, baudRate }, FAST_BACKOFF);
    unplug = async () => {
      await attachment?.close();
      attachment = undefined;
      await pair.stop();
    };
    replug = async () => {
      await pair.start();
      attachment = await attachToPty(simulator, pair.devicePath);
    };
    teardown = async () => {
      await attachment?.close();
      await pair.stop();
    };
  }

  options.beforeStart?.(jobs);
  const driver = new LockerDriver({
    ...RIG_TIMINGS,
    ...options.driver,
    id: "lockers-1",
    profile,
    transport,
    jobs,
  });
  const events: DeviceEventRecord[] = [];
  driver.on("event", (type, data) => events.push({ type, data }));
  if (options.start ?? true) {
    await driver.start();
    await until(() => driver.health.state !== "offline", 5_000, "the board's first answer");
  }
  return {
    simulator,
    driver,
    jobs,
    storePath,
    address,
    events,
    opensOf: (lock) => simulator.opensOf(address, lock),
    isOpen: (lock) => simulator.isOpen(address, lock),
    unplug,
    replug,
    close: async () => {
      await driver.stop();
      simulator.dispose();
      await teardown();
      store.stop();
    },
  };
}

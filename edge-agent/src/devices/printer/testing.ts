/**
 * Test rigs for the printer driver: a simulated ESC/POS printer behind the
 * in-process serial binding or behind a socat pty pair (the real serialport
 * code on both ends), a driver on a fresh or given SQLite store, and the
 * cable to pull. Shared by the driver's contract suite and the integration
 * fault scenarios.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PrinterProfile, shippedProfiles } from "@linli/device-profiles";
import type { ReceiptDocument } from "@linli/protocols/escpos";
import { autoDetect } from "@serialport/bindings-cpp";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { createLogger } from "../../log.js";
import type { LinkKind } from "../../simulators/host-side.js";
import { EscPosPrinterSimulator } from "../../simulators/printer/index.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import { Store } from "../../store/index.js";
import { type JobState, JobStore } from "../jobs/job-store.js";
import { SerialTransport } from "../transports/serial.js";
import { PrinterDriver } from "./printer-driver.js";

export interface PrinterRigOptions {
  /** An existing store file (e.g. one a "crashed" agent left); a fresh one by default. */
  readonly storePath?: string;
  readonly profile?: PrinterProfile;
  readonly deviceId?: string;
  readonly pollIntervalMs?: number;
  readonly statusTimeoutMs?: number;
  /** Start the driver (the default); false to arrange jobs first. */
  readonly start?: boolean;
}

export interface PrinterRig {
  readonly kind: LinkKind;
  readonly simulator: EscPosPrinterSimulator;
  readonly driver: PrinterDriver;
  readonly jobs: JobStore;
  readonly store: Store;
  /** Pulls the cable: in process the port vanishes, over a pty socat is killed (synchronously). */
  unplug(): Promise<void>;
  /** Plugs the same printer back in, its buffer and receipts kept. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

export function printerProfile(id = "generic-escpos-58"): PrinterProfile {
  const profile = shippedProfiles.find(
    (candidate): candidate is PrinterProfile =>
      candidate.id === id && candidate.family === "printer",
  );
  if (!profile) throw new Error(`no shipped printer profile ${id}`);
  return profile;
}

export function tempStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), "linli-printer-")), "linli.db");
}

const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

export async function openPrinterRig(
  kind: LinkKind,
  options: PrinterRigOptions = {},
): Promise<PrinterRig> {
  const profile = options.profile ?? printerProfile();
  const baudRate = profile.transports.serial?.baudRate ?? 9600;
  const simulator = new EscPosPrinterSimulator({
    columns: profile.capabilities.columns,
    baudRate,
  });
  const store = new Store(options.storePath ?? tempStorePath(), createLogger({ level: "silent" }));
  store.start();
  const jobs = new JobStore(store.db);
  const link = kind === "in-process" ? inProcessLink(simulator) : await ptyLink(simulator);
  const driver = new PrinterDriver({
    id: options.deviceId ?? "printer-1",
    profile,
    transport: new SerialTransport(link.binding, { path: link.path, baudRate }, FAST_BACKOFF),
    jobs,
    log: createLogger({ level: "silent" }),
    pollIntervalMs: options.pollIntervalMs ?? 40,
    statusTimeoutMs: options.statusTimeoutMs ?? 400,
  });
  if (options.start ?? true) await driver.start();
  return {
    kind,
    simulator,
    driver,
    jobs,
    store,
    unplug: link.unplug,
    replug: link.replug,
    close: async () => {
      await driver.stop();
      await link.close();
      store.stop();
      simulator.dispose();
    },
  };
}

interface Link {
  binding: ConstructorParameters<typeof SerialTransport>[0];
  path: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

function inProcessLink(simulator: EscPosPrinterSimulator): Link {
  const binding = new SimulatedSerialBinding();
  const path = "/dev/ttyPRN0";
  binding.plug(path, simulator);
  return {
    binding,
    path,
    unplug: async () => binding.unplug(path),
    replug: async () => binding.plug(path, simulator),
    close: async () => binding.unplug(path),
  };
}

async function ptyLink(simulator: EscPosPrinterSimulator): Promise<Link> {
  const pair = await PtyPair.open();
  let attachment: PtyAttachment | undefined = await attachToPty(simulator, pair.devicePath);
  const unplug = async (): Promise<void> => {
    // socat is killed before the first await: nothing crosses the line after this call.
    const stopped = pair.stop();
    await attachment?.close();
    attachment = undefined;
    await stopped;
  };
  return {
    binding: autoDetect(),
    path: pair.hostPath,
    unplug,
    replug: async () => {
      await pair.start();
      attachment = await attachToPty(simulator, pair.devicePath);
    },
    close: unplug,
  };
}

/** Waits until `probe` gives something other than undefined or false, and returns it. */
export async function waitFor<T>(
  probe: () => T | undefined | false,
  what: string,
  timeoutMs = 8_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForJob(rig: PrinterRig, jobId: string, state: JobState): Promise<unknown> {
  return waitFor(
    () => rig.jobs.get(jobId)?.state === state,
    `job ${jobId} to be ${state} (it is ${rig.jobs.get(jobId)?.state})`,
  );
}

export function waitForState(rig: PrinterRig, state: string): Promise<unknown> {
  return waitFor(
    () => rig.driver.health.state === state,
    `the printer to be ${state} (it is ${rig.driver.health.state})`,
  );
}

/** Lets a few polls go by, to see that nothing more happens. */
export const settle = (ms = 300): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A Chinese receipt with a title and numbered item lines, cut at the end. */
export function receipt(title: string, lines = 3): ReceiptDocument {
  return {
    blocks: [
      { kind: "text", text: title, align: "center", bold: true },
      { kind: "rule" },
      ...Array.from({ length: lines }, (_, index) => ({
        kind: "pair" as const,
        left: `第 ${index + 1} 项 便利店`,
        right: `${index + 2} 分钟`,
        fill: ".",
      })),
      { kind: "text", text: "邻里中心 祝您生活愉快" },
      { kind: "cut" },
    ],
  };
}

/** How many printed receipts (and the unfinished one) contain `text`. */
export function timesPrinted(simulator: EscPosPrinterSimulator, text: string): number {
  const printed = [...simulator.receipts.map((one) => one.text), simulator.currentReceipt.text];
  return printed.filter((one) => one.includes(text)).length;
}

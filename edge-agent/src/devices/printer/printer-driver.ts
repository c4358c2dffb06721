/**
 * The ESC/POS receipt printer driver: status from `DLE EOT 1..4` polls (and
 * ASB blocks where the profile has them) turned into the device's health,
 * and durable print jobs worked one at a time (see print-jobs.ts for what
 * happens to a job when the printer stops or the link drops).
 *
 * The driver owns its transport's lifecycle: `start` opens it, `stop` closes it.
 */
import { EventEmitter } from "node:events";
import type { PrinterProfile } from "@linli/device-profiles";
import { type AsbStatus, asbEnableCommand, type ReceiptDocument } from "@linli/protocols/escpos";
import type { Logger } from "../../log.js";
import { type Device, type DeviceEvents, type DeviceHealth, initialHealth } from "../device.js";
import type { JobStore } from "../jobs/job-store.js";
import type { Transport } from "../transport.js";
import {
  type PrintJob,
  PrintJobs,
  type PrintOptions,
  type UncertainResolution,
} from "./print-jobs.js";
import {
  ASSUMED_READY,
  MISSES_BEFORE_OFFLINE,
  type PrinterStatus,
  statusFromAsb,
} from "./printer-status.js";
import { StatusChannel, type StatusOutcome } from "./status-channel.js";
import { testReceiptDocument } from "./test-receipt.js";

export interface PrinterDriverOptions {
  readonly id: string;
  readonly profile: PrinterProfile;
  readonly transport: Transport;
  readonly jobs: JobStore;
  readonly log: Logger;
  /** How often status is polled while idle; 5 s by default. */
  readonly pollIntervalMs?: number;
  /** How long one status request waits for its reply; 1 s by default. */
  readonly statusTimeoutMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;
const DEFAULT_STATUS_TIMEOUT_MS = 1_000;

/** What `health.detail` holds for a printer: the profile's exposes plus freshness. */
export interface PrinterHealthDetail {
  /** The last known paper level (null before the first status). */
  paper: PrinterStatus["paper"] | null;
  cover: "open" | "closed" | null;
  /** The printer answers and says it is online. */
  online: boolean;
  /** ISO time of the last status reply or ASB block. */
  lastStatusAt: string | null;
  [key: string]: unknown;
}

export class PrinterDriver extends EventEmitter<DeviceEvents> implements Device {
  readonly id: string;
  readonly profileId: string;
  readonly family = "printer" as const;
  readonly profile: PrinterProfile;
  readonly #transport: Transport;
  readonly #log: Logger;
  readonly #pollIntervalMs: number;
  readonly #channel: StatusChannel;
  readonly #queue: PrintJobs;
  #started = false;
  #timer: NodeJS.Timeout | undefined;
  /** The status since the link came up, if the printer has answered. */
  #status: PrinterStatus | undefined;
  /** The last status ever heard, for the paper and cover the operator sees while offline. */
  #lastKnown: PrinterStatus | undefined;
  #misses = 0;
  #lastSeen: string | null = null;
  #lastStatusAt: string | null = null;
  #errorCount = 0;
  #lastError: string | null = null;
  #published = "";
  #firstPoll: Promise<unknown> = Promise.resolve();
  readonly #onData = (chunk: Uint8Array): void => this.#heard(chunk);
  readonly #onConnected = (): void => this.#connected();
  readonly #onDisconnected = (reason: string): void => this.#disconnected(reason);
  readonly #onFault = (error: Error): void => this.#fault(error);

  constructor(options: PrinterDriverOptions) {
    super();
    this.id = options.id;
    this.profile = options.profile;
    this.profileId = options.profile.id;
    this.#transport = options.transport;
    this.#log = options.log;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.#channel = new StatusChannel({
      transport: options.transport,
      timeoutMs: options.statusTimeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS,
      onAsb: (status) => this.#asb(status),
    });
    this.#queue = new PrintJobs({
      deviceId: options.id,
      columns: options.profile.capabilities.columns,
      jobs: options.jobs,
      log: options.log,
      link: {
        known: () => this.#known(),
        freshStatus: () => this.#freshStatus(),
        // Generous for a 9600-baud line (about 1 ms a byte); a link that takes longer is stuck.
        write: (bytes, epoch) => this.#channel.send(bytes, 5_000 + 2 * bytes.length, epoch),
        epoch: () => this.#channel.epoch,
      },
    });
  }

  get health(): DeviceHealth {
    return this.#health();
  }

  /**
   * Settles jobs a previous run left unfinished (this device's only: running
   * ones become uncertain), opens the link, takes a first status and starts
   * the worker on queued and held jobs.
   */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#transport.on("data", this.#onData);
    this.#transport.on("connected", this.#onConnected);
    this.#transport.on("disconnected", this.#onDisconnected);
    this.#transport.on("fault", this.#onFault);
    await this.#transport.start();
    await this.#firstPoll;
    this.#publish();
    this.#queue.start();
    this.#schedulePoll();
  }

  /** Lets the job in hand settle (bounded by the status timeout), then closes the link. */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    clearTimeout(this.#timer);
    await this.#queue.stop();
    this.#transport.off("data", this.#onData);
    this.#transport.off("connected", this.#onConnected);
    this.#transport.off("disconnected", this.#onDisconnected);
    this.#transport.off("fault", this.#onFault);
    await this.#transport.stop();
    this.#channel.reset();
    this.#publish();
  }

  /**
   * Records a print job (state `queued`) before anything is sent, and returns
   * it; its progress shows in the job store. Throws LINLI_ERR_ESCPOS_* for a
   * document that cannot print, LINLI_ERR_PRINT_COPIES for a bad copy count.
   */
  print(document: ReceiptDocument, options: PrintOptions = {}): PrintJob {
    return this.#queue.enqueue(document, options);
  }

  /** A short Chinese test receipt, as the operator's "test print" button asks. */
  testPrint(): PrintJob {
    return this.print(testReceiptDocument(this.id, this.profile));
  }

  /** The operator's decision on an uncertain job; "reprint" returns the new job. */
  resolveUncertain(jobId: string, resolution: UncertainResolution): PrintJob {
    return this.#queue.resolveUncertain(jobId, resolution);
  }

  get #reportsStatus(): boolean {
    return this.profile.capabilities.statusQueries;
  }

  #known(): StatusOutcome {
    if (!this.#transport.connected) return { kind: "link_down" };
    if (!this.#reportsStatus) return { kind: "status", status: this.#status ?? ASSUMED_READY };
    if (this.#status === undefined || this.#misses >= MISSES_BEFORE_OFFLINE) {
      return { kind: "no_answer" };
    }
    return { kind: "status", status: this.#status };
  }

  async #freshStatus(): Promise<StatusOutcome> {
    if (!this.#reportsStatus) return this.#known();
    const outcome = await this.#channel.poll();
    this.#apply(outcome);
    return outcome;
  }

  #apply(outcome: StatusOutcome): void {
    if (outcome.kind === "status") {
      this.#status = outcome.status;
      this.#lastKnown = outcome.status;
      this.#misses = 0;
      this.#lastStatusAt = new Date().toISOString();
    } else if (outcome.kind === "no_answer") {
      this.#misses += 1;
      if (this.#misses === MISSES_BEFORE_OFFLINE) {
        this.#noteError("the printer does not answer status requests (is it switched on?)");
      }
    }
    this.#publish();
    this.#queue.wake();
  }

  #asb(asb: AsbStatus): void {
    this.#apply({ kind: "status", status: statusFromAsb(asb) });
  }

  #heard(chunk: Uint8Array): void {
    this.#lastSeen = new Date().toISOString();
    this.#channel.receive(chunk);
  }

  #connected(): void {
    this.#log.info({ device: this.id, link: this.#transport.description }, "printer connected");
    this.#misses = 0;
    if (this.profile.capabilities.asb) {
      // Sent again on every connect: a printer that was power-cycled has forgotten it.
      this.#channel.send(asbEnableCommand({ drawer: false }), 5_000).catch(() => undefined);
    }
    this.#firstPoll = this.#reportsStatus ? this.#freshStatus() : Promise.resolve();
    this.#publish();
    this.#queue.wake();
  }

  #disconnected(reason: string): void {
    this.#log.warn({ device: this.id, reason }, "printer disconnected");
    // What it said before may no longer hold (it may have been switched off): ask again on reconnect.
    this.#status = undefined;
    this.#channel.reset();
    this.#noteError(`disconnected: ${reason}`);
    this.#publish();
    this.#queue.wake();
  }

  #fault(error: Error): void {
    this.#log.warn({ device: this.id, err: error }, "printer link fault");
    this.#noteError(error.message);
    this.#publish();
  }

  #noteError(message: string): void {
    this.#errorCount += 1;
    this.#lastError = message;
  }

  #schedulePoll(): void {
    if (!this.#started) return;
    this.#timer = setTimeout(() => {
      const due = this.#reportsStatus && this.#transport.connected && !this.#channel.busy;
      void (due ? this.#freshStatus() : Promise.resolve()).finally(() => this.#schedulePoll());
    }, this.#pollIntervalMs);
  }

  #health(): DeviceHealth {
    const known = this.#known();
    const last = this.#lastKnown;
    const detail: PrinterHealthDetail = {
      paper: last?.paper ?? null,
      cover: last === undefined ? null : last.coverOpen ? "open" : "closed",
      online: known.kind === "status" && known.status.online,
      lastStatusAt: this.#lastStatusAt,
    };
    return {
      ...initialHealth(),
      state: known.kind === "status" ? known.status.state : "offline",
      connected: this.#transport.connected,
      lastSeen: this.#lastSeen,
      errorCount: this.#errorCount,
      lastError: this.#lastError,
      detail,
    };
  }

  /** Emits `health` when anything but the timestamps changed. */
  #publish(): void {
    const health = this.#health();
    const signature = JSON.stringify({
      ...health,
      lastSeen: null,
      detail: { ...health.detail, lastStatusAt: null },
    });
    if (signature === this.#published) return;
    this.#published = signature;
    this.emit("health", health);
  }
}

/**
 * A vending machine controller speaking the "FA FB" host protocol over any
 * byte transport. The link (vmc-link.ts) answers POLLs; this side runs vends
 * as durable jobs (vend-jobs.ts) and keeps what the VMC has said about its
 * slots.
 *
 * A vend: record the job (queued) → checkSelection → if the slot can sell,
 * mark the job running (on disk) and only then queue selectToBuy in memory →
 * dispenseStatus "dispensing" … "success" (done) or a fault (failed). A
 * refusal at either step is certain (nothing turned); no answer before the
 * vend command went out is a certain `timeout` failure, no answer after it
 * is `uncertain`.
 */
import { EventEmitter } from "node:events";
import type { VendingProfile } from "@linli/device-profiles";
import {
  dispenseStatusName,
  isDispenseFinished,
  isDispenseSuccess,
  selectionStatusName,
  type VmcMessage,
} from "@linli/protocols/vending";
import type { Logger } from "../../log.js";
import {
  type Device,
  type DeviceEvents,
  type DeviceHealth,
  type DeviceState,
  initialHealth,
} from "../device.js";
import type { JobStore } from "../jobs/job-store.js";
import type { Transport } from "../transport.js";
import { SlotBook } from "./slot-book.js";
import { type VendFailureReason, type VendJob, VendJobs, type VendOutcome } from "./vend-jobs.js";
import { VmcLink, type VmcLinkOptions, type VmcLinkStats } from "./vmc-link.js";

export interface VmcDriverOptions extends VmcLinkOptions {
  id: string;
  profile: Pick<VendingProfile, "id" | "capabilities">;
  transport: Transport;
  jobs: JobStore;
  log?: Logger;
  /** How long the VMC has to answer the selection check. Default 3000 ms. */
  checkTimeoutMs?: number;
  /** How long a vend may take once sent, motor and elevator included. Default 30000 ms. */
  dispenseTimeoutMs?: number;
  /** Ask the VMC for every slot's price and stock on each connect. Default true. */
  syncOnConnect?: boolean;
}

export interface VendInProgress {
  orderId: string;
  slot: number;
  phase: "checking" | "sending" | "dispensing";
}

const SELECTION_OK = 1;
const DISPENSE_JAMMED = 3;

function selectionReason(status: number): VendFailureReason {
  if (status === 2) return "out_of_stock";
  if (status === 3) return "no_such_slot";
  return "slot_unavailable";
}

const failed = (reason: VendFailureReason, detail: string): VendOutcome => ({
  state: "failed",
  reason,
  detail,
});

export class VmcDriver extends EventEmitter<DeviceEvents> implements Device {
  readonly id: string;
  readonly profileId: string;
  readonly family = "vending" as const;
  readonly #options: VmcDriverOptions;
  readonly #transport: Transport;
  readonly #link: VmcLink;
  readonly #vends: VendJobs;
  readonly #slots = new SlotBook();
  readonly #log: Logger | undefined;
  #errorCount = 0;
  #lastError: string | null = null;
  #vending: VendInProgress | undefined;
  #waiter: ((message: VmcMessage) => void) | undefined;
  #abort: (() => void) | undefined;
  #started = false;
  #healthQueued = false;
  readonly #onConnected = () => this.#linkUp();
  readonly #onDisconnected = (reason: string) => this.#problem(`disconnected: ${reason}`, false);
  readonly #onFault = (error: Error) => this.#problem(error.message, true);

  constructor(options: VmcDriverOptions) {
    super();
    this.id = options.id;
    this.profileId = options.profile.id;
    this.#options = options;
    this.#transport = options.transport;
    this.#log = options.log;
    this.#link = new VmcLink(options.transport, options);
    this.#vends = new VendJobs(
      options.jobs,
      options.id,
      (job, begin) => this.#execute(job, begin),
      (job) => this.#finished(job),
    );
    this.#link.on("message", (message) => this.#onMessage(message));
    this.#link.on("alive", () => this.#changed());
    this.#link.on("silent", () => this.#problem("the VMC stopped polling", false));
    this.#link.on("fault", this.#onFault);
  }

  get health(): DeviceHealth {
    const { answerLatency, missedPolls, ...link } = this.#link.stats;
    const lastHeard = this.#link.lastHeard;
    return {
      ...initialHealth(),
      state: this.#state(),
      connected: this.#online,
      lastSeen: lastHeard === undefined ? null : new Date(lastHeard).toISOString(),
      errorCount: this.#errorCount,
      lastError: this.#lastError,
      detail: {
        slots: this.#slots.list(),
        jammedSlots: this.#slots.jammedSlots(),
        vend: this.#vending ? { ...this.#vending } : null,
        missedPolls,
        answerLatencyMs: answerLatency,
        link,
      },
    };
  }

  /** The link's counters: POLLs, missed windows, resends, answer latency. */
  get linkStats(): VmcLinkStats {
    return this.#link.stats;
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#vends.recover();
    this.#transport.on("connected", this.#onConnected);
    this.#transport.on("disconnected", this.#onDisconnected);
    this.#transport.on("fault", this.#onFault);
    this.#link.attach();
    if (this.#transport.connected) this.#linkUp();
    await this.#transport.start();
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#abort?.();
    this.#link.detach();
    this.#transport.off("connected", this.#onConnected);
    this.#transport.off("disconnected", this.#onDisconnected);
    this.#transport.off("fault", this.#onFault);
    await this.#transport.stop();
  }

  /**
   * Vends one item from `slot` for an order; resolves with the finished job
   * (done, failed with a reason, or uncertain). Idempotent by order id.
   */
  vend(slot: number, options: { orderId: string }): Promise<VendJob> {
    return this.#vends.vend(slot, options.orderId);
  }

  /** The job of an order, if there is one. */
  vendJob(orderId: string): VendJob | undefined {
    return this.#vends.get(orderId);
  }

  /** The operator fixed a jammed slot. */
  clearJam(slot: number): void {
    if (this.#slots.update(slot, { jammed: false })) this.#changed();
  }

  /** Asks the VMC for every slot's price and stock; they arrive one per POLL tick. */
  syncSlots(): void {
    this.#link.cancel("sync");
    this.#link.send({ command: "syncInfo" }, { tag: "sync" });
  }

  get #online(): boolean {
    return this.#started && this.#transport.connected && this.#link.alive;
  }

  #state(): DeviceState {
    if (!this.#online) return "offline";
    if (this.#vending) return "busy";
    if (this.#slots.jammedSlots().length > 0) return "jammed";
    return "ready";
  }

  #linkUp(): void {
    if (this.#options.syncOnConnect ?? true) this.syncSlots();
    this.#changed();
  }

  #problem(message: string, isError: boolean): void {
    if (isError) {
      this.#errorCount += 1;
      this.#lastError = message;
    }
    this.#log?.warn({ deviceId: this.id }, `vending machine: ${message}`);
    this.#changed();
  }

  /** Coalesces health changes into one event per turn of the event loop. */
  #changed(): void {
    if (this.#healthQueued) return;
    this.#healthQueued = true;
    setImmediate(() => {
      this.#healthQueued = false;
      this.emit("health", this.health);
    });
  }

  #finished(job: VendJob): void {
    this.emit("event", "vend", {
      jobId: job.id,
      orderId: job.payload.orderId,
      slot: job.payload.slot,
      state: job.state,
      reason: job.error,
    });
  }

  #onMessage(message: VmcMessage): void {
    if (this.#learn(message)) this.#changed();
    this.#waiter?.(message);
  }

  /** Updates what is known of the slots; returns whether anything changed. */
  #learn(message: VmcMessage): boolean {
    switch (message.command) {
      case "selectionInfo":
        return this.#slots.update(message.selection, {
          stock: message.inventory,
          capacity: message.capacity,
          priceFen: message.price,
          paused: message.status === 1,
        });
      case "selectionStatus":
        return message.status === 2 && this.#slots.update(message.selection, { stock: 0 });
      case "dispenseStatus":
        if (isDispenseSuccess(message.status)) {
          this.#slots.dispensed(message.selection);
          return true;
        }
        return (
          message.status === DISPENSE_JAMMED &&
          this.#slots.update(message.selection, { jammed: true })
        );
      case "setPrice":
        return this.#slots.update(message.selection, { priceFen: message.price });
      case "setInventory":
        return this.#slots.update(message.selection, { stock: message.inventory });
      case "setCapacity":
        return this.#slots.update(message.selection, { capacity: message.capacity });
      default: {
        const { command, ...fields } = message as { command: string } & Record<string, unknown>;
        const data = fields.data instanceof Uint8Array ? [...fields.data] : undefined;
        this.emit("event", "vmc_report", { command, ...fields, ...(data ? { data } : {}) });
        return false;
      }
    }
  }

  async #execute(job: VendJob, begin: () => boolean): Promise<VendOutcome> {
    const { slot, orderId } = job.payload;
    if (!this.#online) return failed("offline", "the vending machine is not connected");
    const slots = this.#options.profile.capabilities.slots;
    if (slot > slots) return failed("no_such_slot", `this machine has slots 1 to ${slots}`);
    if (this.#slots.get(slot)?.jammed) {
      return failed("jammed", "the slot jammed before; an operator must clear it first");
    }
    this.#vending = { orderId, slot, phase: "checking" };
    this.#changed();
    try {
      const status = await this.#check(job.id, slot);
      if (status === undefined) {
        return failed("timeout", "the VMC did not answer the selection check in time");
      }
      if (status !== SELECTION_OK)
        return failed(selectionReason(status), selectionStatusName(status));
      if (!begin()) return failed("interrupted", "the job was moved by someone else");
      this.#vending.phase = "sending";
      return await this.#dispense(job.id, slot);
    } finally {
      this.#vending = undefined;
      this.#changed();
    }
  }

  /**
   * Waits for VMC messages until `settle` returns a value, the timeout, or
   * stop(). A message for which `progress` holds starts the timeout afresh.
   */
  #await<T>(
    ms: number,
    expire: (why: "timeout" | "stopped") => T,
    settle: (message: VmcMessage) => T | undefined,
    onEnd: () => void,
    progress: (message: VmcMessage) => boolean = () => false,
  ): Promise<T> {
    return new Promise<T>((resolve) => {
      const finish = (value: T) => {
        clearTimeout(timer);
        this.#waiter = undefined;
        this.#abort = undefined;
        onEnd();
        resolve(value);
      };
      let timer = setTimeout(() => finish(expire("timeout")), ms);
      this.#waiter = (message) => {
        const value = settle(message);
        if (value !== undefined) finish(value);
        else if (progress(message)) {
          clearTimeout(timer);
          timer = setTimeout(() => finish(expire("timeout")), ms);
        }
      };
      this.#abort = () => finish(expire("stopped"));
    });
  }

  #check(jobId: string, slot: number): Promise<number | undefined> {
    const tag = `check:${jobId}`;
    const answer = this.#await<number | undefined>(
      this.#options.checkTimeoutMs ?? 3_000,
      () => undefined,
      (message) =>
        message.command === "selectionStatus" && message.selection === slot
          ? message.status
          : undefined,
      () => this.#link.cancel(tag),
      // The VMC sends what it has queued first: after a sync (on connect),
      // one slot report per tick, ~5 s for 24 slots. While they keep coming
      // it is alive and our check waits its turn, so the deadline re-arms;
      // a finite sync bounds the wait.
      (message) => message.command === "selectionInfo",
    );
    this.#link.send({ command: "checkSelection", selection: slot }, { tag });
    return answer;
  }

  #dispense(jobId: string, slot: number): Promise<VendOutcome> {
    const tag = `vend:${jobId}`;
    let sent = false;
    const outcome = this.#await<VendOutcome>(
      this.#options.dispenseTimeoutMs ?? 30_000,
      (why) => {
        const reason = why === "timeout" ? "timeout" : "interrupted";
        return sent
          ? {
              state: "uncertain",
              reason,
              detail: "the vend command went out but the VMC sent no result",
            }
          : failed(reason, "the vend command never reached the VMC");
      },
      (message) => {
        if (message.command === "selectionStatus" && message.selection === slot) {
          if (message.status === SELECTION_OK) return undefined;
          return failed(selectionReason(message.status), selectionStatusName(message.status));
        }
        if (message.command !== "dispenseStatus" || message.selection !== slot) return undefined;
        if (!isDispenseFinished(message.status)) {
          if (this.#vending) this.#vending.phase = "dispensing";
          this.#changed();
          return undefined;
        }
        if (isDispenseSuccess(message.status)) return { state: "done" };
        const detail = dispenseStatusName(message.status);
        return failed(message.status === DISPENSE_JAMMED ? "jammed" : "dispense_error", detail);
      },
      () => this.#link.cancel(tag),
    );
    this.#link.send(
      { command: "selectToBuy", selection: slot },
      { tag, repeatable: false, onSent: () => (sent = true) },
    );
    return outcome;
  }
}

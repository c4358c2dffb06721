/**
 * The MQTT vending unit (see mqtt-vending-protocol.ts) behind the same vend
 * contract as the FA-FB driver: a durable job per order, recorded before the
 * command is published; a refusal the host can see in the unit's retained
 * state (out of stock, no such slot, jammed) fails before anything is sent;
 * no result in time after the command went out is `uncertain`.
 */
import { EventEmitter } from "node:events";
import type { VendingProfile } from "@linli/device-profiles";
import type { Logger } from "../../log.js";
import {
  type Device,
  type DeviceEvents,
  type DeviceHealth,
  type DeviceState,
  initialHealth,
} from "../device.js";
import type { JobStore } from "../jobs/job-store.js";
import type { MqttInbound, MqttTransport } from "../transports/mqtt.js";
import type { UnitVendResult, VendingMqttProtocol } from "./mqtt-vending-protocol.js";
import { SlotBook } from "./slot-book.js";
import { type VendFailureReason, type VendJob, VendJobs, type VendOutcome } from "./vend-jobs.js";
import type { VendInProgress } from "./vmc-driver.js";

export interface MqttVendingDriverOptions {
  id: string;
  profile: Pick<VendingProfile, "id" | "capabilities">;
  transport: MqttTransport<VendingMqttProtocol>;
  jobs: JobStore;
  log?: Logger;
  /** How long a vend may take after the command went out. Default 30000 ms. */
  resultTimeoutMs?: number;
}

const failed = (reason: VendFailureReason, detail: string): VendOutcome => ({
  state: "failed",
  reason,
  detail,
});

export class MqttVendingDriver extends EventEmitter<DeviceEvents> implements Device {
  readonly id: string;
  readonly profileId: string;
  readonly family = "vending" as const;
  readonly #options: MqttVendingDriverOptions;
  readonly #transport: MqttTransport<VendingMqttProtocol>;
  readonly #vends: VendJobs;
  readonly #slots = new SlotBook();
  #stateKnown = false;
  #lastSeen: string | null = null;
  #errorCount = 0;
  #lastError: string | null = null;
  #vending: VendInProgress | undefined;
  #waiter: ((result: UnitVendResult) => void) | undefined;
  #abort: (() => void) | undefined;
  #unsubscribe: (() => void) | undefined;
  #started = false;
  #healthQueued = false;
  readonly #onChange = () => this.#changed();
  readonly #onFault = (error: Error) => {
    this.#errorCount += 1;
    this.#lastError = error.message;
    this.#options.log?.warn({ deviceId: this.id, err: error }, "vending unit: message dropped");
    this.#changed();
  };

  constructor(options: MqttVendingDriverOptions) {
    super();
    this.id = options.id;
    this.profileId = options.profile.id;
    this.#options = options;
    this.#transport = options.transport;
    this.#vends = new VendJobs(
      options.jobs,
      options.id,
      (job, begin) => this.#execute(job, begin),
      (job) => this.emit("event", "vend", vendEvent(job)),
    );
  }

  get health(): DeviceHealth {
    return {
      ...initialHealth(),
      state: this.#state(),
      connected: this.#online,
      lastSeen: this.#lastSeen,
      errorCount: this.#errorCount,
      lastError: this.#lastError,
      detail: {
        slots: this.#slots.list(),
        jammedSlots: this.#slots.jammedSlots(),
        vend: this.#vending ? { ...this.#vending } : null,
        brokerConnected: this.#transport.brokerConnected,
      },
    };
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#vends.recover();
    this.#transport.on("connected", this.#onChange);
    this.#transport.on("disconnected", this.#onChange);
    this.#transport.on("fault", this.#onFault);
    this.#unsubscribe = this.#transport.onMessage((message) => this.#onMessage(message));
    await this.#transport.start();
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#abort?.();
    this.#unsubscribe?.();
    this.#transport.off("connected", this.#onChange);
    this.#transport.off("disconnected", this.#onChange);
    this.#transport.off("fault", this.#onFault);
    await this.#transport.stop();
  }

  /** Same contract as VmcDriver.vend: a finished job, idempotent by order id. */
  vend(slot: number, options: { orderId: string }): Promise<VendJob> {
    return this.#vends.vend(slot, options.orderId);
  }

  vendJob(orderId: string): VendJob | undefined {
    return this.#vends.get(orderId);
  }

  get #online(): boolean {
    return this.#started && this.#transport.connected;
  }

  #state(): DeviceState {
    if (!this.#online) return "offline";
    if (this.#vending) return "busy";
    if (this.#slots.jammedSlots().length > 0) return "jammed";
    return "ready";
  }

  #changed(): void {
    if (this.#healthQueued) return;
    this.#healthQueued = true;
    setImmediate(() => {
      this.#healthQueued = false;
      this.emit("health", this.health);
    });
  }

  #onMessage(message: MqttInbound<VendingMqttProtocol>): void {
    this.#lastSeen = new Date().toISOString();
    if (message.name === "state") {
      this.#slots.replace(message.payload.slots);
      this.#stateKnown = true;
      this.#changed();
      return;
    }
    const result = message.payload;
    if (this.#waiter) {
      this.#waiter(result);
      return;
    }
    // A result for a vend no longer waited for (timed out, or from before a restart): the
    // job stays as it is; the operator and the payment side see the late word here.
    this.emit("event", "vend_late_result", { ...result });
  }

  async #execute(job: VendJob, begin: () => boolean): Promise<VendOutcome> {
    const { slot, orderId } = job.payload;
    if (!this.#online) return failed("offline", "the vending unit is not connected");
    const refusal = this.#refusal(slot);
    if (refusal) return refusal;
    if (!begin()) return failed("interrupted", "the job was moved by someone else");
    this.#vending = { orderId, slot, phase: "sending" };
    this.#changed();
    try {
      return await this.#dispense(slot, orderId);
    } finally {
      this.#vending = undefined;
      this.#changed();
    }
  }

  /** What the unit's own retained state already says about this slot. */
  #refusal(slot: number): VendOutcome | undefined {
    const slots = this.#options.profile.capabilities.slots;
    if (slot > slots) return failed("no_such_slot", `this unit has slots 1 to ${slots}`);
    if (!this.#stateKnown) return undefined;
    const known = this.#slots.get(slot);
    if (!known) return failed("no_such_slot", "the unit does not list this slot");
    if (known.jammed) return failed("jammed", "the unit reports this slot jammed");
    if (known.paused) return failed("slot_unavailable", "the unit reports this slot paused");
    if (known.stock === 0) return failed("out_of_stock", "the unit reports this slot empty");
    return undefined;
  }

  #dispense(slot: number, orderId: string): Promise<VendOutcome> {
    return new Promise<VendOutcome>((resolve) => {
      const finish = (outcome: VendOutcome) => {
        clearTimeout(timer);
        this.#waiter = undefined;
        this.#abort = undefined;
        resolve(outcome);
      };
      const unsure = (reason: VendFailureReason, detail: string): VendOutcome => ({
        state: "uncertain",
        reason,
        detail,
      });
      const timer = setTimeout(
        () => finish(unsure("timeout", "the unit sent no vend result in time")),
        this.#options.resultTimeoutMs ?? 30_000,
      );
      this.#abort = () => finish(unsure("interrupted", "stopped while waiting for the unit"));
      this.#waiter = (result) => {
        if (result.orderId !== orderId) {
          this.emit("event", "vend_late_result", { ...result });
          return;
        }
        if (result.status === "dispensing") {
          if (this.#vending) this.#vending.phase = "dispensing";
          this.#changed();
        } else if (result.status === "success") {
          finish({ state: "done" });
        } else {
          const reason = result.reason ?? "dispense_error";
          finish(failed(reason, `the unit reported ${reason}`));
        }
      };
      this.#transport.publish("vend", { orderId, slot }).catch((error: { code?: string }) => {
        // Refused before it left: certainly not vended. Lost on the way: the unit may have it.
        if (error.code === "LINLI_ERR_TRANSPORT_DISCONNECTED") {
          finish(failed("offline", "the vending unit went offline before the vend was sent"));
        }
      });
    });
  }
}

function vendEvent(job: VendJob): Record<string, unknown> {
  return {
    jobId: job.id,
    orderId: job.payload.orderId,
    slot: job.payload.slot,
    state: job.state,
    reason: job.error,
  };
}

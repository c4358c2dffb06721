/**
 * The vending machine controller (VMC) side of the "FA FB" host protocol.
 * The VMC is the master: each tick it sends either a POLL or its oldest
 * unacknowledged message, and opens an answer window. In a POLL window the
 * host answers with ACK or one command (which the VMC ACKs); in a message
 * window the host must ACK, or the message goes again with the same PACKNO
 * at the next tick. Anything arriving after its window is ignored, as strict
 * VMCs do, and shows up in the counters and the activity log.
 */
import {
  decodeVmcFrame,
  encodeVmcAck,
  encodeVmcMessage,
  encodeVmcPoll,
  nextPackNo,
  PackNoTracker,
  VMC_TIMING,
  VmcFrameParser,
  type VmcMessage,
  type VmcUnknownMessage,
} from "@linli/protocols/vending";
import { SimulatorBase } from "../simulator.js";
import { VmcMachine, type VmcOutgoing, type VmcVendRecord } from "./vmc-machine.js";
import { type VmcSlotState, VmcSlots, type VmcSlotsOptions } from "./vmc-slots.js";

export interface VmcSimulatorOptions extends VmcSlotsOptions {
  name?: string;
  /** Default 57600, the protocol's rate. */
  baudRate?: number;
  /** Default 200 ms. The host may change it with setPollInterval. */
  pollIntervalMs?: number;
  /** How long the VMC waits for the host's answer. Default 100 ms. */
  answerWithinMs?: number;
  /** Resends of an unacknowledged message before the VMC gives up on it. Default 5. */
  maxResends?: number;
  /** How long the motor turns before the vend ends. Default 500 ms. */
  dispenseMs?: number;
}

export interface VmcCounters {
  pollsSent: number;
  /** POLLs the host did not answer within the window. */
  missedPolls: number;
  /** POLLs the host answered after the window (the answer was ignored). */
  latePolls: number;
  vendsSucceeded: number;
  vendsFailed: number;
  /** Resends of VMC messages the host did not ACK in time. */
  retransmissions: number;
  /** VMC messages given up on after maxResends. */
  messagesDropped: number;
  /** Host frames with the PACKNO just seen: ACKed, not acted on. */
  duplicatePackNos: number;
  /** Host frames outside a window, or commands where an ACK was due. */
  ignoredFrames: number;
}

export interface VmcSnapshot {
  readonly attached: boolean;
  readonly paused: boolean;
  readonly pollIntervalMs: number;
  /** Selection whose motor is turning now. */
  readonly dispensing: number | undefined;
  /** VMC messages not yet ACKed by the host, the one in flight included. */
  readonly unacknowledgedMessages: number;
  readonly slots: VmcSlotState[];
  readonly counters: Readonly<VmcCounters>;
}

interface InFlight {
  readonly packNo: number;
  readonly frame: Uint8Array;
  readonly command: string;
  sends: number;
}

interface ClosedWindow {
  readonly kind: "poll" | "message";
  readonly closedAt: number;
  answeredLate: boolean;
}

export class VmcSimulator extends SimulatorBase {
  readonly name: string;
  readonly line: { baudRate: number };
  readonly #machine: VmcMachine;
  readonly #slots: VmcSlots;
  readonly #answerWithinMs: number;
  readonly #maxResends: number;
  readonly #parser = new VmcFrameParser();
  readonly #tracker = new PackNoTracker();
  readonly #counters: Omit<VmcCounters, "vendsSucceeded" | "vendsFailed"> = {
    pollsSent: 0,
    missedPolls: 0,
    latePolls: 0,
    retransmissions: 0,
    messagesDropped: 0,
    duplicatePackNos: 0,
    ignoredFrames: 0,
  };
  #pollIntervalMs: number;
  #pollTimer: NodeJS.Timeout | undefined;
  #window: { kind: "poll" | "message"; timer: NodeJS.Timeout } | undefined;
  #expired: ClosedWindow | undefined;
  #missedInARow = 0;
  #outbox: VmcOutgoing[] = [];
  #inFlight: InFlight | undefined;
  #packNo = 0;

  constructor(options: VmcSimulatorOptions = {}) {
    super();
    this.name = options.name ?? "vmc";
    this.line = { baudRate: options.baudRate ?? 57600 };
    this.#slots = new VmcSlots(options);
    this.#pollIntervalMs = options.pollIntervalMs ?? VMC_TIMING.pollIntervalMs;
    this.#answerWithinMs = options.answerWithinMs ?? VMC_TIMING.answerWithinMs;
    this.#maxResends = options.maxResends ?? VMC_TIMING.maxResends;
    this.#machine = new VmcMachine(this.#slots, options.dispenseMs ?? 500, {
      send: (build) => this.#outbox.push(build),
      after: (ms, fn) => this.after(ms, fn),
      record: (description, detail) => this.record(description, detail),
      setPollInterval: (ms) => {
        if (ms === this.#pollIntervalMs) return;
        this.#pollIntervalMs = ms;
        if (this.attached) this.#startPolling();
      },
    });
  }

  // --- faults and operator actions -------------------------------------

  /** The next vends from this slot end jammed, stock unchanged, until clearJam. */
  jamSlot(selection: number): void {
    this.#slots.setJammed(selection, true);
    this.record("slot jammed", { selection });
  }

  clearJam(selection: number): void {
    this.#slots.setJammed(selection, false);
  }

  setStock(selection: number, stock: number): void {
    this.#slots.setStock(selection, stock);
  }

  setPrice(selection: number, priceFen: number): void {
    this.#slots.setPrice(selection, priceFen);
  }

  /** Pauses the whole machine, or one selection. It keeps polling; selections report "paused". */
  pause(selection?: number): void {
    this.#slots.setPaused(true, selection);
  }

  resume(selection?: number): void {
    this.#slots.setPaused(false, selection);
  }

  /** Every vend that ended, in order: the proof of "no double vend". */
  get vends(): readonly VmcVendRecord[] {
    return this.#machine.vends;
  }

  snapshot(): VmcSnapshot {
    return {
      attached: this.attached,
      paused: this.#slots.machinePaused,
      pollIntervalMs: this.#pollIntervalMs,
      dispensing: this.#machine.dispensing,
      unacknowledgedMessages: this.#outbox.length + (this.#inFlight ? 1 : 0),
      slots: this.#slots.list(),
      counters: {
        ...this.#counters,
        vendsSucceeded: this.#machine.vendsSucceeded,
        vendsFailed: this.#machine.vendsFailed,
      },
    };
  }

  // --- the link ----------------------------------------------------------

  protected override onAttach(): void {
    this.#parser.reset();
    this.#tracker.reset();
    this.#startPolling();
  }

  protected override onDetach(): void {
    this.cancel(this.#pollTimer);
    this.#pollTimer = undefined;
    this.cancel(this.#window?.timer);
    this.#window = undefined;
    this.#expired = undefined;
  }

  receive(bytes: Uint8Array): void {
    for (const frame of this.#parser.push(bytes)) {
      let message: VmcMessage | VmcUnknownMessage;
      try {
        message = decodeVmcFrame(frame);
      } catch (error) {
        this.record("malformed frame ignored", { code: frame.command, error: String(error) });
        continue;
      }
      this.#onFrame(message);
    }
  }

  #startPolling(): void {
    this.cancel(this.#pollTimer);
    this.#pollTimer = this.every(this.#pollIntervalMs, () => this.#tick());
  }

  #tick(): void {
    if (!this.attached) return;
    if (this.#window) this.#expire();
    const flight = this.#nextFlight();
    if (flight) {
      this.transmit(flight.frame);
      this.#open("message");
      return;
    }
    this.transmit(encodeVmcPoll());
    this.#counters.pollsSent += 1;
    this.#open("poll");
  }

  #nextFlight(): InFlight | undefined {
    let flight = this.#inFlight;
    if (flight && flight.sends > this.#maxResends) {
      this.#counters.messagesDropped += 1;
      this.record("host never ACKed; message given up", {
        command: flight.command,
        packNo: flight.packNo,
        sends: flight.sends,
      });
      flight = undefined;
    }
    if (!flight) {
      const build = this.#outbox.shift();
      if (build) {
        this.#packNo = nextPackNo(this.#packNo);
        const message = build(this.#packNo);
        flight = {
          packNo: this.#packNo,
          frame: encodeVmcMessage(message),
          command: message.command,
          sends: 0,
        };
      }
    }
    this.#inFlight = flight;
    if (!flight) return undefined;
    if (flight.sends > 0) {
      this.#counters.retransmissions += 1;
      this.record("message resent with the same PACKNO", {
        command: flight.command,
        packNo: flight.packNo,
      });
    }
    flight.sends += 1;
    return flight;
  }

  #open(kind: "poll" | "message"): void {
    this.#window = { kind, timer: this.after(this.#answerWithinMs, () => this.#expire()) };
  }

  #expire(): void {
    const window = this.#window;
    if (!window) return;
    this.cancel(window.timer);
    this.#window = undefined;
    this.#expired = { kind: window.kind, closedAt: Date.now(), answeredLate: false };
    if (window.kind !== "poll") return;
    this.#counters.missedPolls += 1;
    this.#missedInARow += 1;
    if (this.#missedInARow === 1) {
      this.record("host did not answer a POLL in time", { withinMs: this.#answerWithinMs });
    }
  }

  #answered(): { kind: "poll" | "message" } | undefined {
    const window = this.#window;
    if (!window) return undefined;
    this.cancel(window.timer);
    this.#window = undefined;
    this.#expired = undefined;
    if (window.kind === "poll" && this.#missedInARow > 0) {
      this.record("host answers POLLs again", { missedInARow: this.#missedInARow });
      this.#missedInARow = 0;
    }
    return window;
  }

  #onFrame(message: VmcMessage | VmcUnknownMessage): void {
    if (message.command === "poll") {
      this.#counters.ignoredFrames += 1;
      this.record("host sent a POLL; only the VMC polls");
      return;
    }
    const window = this.#answered();
    if (!window) {
      this.#outsideWindow(message);
      return;
    }
    if (window.kind === "message") {
      if (message.command === "ack") {
        const flight = this.#inFlight;
        this.#inFlight = undefined;
        this.record("host ACKed", { command: flight?.command, packNo: flight?.packNo });
      } else {
        this.#counters.ignoredFrames += 1;
        this.record("host sent a command where an ACK was due; ignored", {
          command: message.command,
        });
      }
      return;
    }
    if (message.command === "ack") return;
    this.transmit(encodeVmcAck());
    if (message.command === "unknown") {
      this.record("unknown command ACKed, not simulated", { code: message.code });
      return;
    }
    if (this.#tracker.observe(message.packNo) === "duplicate") {
      this.#counters.duplicatePackNos += 1;
      this.record("duplicate PACKNO ACKed, not acted on", {
        command: message.command,
        packNo: message.packNo,
      });
      return;
    }
    this.#machine.handle(message);
  }

  #outsideWindow(message: VmcMessage | VmcUnknownMessage): void {
    this.#counters.ignoredFrames += 1;
    const expired = this.#expired;
    const detail = {
      command: message.command,
      packNo: "packNo" in message ? message.packNo : undefined,
    };
    if (expired && !expired.answeredLate) {
      expired.answeredLate = true;
      if (expired.kind === "poll") this.#counters.latePolls += 1;
      this.record(`late answer to a ${expired.kind === "poll" ? "POLL" : "message"} ignored`, {
        ...detail,
        lateByMs: Date.now() - expired.closedAt,
      });
      return;
    }
    this.record("unsolicited frame ignored", detail);
  }
}

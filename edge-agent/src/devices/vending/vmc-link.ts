/**
 * The host side of the "FA FB" link: the VMC is the master and polls every
 * 200 ms; the host answers each POLL within 100 ms with ACK or the next
 * queued command, and ACKs every VMC message at once. Answers are written
 * synchronously from the data handler: nothing on this path awaits disk,
 * timers or anything else, and commands are encoded (PACKNO included) when
 * they are queued, not when the POLL arrives.
 *
 * PACKNO: the VMC acts only on a number other than the last it saw. Ours run
 * 1…255 in the order commands are queued; a resend keeps its number. After
 * every (re)connect the first command is a harmless status request, so even
 * if its number happens to equal the VMC's memory of an earlier session, the
 * next one (the one that matters) cannot. A vend command in flight when the
 * link drops is not resent after the reconnect: the VMC may have taken it.
 */
import { EventEmitter } from "node:events";
import { LinliError } from "@linli/protocols";
import {
  decodeVmcFrame,
  encodeVmcAck,
  encodeVmcMessage,
  nextPackNo,
  PackNoTracker,
  VMC_COMMANDS,
  VMC_TIMING,
  VmcFrameParser,
  type VmcMessage,
} from "@linli/protocols/vending";
import type { Transport } from "../transport.js";
import { LatencyStats, type LatencySummary } from "./latency.js";

type Carried = Exclude<VmcMessage, { command: "poll" | "ack" }>;
/** A command for the VMC, numbered when it is queued. */
export type VmcHostCommand = Carried extends infer M
  ? M extends Carried
    ? Omit<M, "packNo">
    : never
  : never;

export interface VmcCommandOptions {
  /** Groups commands for cancel(). */
  tag?: string;
  /** Safe to send again after a reconnect (queries are; vends are not). Default true. */
  repeatable?: boolean;
  /** The command went on the wire for the first time. Keep it trivial: it runs on the POLL path. */
  onSent?: () => void;
}

export interface VmcLinkOptions {
  /** The VMC's answer window. Default 100 ms. */
  answerWithinMs?: number;
  /** Resends of an unacknowledged command before it is dropped. Default 5. */
  maxResends?: number;
  /** The VMC counts as gone after this long without a frame. Default 1000 ms. */
  silenceMs?: number;
}

export interface VmcLinkStats {
  polls: number;
  /** POLLs whose answer was handed to the OS later than the answer window. */
  missedPolls: number;
  /** VMC messages whose ACK was late. */
  lateAcks: number;
  /** The VMC repeated a message: our ACK did not reach it in time. */
  vmcResends: number;
  /** Our commands sent again because the VMC did not ACK them. */
  commandResends: number;
  commandsDropped: number;
  badFrames: number;
  /** Time from a POLL or message arriving to its answer being handed to the OS. */
  answerLatency: LatencySummary;
}

export interface VmcLinkEvents {
  /** A VMC message (not POLL, not ACK, not a repeat), after it was ACKed. */
  message: [message: VmcMessage];
  /** The VMC is talking: the first frame after a (re)connect or a silence. */
  alive: [];
  /** Connected, but the VMC has not said anything for `silenceMs`. */
  silent: [];
  fault: [error: Error];
}

interface Queued {
  readonly bytes: Uint8Array;
  readonly command: string;
  readonly tag: string | undefined;
  readonly repeatable: boolean;
  readonly onSent: (() => void) | undefined;
  sends: number;
}

const POLL = VMC_COMMANDS.poll.code;
const ACK = VMC_COMMANDS.ack.code;
const ACK_BYTES = encodeVmcAck();

export class VmcLink extends EventEmitter<VmcLinkEvents> {
  readonly #transport: Transport;
  readonly #answerWithinMs: number;
  readonly #maxResends: number;
  readonly #silenceMs: number;
  readonly #parser = new VmcFrameParser();
  readonly #tracker = new PackNoTracker();
  readonly #latency = new LatencyStats();
  readonly #counts = {
    polls: 0,
    missedPolls: 0,
    lateAcks: 0,
    vmcResends: 0,
    commandResends: 0,
    commandsDropped: 0,
  };
  #queue: Queued[] = [];
  #inFlight: Queued | undefined;
  #packNo = 0;
  #alive = false;
  #lastHeard: number | undefined;
  #watchdog: NodeJS.Timeout | undefined;
  readonly #onData = (chunk: Uint8Array) => this.#receive(chunk);
  readonly #onConnected = () => this.#connected();
  readonly #onDisconnected = () => this.#disconnected();

  constructor(transport: Transport, options: VmcLinkOptions = {}) {
    super();
    this.#transport = transport;
    this.#answerWithinMs = options.answerWithinMs ?? VMC_TIMING.answerWithinMs;
    this.#maxResends = options.maxResends ?? VMC_TIMING.maxResends;
    this.#silenceMs = options.silenceMs ?? 1_000;
  }

  /** Whether the VMC has been heard within `silenceMs`. */
  get alive(): boolean {
    return this.#alive;
  }

  /** Epoch ms of the last frame from the VMC. */
  get lastHeard(): number | undefined {
    return this.#lastHeard;
  }

  get stats(): VmcLinkStats {
    return {
      ...this.#counts,
      badFrames: this.#parser.stats.badChecksums,
      answerLatency: this.#latency.summary(),
    };
  }

  attach(): void {
    this.#transport.on("data", this.#onData);
    this.#transport.on("connected", this.#onConnected);
    this.#transport.on("disconnected", this.#onDisconnected);
    if (this.#transport.connected) this.#connected();
  }

  detach(): void {
    this.#transport.off("data", this.#onData);
    this.#transport.off("connected", this.#onConnected);
    this.#transport.off("disconnected", this.#onDisconnected);
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    this.#alive = false;
  }

  /** Queues a command for the next POLL. */
  send(command: VmcHostCommand, options: VmcCommandOptions = {}): void {
    this.#queue.push(this.#encode(command, options));
  }

  /** Forgets queued commands with this tag, and stops resending one in flight. */
  cancel(tag: string): void {
    this.#queue = this.#queue.filter((queued) => queued.tag !== tag);
    if (this.#inFlight?.tag === tag) this.#inFlight = undefined;
  }

  #encode(command: VmcHostCommand, options: VmcCommandOptions): Queued {
    this.#packNo = nextPackNo(this.#packNo);
    return {
      bytes: encodeVmcMessage({ ...command, packNo: this.#packNo } as VmcMessage),
      command: command.command,
      tag: options.tag,
      repeatable: options.repeatable ?? true,
      onSent: options.onSent,
      sends: 0,
    };
  }

  #connected(): void {
    this.#parser.reset();
    this.#tracker.reset();
    const interrupted = this.#inFlight;
    this.#inFlight = undefined;
    if (interrupted?.repeatable) this.#queue.unshift(interrupted);
    const primer = this.#encode({ command: "requestMachineStatus" }, { tag: "primer" });
    this.#queue = [primer, ...this.#queue.filter((queued) => queued.tag !== "primer")];
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => this.#silence(), this.#silenceMs);
  }

  #disconnected(): void {
    clearTimeout(this.#watchdog);
    this.#watchdog = undefined;
    this.#alive = false;
  }

  #silence(): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.emit("silent");
  }

  #receive(chunk: Uint8Array): void {
    const at = performance.now();
    const messages: VmcMessage[] = [];
    const frames = this.#parser.push(chunk);
    for (const frame of frames) {
      if (frame.command === POLL) {
        this.#counts.polls += 1;
        this.#answerPoll(at);
      } else if (frame.command === ACK) {
        this.#inFlight = undefined;
      } else {
        this.#answer(ACK_BYTES, at, "message");
        this.#decode(frame, messages);
      }
    }
    if (frames.length === 0) return;
    this.#lastHeard = Date.now();
    this.#watchdog?.refresh();
    if (!this.#alive && this.#transport.connected) {
      this.#alive = true;
      this.emit("alive");
    }
    for (const message of messages) this.emit("message", message);
  }

  #answerPoll(at: number): void {
    let next = this.#inFlight;
    if (next && next.sends > this.#maxResends) {
      this.#counts.commandsDropped += 1;
      this.emit(
        "fault",
        new LinliError(
          "LINLI_ERR_VENDING_NO_ACK",
          `the VMC did not acknowledge ${next.command} after ${next.sends} sends; check the cable and the VMC`,
        ),
      );
      next = undefined;
    }
    next ??= this.#queue.shift();
    this.#inFlight = next;
    if (!next) {
      this.#answer(ACK_BYTES, at, "poll");
      return;
    }
    if (next.sends > 0) this.#counts.commandResends += 1;
    next.sends += 1;
    this.#answer(next.bytes, at, "poll");
    if (next.sends === 1) next.onSent?.();
  }

  #answer(bytes: Uint8Array, at: number, kind: "poll" | "message"): void {
    this.#transport.write(bytes).then(
      () => {
        const ms = performance.now() - at;
        this.#latency.record(ms);
        if (ms <= this.#answerWithinMs) return;
        if (kind === "poll") this.#counts.missedPolls += 1;
        else this.#counts.lateAcks += 1;
      },
      // A failed write means the link went away; the transport reports that itself.
      () => undefined,
    );
  }

  #decode(frame: Parameters<typeof decodeVmcFrame>[0], into: VmcMessage[]): void {
    let message: ReturnType<typeof decodeVmcFrame>;
    try {
      message = decodeVmcFrame(frame);
    } catch (error) {
      this.emit("fault", error as Error);
      return;
    }
    if (message.command === "unknown") return;
    if ("packNo" in message && this.#tracker.observe(message.packNo) === "duplicate") {
      this.#counts.vmcResends += 1;
      return;
    }
    into.push(message);
  }
}

/**
 * A minimal host for tests of the VMC simulator (the real driver lives in
 * devices/): answers every POLL at once with ACK or the next queued frame,
 * ACKs the VMC's messages unless told not to, and keeps what it saw.
 */
import {
  decodeVmcFrame,
  encodeVmcAck,
  encodeVmcFrame,
  encodeVmcMessage,
  VmcFrameParser,
  type VmcMessage,
  type VmcUnknownMessage,
} from "@linli/protocols/vending";
import type { HostSide } from "../host-side.js";

export interface VmcReceived {
  readonly message: VmcMessage | VmcUnknownMessage;
  readonly frame: Uint8Array;
  readonly at: number;
}

export class VmcTestHost {
  readonly side: HostSide;
  /** Every frame from the VMC other than POLL and ACK, resends included. */
  readonly messages: VmcReceived[] = [];
  readonly pollTimes: number[] = [];
  /** ACKs the VMC sent (one per host command it accepted). */
  acksReceived = 0;
  /** When false, POLLs go unanswered (a host that hangs). */
  answerPolls = true;
  /** Decides whether a VMC message is ACKed; all are by default. */
  ackMessage: (received: VmcReceived) => boolean = () => true;
  readonly #parser = new VmcFrameParser();
  readonly #queue: Uint8Array[] = [];
  readonly #listeners = new Set<() => void>();

  constructor(side: HostSide) {
    this.side = side;
    side.port.on("data", (chunk: Buffer) => this.#onData(new Uint8Array(chunk)));
  }

  /** Queues a command for the next POLL; returns the frame (send it again for a duplicate). */
  command(message: VmcMessage): Uint8Array {
    const frame = encodeVmcMessage(message);
    this.#queue.push(frame);
    return frame;
  }

  /** Queues raw bytes for the next POLL. */
  queueFrame(frame: Uint8Array): void {
    this.#queue.push(frame);
  }

  get queued(): number {
    return this.#queue.length;
  }

  /** The VMC messages of one command, resends included. */
  messagesOf<N extends VmcMessage["command"]>(command: N): Extract<VmcMessage, { command: N }>[] {
    return this.messages
      .map(({ message }) => message)
      .filter((message): message is Extract<VmcMessage, { command: N }> => {
        return message.command === command;
      });
  }

  /** Resolves once `check` returns a value, re-checking on every frame from the VMC. */
  waitFor<T>(check: () => T | undefined, timeoutMs = 3_000, what = "the VMC"): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.#listeners.add(listener);
    });
  }

  /** Waits until `count` more POLLs have arrived. */
  async polls(count: number, timeoutMs = 3_000): Promise<void> {
    const target = this.pollTimes.length + count;
    await this.waitFor(
      () => (this.pollTimes.length >= target ? true : undefined),
      timeoutMs,
      `${count} POLLs`,
    );
  }

  #onData(chunk: Uint8Array): void {
    for (const frame of this.#parser.push(chunk)) {
      const message = decodeVmcFrame(frame);
      const received = {
        message,
        frame: encodeVmcFrame(frame.command, frame.payload),
        at: Date.now(),
      };
      if (message.command === "poll") {
        this.pollTimes.push(received.at);
        if (this.answerPolls) void this.side.send(this.#queue.shift() ?? encodeVmcAck());
      } else if (message.command === "ack") {
        this.acksReceived += 1;
      } else {
        this.messages.push(received);
        if (this.ackMessage(received)) void this.side.send(encodeVmcAck());
      }
    }
    for (const listener of [...this.#listeners]) listener();
  }
}

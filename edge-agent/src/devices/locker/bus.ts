/**
 * The conversation on one RS-485 locker bus: one request outstanding at a
 * time, a reply timeout, and the adapter's echo told apart from the board's
 * answer. Never throws into the caller for a bus problem: every request ends
 * in an outcome that says whether the board was told and what it answered.
 *
 * Echo. Many USB–RS-485 adapters hand back every byte the host sends. For
 * most requests a copy can never be a genuine reply (`copyIsAlwaysEcho`), so
 * it is dropped, and in "auto" mode it teaches whether the adapter echoes: a
 * copy before the reply says yes, a reply with no copy says no. For the 8A
 * open a copy is also what the board answers on failure, so the echo setting
 * decides: with echo, the first copy is the echo and a later copy the
 * failure; without, the first copy is the failure. Unknown counts as echo, the
 * safe reading: a failure then looks like no answer, which leads to a status
 * query, never to a blind retry.
 */
import { EventEmitter } from "node:events";
import { isLinliError } from "@linli/protocols";
import type { Transport } from "../transport.js";
import {
  type LockerAnswer,
  type LockerFramer,
  type LockerProtocolAdapter,
  type LockerRequest,
  sameBytes,
} from "./protocol.js";

/** true / false: the adapter is known to echo or not; "auto": learn it from the traffic. */
export type EchoMode = "auto" | boolean;

export type BusOutcome =
  | { readonly kind: "answer"; readonly answer: LockerAnswer }
  /** The request went out (or may have, partly) and no answer came: the outcome is unknown. */
  | {
      readonly kind: "no-answer";
      readonly reason: "timeout" | "disconnected" | "write-failed" | "stopped";
    }
  /** Nothing reached the board. */
  | { readonly kind: "not-sent"; readonly reason: "disconnected" | "stopped" };

export interface LockerBusEvents {
  /** A board frame that answers nothing outstanding: a change report, or a late reply. */
  unsolicited: [answer: LockerAnswer];
  /** A board spoke (our own echo does not count). */
  heard: [];
  /** What is known of the adapter's echo changed. */
  echo: [detected: boolean | undefined];
}

export interface LockerBusOptions {
  readonly replyTimeoutMs: number;
  readonly echo: EchoMode;
}

interface Pending {
  readonly request: LockerRequest;
  readonly bytes: Uint8Array;
  copySeen: boolean;
  settle(outcome: BusOutcome): void;
}

export class LockerBus extends EventEmitter<LockerBusEvents> {
  readonly #transport: Transport;
  readonly #adapter: LockerProtocolAdapter;
  readonly #framer: LockerFramer;
  readonly #options: LockerBusOptions;
  #learned: boolean | undefined;
  #pending: Pending | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #running = false;
  readonly #onData = (chunk: Uint8Array) => {
    for (const frame of this.#framer.push(chunk)) this.#onFrame(frame);
  };
  readonly #onDisconnected = () => {
    this.#settle({ kind: "no-answer", reason: "disconnected" });
    this.#framer.reset();
    // A replugged cable may bring another adapter: learn its echo afresh.
    this.#learn(undefined);
  };

  constructor(transport: Transport, adapter: LockerProtocolAdapter, options: LockerBusOptions) {
    super();
    this.#transport = transport;
    this.#adapter = adapter;
    this.#framer = adapter.createFramer();
    this.#options = options;
  }

  /** Whether the adapter echoes: as configured, or as learned (undefined: not yet known). */
  get echoDetected(): boolean | undefined {
    return this.#options.echo === "auto" ? this.#learned : this.#options.echo;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#transport.on("data", this.#onData);
    this.#transport.on("disconnected", this.#onDisconnected);
  }

  stop(): void {
    this.#running = false;
    this.#transport.off("data", this.#onData);
    this.#transport.off("disconnected", this.#onDisconnected);
    this.#settle({ kind: "no-answer", reason: "stopped" });
  }

  /** Queues a request behind any outstanding one; `onSent` runs once its bytes are on the wire. */
  request(request: LockerRequest, onSent?: () => void): Promise<BusOutcome> {
    const outcome = this.#queue.then(() => this.#exchange(request, onSent));
    this.#queue = outcome.catch(() => undefined);
    return outcome;
  }

  async #exchange(request: LockerRequest, onSent?: () => void): Promise<BusOutcome> {
    if (!this.#running) return { kind: "not-sent", reason: "stopped" };
    if (!this.#transport.connected) return { kind: "not-sent", reason: "disconnected" };
    const bytes = this.#adapter.encode(request);
    for (const frame of this.#framer.expecting(request)) this.#onFrame(frame);
    const answered = new Promise<BusOutcome>((settle) => {
      this.#pending = { request, bytes, copySeen: false, settle };
    });
    let told = true;
    try {
      await this.#transport.write(bytes);
    } catch (error) {
      told = !(isLinliError(error) && error.code === "LINLI_ERR_TRANSPORT_DISCONNECTED");
      this.#settle(
        told
          ? { kind: "no-answer", reason: "write-failed" }
          : { kind: "not-sent", reason: "disconnected" },
      );
    }
    if (told) onSent?.();
    const timer = setTimeout(
      () => this.#settle({ kind: "no-answer", reason: "timeout" }),
      this.#options.replyTimeoutMs,
    );
    const outcome = await answered;
    clearTimeout(timer);
    for (const frame of this.#framer.expecting(undefined)) this.#onFrame(frame);
    return outcome;
  }

  #onFrame(frame: Uint8Array): void {
    const pending = this.#pending;
    if (pending && sameBytes(frame, pending.bytes)) {
      if (this.#adapter.copyIsAlwaysEcho(pending.request)) {
        pending.copySeen = true;
        this.#learn(true);
        return;
      }
      if (!pending.copySeen && (this.echoDetected ?? true)) {
        pending.copySeen = true;
        return;
      }
      // A copy after the echo, or with no echo: the board's own answer (8A "failed").
    }
    const answer = this.#adapter.decode(frame);
    if (!answer) return;
    this.emit("heard");
    if (pending && this.#adapter.answers(pending.request, answer)) {
      if (!pending.copySeen && this.#adapter.copyIsAlwaysEcho(pending.request)) this.#learn(false);
      this.#settle({ kind: "answer", answer });
      return;
    }
    this.emit("unsolicited", answer);
  }

  #settle(outcome: BusOutcome): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    pending.settle(outcome);
  }

  #learn(echo: boolean | undefined): void {
    if (this.#options.echo !== "auto" || this.#learned === echo) return;
    this.#learned = echo;
    this.emit("echo", echo);
  }
}

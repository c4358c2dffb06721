/**
 * The conversation with an ESC/POS printer: everything the driver writes
 * goes through here one piece at a time — `DLE EOT 1..4` status requests,
 * print data, ASB set-up — and ASB blocks are sorted out of what comes back.
 *
 * A status reply does not say which request it answers, so requests go one
 * at a time and each reply is taken by the request waiting for it. After a
 * request times out the channel stays quiet for one more timeout before the
 * next, so a late reply is dropped rather than taken for the next request's.
 * Nothing overlaps a print write, so a poll asked for after a write answers
 * for the printer after those bytes.
 *
 * Every step is bounded in time: a serial port closed under a write may
 * never call back, and one stuck step would stop every later one.
 */
import { LinliError } from "@linli/protocols";
import {
  type AsbStatus,
  type DecodeResult,
  decodeRealtimeStatus,
  PrinterReplyReader,
  type RealtimeStatusFunction,
  realtimeStatusRequest,
  type StatusParts,
} from "@linli/protocols/escpos";
import type { Transport } from "../transport.js";
import { type PrinterStatus, statusFromParts } from "./printer-status.js";

export type StatusOutcome =
  | { readonly kind: "status"; readonly status: PrinterStatus }
  /** The link is up but the printer did not answer in time. */
  | { readonly kind: "no_answer" }
  /** The link is down, or went down while asking. */
  | { readonly kind: "link_down" };

type QueryOutcome =
  | { readonly kind: "reply"; readonly byte: number }
  | Exclude<StatusOutcome, { kind: "status" }>;

export interface StatusChannelOptions {
  readonly transport: Transport;
  /** How long one request waits for its reply. */
  readonly timeoutMs: number;
  /** An ASB block arrived: the printer's whole status, sent unasked. */
  readonly onAsb: (status: AsbStatus) => void;
}

const FUNCTIONS: readonly RealtimeStatusFunction[] = [1, 2, 3, 4];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Rejects with LINLI_ERR_PRINTER_WRITE_TIMEOUT if `promise` has not settled within `ms`. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LinliError("LINLI_ERR_PRINTER_WRITE_TIMEOUT", `${what} did not finish in ${ms} ms`, {
            status: 504,
          }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class StatusChannel {
  readonly #transport: Transport;
  readonly #timeoutMs: number;
  readonly #onAsb: (status: AsbStatus) => void;
  readonly #reader = new PrinterReplyReader();
  #waiting: ((byte: number | undefined) => void) | undefined;
  #chain: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #quietUntil = 0;
  /** Counts link losses: bytes queued on a link that went away are never written to the next one. */
  #epoch = 0;

  constructor(options: StatusChannelOptions) {
    this.#transport = options.transport;
    this.#timeoutMs = options.timeoutMs;
    this.#onAsb = options.onAsb;
  }

  /** Changes whenever the link is lost; see `send`. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Something is being written or asked, or waits its turn. */
  get busy(): boolean {
    return this.#queued > 0;
  }

  /** Bytes from the printer. */
  receive(chunk: Uint8Array): void {
    for (const reply of this.#reader.push(chunk)) {
      if (reply.kind === "asb") {
        this.#onAsb(reply.status);
      } else if (reply.kind === "realtime") {
        const waiting = this.#waiting;
        this.#waiting = undefined;
        waiting?.(reply.byte);
      }
      // Anything else (XON/XOFF, noise) says nothing about the status.
    }
  }

  /** The link went away: a waiting request gets no answer, a half ASB block is dropped. */
  reset(): void {
    this.#epoch += 1;
    this.#reader.reset();
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(undefined);
  }

  /** Asks `DLE EOT 1..4` in its turn; stops at the first request not answered. */
  poll(): Promise<StatusOutcome> {
    return this.#inTurn(() => this.#pollNow());
  }

  /**
   * Writes bytes in their turn. Rejects like `Transport.write` (with
   * LINLI_ERR_TRANSPORT_DISCONNECTED, nothing written, also when the link
   * dropped while they waited), or with LINLI_ERR_PRINTER_WRITE_TIMEOUT when
   * they were not taken within `limitMs`. `epoch` (now by default) is the
   * link they are meant for: a link lost since then refuses them unwritten.
   */
  send(bytes: Uint8Array, limitMs: number, epoch = this.#epoch): Promise<void> {
    return this.#inTurn(async () => {
      if (epoch !== this.#epoch) {
        throw new LinliError(
          "LINLI_ERR_TRANSPORT_DISCONNECTED",
          "the printer was disconnected before these bytes could be sent",
          { status: 503 },
        );
      }
      await bounded(this.#transport.write(bytes), limitMs, "writing to the printer");
    });
  }

  #inTurn<T>(task: () => Promise<T>): Promise<T> {
    this.#queued += 1;
    const run = this.#chain.then(task);
    this.#chain = run.catch(() => undefined);
    return run.finally(() => {
      this.#queued -= 1;
    });
  }

  async #pollNow(): Promise<StatusOutcome> {
    const parts: { -readonly [K in keyof StatusParts]: StatusParts[K] } = {};
    for (const fn of FUNCTIONS) {
      const answer = await this.#query(fn);
      if (answer.kind !== "reply") return answer;
      if (fn === 1) parts.printer = decoded(decodeRealtimeStatus(1, answer.byte));
      if (fn === 2) parts.offlineCause = decoded(decodeRealtimeStatus(2, answer.byte));
      if (fn === 3) parts.errorCause = decoded(decodeRealtimeStatus(3, answer.byte));
      if (fn === 4) parts.paper = decoded(decodeRealtimeStatus(4, answer.byte));
    }
    return { kind: "status", status: statusFromParts(parts) };
  }

  async #query(fn: RealtimeStatusFunction): Promise<QueryOutcome> {
    const quiet = this.#quietUntil - Date.now();
    if (quiet > 0) await sleep(quiet);
    if (!this.#transport.connected) return { kind: "link_down" };
    let settle: (byte: number | undefined) => void = () => undefined;
    const reply = new Promise<number | undefined>((resolve) => {
      settle = resolve;
    });
    const forget = (): void => {
      if (this.#waiting === settle) this.#waiting = undefined;
    };
    // Waiting before writing: an in-process printer can answer before the write resolves.
    this.#waiting = settle;
    // The line is idle (nothing else is written meanwhile), so the 3 bytes go at once:
    // the timeout covers writing and answering.
    const timer = setTimeout(() => {
      forget();
      settle(undefined);
    }, this.#timeoutMs);
    this.#transport.write(realtimeStatusRequest(fn)).catch(() => {
      forget();
      settle(undefined);
    });
    const byte = await reply;
    clearTimeout(timer);
    if (byte !== undefined) return { kind: "reply", byte };
    if (!this.#transport.connected) return { kind: "link_down" };
    this.#quietUntil = Date.now() + this.#timeoutMs;
    return { kind: "no_answer" };
  }
}

/** The reader only passes bytes with a real-time reply's fixed bits, which always decode. */
function decoded<T>(result: DecodeResult<T>): T | undefined {
  return result.ok ? result.value : undefined;
}

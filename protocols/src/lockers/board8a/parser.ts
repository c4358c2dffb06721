import { requireByte } from "../bits.js";
import { ResyncScanner, type StreamStats } from "../stream.js";
import { BOARD8A_FRAME_LENGTH, probeBoard8aFrame, statusBytesFor } from "./frame.js";

export interface Board8aParserOptions {
  /**
   * Locks on the board. The host side must give it: it sizes the query-all
   * reply. A simulated board, which only ever parses five-byte requests,
   * leaves it out.
   */
  readonly lockCount?: number;
}

/**
 * Streaming parser for the 8A/80 board: finds frames across chunk
 * boundaries, skips noise, resynchronises after a bad checksum and never
 * reports a frame whose XOR is wrong.
 */
export class Board8aParser {
  readonly #scanner: ResyncScanner;
  readonly #statusBytes: number;
  #awaitingStatusReply = false;

  constructor(options: Board8aParserOptions = {}) {
    this.#statusBytes =
      options.lockCount === undefined
        ? 0
        : statusBytesFor(
            requireByte(options.lockCount, "LINLI_ERR_LOCKER_BAD_LOCK_COUNT", "Lock count", {
              min: 1,
              max: 0xff,
            }),
          );
    this.#scanner = new ResyncScanner(
      (bytes, start) =>
        probeBoard8aFrame(bytes, start, {
          statusBytes: this.#statusBytes,
          preferStatusReply: this.#awaitingStatusReply,
        }),
      Math.max(BOARD8A_FRAME_LENGTH, this.#statusBytes + 4),
    );
  }

  get stats(): Readonly<StreamStats> {
    return this.#scanner.stats;
  }

  get pendingBytes(): number {
    return this.#scanner.pendingBytes;
  }

  /**
   * Call right after sending a query-all request. Until the long reply
   * arrives, a five-byte frame that could be its beginning is held back
   * rather than reported on its own (see `probeBoard8aFrame`). Cleared by
   * the reply itself or by `expectStatusReply(false)`.
   */
  expectStatusReply(expected = true): void {
    this.#awaitingStatusReply = expected;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    const frames = this.#scanner.push(chunk);
    if (this.#awaitingStatusReply && frames.some((frame) => frame.length > BOARD8A_FRAME_LENGTH)) {
      this.#awaitingStatusReply = false;
      // Anything held back for the reply's sake can be judged now.
      if (this.#scanner.pendingBytes > 0) frames.push(...this.#scanner.push(new Uint8Array(0)));
    }
    return frames;
  }

  reset(): void {
    this.#scanner.reset();
    this.#awaitingStatusReply = false;
  }
}

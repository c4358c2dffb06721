/**
 * A resynchronising byte-stream scanner shared by the locker protocols. It
 * knows nothing of any protocol: a probe judges whether a frame starts at a
 * given offset, and the scanner slides over noise one byte at a time, so a
 * valid frame that follows garbage or a corrupted frame is still found.
 */

/** A probe's verdict on the bytes starting at `start`. */
export type FrameProbe =
  | { readonly kind: "frame"; readonly length: number }
  | { readonly kind: "need-more" }
  | { readonly kind: "reject"; readonly badChecksum: boolean };

export type FrameProbeFn = (bytes: Uint8Array, start: number) => FrameProbe;

/** Counters a driver can log or expose as health: nothing here is ever reported as a frame. */
export interface StreamStats {
  /** Valid frames reported. */
  frames: number;
  /** Bytes dropped as noise, including the first byte of every rejected candidate. */
  discardedBytes: number;
  /** Candidates whose header looked right but whose checksum did not match. */
  badChecksums: number;
}

export const REJECT: FrameProbe = { kind: "reject", badChecksum: false };
export const BAD_CHECKSUM: FrameProbe = { kind: "reject", badChecksum: true };
export const NEED_MORE: FrameProbe = { kind: "need-more" };

export class ResyncScanner {
  readonly stats: StreamStats = { frames: 0, discardedBytes: 0, badChecksums: 0 };
  #pending: Uint8Array = new Uint8Array(0);
  readonly #probe: FrameProbeFn;
  readonly #maxFrameLength: number;

  constructor(probe: FrameProbeFn, maxFrameLength: number) {
    this.#probe = probe;
    this.#maxFrameLength = maxFrameLength;
  }

  /** Bytes held back waiting for the rest of a frame; always fewer than the longest frame. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /** Feeds received bytes; returns every complete, checksum-valid frame, in order. Never throws. */
  push(chunk: Uint8Array): Uint8Array[] {
    const bytes = concat(this.#pending, chunk);
    const frames: Uint8Array[] = [];
    let start = 0;
    while (start < bytes.length) {
      const verdict = this.#probe(bytes, start);
      if (
        verdict.kind === "frame" &&
        verdict.length > 0 &&
        start + verdict.length <= bytes.length
      ) {
        frames.push(bytes.slice(start, start + verdict.length));
        this.stats.frames += 1;
        start += verdict.length;
        continue;
      }
      if (verdict.kind === "need-more" && bytes.length - start < this.#maxFrameLength) break;
      if (verdict.kind === "reject" && verdict.badChecksum) this.stats.badChecksums += 1;
      this.stats.discardedBytes += 1;
      start += 1;
    }
    this.#pending = bytes.slice(start);
    return frames;
  }

  /** Forgets any partial frame (after reopening the port, say). */
  reset(): void {
    this.#pending = new Uint8Array(0);
  }
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.length === 0) return tail;
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head, 0);
  joined.set(tail, head.length);
  return joined;
}

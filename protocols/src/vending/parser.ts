import { readVmcFrame, VMC_HEADER_LENGTH, VMC_STX, type VmcFrame } from "./frame.js";

export interface VmcParserStats {
  frames: number;
  /** Bytes dropped as noise, including the first byte of every rejected candidate. */
  discardedBytes: number;
  /** Candidates with a correct header whose XOR did not match. */
  badChecksums: number;
}

/**
 * Streaming parser for FA FB frames: finds frames across chunk boundaries,
 * skips noise, and after a bad XOR skips one byte and rescans, so a frame
 * hidden behind garbage is still found. Never throws, never reports a frame
 * whose XOR is wrong, and holds fewer bytes than the longest frame (260).
 */
export class VmcFrameParser {
  readonly stats: VmcParserStats = { frames: 0, discardedBytes: 0, badChecksums: 0 };
  #pending: Uint8Array = new Uint8Array(0);

  get pendingBytes(): number {
    return this.#pending.length;
  }

  push(chunk: Uint8Array): VmcFrame[] {
    const bytes = this.#pending.length === 0 ? chunk : joined(this.#pending, chunk);
    const frames: VmcFrame[] = [];
    let start = 0;
    while (start < bytes.length) {
      const verdict = this.#judge(bytes, start);
      if (verdict === "need-more") break;
      if (verdict === "noise") {
        this.stats.discardedBytes += 1;
        start += 1;
        continue;
      }
      const frame = readVmcFrame(bytes.subarray(start, start + verdict));
      if (frame === undefined) {
        this.stats.badChecksums += 1;
        this.stats.discardedBytes += 1;
        start += 1;
        continue;
      }
      frames.push(frame);
      this.stats.frames += 1;
      start += verdict;
    }
    this.#pending = bytes.slice(start);
    return frames;
  }

  reset(): void {
    this.#pending = new Uint8Array(0);
  }

  /** A frame's full length if one can start here, "noise" if not, or "need-more". */
  #judge(bytes: Uint8Array, start: number): number | "noise" | "need-more" {
    if (bytes[start] !== VMC_STX[0]) return "noise";
    const second = bytes[start + 1];
    if (second === undefined) return "need-more";
    if (second !== VMC_STX[1]) return "noise";
    const length = bytes[start + 3];
    if (length === undefined) return "need-more";
    const total = VMC_HEADER_LENGTH + length + 1;
    return bytes.length - start < total ? "need-more" : total;
  }
}

function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(head.length + tail.length);
  bytes.set(head, 0);
  bytes.set(tail, head.length);
  return bytes;
}

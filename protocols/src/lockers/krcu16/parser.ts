import { ResyncScanner, type StreamStats } from "../stream.js";
import { type KrCu16FrameLength, probeKrCu16Frame } from "./frame.js";

/**
 * Streaming parser for the KR-CU16: finds frames across chunk boundaries,
 * skips noise, resynchronises after a bad checksum, never reports a frame
 * whose SUM is wrong. `createKrCu16Parser()` wires in the command table.
 */
export class KrCu16Parser {
  readonly #scanner: ResyncScanner;

  constructor(frameLength: KrCu16FrameLength, maxFrameLength: number) {
    this.#scanner = new ResyncScanner(
      (bytes, start) => probeKrCu16Frame(bytes, start, frameLength),
      maxFrameLength,
    );
  }

  get stats(): Readonly<StreamStats> {
    return this.#scanner.stats;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    return this.#scanner.push(chunk);
  }

  reset(): void {
    this.#scanner.reset();
  }
}

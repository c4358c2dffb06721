/**
 * Framing of the Kerong KR-CU16 lock controller (RS-485, 19200 8N1):
 * `02 ADDR CMD [DATA…] 03 SUM`, SUM = sum of every preceding byte & 0xFF.
 * No byte carries the length, so the probe is handed a function that gives
 * the frame length for a command byte (the command table's job, not this
 * file's); unknown command bytes are treated as noise.
 */
import { BAD_CHECKSUM, type FrameProbe, NEED_MORE, REJECT } from "../stream.js";

export const KRCU16_STX = 0x02;
export const KRCU16_ETX = 0x03;
export const KRCU16_MIN_FRAME_LENGTH = 5;

/** The length of a whole frame carrying this command byte, or undefined when unknown. */
export type KrCu16FrameLength = (command: number) => number | undefined;

export function sumOf(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 1) sum += bytes[i] ?? 0;
  return sum & 0xff;
}

export function sealKrCu16Frame(
  address: number,
  command: number,
  data: readonly number[] = [],
): Uint8Array {
  const frame = new Uint8Array(data.length + 5);
  frame.set([KRCU16_STX, address, command, ...data, KRCU16_ETX], 0);
  frame[frame.length - 1] = sumOf(frame, 0, frame.length - 1);
  return frame;
}

export function hasValidKrCu16Checksum(frame: Uint8Array): boolean {
  return (
    frame.length >= KRCU16_MIN_FRAME_LENGTH &&
    frame[0] === KRCU16_STX &&
    frame.at(-2) === KRCU16_ETX &&
    sumOf(frame, 0, frame.length - 1) === frame.at(-1)
  );
}

export function probeKrCu16Frame(
  bytes: Uint8Array,
  start: number,
  frameLength: KrCu16FrameLength,
): FrameProbe {
  if (bytes[start] !== KRCU16_STX) return REJECT;
  const command = bytes[start + 2];
  if (command === undefined) return NEED_MORE;
  const length = frameLength(command);
  if (length === undefined || length < KRCU16_MIN_FRAME_LENGTH) return REJECT;
  if (bytes.length - start < length) return NEED_MORE;
  if (bytes[start + length - 2] !== KRCU16_ETX) return REJECT;
  return sumOf(bytes, start, start + length - 1) === bytes[start + length - 1]
    ? { kind: "frame", length }
    : BAD_CHECKSUM;
}

/**
 * Framing of the "FA FB" VMC host protocol (RS-232, 57600 8N1):
 * `FA FB CMD LEN <LEN bytes> XOR`. LEN counts the bytes between it and the
 * XOR (PACKNO + TEXT, or none at all for POLL and ACK); XOR covers every
 * byte before it, FA FB included. This file knows nothing of commands or of
 * PACKNO: a frame is a command byte and an opaque payload.
 */
import { LinliError } from "../errors.js";

export const VMC_STX: readonly [number, number] = [0xfa, 0xfb];
export const VMC_HEADER_LENGTH = 4;
export const VMC_MAX_PAYLOAD = 0xff;
export const VMC_MAX_FRAME_LENGTH = VMC_HEADER_LENGTH + VMC_MAX_PAYLOAD + 1;

export interface VmcFrame {
  readonly command: number;
  /** The LEN bytes after LEN: PACKNO followed by TEXT, or empty. */
  readonly payload: Uint8Array;
}

export function xorOf(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 1) sum ^= bytes[i] ?? 0;
  return sum;
}

export function encodeVmcFrame(
  command: number,
  payload: Uint8Array | readonly number[] = [],
): Uint8Array {
  if (!Number.isInteger(command) || command < 0 || command > 0xff) {
    throw new LinliError(
      "LINLI_ERR_VENDING_BAD_COMMAND",
      `A VMC command byte must be 0–255, got ${command}`,
      {
        status: 400,
      },
    );
  }
  if (payload.length > VMC_MAX_PAYLOAD) {
    throw new LinliError(
      "LINLI_ERR_VENDING_FRAME_TOO_LONG",
      `A VMC frame carries at most ${VMC_MAX_PAYLOAD} bytes after LEN, got ${payload.length}`,
      { status: 400 },
    );
  }
  const frame = new Uint8Array(VMC_HEADER_LENGTH + payload.length + 1);
  frame.set([...VMC_STX, command, payload.length], 0);
  frame.set(payload, VMC_HEADER_LENGTH);
  frame[frame.length - 1] = xorOf(frame, 0, frame.length - 1);
  return frame;
}

/** Splits a complete frame into command and payload; undefined when it is not one valid frame. */
export function readVmcFrame(frame: Uint8Array): VmcFrame | undefined {
  const [first, second, command, length] = frame;
  if (
    first !== VMC_STX[0] ||
    second !== VMC_STX[1] ||
    command === undefined ||
    length === undefined
  )
    return undefined;
  if (frame.length !== VMC_HEADER_LENGTH + length + 1) return undefined;
  if (xorOf(frame, 0, frame.length - 1) !== frame.at(-1)) return undefined;
  return { command, payload: frame.slice(VMC_HEADER_LENGTH, VMC_HEADER_LENGTH + length) };
}

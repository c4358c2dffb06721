/**
 * Framing of the generic "8A/80" RS-485 locker board (9600 8N1).
 *
 * Fixed frames are five bytes, `CMD BOARD LOCK FUNC XOR`, XOR over the first
 * four. One frame is longer: the query-all reply,
 * `80 BOARD <statusBytes status bytes> 33 XOR`, XOR over everything before
 * it. Nothing in the frame says how many status bytes follow, so the framer
 * must be told (ceil(lockCount / 8)). This file knows the start bytes, the
 * function bytes a five-byte frame may carry and the 0x33 marker, and nothing
 * about what a frame means.
 *
 * Where a status reply's first five bytes could also pass for a frame of
 * their own, the longer reading wins when the whole reply is there; when it
 * is not yet, `preferStatusReply` decides (see Board8aParser). For boards
 * addressed below 0x80 with up to 16 locks, the lock-number check makes the
 * two readings exclusive; from 17 locks the host must say when it awaits a
 * status reply.
 */
import { BAD_CHECKSUM, type FrameProbe, NEED_MORE, REJECT } from "../stream.js";

export const BOARD8A_FRAME_LENGTH = 5;
/** The first byte of every frame: open (0x8A), query (0x80), change report (0x82). */
export const BOARD8A_START_BYTES: readonly number[] = [0x8a, 0x80, 0x82];
/** FUNC bytes seen on the wire: 0x11 open request / failed / closed, 0x00 opened / open, 0x33 query. */
export const BOARD8A_FUNC_BYTES: readonly number[] = [0x00, 0x11, 0x33];
/** Closes the status bytes of a query-all reply. */
export const BOARD8A_STATUS_MARKER = 0x33;
const QUERY = 0x80;

export function xorOf(bytes: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 1) sum ^= bytes[i] ?? 0;
  return sum;
}

export function statusBytesFor(lockCount: number): number {
  return Math.ceil(lockCount / 8);
}

/** Appends the XOR byte to a frame body. */
export function sealBoard8aFrame(body: readonly number[]): Uint8Array {
  const frame = new Uint8Array(body.length + 1);
  frame.set(body, 0);
  frame[body.length] = xorOf(frame, 0, body.length);
  return frame;
}

/** True when `frame` is complete and its trailing XOR matches. */
export function hasValidBoard8aChecksum(frame: Uint8Array): boolean {
  return frame.length >= BOARD8A_FRAME_LENGTH && xorOf(frame, 0, frame.length - 1) === frame.at(-1);
}

export interface Board8aProbeOptions {
  /** Status bytes in a query-all reply; 0 when this side never receives one (a simulated board). */
  readonly statusBytes: number;
  /**
   * With 17 or more locks the first five bytes of a status reply can, for
   * some lock states, pass for a five-byte frame. While the host waits for a
   * query-all reply, such a frame is held until the reply is complete or
   * ruled out; otherwise the five-byte reading wins, so a query-one reply is
   * reported the moment it arrives rather than when the next bytes come.
   */
  readonly preferStatusReply: boolean;
}

type LongVerdict = "none" | "valid" | "bad-checksum" | "pending";

function judgeLong(bytes: Uint8Array, start: number, statusBytes: number): LongVerdict {
  // With one status byte the reply is five bytes long and the short rule covers it.
  if (bytes[start] !== QUERY || statusBytes < 2) return "none";
  const available = bytes.length - start;
  const markerAt = start + 2 + statusBytes;
  if (available > 2 + statusBytes && bytes[markerAt] !== BOARD8A_STATUS_MARKER) return "none";
  if (available < statusBytes + 4) return "pending";
  return xorOf(bytes, start, markerAt + 1) === bytes[markerAt + 1] ? "valid" : "bad-checksum";
}

/**
 * A five-byte frame carries a known FUNC byte and, when the board size is
 * known, a lock number within it. Besides rejecting noise, this keeps the
 * first five bytes of a 16-lock status reply from passing for a frame of
 * their own on boards addressed below 0x80.
 */
function isPlausibleShortFrame(bytes: Uint8Array, start: number, statusBytes: number): boolean {
  const func = bytes[start + 3] ?? -1;
  if (!BOARD8A_FUNC_BYTES.includes(func)) return false;
  if (statusBytes === 0) return true;
  // An eight-lock status reply is five bytes too; its third byte is status, not a lock.
  if (statusBytes === 1 && bytes[start] === QUERY && func === BOARD8A_STATUS_MARKER) return true;
  return (bytes[start + 2] ?? 0) <= statusBytes * 8;
}

export function probeBoard8aFrame(
  bytes: Uint8Array,
  start: number,
  options: Board8aProbeOptions,
): FrameProbe {
  const first = bytes[start];
  if (first === undefined || !BOARD8A_START_BYTES.includes(first)) return REJECT;
  const long = judgeLong(bytes, start, options.statusBytes);
  if (long === "valid") return { kind: "frame", length: options.statusBytes + 4 };
  if (bytes.length - start < BOARD8A_FRAME_LENGTH) return NEED_MORE;
  const shortChecksumOk = xorOf(bytes, start, start + 4) === bytes[start + 4];
  if (shortChecksumOk && isPlausibleShortFrame(bytes, start, options.statusBytes)) {
    if (long === "pending" && options.preferStatusReply) return NEED_MORE;
    return { kind: "frame", length: BOARD8A_FRAME_LENGTH };
  }
  if (long === "pending") return NEED_MORE;
  return shortChecksumOk ? REJECT : BAD_CHECKSUM;
}

/**
 * Meaning of the generic "8A/80" locker board frames, for both sides: the
 * host encodes requests and decodes replies; the simulated board decodes
 * requests and encodes replies. Framing (XOR, boundaries) lives in frame.ts.
 */
import { LinliError } from "../../errors.js";
import { packLockBits, requireByte, unpackLockBits } from "../bits.js";
import {
  BOARD8A_FRAME_LENGTH,
  BOARD8A_STATUS_MARKER,
  hasValidBoard8aChecksum,
  sealBoard8aFrame,
  statusBytesFor,
} from "./frame.js";

/**
 * The command table. `func` is the fixed FUNC byte of a request; `state` maps
 * the FUNC byte of a reply to what it reports.
 */
export const BOARD8A_COMMANDS = {
  open: { from: "host", cmd: 0x8a, func: 0x11, layout: "8A BB LL 11 XOR (LL 0 = every lock)" },
  queryLock: { from: "host", cmd: 0x80, func: 0x33, layout: "80 BB LL 33 XOR (LL 1..n)" },
  queryAll: { from: "host", cmd: 0x80, func: 0x33, layout: "80 BB 00 33 XOR" },
  openResult: {
    from: "board",
    cmd: 0x8a,
    state: { opened: 0x00, failed: 0x11 },
    layout: "8A BB LL SS XOR; a failure is byte-for-byte the request (see echo.ts)",
  },
  lockStatus: {
    from: "board",
    cmd: 0x80,
    state: { closed: 0x11, open: 0x00 },
    layout: "80 BB LL SS XOR",
  },
  allStatus: {
    from: "board",
    cmd: 0x80,
    marker: BOARD8A_STATUS_MARKER,
    layout: "80 BB S1..Sn 33 XOR; n = ceil(locks/8), lock 1 = bit 0 of S1, 1 = closed",
  },
  changeReport: {
    from: "board",
    cmd: 0x82,
    state: { closed: 0x11, open: 0x00 },
    layout: "82 BB LL SS XOR, unsolicited",
  },
} as const;

const C = BOARD8A_COMMANDS;

export type Board8aRequest =
  | { readonly kind: "open"; readonly board: number; readonly lock: number }
  | { readonly kind: "query-lock"; readonly board: number; readonly lock: number }
  | { readonly kind: "query-all"; readonly board: number };

export type Board8aReply =
  | {
      readonly kind: "open-result";
      readonly board: number;
      readonly lock: number;
      readonly opened: boolean;
    }
  | {
      readonly kind: "lock-status";
      readonly board: number;
      readonly lock: number;
      readonly closed: boolean;
    }
  | { readonly kind: "all-status"; readonly board: number; readonly closed: readonly boolean[] }
  | {
      readonly kind: "change-report";
      readonly board: number;
      readonly lock: number;
      readonly closed: boolean;
    };

export interface Board8aReplyOptions {
  /** Locks on the board; trims the all-status flags to this many and checks the reply's size. */
  readonly lockCount?: number;
}

const board = (value: number) =>
  requireByte(value, "LINLI_ERR_LOCKER_BAD_ADDRESS", "Board address");
const lock = (value: number, min = 0) =>
  requireByte(value, "LINLI_ERR_LOCKER_BAD_LOCK", "Lock number", { min, max: 0xff });

export function encodeBoard8aRequest(request: Board8aRequest): Uint8Array {
  switch (request.kind) {
    case "open":
      return sealBoard8aFrame([C.open.cmd, board(request.board), lock(request.lock), C.open.func]);
    case "query-lock":
      return sealBoard8aFrame([
        C.queryLock.cmd,
        board(request.board),
        lock(request.lock, 1),
        C.queryLock.func,
      ]);
    case "query-all":
      return sealBoard8aFrame([C.queryAll.cmd, board(request.board), 0x00, C.queryAll.func]);
  }
}

export function encodeBoard8aReply(reply: Board8aReply): Uint8Array {
  switch (reply.kind) {
    case "open-result":
      return sealBoard8aFrame([
        C.openResult.cmd,
        board(reply.board),
        lock(reply.lock),
        reply.opened ? C.openResult.state.opened : C.openResult.state.failed,
      ]);
    case "lock-status":
      return sealBoard8aFrame([
        C.lockStatus.cmd,
        board(reply.board),
        lock(reply.lock, 1),
        reply.closed ? C.lockStatus.state.closed : C.lockStatus.state.open,
      ]);
    case "change-report":
      return sealBoard8aFrame([
        C.changeReport.cmd,
        board(reply.board),
        lock(reply.lock, 1),
        reply.closed ? C.changeReport.state.closed : C.changeReport.state.open,
      ]);
    case "all-status": {
      const count = reply.closed.length;
      requireByte(count, "LINLI_ERR_LOCKER_BAD_LOCK", "Lock count", { min: 1, max: 0xff });
      const status = packLockBits(reply.closed, statusBytesFor(count));
      return sealBoard8aFrame([C.allStatus.cmd, board(reply.board), ...status, C.allStatus.marker]);
    }
  }
}

function checked(frame: Uint8Array): Uint8Array {
  if (!hasValidBoard8aChecksum(frame)) {
    throw new LinliError(
      "LINLI_ERR_LOCKER_BAD_CHECKSUM",
      "The locker frame is incomplete or its XOR byte does not match; feed bytes through Board8aParser",
      { details: { frame: Array.from(frame) } },
    );
  }
  return frame;
}

function unknown(frame: Uint8Array, expected: string): LinliError {
  return new LinliError(
    "LINLI_ERR_LOCKER_UNKNOWN_FRAME",
    `The locker frame is not ${expected}; check the board model and which side is decoding`,
    { details: { frame: Array.from(frame) } },
  );
}

/** The simulated board's view: what did the host ask? */
export function decodeBoard8aRequest(frame: Uint8Array): Board8aRequest {
  checked(frame);
  const [cmd, boardAddress = 0, lockNumber = 0, func] = frame;
  if (frame.length === BOARD8A_FRAME_LENGTH) {
    if (cmd === C.open.cmd && func === C.open.func) {
      return { kind: "open", board: boardAddress, lock: lockNumber };
    }
    if (cmd === C.queryLock.cmd && func === C.queryLock.func) {
      return lockNumber === 0
        ? { kind: "query-all", board: boardAddress }
        : { kind: "query-lock", board: boardAddress, lock: lockNumber };
    }
  }
  throw unknown(frame, "a host request");
}

function lockState(
  func: number | undefined,
  state: { closed: number; open: number },
): boolean | undefined {
  if (func === state.closed) return true;
  if (func === state.open) return false;
  return undefined;
}

/**
 * The host's view: what did the board answer or report? An open that failed
 * decodes like an echo of the open request would; filter echoes first
 * (Board8aEchoFilter). With more than eight locks a five-byte query frame
 * ending in 0x33 is a request, not a reply, and is refused.
 */
export function decodeBoard8aReply(
  frame: Uint8Array,
  options: Board8aReplyOptions = {},
): Board8aReply {
  checked(frame);
  const [cmd, boardAddress = 0, lockNumber = 0, func] = frame;
  const expectedStatusBytes =
    options.lockCount === undefined ? undefined : statusBytesFor(options.lockCount);
  const statusBytes = frame.length - 4;
  // A five-byte `80 BB xx 33` frame is a status reply only from a board of at most eight locks;
  // from a bigger board it can only be our own query echoed.
  const isStatusReply =
    cmd === C.allStatus.cmd &&
    frame.at(-2) === C.allStatus.marker &&
    (statusBytes > 1 || (expectedStatusBytes ?? 1) === 1);
  if (isStatusReply) {
    if (expectedStatusBytes !== undefined && statusBytes !== expectedStatusBytes) {
      throw new LinliError(
        "LINLI_ERR_LOCKER_BAD_FRAME",
        `The status reply carries ${statusBytes} status bytes but a ${options.lockCount}-lock board sends ${expectedStatusBytes}; check the configured lock count`,
        { details: { frame: Array.from(frame) } },
      );
    }
    const count = options.lockCount ?? statusBytes * 8;
    return {
      kind: "all-status",
      board: boardAddress,
      closed: unpackLockBits(frame.subarray(2, -2), count),
    };
  }
  if (frame.length === BOARD8A_FRAME_LENGTH) {
    if (cmd === C.openResult.cmd) {
      if (func === C.openResult.state.opened)
        return { kind: "open-result", board: boardAddress, lock: lockNumber, opened: true };
      if (func === C.openResult.state.failed)
        return { kind: "open-result", board: boardAddress, lock: lockNumber, opened: false };
    }
    if (cmd === C.lockStatus.cmd) {
      const closed = lockState(func, C.lockStatus.state);
      if (closed !== undefined)
        return { kind: "lock-status", board: boardAddress, lock: lockNumber, closed };
    }
    if (cmd === C.changeReport.cmd) {
      const closed = lockState(func, C.changeReport.state);
      if (closed !== undefined)
        return { kind: "change-report", board: boardAddress, lock: lockNumber, closed };
    }
  }
  throw unknown(frame, "a board reply");
}

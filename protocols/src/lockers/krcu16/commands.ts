/**
 * Meaning of the Kerong KR-CU16 frames.
 *
 * Sources: DESIGN.md (frame, unlock 0x31, status 0x30 → 0x35 reply); for the
 * rest, open-source drivers for the board (a Python RS-485 controller and a
 * TypeScript CU12/CU16 module found on GitHub): 0x33 unlocks every lock of a
 * board; hook bit 1 = locked, infrared bit 1 = item present, lock 1 = bit 0
 * of the first byte of each pair.
 *
 * Assumptions, to check against a real board:
 * - The board answers an unlock (0x31) and an unlock-all (0x33) with the
 *   same nine-byte 0x35 status frame as a status query: both drivers above
 *   read nine bytes after an unlock and parse them as status.
 * - In a 0x35 reply the high nibble of ADDR is the board; the low nibble may
 *   echo the lock of an unlock and is ignored.
 * - Boards 0–15 (ADDR's high nibble), locks 1–16 (low nibble + 1).
 * Not implemented: 0x32 (status of every board on the bus), 0x37/0x38
 * (unlock time), 0x39 (delayed unlock) and the OTA commands.
 */
import { LinliError } from "../../errors.js";
import { packLockBits, requireByte, unpackLockBits } from "../bits.js";
import { hasValidKrCu16Checksum, sealKrCu16Frame } from "./frame.js";
import { KrCu16Parser } from "./parser.js";

export const KRCU16_LOCKS_PER_BOARD = 16;

export const KRCU16_COMMANDS = {
  status: { code: 0x30, from: "host", length: 5, address: "board << 4" },
  unlock: { code: 0x31, from: "host", length: 5, address: "board << 4 | (lock − 1)" },
  unlockAll: { code: 0x33, from: "host", length: 5, address: "board << 4" },
  statusReply: {
    code: 0x35,
    from: "board",
    length: 9,
    address: "board << 4",
    data: "H1-8 H9-16 IR1-8 IR9-16 (hook 1 = locked, IR 1 = item present)",
  },
} as const;

const LENGTH_BY_CODE = new Map<number, number>(
  Object.values(KRCU16_COMMANDS).map((command) => [command.code, command.length]),
);
const MAX_FRAME_LENGTH = Math.max(...LENGTH_BY_CODE.values());

export function krCu16FrameLength(command: number): number | undefined {
  return LENGTH_BY_CODE.get(command);
}

export function createKrCu16Parser(): KrCu16Parser {
  return new KrCu16Parser(krCu16FrameLength, MAX_FRAME_LENGTH);
}

export type KrCu16Request =
  | { readonly kind: "status"; readonly board: number }
  | { readonly kind: "unlock"; readonly board: number; readonly lock: number }
  | { readonly kind: "unlock-all"; readonly board: number };

/** A 0x35 reply. Index 0 of each array is lock 1. */
export interface KrCu16Status {
  readonly board: number;
  readonly locked: readonly boolean[];
  readonly itemPresent: readonly boolean[];
}

const board = (value: number) =>
  requireByte(value, "LINLI_ERR_LOCKER_BAD_ADDRESS", "KR-CU16 board address", { min: 0, max: 15 });
const lock = (value: number) =>
  requireByte(value, "LINLI_ERR_LOCKER_BAD_LOCK", "KR-CU16 lock number", {
    min: 1,
    max: KRCU16_LOCKS_PER_BOARD,
  });

export function encodeKrCu16Request(request: KrCu16Request): Uint8Array {
  switch (request.kind) {
    case "status":
      return sealKrCu16Frame(board(request.board) << 4, KRCU16_COMMANDS.status.code);
    case "unlock":
      return sealKrCu16Frame(
        (board(request.board) << 4) | (lock(request.lock) - 1),
        KRCU16_COMMANDS.unlock.code,
      );
    case "unlock-all":
      return sealKrCu16Frame(board(request.board) << 4, KRCU16_COMMANDS.unlockAll.code);
  }
}

function checked(frame: Uint8Array, code: number, expected: string): Uint8Array {
  if (!hasValidKrCu16Checksum(frame)) {
    throw new LinliError(
      "LINLI_ERR_LOCKER_BAD_CHECKSUM",
      "The KR-CU16 frame is incomplete or its SUM byte does not match; feed bytes through the parser",
      { details: { frame: Array.from(frame) } },
    );
  }
  if (code >= 0 && (frame[2] !== code || frame.length !== krCu16FrameLength(code))) {
    throw new LinliError("LINLI_ERR_LOCKER_UNKNOWN_FRAME", `The KR-CU16 frame is not ${expected}`, {
      details: { frame: Array.from(frame) },
    });
  }
  return frame;
}

/** The simulated board's view of a host request. */
export function decodeKrCu16Request(frame: Uint8Array): KrCu16Request {
  checked(frame, -1, "a request");
  const address = frame[1] ?? 0;
  const boardNumber = address >> 4;
  if (frame.length === KRCU16_COMMANDS.status.length) {
    switch (frame[2]) {
      case KRCU16_COMMANDS.status.code:
        return { kind: "status", board: boardNumber };
      case KRCU16_COMMANDS.unlock.code:
        return { kind: "unlock", board: boardNumber, lock: (address & 0x0f) + 1 };
      case KRCU16_COMMANDS.unlockAll.code:
        return { kind: "unlock-all", board: boardNumber };
    }
  }
  throw new LinliError(
    "LINLI_ERR_LOCKER_UNKNOWN_FRAME",
    "The KR-CU16 frame is not a known host request",
    {
      details: { frame: Array.from(frame) },
    },
  );
}

export function encodeKrCu16Status(status: KrCu16Status): Uint8Array {
  const hooks = packLockBits(status.locked, 2);
  const infrared = packLockBits(status.itemPresent, 2);
  return sealKrCu16Frame(board(status.board) << 4, KRCU16_COMMANDS.statusReply.code, [
    ...hooks,
    ...infrared,
  ]);
}

/** The host's view of a 0x35 status reply. */
export function decodeKrCu16Status(frame: Uint8Array): KrCu16Status {
  checked(frame, KRCU16_COMMANDS.statusReply.code, "a 0x35 status reply");
  return {
    board: (frame[1] ?? 0) >> 4,
    locked: unpackLockBits(frame.subarray(3, 5), KRCU16_LOCKS_PER_BOARD),
    itemPresent: unpackLockBits(frame.subarray(5, 7), KRCU16_LOCKS_PER_BOARD),
  };
}

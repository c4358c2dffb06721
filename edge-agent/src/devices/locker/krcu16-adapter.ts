/**
 * The Kerong KR-CU16 (DESIGN.md): unlock `02 ADDR 31 03 SUM`, status
 * `02 B0 30 03 SUM`, both answered with the nine-byte 0x35 status frame
 * (hook bit 1 = locked). Boards are 0–15 on the wire; board 1 is wire board
 * 0 unless the layout says otherwise. The board never speaks unasked, and
 * no request looks like a 0x35 reply, so an echo can never pass for one.
 */
import {
  createKrCu16Parser,
  decodeKrCu16Status,
  encodeKrCu16Request,
  KRCU16_COMMANDS,
  KRCU16_LOCKS_PER_BOARD,
  type KrCu16Request,
} from "@linli/protocols/lockers";
import type {
  LockerFramer,
  LockerLayout,
  LockerProtocolAdapter,
  LockerRequest,
} from "./protocol.js";

export const KRCU16_BAUD_RATE = 19200;

export function krCu16Adapter(layout: LockerLayout): LockerProtocolAdapter {
  const first = layout.firstAddress ?? 0;
  const locks = Math.min(layout.locksPerBoard, KRCU16_LOCKS_PER_BOARD);

  const wire = (request: LockerRequest): KrCu16Request => {
    const board = first + request.board - 1;
    return request.kind === "open"
      ? { kind: "unlock", board, lock: request.lock }
      : { kind: "status", board };
  };

  return {
    protocol: "kerong-cu16",
    baudRate: KRCU16_BAUD_RATE,

    createFramer(): LockerFramer {
      const parser = createKrCu16Parser();
      return {
        push: (bytes) => parser.push(bytes),
        expecting: () => [],
        reset: () => parser.reset(),
      };
    },

    encode: (request) => encodeKrCu16Request(wire(request)),

    decode(frame) {
      if (frame[2] !== KRCU16_COMMANDS.statusReply.code) return undefined;
      try {
        const status = decodeKrCu16Status(frame);
        const board = status.board - first + 1;
        if (board < 1 || board > layout.boards) return undefined;
        const open = status.locked.slice(0, locks).map((locked) => !locked);
        return { kind: "doors", board, open };
      } catch {
        return undefined;
      }
    },

    // Every request is answered by its board's status frame, taken after any unlock.
    answers: (request, answer) => answer.kind === "doors" && answer.board === request.board,

    copyIsAlwaysEcho: () => true,
  };
}

/**
 * The generic "8A/80" board (DESIGN.md): open `8A BB LL 11`, query one
 * `80 BB LL 33`, query all `80 BB 00 33`, change reports `82 BB LL SS`.
 * Board 1 sits at wire address 1 unless the layout says otherwise.
 */
import {
  Board8aParser,
  type Board8aReply,
  type Board8aRequest,
  decodeBoard8aReply,
  encodeBoard8aRequest,
} from "@linli/protocols/lockers";
import type {
  LockerAnswer,
  LockerFramer,
  LockerLayout,
  LockerProtocolAdapter,
  LockerRequest,
} from "./protocol.js";

export const BOARD8A_BAUD_RATE = 9600;

export function board8aAdapter(layout: LockerLayout): LockerProtocolAdapter {
  const first = layout.firstAddress ?? 1;
  const lockCount = layout.locksPerBoard;
  const boardAt = (address: number): number | undefined => {
    const board = address - first + 1;
    return board >= 1 && board <= layout.boards ? board : undefined;
  };

  const wire = (request: LockerRequest): Board8aRequest => {
    const board = first + request.board - 1;
    switch (request.kind) {
      case "open":
        return { kind: "open", board, lock: request.lock };
      case "lock-status":
        return { kind: "query-lock", board, lock: request.lock };
      case "board-status":
        return { kind: "query-all", board };
    }
  };

  const meaning = (reply: Board8aReply, board: number): LockerAnswer => {
    switch (reply.kind) {
      case "open-result":
        return { kind: "open-result", board, lock: reply.lock, opened: reply.opened };
      case "lock-status":
        return { kind: "door", board, lock: reply.lock, open: !reply.closed, unsolicited: false };
      case "change-report":
        return { kind: "door", board, lock: reply.lock, open: !reply.closed, unsolicited: true };
      case "all-status":
        return { kind: "doors", board, open: reply.closed.map((closed) => !closed) };
    }
  };

  return {
    protocol: "lock-8a",
    baudRate: BOARD8A_BAUD_RATE,

    createFramer(): LockerFramer {
      const parser = new Board8aParser({ lockCount });
      return {
        push: (bytes) => parser.push(bytes),
        expecting(request) {
          // A query-all reply of 17+ locks can begin like a short frame: hold those until it is whole.
          const awaitingLongReply = request?.kind === "board-status";
          parser.expectStatusReply(awaitingLongReply);
          return awaitingLongReply ? [] : parser.push(new Uint8Array(0));
        },
        reset: () => parser.reset(),
      };
    },

    encode: (request) => encodeBoard8aRequest(wire(request)),

    decode(frame) {
      let reply: Board8aReply;
      try {
        reply = decodeBoard8aReply(frame, { lockCount });
      } catch {
        // Our own query echoed, or a frame this board model does not send.
        return undefined;
      }
      const board = boardAt(reply.board);
      return board === undefined ? undefined : meaning(reply, board);
    },

    answers(request, answer) {
      if (answer.board !== request.board) return false;
      switch (request.kind) {
        case "open":
          return answer.kind === "open-result" && answer.lock === request.lock;
        case "lock-status":
          return answer.kind === "door" && !answer.unsolicited && answer.lock === request.lock;
        case "board-status":
          return answer.kind === "doors";
      }
    },

    copyIsAlwaysEcho(request) {
      switch (request.kind) {
        case "open":
          return false; // "failed" is byte-for-byte the request
        case "lock-status":
          return true; // a reply carries 11 or 00 where the request has 33
        case "board-status":
          // Up to eight locks, "all open" (`80 BB 00 33`) is the request itself.
          return lockCount > 8;
      }
    },
  };
}

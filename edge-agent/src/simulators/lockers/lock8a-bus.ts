/**
 * The device side of the generic "8A/80" locker board (RS-485, 9600 8N1),
 * answering as DESIGN.md describes:
 *
 * - open `8A BB LL 11` → `8A BB LL 00` opened, or a copy of the request when
 *   the lock is jammed; lock 0 fires every lock and fails if any stays shut;
 * - query one `80 BB LL 33` → `80 BB LL 11` closed / `80 BB LL 00` open;
 * - query all `80 BB 00 33` → `80 BB S1..Sn 33`, 1 = closed;
 * - a door pushed shut → `82 BB LL 11`, unasked, when change reports are on.
 *
 * Requests for another address, for a lock the board does not have, or with
 * a bad XOR get no answer, as on a real bus.
 */
import {
  Board8aParser,
  type Board8aRequest,
  decodeBoard8aRequest,
  encodeBoard8aReply,
} from "@linli/protocols/lockers";
import {
  badOption,
  type LockerBoardSpec,
  type LockerBusOptions,
  LockerBusSimulator,
} from "./locker-bus.js";

export const LOCK8A_BAUD_RATE = 9600;
export const LOCK8A_DEFAULT_LOCKS = 24;

export interface Lock8aBoardOptions {
  readonly address: number;
  /** Defaults to the bus's `locksPerBoard`. */
  readonly locks?: number;
}

export interface Lock8aBusOptions extends LockerBusOptions {
  /** Board addresses, or boards with their own lock count; default one board at address 1. */
  readonly boards?: readonly (number | Lock8aBoardOptions)[];
  /** Locks on a board that does not say; default 24. */
  readonly locksPerBoard?: number;
  /** Boards send `82 BB LL SS XOR` when a door closes; default true. */
  readonly changeReports?: boolean;
}

function boardsOf(options: Lock8aBusOptions): LockerBoardSpec[] {
  const locksPerBoard = options.locksPerBoard ?? LOCK8A_DEFAULT_LOCKS;
  return (options.boards ?? [1]).map((board) => {
    const spec = typeof board === "number" ? { address: board } : board;
    const locks = spec.locks ?? locksPerBoard;
    if (!Number.isInteger(spec.address) || spec.address < 0 || spec.address > 0xff) {
      throw badOption(`An 8A/80 board address is a byte, 0 to 255; got ${spec.address}`, {
        address: spec.address,
      });
    }
    if (!Number.isInteger(locks) || locks < 1 || locks > 0xff) {
      throw badOption(
        `An 8A/80 board has 1 to 255 locks; board ${spec.address} was given ${locks}`,
        {
          address: spec.address,
          locks,
        },
      );
    }
    return { address: spec.address, locks };
  });
}

function requestIn(frame: Uint8Array): Board8aRequest | undefined {
  try {
    return decodeBoard8aRequest(frame);
  } catch {
    // A reply or change report from another board, or a command this board does not know.
    return undefined;
  }
}

export class Lock8aBusSimulator extends LockerBusSimulator {
  readonly #parser = new Board8aParser();
  #changeReports: boolean;

  constructor(options: Lock8aBusOptions = {}) {
    super(
      options.name ?? "8A/80 locker bus",
      { baudRate: LOCK8A_BAUD_RATE },
      boardsOf(options),
      options,
    );
    this.#changeReports = options.changeReports ?? true;
  }

  setChangeReports(enabled: boolean): void {
    this.#changeReports = enabled;
  }

  protected parseFrames(bytes: Uint8Array): Uint8Array[] {
    return this.#parser.push(bytes);
  }

  protected handleFrame(frame: Uint8Array): void {
    const request = requestIn(frame);
    if (!request || !this.answers(request.board)) return;
    const { board } = request;
    const count = this.lockCount(board);
    switch (request.kind) {
      case "open": {
        if (request.lock > count) return;
        const locks =
          request.lock === 0 ? Array.from({ length: count }, (_, i) => i + 1) : [request.lock];
        // Every lock is fired before judging, so one jam does not spare the rest.
        const results = locks.map((lock) => this.openLock(board, lock));
        const opened = results.every(Boolean);
        this.reply(encodeBoard8aReply({ kind: "open-result", board, lock: request.lock, opened }));
        return;
      }
      case "query-lock": {
        if (request.lock > count) return;
        const closed = !this.doorsOpen(board)[request.lock - 1];
        this.reply(encodeBoard8aReply({ kind: "lock-status", board, lock: request.lock, closed }));
        return;
      }
      case "query-all": {
        const closed = this.doorsOpen(board).map((open) => !open);
        this.reply(encodeBoard8aReply({ kind: "all-status", board, closed }));
        return;
      }
    }
  }

  protected override onDoorClosed(board: number, lock: number): void {
    if (!this.#changeReports) return;
    this.reply(encodeBoard8aReply({ kind: "change-report", board, lock, closed: true }));
  }
}

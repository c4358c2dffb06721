/**
 * The device side of the Kerong KR-CU16 lock controller (RS-485, 19200 8N1):
 * boards 0–15, sixteen locks each.
 *
 * - status `02 B0 30 03 SUM` → `02 B0 35 H1-8 H9-16 IR1-8 IR9-16 03 SUM`,
 *   hook bit 1 = locked, IR bit 1 = item present;
 * - unlock `02 ADDR 31 03 SUM` (ADDR = board << 4 | lock − 1) fires the lock
 *   and answers with the same status frame, taken after the unlock;
 * - unlock-all `02 B0 33 03 SUM` fires every lock and answers likewise.
 *
 * The answer to an unlock follows the codec's assumption (see
 * protocols/src/lockers/krcu16/commands.ts): a 0x35 frame whose ADDR carries
 * only the board. A jammed lock accepts the unlock, but its hook stays
 * locked, which the host sees in that status frame. An unlocked hook latches
 * again when the door is pushed shut. The board never speaks unasked.
 */
import {
  createKrCu16Parser,
  decodeKrCu16Request,
  encodeKrCu16Status,
  KRCU16_LOCKS_PER_BOARD,
  type KrCu16Parser,
  type KrCu16Request,
} from "@linli/protocols/lockers";
import { badOption, type LockerBusOptions, LockerBusSimulator } from "./locker-bus.js";

export const KRCU16_BAUD_RATE = 19200;

export interface KrCu16BusOptions extends LockerBusOptions {
  /** Board numbers on the bus, 0–15 (the DIP switches); default one board, 0. */
  readonly boards?: readonly number[];
}

function requestIn(frame: Uint8Array): KrCu16Request | undefined {
  try {
    return decodeKrCu16Request(frame);
  } catch {
    // Another board's status reply, or a command this simulator does not know.
    return undefined;
  }
}

export class KrCu16BusSimulator extends LockerBusSimulator {
  readonly #parser: KrCu16Parser = createKrCu16Parser();

  constructor(options: KrCu16BusOptions = {}) {
    const boards = (options.boards ?? [0]).map((address) => {
      if (!Number.isInteger(address) || address < 0 || address > 15) {
        throw badOption(`A KR-CU16 board number is 0 to 15; got ${address}`, { address });
      }
      return { address, locks: KRCU16_LOCKS_PER_BOARD };
    });
    super(options.name ?? "KR-CU16 locker bus", { baudRate: KRCU16_BAUD_RATE }, boards, options);
  }

  protected parseFrames(bytes: Uint8Array): Uint8Array[] {
    return this.#parser.push(bytes);
  }

  protected handleFrame(frame: Uint8Array): void {
    const request = requestIn(frame);
    if (!request || !this.answers(request.board)) return;
    const { board } = request;
    if (request.kind === "unlock") this.openLock(board, request.lock);
    if (request.kind === "unlock-all") {
      for (let lock = 1; lock <= KRCU16_LOCKS_PER_BOARD; lock += 1) this.openLock(board, lock);
    }
    this.reply(
      encodeKrCu16Status({
        board,
        locked: this.doorsOpen(board).map((open) => !open),
        itemPresent: this.itemsPresent(board),
      }),
    );
  }
}

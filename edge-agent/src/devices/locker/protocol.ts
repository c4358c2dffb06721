/**
 * What the locker driver needs from a board protocol, and nothing more: how
 * to frame, encode and read the three requests it makes. The conversation,
 * echo handling, retries, polling and jobs are shared (bus.ts, door-open.ts,
 * locker-driver.ts); each protocol is one small adapter behind this interface
 * (board8a-adapter.ts, krcu16-adapter.ts).
 *
 * Boards and locks are numbered from 1 here, as in the profile and the UI;
 * the adapter maps a board to its wire address.
 */

export type LockerProtocolId = "lock-8a" | "kerong-cu16";

export type LockerRequest =
  | { readonly kind: "open"; readonly board: number; readonly lock: number }
  /** The cheapest request that tells one lock's state (8A: query one; KR-CU16: board status). */
  | { readonly kind: "lock-status"; readonly board: number; readonly lock: number }
  | { readonly kind: "board-status"; readonly board: number };

export type LockerAnswer =
  | {
      readonly kind: "open-result";
      readonly board: number;
      readonly lock: number;
      readonly opened: boolean;
    }
  /** Every door of a board; index 0 is lock 1. */
  | { readonly kind: "doors"; readonly board: number; readonly open: readonly boolean[] }
  /** One door: a query-one reply, or a change report the board sent unasked. */
  | {
      readonly kind: "door";
      readonly board: number;
      readonly lock: number;
      readonly open: boolean;
      readonly unsolicited: boolean;
    };

/** A streaming framer: bytes in, complete checksum-valid frames out. */
export interface LockerFramer {
  push(bytes: Uint8Array): Uint8Array[];
  /**
   * Told which request is outstanding (undefined: none). Returns frames it
   * held back while a longer reply was possible and can judge now.
   */
  expecting(request: LockerRequest | undefined): Uint8Array[];
  reset(): void;
}

export interface LockerLayout {
  readonly boards: number;
  readonly locksPerBoard: number;
  /** The wire address of board 1; boards follow on consecutive addresses. */
  readonly firstAddress?: number;
}

export interface LockerProtocolAdapter {
  readonly protocol: LockerProtocolId;
  readonly baudRate: number;
  createFramer(): LockerFramer;
  encode(request: LockerRequest): Uint8Array;
  /** A board frame in driver terms; undefined for requests, noise and boards not ours. */
  decode(frame: Uint8Array): LockerAnswer | undefined;
  /** Whether `answer` is the reply to `request` (not a change report or another board's). */
  answers(request: LockerRequest, answer: LockerAnswer): boolean;
  /**
   * True when no genuine reply to `request` can equal its bytes, so a copy
   * is surely the RS-485 adapter's echo. False for the 8A open, whose
   * "failed" reply is byte-for-byte the request.
   */
  copyIsAlwaysEcho(request: LockerRequest): boolean;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/** The door state an answer tells, for each door it covers. */
export function doorsIn(
  answer: LockerAnswer,
): Array<{ board: number; lock: number; open: boolean }> {
  switch (answer.kind) {
    case "open-result":
      // A failed open says the door stayed shut only as far as the board knows; polls tell the rest.
      return answer.opened ? [{ board: answer.board, lock: answer.lock, open: true }] : [];
    case "doors":
      return answer.open.map((open, index) => ({ board: answer.board, lock: index + 1, open }));
    case "door":
      return [{ board: answer.board, lock: answer.lock, open: answer.open }];
  }
}

/** Whether the reply to an open says the door is open now: an 8A result, or KR-CU16 status. */
export function openedIn(answer: LockerAnswer, lock: number): boolean {
  switch (answer.kind) {
    case "open-result":
      return answer.opened;
    case "doors":
      return answer.open[lock - 1] ?? false;
    case "door":
      return answer.lock === lock && answer.open;
  }
}

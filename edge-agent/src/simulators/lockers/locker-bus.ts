/**
 * What both simulated locker buses share: boards at their addresses on one
 * RS-485 line, the state of every door, the faults a real installation has,
 * and how answers leave a board. The protocols differ only in how a board
 * reads a request and what it answers (lock8a-bus.ts, krcu16-bus.ts).
 */
import { LinliError } from "@linli/protocols";
import { type SerialLineSettings, SimulatorBase } from "../simulator.js";

export const DEFAULT_REPLY_LATENCY_MS = 5;

export interface LockerBusOptions {
  /** Shown in the operator console and in error messages. */
  readonly name?: string;
  /** How long a board takes to act on a request and answer; default 5 ms. */
  readonly replyLatencyMs?: number;
  /** A resident pushes a door shut this long after it opened; default never (see closeDoor). */
  readonly autoCloseAfterMs?: number;
  /** The RS-485 adapter hands every byte the host sends straight back; default false. */
  readonly echo?: boolean;
}

export interface LockerLockSnapshot {
  readonly lock: number;
  readonly open: boolean;
  readonly jammed: boolean;
  /** The resident walked off: the door is never closed automatically. */
  readonly leftOpen: boolean;
  readonly itemPresent: boolean;
  /** Physical opens: a closed door swinging open. An open request to an open door is not one. */
  readonly opens: number;
  /** Open requests the board acted on, whatever came of them. */
  readonly openCommands: number;
}

export interface LockerBoardSnapshot {
  readonly address: number;
  readonly locks: readonly LockerLockSnapshot[];
}

export interface LockerBusSnapshot {
  readonly name: string;
  readonly baudRate: number;
  readonly faults: {
    readonly echo: boolean;
    readonly silent: boolean;
    readonly silentBoards: readonly number[];
    readonly repliesLost: boolean;
    readonly replyLatencyMs: number;
    readonly autoCloseAfterMs: number | undefined;
  };
  readonly boards: readonly LockerBoardSnapshot[];
}

export interface LockerBoardSpec {
  readonly address: number;
  readonly locks: number;
}

interface LockState {
  open: boolean;
  jammed: boolean;
  leftOpen: boolean;
  itemPresent: boolean;
  opens: number;
  openCommands: number;
  autoClose: NodeJS.Timeout | undefined;
}

export function badOption(message: string, details: Record<string, unknown>): LinliError {
  return new LinliError("LINLI_ERR_SIMULATOR_BAD_OPTION", message, { status: 400, details });
}

function milliseconds(value: number, what: string): number {
  if (!Number.isFinite(value) || value < 0) {
    throw badOption(`${what} must be a number of milliseconds, 0 or more; got ${value}`, {
      value,
    });
  }
  return value;
}

export abstract class LockerBusSimulator extends SimulatorBase {
  readonly name: string;
  readonly line: SerialLineSettings;
  readonly #boards = new Map<number, LockState[]>();
  readonly #silentBoards = new Set<number>();
  #echo: boolean;
  #silent = false;
  #repliesLost = false;
  #replyLatencyMs: number;
  #autoCloseAfterMs: number | undefined;

  protected constructor(
    name: string,
    line: SerialLineSettings,
    boards: readonly LockerBoardSpec[],
    options: LockerBusOptions,
  ) {
    super();
    this.name = name;
    this.line = line;
    this.#echo = options.echo ?? false;
    this.#replyLatencyMs = milliseconds(
      options.replyLatencyMs ?? DEFAULT_REPLY_LATENCY_MS,
      "replyLatencyMs",
    );
    this.setAutoClose(options.autoCloseAfterMs);
    for (const { address, locks } of boards) {
      if (this.#boards.has(address)) {
        throw badOption(`Two boards on ${name} share address ${address}; give each its own`, {
          address,
        });
      }
      this.#boards.set(
        address,
        Array.from({ length: locks }, () => ({
          open: false,
          jammed: false,
          leftOpen: false,
          itemPresent: false,
          opens: 0,
          openCommands: 0,
          autoClose: undefined,
        })),
      );
    }
  }

  /** Splits what the host sent into complete, checksum-valid frames. */
  protected abstract parseFrames(bytes: Uint8Array): Uint8Array[];
  /** Acts on one frame after the reply latency; answers through `reply`. */
  protected abstract handleFrame(frame: Uint8Array): void;
  /** A door was pushed shut; a board that reports changes says so here. */
  protected onDoorClosed(_address: number, _lock: number): void {}

  receive(bytes: Uint8Array): void {
    // The adapter's echo reaches the host before any board has had time to answer.
    if (this.#echo) this.transmit(bytes.slice());
    for (const frame of this.parseFrames(bytes)) {
      this.after(this.#replyLatencyMs, () => this.handleFrame(frame));
    }
  }

  // --- what the protocol halves use -------------------------------------------

  /** Whether a board is at this address and alive enough to act and answer. */
  protected answers(address: number): boolean {
    return this.#boards.has(address) && !this.#silent && !this.#silentBoards.has(address);
  }

  protected lockCount(address: number): number {
    return this.#boards.get(address)?.length ?? 0;
  }

  /** Door flags of a board, index 0 = lock 1. */
  protected doorsOpen(address: number): boolean[] {
    return (this.#boards.get(address) ?? []).map((lock) => lock.open);
  }

  protected itemsPresent(address: number): boolean[] {
    return (this.#boards.get(address) ?? []).map((lock) => lock.itemPresent);
  }

  /** A board frame on its way to the host; lost when replies are being lost. */
  protected reply(bytes: Uint8Array): void {
    if (!this.#repliesLost) this.transmit(bytes);
  }

  /** Fires one lock. True when the door is open afterwards; a jammed lock stays shut. */
  protected openLock(address: number, lock: number): boolean {
    const state = this.#lock(address, lock);
    state.openCommands += 1;
    if (state.jammed) {
      this.record(`board ${address} lock ${lock}: jammed, door stayed shut`, { address, lock });
      return false;
    }
    if (state.open) return true;
    state.open = true;
    state.opens += 1;
    this.record(`board ${address} lock ${lock}: door opened`, {
      address,
      lock,
      opens: state.opens,
    });
    this.#scheduleAutoClose(address, lock, state);
    return true;
  }

  // --- the resident and the faults -----------------------------------------------

  /** A resident pushes the door shut. Returns false when it was already shut. */
  closeDoor(address: number, lock: number): boolean {
    const state = this.#lock(address, lock);
    state.leftOpen = false;
    this.cancel(state.autoClose);
    state.autoClose = undefined;
    if (!state.open) return false;
    state.open = false;
    this.record(`board ${address} lock ${lock}: door closed`, { address, lock });
    if (this.answers(address)) this.onDoorClosed(address, lock);
    return true;
  }

  /** Open requests to this lock fail until `unjam`. */
  jam(address: number, lock: number): void {
    this.#lock(address, lock).jammed = true;
  }

  unjam(address: number, lock: number): void {
    this.#lock(address, lock).jammed = false;
  }

  /** The door, once open, stays open and is never closed automatically, until `closeDoor`. */
  leaveOpen(address: number, lock: number): void {
    const state = this.#lock(address, lock);
    state.leftOpen = true;
    this.cancel(state.autoClose);
    state.autoClose = undefined;
  }

  setItemPresent(address: number, lock: number, present: boolean): void {
    this.#lock(address, lock).itemPresent = present;
  }

  setEcho(echo: boolean): void {
    this.#echo = echo;
  }

  /**
   * A dead board (or the whole bus, without `address`): requests are neither
   * acted on nor answered. The adapter's echo, if on, still comes back.
   */
  setSilent(silent: boolean, address?: number): void {
    if (address === undefined) this.#silent = silent;
    else if (silent) this.#silentBoards.add(this.#board(address));
    else this.#silentBoards.delete(address);
  }

  /** Boards act on requests but nothing they send reaches the host (a bad A/B pair, say). */
  setRepliesLost(lost: boolean): void {
    this.#repliesLost = lost;
  }

  setReplyLatency(ms: number): void {
    this.#replyLatencyMs = milliseconds(ms, "Reply latency");
  }

  /** Doors opened from now on close by themselves after `ms`; undefined turns that off. */
  setAutoClose(ms: number | undefined): void {
    this.#autoCloseAfterMs = ms === undefined ? undefined : milliseconds(ms, "autoCloseAfterMs");
  }

  // --- what tests and the console read ----------------------------------------------

  isOpen(address: number, lock: number): boolean {
    return this.#lock(address, lock).open;
  }

  opensOf(address: number, lock: number): number {
    return this.#lock(address, lock).opens;
  }

  snapshot(): LockerBusSnapshot {
    return {
      name: this.name,
      baudRate: this.line.baudRate,
      faults: {
        echo: this.#echo,
        silent: this.#silent,
        silentBoards: [...this.#silentBoards].sort((a, b) => a - b),
        repliesLost: this.#repliesLost,
        replyLatencyMs: this.#replyLatencyMs,
        autoCloseAfterMs: this.#autoCloseAfterMs,
      },
      boards: [...this.#boards].map(([address, locks]) => ({
        address,
        locks: locks.map(({ autoClose: _timer, ...state }, index) => ({
          lock: index + 1,
          ...state,
        })),
      })),
    };
  }

  #scheduleAutoClose(address: number, lock: number, state: LockState): void {
    if (this.#autoCloseAfterMs === undefined || state.leftOpen) return;
    state.autoClose = this.after(this.#autoCloseAfterMs, () => {
      state.autoClose = undefined;
      this.closeDoor(address, lock);
    });
  }

  #board(address: number): number {
    if (this.#boards.has(address)) return address;
    throw new LinliError(
      "LINLI_ERR_SIMULATOR_UNKNOWN_BOARD",
      `${this.name} has no board at address ${address}; it has ${[...this.#boards.keys()].join(", ")}`,
      { status: 404, details: { address } },
    );
  }

  #lock(address: number, lock: number): LockState {
    const state = this.#boards.get(this.#board(address))?.[lock - 1];
    if (state) return state;
    throw new LinliError(
      "LINLI_ERR_SIMULATOR_UNKNOWN_LOCK",
      `Board ${address} of ${this.name} has locks 1 to ${this.lockCount(address)}, not ${lock}`,
      { status: 404, details: { address, lock } },
    );
  }
}

/**
 * What the driver knows of every door: open or closed and since when, which
 * doors were left open too long, which locks are jammed. Reports door
 * changes as device events; the health detail is read from here.
 */

export type DoorReport = (type: string, data: Record<string, unknown>) => void;

interface DoorRecord {
  board: number;
  lock: number;
  open: boolean;
  since: number;
  leftOpen: boolean;
}

export interface DoorDetail {
  /** "<board>-<lock>" → "open" | "closed", for every door whose state is known. */
  doors: Record<string, "open" | "closed">;
  openDoors: string[];
  leftOpen: string[];
  jammed: string[];
}

export const doorKey = (board: number, lock: number) => `${board}-${lock}`;

export class DoorBook {
  readonly #doors = new Map<string, DoorRecord>();
  readonly #jammed = new Set<string>();
  readonly #leftOpenAfterMs: number;
  readonly #report: DoorReport;
  readonly #now: () => number;

  constructor(leftOpenAfterMs: number, report: DoorReport, now: () => number = Date.now) {
    this.#leftOpenAfterMs = leftOpenAfterMs;
    this.#report = report;
    this.#now = now;
  }

  get anyOpen(): boolean {
    return [...this.#doors.values()].some((door) => door.open);
  }

  get anyJammed(): boolean {
    return this.#jammed.size > 0;
  }

  isOpen(board: number, lock: number): boolean | undefined {
    return this.#doors.get(doorKey(board, lock))?.open;
  }

  /**
   * Records a door's state. A door seen open for the first time is reported
   * opened (the operator should know); a door is reported closed only when it
   * was known open.
   */
  apply(board: number, lock: number, open: boolean): void {
    const key = doorKey(board, lock);
    const before = this.#doors.get(key);
    if (before?.open === open) return;
    const now = this.#now();
    this.#doors.set(key, { board, lock, open, since: now, leftOpen: false });
    if (open) {
      // A door that opened is not stuck.
      this.#jammed.delete(key);
      this.#report("door_opened", { board, lock });
    } else if (before) {
      this.#report("door_closed", { board, lock, openForMs: now - before.since });
    }
  }

  markJammed(board: number, lock: number): void {
    this.#jammed.add(doorKey(board, lock));
  }

  clearJammed(board: number, lock: number): void {
    this.#jammed.delete(doorKey(board, lock));
  }

  /** Flags doors open longer than the threshold, once each time they stay open. */
  checkLeftOpen(): void {
    const now = this.#now();
    for (const door of this.#doors.values()) {
      if (!door.open || door.leftOpen || now - door.since < this.#leftOpenAfterMs) continue;
      door.leftOpen = true;
      const { board, lock } = door;
      this.#report("door_left_open", { board, lock, openForMs: now - door.since });
    }
  }

  detail(): DoorDetail {
    const entries = [...this.#doors].sort(([a], [b]) =>
      a.localeCompare(b, "en", { numeric: true }),
    );
    return {
      doors: Object.fromEntries(entries.map(([key, door]) => [key, door.open ? "open" : "closed"])),
      openDoors: entries.filter(([, door]) => door.open).map(([key]) => key),
      leftOpen: entries.filter(([, door]) => door.leftOpen).map(([key]) => key),
      jammed: [...this.#jammed].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    };
  }
}

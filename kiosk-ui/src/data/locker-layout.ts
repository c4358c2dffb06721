import type { LockerLayoutDoor } from "@linli/protocols/api";

/**
 * Where each door of a locker bank goes on the drawing that shows a resident
 * which door opened. The agent knows door numbers and sizes, not where the
 * carpenter put them, so the drawing follows how banks are built: columns of
 * doors numbered top to bottom, left to right, a small door one unit tall, a
 * medium two, a large three, every column the same height.
 */

export const SIZE_UNITS = { S: 1, M: 2, L: 3 } as const;

export interface DoorCell {
  readonly door: LockerLayoutDoor;
  /** From 1, left to right. */
  readonly column: number;
  /** The first unit row the door takes, from 1 at the top. */
  readonly row: number;
  readonly rowSpan: number;
  /** The door's place in its column, from 1 at the top: "the third from the top". */
  readonly fromTop: number;
}

export interface BankDrawing {
  readonly columns: number;
  /** Unit rows: the height of the tallest column. */
  readonly rows: number;
  readonly cells: readonly DoorCell[];
}

/**
 * Lays out a bank's doors in number order, filling a column before starting
 * the next. Columns hold about the same number of units, as few columns as
 * make the drawing roughly square, and never more than `maxColumns` unless
 * a column cannot hold them otherwise.
 */
export function drawBank(
  doors: readonly LockerLayoutDoor[],
  options: { maxColumns?: number } = {},
): BankDrawing {
  if (doors.length === 0) return { columns: 0, rows: 0, cells: [] };
  const ordered = [...doors].sort((a, b) => a.number - b.number);
  const units = ordered.map((door) => SIZE_UNITS[door.size]);
  const total = units.reduce((sum, unit) => sum + unit, 0);
  const wanted = Math.min(options.maxColumns ?? 6, Math.ceil(Math.sqrt(ordered.length)));
  const columnUnits = Math.max(Math.max(...units), Math.ceil(total / wanted));
  const cells: DoorCell[] = [];
  let column = 1;
  let used = 0;
  let fromTop = 0;
  let rows = 0;
  ordered.forEach((door, index) => {
    const span = units[index] ?? 1;
    if (used > 0 && used + span > columnUnits) {
      column += 1;
      used = 0;
      fromTop = 0;
    }
    fromTop += 1;
    cells.push({ door, column, row: used + 1, rowSpan: span, fromTop });
    used += span;
    rows = Math.max(rows, used);
  });
  return { columns: column, rows, cells };
}

/** The cell of a door on the drawing, if the bank has it. */
export function cellOf(
  drawing: BankDrawing,
  door: { board: number; lock: number },
): DoorCell | undefined {
  return drawing.cells.find(
    (cell) => cell.door.board === door.board && cell.door.lock === door.lock,
  );
}

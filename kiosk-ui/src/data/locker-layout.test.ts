import type { LockerLayoutDoor } from "@linli/protocols/api";
import { describe, expect, it } from "vitest";
import { cellOf, drawBank } from "./locker-layout.js";

function bank(sizes: string, board = 1): LockerLayoutDoor[] {
  return [...sizes].map((size, index) => ({
    board,
    lock: index + 1,
    number: index + 1,
    size: size as LockerLayoutDoor["size"],
    use: "parcels",
  }));
}

describe("the drawing of a locker bank", () => {
  it("draws sixteen medium doors as four columns of four, numbered down each column", () => {
    const drawing = drawBank(bank("M".repeat(16)));
    expect(drawing).toMatchObject({ columns: 4, rows: 8 });
    expect(
      drawing.cells.slice(0, 5).map(({ door, column, row, fromTop }) => ({
        number: door.number,
        column,
        row,
        fromTop,
      })),
    ).toEqual([
      { number: 1, column: 1, row: 1, fromTop: 1 },
      { number: 2, column: 1, row: 3, fromTop: 2 },
      { number: 3, column: 1, row: 5, fromTop: 3 },
      { number: 4, column: 1, row: 7, fromTop: 4 },
      { number: 5, column: 2, row: 1, fromTop: 1 },
    ]);
  });

  it("gives a large door three units and a small one one, and starts a new column when a door does not fit", () => {
    const drawing = drawBank(bank("LSSMLL"));
    const cells = drawing.cells.map(({ door, column, row, rowSpan }) => [
      door.number,
      column,
      row,
      rowSpan,
    ]);
    // 13 units for 3 columns (√6 rounded up): columns of 5 units.
    expect(cells).toEqual([
      [1, 1, 1, 3],
      [2, 1, 4, 1],
      [3, 1, 5, 1],
      [4, 2, 1, 2],
      [5, 2, 3, 3],
      [6, 3, 1, 3],
    ]);
    expect(drawing).toMatchObject({ columns: 3, rows: 5 });
  });

  it("keeps to six columns for a wide bank, and orders doors by number whatever order they come in", () => {
    const doors = bank("M".repeat(48)).reverse();
    const drawing = drawBank(doors);
    expect(drawing.columns).toBe(6);
    expect(drawing.cells[0]?.door.number).toBe(1);
    expect(new Set(drawing.cells.map((cell) => cell.column)).size).toBe(6);
  });

  it("finds the cell of the door that opened, by board and lock", () => {
    const drawing = drawBank([
      ...bank("MMMM", 1),
      ...bank("MMMM", 2).map((door) => ({
        ...door,
        number: door.number + 4,
      })),
    ]);
    expect(cellOf(drawing, { board: 2, lock: 1 })).toMatchObject({
      door: { number: 5 },
      column: 2,
      fromTop: 2,
    });
    expect(cellOf(drawing, { board: 3, lock: 1 })).toBeUndefined();
  });

  it("draws nothing for a bank without doors", () => {
    expect(drawBank([])).toEqual({ columns: 0, rows: 0, cells: [] });
  });
});

import { encode } from "uqr";
import { describe, expect, it } from "vitest";
import { QUIET_ZONE, qrDrawing } from "./qr-path.js";

/** Paints the path back into a grid of modules, as a QR reader's camera would see it. */
function paint(path: string, side: number): boolean[][] {
  const grid = Array.from({ length: side }, () => Array<boolean>(side).fill(false));
  for (const [, x, y, width] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dx = 0; dx < Number(width); dx++) {
      const row = grid[Number(y)];
      if (row) row[Number(x) + dx] = true;
    }
  }
  return grid;
}

describe("QR codes drawn as one SVG path", () => {
  const text = "linli-pay://sim/charge/ch_0123456789abcdef?amount=300";

  it("paints exactly the encoder's dark modules, inside a quiet zone", () => {
    const { size, path } = qrDrawing(text);
    const { data } = encode(text, { ecc: "M", border: 0 });
    const painted = paint(path, size + 2 * QUIET_ZONE);
    for (let y = 0; y < size + 2 * QUIET_ZONE; y++) {
      for (let x = 0; x < size + 2 * QUIET_ZONE; x++) {
        const inside =
          x >= QUIET_ZONE && y >= QUIET_ZONE && x < size + QUIET_ZONE && y < size + QUIET_ZONE;
        const expected = inside ? (data[y - QUIET_ZONE]?.[x - QUIET_ZONE] ?? false) : false;
        expect(painted[y]?.[x], `module ${x},${y}`).toBe(expected);
      }
    }
  });

  it("has the three finder squares a reader locks on to", () => {
    const { size, path } = qrDrawing(text);
    const painted = paint(path, size + 2 * QUIET_ZONE);
    for (const [cx, cy] of [
      [0, 0],
      [size - 7, 0],
      [0, size - 7],
    ] as const) {
      // The finder's outer ring is dark all round, its next ring light.
      for (let i = 0; i < 7; i++) {
        expect(painted[QUIET_ZONE + cy]?.[QUIET_ZONE + cx + i]).toBe(true);
        expect(painted[QUIET_ZONE + cy + 6]?.[QUIET_ZONE + cx + i]).toBe(true);
      }
      expect(painted[QUIET_ZONE + cy + 1]?.[QUIET_ZONE + cx + 1]).toBe(false);
      expect(painted[QUIET_ZONE + cy + 3]?.[QUIET_ZONE + cx + 3]).toBe(true);
    }
  });

  it("grows with the text and differs for different texts", () => {
    const short = qrDrawing("R1");
    const long = qrDrawing(`https://pay.example.cn/c/${"x".repeat(200)}`);
    expect(long.size).toBeGreaterThan(short.size);
    expect(qrDrawing("order-1").path).not.toBe(qrDrawing("order-2").path);
  });
});

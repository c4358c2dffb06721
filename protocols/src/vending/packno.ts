/**
 * PACKNO ("communication number") sequencing. The sender numbers each frame
 * 1, 2, … 255, 1, …; a resend after a lost ACK keeps its number. The
 * receiver ACKs every frame, but acts only on a number it has not just seen.
 */

/** The PACKNO to use after `previous` (start with `nextPackNo(0)` = 1). */
export function nextPackNo(previous: number): number {
  return Number.isInteger(previous) && previous >= 1 && previous < 255 ? previous + 1 : 1;
}

/**
 * Remembers the last PACKNO received from the peer. Pure state, no clock:
 * the driver feeds it every frame that carries a PACKNO.
 */
export class PackNoTracker {
  #last: number | undefined;

  /** "duplicate" for a resend of the frame just seen (ACK it again, do not act), else "new". */
  observe(packNo: number): "new" | "duplicate" {
    if (packNo === this.#last) return "duplicate";
    this.#last = packNo;
    return "new";
  }

  get last(): number | undefined {
    return this.#last;
  }

  /** After a reconnect, the peer may start again from any number. */
  reset(): void {
    this.#last = undefined;
  }
}

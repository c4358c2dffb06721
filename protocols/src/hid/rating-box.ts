/**
 * The five-button satisfaction box ("评价器"), a HID device of our own
 * definition (the simulator and any firmware we commission follow it):
 *
 *   input report: byte 0 = report id 0x01, byte 1 = buttons held, bit n−1
 *   for button n (bits 5–7 unused, ignored).
 *
 * Button 1 is 非常满意 (score 5) down to button 5, 非常不满意 (score 1). A
 * press counts on its rising edge: a report with the bit set after one
 * without it. Reports with more than one button held are chords and count
 * for nothing, and a button still held when the chord is released does not
 * count either: it was not newly pressed.
 */
import { LinliError } from "../errors.js";

export const RATING_REPORT_ID = 0x01;
const BUTTON_MASK = 0x1f;

export const RATING_BUTTONS = [
  { button: 1, score: 5, label: "非常满意" },
  { button: 2, score: 4, label: "满意" },
  { button: 3, score: 3, label: "一般" },
  { button: 4, score: 2, label: "不满意" },
  { button: 5, score: 1, label: "非常不满意" },
] as const;

export type RatingButton = (typeof RATING_BUTTONS)[number];
export type RatingScore = RatingButton["score"];

/** Turns the stream of input reports into presses. Pure state; never throws. */
export class RatingBoxDecoder {
  #held = 0;

  push(report: Uint8Array): RatingButton | undefined {
    if (report[0] !== RATING_REPORT_ID || report.length < 2) return undefined;
    const held = (report[1] ?? 0) & BUTTON_MASK;
    const newlyPressed = held & ~this.#held;
    this.#held = held;
    const single = held !== 0 && (held & (held - 1)) === 0;
    if (!single || newlyPressed !== held) return undefined;
    return RATING_BUTTONS[Math.log2(held)];
  }

  /** Forgets the buttons held (after the device is replugged). */
  reset(): void {
    this.#held = 0;
  }
}

function buttonOf(button: number): RatingButton {
  const found = RATING_BUTTONS.find((entry) => entry.button === button);
  if (found === undefined) {
    throw new LinliError(
      "LINLI_ERR_HID_BAD_BUTTON",
      `The rating box has buttons 1 to 5, not ${button}`,
      {
        status: 400,
      },
    );
  }
  return found;
}

/** The report sent while these buttons are held (none = all released). */
export function encodeRatingReport(buttonsHeld: readonly number[] = []): Uint8Array {
  let mask = 0;
  for (const button of buttonsHeld) mask |= 1 << (buttonOf(button).button - 1);
  return Uint8Array.of(RATING_REPORT_ID, mask);
}

/** Press and release of the button for a score: what the simulator sends when a visitor rates. */
export function encodeRatingPress(score: RatingScore): Uint8Array[] {
  const entry = RATING_BUTTONS.find((candidate) => candidate.score === score);
  if (entry === undefined) {
    throw new LinliError(
      "LINLI_ERR_HID_BAD_SCORE",
      `A rating is a score from 1 to 5, not ${String(score)}`,
      {
        status: 400,
      },
    );
  }
  return [encodeRatingReport([entry.button]), encodeRatingReport([])];
}

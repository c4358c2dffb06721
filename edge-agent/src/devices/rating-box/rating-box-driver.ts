/**
 * The five-button rating box: `event("rating_press", { score, button,
 * label })` on each press (the codec's rising edge; chords count for
 * nothing). Which button means which score comes from the profile's labels
 * when given. Misuse (a button hammered, one rating per session) is the
 * ratings service's business, not the driver's: every press is reported.
 */
import type { RatingBoxProfile } from "@linli/device-profiles";
import { RatingBoxDecoder } from "@linli/protocols/hid";
import { InputDevice, type InputDeviceOptions } from "../scanner/input-device.js";

export interface RatingBoxDriverOptions extends InputDeviceOptions {
  profile: { id: string; capabilities?: Pick<RatingBoxProfile["capabilities"], "labels"> };
}

export interface RatingPressEvent {
  score: number;
  button: number;
  label: string;
}

export class RatingBoxDriver extends InputDevice {
  readonly family = "rating-box" as const;
  readonly #decoder = new RatingBoxDecoder();
  readonly #labels: RatingBoxProfile["capabilities"]["labels"] | undefined;
  #presses = 0;
  #lastPressAt: string | null = null;

  constructor(options: RatingBoxDriverOptions) {
    super(options);
    this.#labels = options.profile.capabilities?.labels;
  }

  protected receive(report: Uint8Array): void {
    const pressed = this.#decoder.push(report);
    if (!pressed) return;
    const label = this.#labels?.find((entry) => entry.button === pressed.button);
    const event: RatingPressEvent = {
      score: label?.score ?? pressed.score,
      button: pressed.button,
      label: label?.text ?? pressed.label,
    };
    this.#presses += 1;
    this.#lastPressAt = new Date().toISOString();
    this.emit("event", "rating_press", { ...event });
  }

  protected reset(): void {
    this.#decoder.reset();
  }

  protected override detail(): Record<string, unknown> {
    return { presses: this.#presses, lastPressAt: this.#lastPressAt };
  }
}

/**
 * The five-button rating box (评价器): each press is a report with the
 * button held, then a report with none. Misuse (the same button hammered,
 * several buttons at once) is what the host must recognise, not us.
 */
import {
  encodeRatingPress,
  encodeRatingReport,
  RATING_BUTTONS,
  type RatingScore,
} from "@linli/protocols/hid";
import type { HidDeviceInfo } from "../../bindings/hid.js";
import { SimulatorBase } from "../simulator.js";

export interface RatingBoxSimulatorOptions {
  name?: string;
  /** Default: the pid.codes test id 0x1209:0x0001 of Linli's reference box. */
  vendorId?: number;
  productId?: number;
}

/** A vendor-defined usage page, so the box is not taken for a keyboard. */
export const RATING_BOX_USAGE_PAGE = 0xff00;
export const RATING_BOX_USAGE = 0x01;

function buttonOf(score: RatingScore): number {
  const entry = RATING_BUTTONS.find((candidate) => candidate.score === score);
  if (entry === undefined) throw new RangeError(`A rating is a score from 1 to 5, not ${score}`);
  return entry.button;
}

export class RatingBoxSimulator extends SimulatorBase {
  readonly name: string;
  readonly line = undefined;
  readonly #options: RatingBoxSimulatorOptions;
  readonly #pending = new Set<() => void>();

  constructor(options: RatingBoxSimulatorOptions = {}) {
    super();
    this.#options = options;
    this.name = options.name ?? "rating-box";
  }

  deviceInfo(path: string): HidDeviceInfo {
    return {
      path,
      vendorId: this.#options.vendorId ?? 0x1209,
      productId: this.#options.productId ?? 0x0001,
      usagePage: RATING_BOX_USAGE_PAGE,
      usage: RATING_BOX_USAGE,
      product: "Simulated rating box",
      manufacturer: "Linli simulator",
    };
  }

  /** A visitor presses and releases the button for this score. */
  press(score: RatingScore): void {
    for (const report of encodeRatingPress(score)) this.transmit(report);
    this.record("button pressed", { score });
  }

  /** Presses the same button `times` times, `intervalMs` apart; resolves after the last. */
  pressRepeatedly(score: RatingScore, times: number, intervalMs: number): Promise<void> {
    return new Promise((resolve) => {
      let done = 0;
      const finish = () => {
        this.#pending.delete(finish);
        resolve();
      };
      this.#pending.add(finish);
      const next = () => {
        if (done >= times) return finish();
        this.press(score);
        done += 1;
        if (done >= times) return finish();
        this.after(intervalMs, next);
      };
      next();
    });
  }

  /** Several buttons pressed together, then all released. */
  chord(...scores: RatingScore[]): void {
    this.hold(...scores);
    this.release();
  }

  /** Holds these buttons down (a stuck button, or the start of a chord). */
  hold(...scores: RatingScore[]): void {
    this.transmit(encodeRatingReport(scores.map(buttonOf)));
    this.record("buttons held", { scores });
  }

  release(): void {
    this.transmit(encodeRatingReport([]));
  }

  /** Output reports (LEDs, say) are accepted and ignored. */
  receive(bytes: Uint8Array): void {
    this.record("output report ignored", { bytes: bytes.length });
  }

  override dispose(): void {
    super.dispose();
    // Timers are gone; let anyone awaiting pressRepeatedly move on.
    for (const finish of [...this.#pending]) finish();
  }
}

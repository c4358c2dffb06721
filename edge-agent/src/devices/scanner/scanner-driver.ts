/**
 * A QR / bar code scanner in HID POS mode (one code per run of input
 * reports, assembled by the codec) or in serial line mode (one code per
 * line). Emits `event("scan", { code, symbology, aim })`. Scanners read the
 * same code twice when it lingers in front of them, so an identical code
 * within `debounceMs` of the last read of it is dropped; the window slides
 * while the code keeps being read.
 */
import {
  type AimSymbology,
  type HidPosLayout,
  HidPosScanAssembler,
  type ScannerEncoding,
  ScannerLineParser,
  splitAimPrefix,
  symbologyOfAim,
} from "@linli/protocols/hid";
import { InputDevice, type InputDeviceOptions } from "./input-device.js";

export interface ScannerDriverOptions extends InputDeviceOptions {
  mode: "hid-pos" | "serial-line";
  /** HID POS report layout; default AIM-first (Honeywell, Access-IS). */
  layout?: HidPosLayout;
  encoding?: ScannerEncoding;
  /** Default 1000 ms. */
  debounceMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

export interface ScanEvent {
  code: string;
  /** From the AIM identifier, when the scanner sends one: "qr-code", "code-128", … */
  symbology: AimSymbology | null;
  aim: string | null;
}

export class ScannerDriver extends InputDevice {
  readonly family = "scanner" as const;
  readonly mode: ScannerDriverOptions["mode"];
  readonly #assembler: HidPosScanAssembler | undefined;
  readonly #lines: ScannerLineParser | undefined;
  readonly #debounceMs: number;
  readonly #now: () => number;
  #last: { code: string; at: number } | undefined;
  #scans = 0;
  #duplicates = 0;
  #lastScanAt: string | null = null;

  constructor(options: ScannerDriverOptions) {
    super(options);
    this.mode = options.mode;
    const encoding = options.encoding === undefined ? {} : { encoding: options.encoding };
    if (options.mode === "hid-pos") {
      this.#assembler = new HidPosScanAssembler({
        ...encoding,
        ...(options.layout === undefined ? {} : { layout: options.layout }),
      });
    } else {
      this.#lines = new ScannerLineParser(encoding);
    }
    this.#debounceMs = options.debounceMs ?? 1_000;
    this.#now = options.now ?? Date.now;
  }

  protected receive(chunk: Uint8Array): void {
    if (this.#assembler) {
      const code = this.#assembler.push(chunk);
      if (code) this.#scanned(code.text, code.aim);
      return;
    }
    for (const line of this.#lines?.push(chunk) ?? []) {
      const { aim, text } = splitAimPrefix(line);
      this.#scanned(text, aim);
    }
  }

  protected reset(): void {
    this.#assembler?.reset();
    this.#lines?.reset();
  }

  protected override detail(): Record<string, unknown> {
    return {
      mode: this.mode,
      scans: this.#scans,
      duplicatesDropped: this.#duplicates,
      lastScanAt: this.#lastScanAt,
    };
  }

  #scanned(code: string, aim: string | undefined): void {
    if (code.length === 0) return;
    const now = this.#now();
    const last = this.#last;
    this.#last = { code, at: now };
    if (last && last.code === code && now - last.at < this.#debounceMs) {
      this.#duplicates += 1;
      return;
    }
    this.#scans += 1;
    this.#lastScanAt = new Date(now).toISOString();
    const event: ScanEvent = { code, symbology: symbologyOfAim(aim) ?? null, aim: aim ?? null };
    this.emit("event", "scan", { ...event });
  }
}

/**
 * Assembles HID POS reports into scanned codes: a code longer than one
 * report's data area arrives as several reports, each but the last flagged
 * "more data follows".
 */
import { type AimSymbology, symbologyOfAim } from "./aim.js";
import { decodeHidPosReport, HID_POS_AIM_FIRST, type HidPosLayout } from "./pos-report.js";
import { decodeScannerText, requireSize, type ScannerEncoding } from "./text.js";

export interface ScannedCode {
  readonly text: string;
  readonly bytes: Uint8Array;
  /** `]cm`, when the scanner sent one. */
  readonly aim: string | undefined;
  readonly symbology: AimSymbology | undefined;
}

export interface HidPosScannerOptions {
  readonly layout?: HidPosLayout;
  /** Longest code kept; longer ones are dropped whole. A QR code holds at most 2,953 bytes. */
  readonly maxCodeBytes?: number;
  readonly encoding?: ScannerEncoding;
}

export interface HidPosScannerStats {
  codes: number;
  ignoredReports: number;
  /** Codes dropped for exceeding maxCodeBytes. */
  overflows: number;
}

export class HidPosScanAssembler {
  readonly stats: HidPosScannerStats = { codes: 0, ignoredReports: 0, overflows: 0 };
  readonly #layout: HidPosLayout;
  readonly #maxCodeBytes: number;
  readonly #encoding: ScannerEncoding;
  #parts: Uint8Array[] = [];
  #size = 0;
  #aim: string | undefined;
  #overflowed = false;

  constructor(options: HidPosScannerOptions = {}) {
    this.#layout = options.layout ?? HID_POS_AIM_FIRST;
    this.#maxCodeBytes = requireSize(options.maxCodeBytes ?? 4096, "maxCodeBytes");
    this.#encoding = options.encoding ?? "utf-8";
  }

  /** Feeds one input report; returns the code it completes, if any. Never throws. */
  push(report: Uint8Array): ScannedCode | undefined {
    const decoded = decodeHidPosReport(report, this.#layout);
    if (decoded.kind === "ignored") {
      this.stats.ignoredReports += 1;
      return undefined;
    }
    if (this.#parts.length === 0 && !this.#overflowed) this.#aim = decoded.aim;
    if (!this.#overflowed && this.#size + decoded.data.length > this.#maxCodeBytes) {
      this.#overflowed = true;
      this.stats.overflows += 1;
    }
    if (!this.#overflowed) {
      this.#parts.push(decoded.data);
      this.#size += decoded.data.length;
    }
    if (decoded.more) return undefined;
    const code = this.#overflowed ? undefined : this.#complete();
    this.reset();
    return code;
  }

  /** Drops a half-assembled code (after the device is unplugged mid-scan, say). */
  reset(): void {
    this.#parts = [];
    this.#size = 0;
    this.#aim = undefined;
    this.#overflowed = false;
  }

  #complete(): ScannedCode {
    const bytes = new Uint8Array(this.#size);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.stats.codes += 1;
    return {
      text: decodeScannerText(bytes, this.#encoding),
      bytes,
      aim: this.#aim,
      symbology: symbologyOfAim(this.#aim),
    };
  }
}

/**
 * Serial ("virtual COM") scanner mode: one code per line, terminated by CR,
 * LF or CRLF depending on the scanner's suffix setting. Lines longer than
 * the limit are dropped whole, never cut into pieces that could pass for
 * codes; empty lines (a CR CR suffix, say) are skipped.
 */
import { decodeScannerText, requireSize, type ScannerEncoding } from "./text.js";

const CR = 0x0d;
const LF = 0x0a;

export interface ScannerLineParserOptions {
  readonly maxLineBytes?: number;
  readonly encoding?: ScannerEncoding;
}

export interface ScannerLineStats {
  lines: number;
  /** Lines dropped for exceeding maxLineBytes. */
  overflows: number;
}

export class ScannerLineParser {
  readonly stats: ScannerLineStats = { lines: 0, overflows: 0 };
  readonly #line: Uint8Array;
  readonly #encoding: ScannerEncoding;
  #length = 0;
  #afterCr = false;
  #discarding = false;

  constructor(options: ScannerLineParserOptions = {}) {
    this.#line = new Uint8Array(requireSize(options.maxLineBytes ?? 4096, "maxLineBytes"));
    this.#encoding = options.encoding ?? "utf-8";
  }

  /** Feeds received bytes; returns the lines they complete. Never throws. */
  push(chunk: Uint8Array): string[] {
    const lines: string[] = [];
    for (const byte of chunk) {
      if (byte === LF && this.#afterCr) {
        this.#afterCr = false;
        continue;
      }
      this.#afterCr = byte === CR;
      if (byte === CR || byte === LF) {
        if (!this.#discarding && this.#length > 0) {
          lines.push(decodeScannerText(this.#line.slice(0, this.#length), this.#encoding));
          this.stats.lines += 1;
        }
        this.#length = 0;
        this.#discarding = false;
      } else if (!this.#discarding) {
        if (this.#length === this.#line.length) {
          this.#discarding = true;
          this.#length = 0;
          this.stats.overflows += 1;
        } else {
          this.#line[this.#length] = byte;
          this.#length += 1;
        }
      }
    }
    return lines;
  }

  reset(): void {
    this.#length = 0;
    this.#afterCr = false;
    this.#discarding = false;
  }
}

/**
 * Builders for the host → printer ESC/POS commands Linli sends. Each returns
 * the exact bytes; the encoder and drivers compose them.
 */
import { LinliError } from "../errors.js";
import type { Align, CutMode, QrErrorLevel } from "./document.js";

export const ESC = 0x1b;
export const GS = 0x1d;
export const FS = 0x1c;
export const LF = 0x0a;

const ALIGN_CODE: Readonly<Record<Align, number>> = { left: 0, center: 1, right: 2 };
const QR_LEVEL_CODE: Readonly<Record<QrErrorLevel, number>> = { L: 48, M: 49, Q: 50, H: 51 };

/** `ESC @`: clears the print buffer and resets every setting to its power-on value. */
export const initialize = (): Uint8Array => Uint8Array.of(ESC, 0x40);
/** `FS &`: Chinese (double-byte) character mode, needed before any GBK text. */
export const chineseModeOn = (): Uint8Array => Uint8Array.of(FS, 0x26);
/** `FS .`: back to single-byte characters. */
export const chineseModeOff = (): Uint8Array => Uint8Array.of(FS, 0x2e);
/** `ESC a n`: takes effect only at the start of a line. */
export const selectAlign = (align: Align): Uint8Array =>
  Uint8Array.of(ESC, 0x61, ALIGN_CODE[align]);
/** `ESC E n`: emphasised (bold) on or off. */
export const selectBold = (on: boolean): Uint8Array => Uint8Array.of(ESC, 0x45, on ? 1 : 0);

/** `GS ! n`: character size; width and height multipliers 1–8. */
export function selectSize(width: number, height: number): Uint8Array {
  const clamp = (factor: number): number => Math.min(8, Math.max(1, Math.trunc(factor))) - 1;
  return Uint8Array.of(GS, 0x21, (clamp(width) << 4) | clamp(height));
}

/** `ESC d n`: prints the buffer and feeds n lines (0–255). */
export function feedLines(lines: number): Uint8Array {
  if (!Number.isInteger(lines) || lines < 0 || lines > 255) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_FEED_LINES",
      `A feed must be a whole number of lines from 0 to 255, not ${lines}`,
      { status: 400 },
    );
  }
  return Uint8Array.of(ESC, 0x64, lines);
}

/**
 * `GS V m 0`, function B: feeds the paper until the last printed line is past
 * the cutter, then cuts — m = 65 (`A`) full, 66 (`B`) partial. Function A
 * (`GS V 0`/`GS V 1`) would cut right under the head and lose the last lines.
 */
export const cutPaper = (mode: CutMode): Uint8Array =>
  Uint8Array.of(GS, 0x56, mode === "full" ? 65 : 66, 0);

/**
 * The most a model 2 symbol holds (version 40), by the simplest mode the whole
 * text fits: digits only, the 45-character alphanumeric set, or bytes.
 */
const QR_CAPACITY = {
  numeric: { L: 7089, M: 5596, Q: 3993, H: 3057 },
  alphanumeric: { L: 4296, M: 3391, Q: 2420, H: 1852 },
  byte: { L: 2953, M: 2331, Q: 1663, H: 1273 },
} as const;

/** The store command's own bound (pL pH = k + 3, k ≤ 7089). */
export const QR_MAX_DATA_BYTES = 7089;

export function qrCapacity(data: string, errorLevel: QrErrorLevel): number {
  if (/^[0-9]+$/.test(data)) return QR_CAPACITY.numeric[errorLevel];
  if (/^[0-9A-Z $%*+\-./:]+$/.test(data)) return QR_CAPACITY.alphanumeric[errorLevel];
  return QR_CAPACITY.byte[errorLevel];
}

export interface QrOptions {
  readonly moduleSize: number;
  readonly errorLevel: QrErrorLevel;
}

/** Throws a LinliError if a printer could not print this QR code. */
export function checkQr(data: string, options: QrOptions): Uint8Array {
  const bytes = new TextEncoder().encode(data);
  if (bytes.length === 0) {
    throw new LinliError("LINLI_ERR_ESCPOS_QR_EMPTY", "A QR code needs some data to encode", {
      status: 400,
    });
  }
  const limit = Math.min(QR_MAX_DATA_BYTES, qrCapacity(data, options.errorLevel));
  if (bytes.length > limit) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_QR_TOO_LONG",
      `QR data is ${bytes.length} bytes; a model 2 code at level ${options.errorLevel} holds at most ${limit}: shorten it (a link instead of the text) or lower the error level`,
      { status: 400, details: { bytes: bytes.length, limit, errorLevel: options.errorLevel } },
    );
  }
  if (!Number.isInteger(options.moduleSize) || options.moduleSize < 1 || options.moduleSize > 16) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_QR_MODULE_SIZE",
      `A QR module size must be a whole number of dots from 1 to 16, not ${options.moduleSize}`,
      { status: 400 },
    );
  }
  return bytes;
}

/**
 * `GS ( k` for a model 2 QR code: select model, module size and error level,
 * store the data (pL pH = UTF-8 bytes + 3), print the stored symbol.
 */
export function qrCode(data: string, options: QrOptions): Uint8Array {
  const bytes = checkQr(data, options);
  const storeLength = bytes.length + 3;
  const header = [
    [GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 50, 0], // model 2
    [GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, options.moduleSize],
    [GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, QR_LEVEL_CODE[options.errorLevel]],
    [GS, 0x28, 0x6b, storeLength & 0xff, storeLength >> 8, 0x31, 0x50, 0x30],
  ].flat();
  const print = [GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30];
  const out = new Uint8Array(header.length + bytes.length + print.length);
  out.set(header, 0);
  out.set(bytes, header.length);
  out.set(print, header.length + bytes.length);
  return out;
}

/**
 * Encodes a receipt document to ESC/POS bytes in text mode (no raster
 * images), for GBK printers. The output stays compact: the printer's style
 * state is tracked and a command is sent only when a setting changes.
 *
 * Byte stream: `ESC @`, then `FS &` if any double-byte text follows; per
 * line `ESC a` (alignment), `ESC E` (bold), `GS !` (size) where they change,
 * the GBK text and `LF`; `ESC d n` for feeds; `GS ( k` for QR codes;
 * `GS V 66 0` / `GS V 65 0` to cut; `FS .` at the end if Chinese mode was on.
 */

import {
  chineseModeOff,
  chineseModeOn,
  cutPaper,
  feedLines,
  initialize,
  LF,
  qrCode,
  selectAlign,
  selectBold,
  selectSize,
} from "./commands.js";
import type { Align, ReceiptDocument } from "./document.js";
import { encodeGbk } from "./gb18030.js";
import { type LayoutItem, type LayoutSpan, layoutReceipt } from "./layout.js";

class ByteWriter {
  #bytes = new Uint8Array(1024);
  #length = 0;

  write(bytes: Uint8Array | readonly number[]): void {
    const needed = this.#length + bytes.length;
    if (needed > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(needed, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(bytes, this.#length);
    this.#length = needed;
  }

  toBytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

/** The printer's settings after `ESC @`. */
interface PrinterSettings {
  align: Align;
  bold: boolean;
  size: number;
}

const sizeCode = (span: LayoutSpan): number =>
  (span.doubleWidth ? 0x10 : 0) | (span.doubleHeight ? 0x01 : 0);

export interface EncodeOptions {
  /** Display columns of the paper: 32 for 58 mm, 48 for 80 mm (see PAPER_COLUMNS). */
  readonly columns: number;
}

/** Encodes an already laid-out receipt. */
export function encodeLayout(layout: readonly LayoutItem[]): Uint8Array {
  const out = new ByteWriter();
  const settings: PrinterSettings = { align: "left", bold: false, size: 0 };
  const encoded = layout.map((item) =>
    item.kind === "line" ? item.spans.map((span) => encodeGbk(span.text)) : [],
  );
  const chinese = encoded.some((spans) => spans.some((bytes) => bytes.some((b) => b >= 0x80)));

  const setAlign = (align: Align): void => {
    if (settings.align === align) return;
    out.write(selectAlign(align));
    settings.align = align;
  };

  out.write(initialize());
  if (chinese) out.write(chineseModeOn());
  layout.forEach((item, index) => {
    switch (item.kind) {
      case "line": {
        if (item.spans.length > 0) setAlign(item.align);
        item.spans.forEach((span, spanIndex) => {
          if (settings.bold !== span.bold) {
            out.write(selectBold(span.bold));
            settings.bold = span.bold;
          }
          const size = sizeCode(span);
          if (settings.size !== size) {
            out.write(selectSize(span.doubleWidth ? 2 : 1, span.doubleHeight ? 2 : 1));
            settings.size = size;
          }
          out.write(encoded[index]?.[spanIndex] ?? []);
        });
        out.write([LF]);
        break;
      }
      case "qr":
        setAlign(item.align);
        out.write(qrCode(item.data, item));
        break;
      case "feed":
        out.write(feedLines(item.lines));
        break;
      case "cut":
        out.write(cutPaper(item.mode));
        break;
    }
  });
  if (chinese) out.write(chineseModeOff());
  return out.toBytes();
}

/**
 * Encodes a receipt for paper `columns` wide. Throws a LinliError
 * (`LINLI_ERR_ESCPOS_*`) for a block that cannot print: QR data too long, a
 * table row wider than the paper, a bad feed or module size.
 */
export function encodeReceipt(document: ReceiptDocument, options: EncodeOptions): Uint8Array {
  return encodeLayout(layoutReceipt(document, options.columns));
}

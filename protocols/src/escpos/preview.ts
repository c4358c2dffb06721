/**
 * The plain-text picture of a receipt, one string line per printed line,
 * aligned within the paper's columns. Used for previews of a document before
 * it prints and, from the printer side, of what a simulator received — both
 * render through here, so the two can be compared.
 */
import type { Align, ReceiptDocument } from "./document.js";
import { type LayoutItem, layoutReceipt } from "./layout.js";

/** A line: `columns` is its width on paper (double-width characters count double). */
export type PreviewItem =
  | {
      readonly kind: "line";
      readonly text: string;
      readonly columns: number;
      readonly align: Align;
    }
  | { readonly kind: "qr"; readonly align: Align };

/** What stands for a QR code in the preview. */
export const QR_PLACEHOLDER = "[QR]";

function aligned(text: string, used: number, align: Align, columns: number): string {
  if (text === "") return "";
  const room = Math.max(0, columns - used);
  if (align === "right") return " ".repeat(room) + text;
  if (align === "center") return " ".repeat(Math.floor(room / 2)) + text;
  return text;
}

/**
 * Lines as they appear on paper. Double-width and double-height text keeps
 * its characters (it is aligned by its real width); a QR code is a `[QR]`
 * line; a cut prints nothing.
 */
export function renderPreview(items: Iterable<PreviewItem>, columns: number): string[] {
  const lines: string[] = [];
  for (const item of items) {
    if (item.kind === "qr") {
      lines.push(aligned(QR_PLACEHOLDER, QR_PLACEHOLDER.length, item.align, columns));
    } else lines.push(aligned(item.text, item.columns, item.align, columns));
  }
  return lines;
}

function* previewItemsOf(layout: readonly LayoutItem[]): Generator<PreviewItem> {
  for (const item of layout) {
    if (item.kind === "line") {
      const text = item.spans.map((span) => span.text).join("");
      yield { kind: "line", text, columns: item.columns, align: item.align };
    } else if (item.kind === "qr") yield { kind: "qr", align: item.align };
    else if (item.kind === "feed") {
      for (let line = 0; line < item.lines; line += 1) {
        yield { kind: "line", text: "", columns: 0, align: "left" };
      }
    }
  }
}

/**
 * The plain-text preview of what will print on paper `columns` wide, lines
 * joined with "\n". Throws the same LinliError `encodeReceipt` would.
 */
export function renderReceiptText(document: ReceiptDocument, columns: number): string {
  return renderPreview(previewItemsOf(layoutReceipt(document, columns)), columns).join("\n");
}

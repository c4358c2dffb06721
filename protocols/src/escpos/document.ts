/**
 * The receipt document model: what to print, not how. `layoutReceipt` turns
 * it into lines for a paper width, `encodeReceipt` into ESC/POS bytes and
 * `renderReceiptText` into the plain-text preview.
 */

export type Align = "left" | "center" | "right";
export type QrErrorLevel = "L" | "M" | "Q" | "H";
export type CutMode = "partial" | "full";

/** Columns of the standard font (12×24) on the two paper widths the kiosks use. */
export const PAPER_COLUMNS = { "58mm": 32, "80mm": 48 } as const;
export type PaperWidth = keyof typeof PAPER_COLUMNS;

export interface TextStyle {
  readonly bold?: boolean;
  /** Each character takes twice its columns: a 32-column line holds 16 columns of text. */
  readonly doubleWidth?: boolean;
  /** Twice as tall; takes no extra columns. */
  readonly doubleHeight?: boolean;
}

/** A piece of text with its own style inside a text block; unset fields take the block's. */
export interface TextRun extends TextStyle {
  readonly text: string;
}

/** Text word-wrapped to the paper width; `\n` starts a new line. */
export interface TextBlock extends TextStyle {
  readonly kind: "text";
  readonly text: string | readonly TextRun[];
  readonly align?: Align;
}

/**
 * A row of two texts, the left one flush left and the right one flush right,
 * e.g. `便利店 ...... 5 分钟`. The left text wraps, the right one ends the last
 * line; a right text too wide to share a line goes on a line of its own.
 */
export interface PairBlock {
  readonly kind: "pair";
  readonly left: string;
  readonly right: string;
  /** One printable ASCII character to fill the gap with, e.g. "."; a space by default. */
  readonly fill?: string;
  readonly bold?: boolean;
}

export interface ColumnCell {
  readonly text: string;
  /** Display columns; cells without a width share what is left equally. At least 2. */
  readonly width?: number;
  readonly align?: Align;
  readonly bold?: boolean;
}

/**
 * A table row at normal size. Cells wrap onto more lines (`wrap`, the
 * default) or are cut to their width (`truncate`); a double-byte character is
 * never split.
 */
export interface ColumnsBlock {
  readonly kind: "columns";
  readonly cells: readonly ColumnCell[];
  readonly overflow?: "wrap" | "truncate";
  /** Blank columns between cells; 1 by default. */
  readonly gap?: number;
  readonly bold?: boolean;
}

/** A full-width line of one character. */
export interface RuleBlock {
  readonly kind: "rule";
  readonly char?: "-" | "=";
}

/** A QR code, model 2. The data is sent as UTF-8. */
export interface QrBlock {
  readonly kind: "qr";
  readonly data: string;
  /** Dots per module, 1–16; 6 by default. */
  readonly moduleSize?: number;
  /** M by default. */
  readonly errorLevel?: QrErrorLevel;
  /** Center by default. */
  readonly align?: Align;
}

/** Blank lines, 0–255. */
export interface FeedBlock {
  readonly kind: "feed";
  readonly lines: number;
}

/** Feeds the last line past the cutter and cuts; partial by default. */
export interface CutBlock {
  readonly kind: "cut";
  readonly mode?: CutMode;
}

export type ReceiptBlock =
  | TextBlock
  | PairBlock
  | ColumnsBlock
  | RuleBlock
  | QrBlock
  | FeedBlock
  | CutBlock;

export interface ReceiptDocument {
  readonly blocks: readonly ReceiptBlock[];
}

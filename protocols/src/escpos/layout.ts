/**
 * Lays a receipt document out for a paper width: word-wraps by display
 * columns, builds table rows and pairs, validates QR codes. The encoder and
 * the text preview both work from this layout, so the preview shows exactly
 * the lines that print.
 */
import { LinliError } from "../errors.js";
import { checkQr } from "./commands.js";
import type {
  Align,
  ColumnsBlock,
  CutMode,
  PairBlock,
  QrErrorLevel,
  ReceiptBlock,
  ReceiptDocument,
  TextBlock,
  TextStyle,
} from "./document.js";
import { toPrintable } from "./gb18030.js";

export interface SpanStyle {
  readonly bold: boolean;
  readonly doubleWidth: boolean;
  readonly doubleHeight: boolean;
}

export interface LayoutSpan extends SpanStyle {
  /** Printable text (see `toPrintable`): every character has a GBK code or is ASCII. */
  readonly text: string;
}

export type LayoutItem =
  | {
      readonly kind: "line";
      readonly align: Align;
      readonly spans: readonly LayoutSpan[];
      readonly columns: number;
    }
  | {
      readonly kind: "qr";
      readonly data: string;
      readonly moduleSize: number;
      readonly errorLevel: QrErrorLevel;
      readonly align: Align;
    }
  | { readonly kind: "feed"; readonly lines: number }
  | { readonly kind: "cut"; readonly mode: CutMode };

export type LayoutLine = Extract<LayoutItem, { kind: "line" }>;

interface Glyph {
  readonly char: string;
  /** Columns on paper, width doubling included. */
  readonly width: number;
  readonly style: SpanStyle;
}

const PLAIN: SpanStyle = { bold: false, doubleWidth: false, doubleHeight: false };
const MIN_COLUMNS = 12;
const MAX_COLUMNS = 255;
const MIN_CELL_WIDTH = 2;
/** Never start a line with these (closing punctuation) … */
const NO_LINE_START = new Set([..."，。、；：！？）】》」』〕〉”’…—～·,.;:!?)]}%"]);
/** … nor end one with these (opening brackets, currency before an amount). */
const NO_LINE_END = new Set([..."（【《「『〔〈“‘([{￥$"]);

function glyphsOf(text: string, style: SpanStyle): Glyph[] {
  const factor = style.doubleWidth ? 2 : 1;
  return [...toPrintable(text)].map((char) => ({
    char,
    width: ((char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2) * factor,
    style,
  }));
}

const widthOf = (glyphs: readonly Glyph[]): number =>
  glyphs.reduce((sum, glyph) => sum + glyph.width, 0);

const isWide = (glyph: Glyph): boolean => (glyph.char.codePointAt(0) ?? 0) >= 0x80;

function canBreakBetween(before: Glyph, after: Glyph): boolean {
  if (before.char === " " || after.char === " ") return true;
  if (NO_LINE_START.has(after.char) || NO_LINE_END.has(before.char)) return false;
  return isWide(before) || isWide(after);
}

/** Splits into unbreakable atoms: words, single CJK characters with their punctuation, spaces. */
function atomsOf(glyphs: readonly Glyph[]): Glyph[][] {
  const atoms: Glyph[][] = [];
  let previous: Glyph | undefined;
  for (const glyph of glyphs) {
    const last = atoms.at(-1);
    if (last === undefined || previous === undefined || canBreakBetween(previous, glyph)) {
      atoms.push([glyph]);
    } else last.push(glyph);
    previous = glyph;
  }
  return atoms;
}

function trimEnd(line: Glyph[]): Glyph[] {
  let end = line.length;
  while (end > 0 && line[end - 1]?.char === " ") end -= 1;
  return line.slice(0, end);
}

/** Greedy word wrap by display columns; a word wider than a line is split between characters. */
function wrapGlyphs(glyphs: readonly Glyph[], width: number): Glyph[][] {
  const lines: Glyph[][] = [];
  let line: Glyph[] = [];
  let used = 0;
  const flush = (): void => {
    lines.push(trimEnd(line));
    line = [];
    used = 0;
  };
  for (const atom of atomsOf(glyphs)) {
    const atomWidth = widthOf(atom);
    if (atom[0]?.char === " ") {
      if (line.length === 0 && lines.length > 0) continue;
      if (used + atomWidth <= width) {
        line.push(...atom);
        used += atomWidth;
      } else flush();
      continue;
    }
    if (used + atomWidth > width && atomWidth <= width && line.length > 0) flush();
    for (const glyph of atom) {
      if (used + glyph.width > width && line.length > 0) flush();
      line.push(glyph);
      used += glyph.width;
    }
  }
  if (line.length > 0 || lines.length === 0) flush();
  return lines;
}

function truncateGlyphs(glyphs: readonly Glyph[], width: number): Glyph[] {
  const kept: Glyph[] = [];
  let used = 0;
  for (const glyph of glyphs) {
    if (used + glyph.width > width) break;
    kept.push(glyph);
    used += glyph.width;
  }
  return trimEnd(kept);
}

function sameStyle(a: SpanStyle, b: SpanStyle): boolean {
  return a.bold === b.bold && a.doubleWidth === b.doubleWidth && a.doubleHeight === b.doubleHeight;
}

function lineOf(glyphs: readonly Glyph[], align: Align): LayoutLine {
  const spans: { text: string; style: SpanStyle }[] = [];
  for (const glyph of glyphs) {
    const last = spans.at(-1);
    if (last !== undefined && sameStyle(last.style, glyph.style)) last.text += glyph.char;
    else spans.push({ text: glyph.char, style: glyph.style });
  }
  return {
    kind: "line",
    align,
    spans: spans.map(({ text, style }) => ({ text, ...style })),
    columns: widthOf(glyphs),
  };
}

const spaces = (count: number): Glyph[] => glyphsOf(" ".repeat(Math.max(0, count)), PLAIN);

function styleOf(style: TextStyle, fallback: SpanStyle = PLAIN): SpanStyle {
  return {
    bold: style.bold ?? fallback.bold,
    doubleWidth: style.doubleWidth ?? fallback.doubleWidth,
    doubleHeight: style.doubleHeight ?? fallback.doubleHeight,
  };
}

function layoutText(block: TextBlock, columns: number): LayoutLine[] {
  const blockStyle = styleOf(block);
  const runs = typeof block.text === "string" ? [{ text: block.text }] : block.text;
  const paragraphs: Glyph[][] = [[]];
  for (const run of runs) {
    const style = styleOf(run, blockStyle);
    run.text.split(/\r\n|\r|\n/).forEach((piece, index) => {
      if (index > 0) paragraphs.push([]);
      paragraphs.at(-1)?.push(...glyphsOf(piece, style));
    });
  }
  const align = block.align ?? "left";
  return paragraphs.flatMap((glyphs) =>
    wrapGlyphs(glyphs, columns).map((line) => lineOf(line, align)),
  );
}

function pad(glyphs: Glyph[], width: number, align: Align): Glyph[] {
  const room = width - widthOf(glyphs);
  if (align === "right") return [...spaces(room), ...glyphs];
  if (align === "center") {
    const before = Math.floor(room / 2);
    return [...spaces(before), ...glyphs, ...spaces(room - before)];
  }
  return [...glyphs, ...spaces(room)];
}

function cellWidths(block: ColumnsBlock, columns: number): number[] {
  const gap = block.gap ?? 1;
  const fixed = block.cells.reduce((sum, cell) => sum + (cell.width ?? 0), 0);
  const flexible = block.cells.filter((cell) => cell.width === undefined).length;
  const room = columns - fixed - gap * Math.max(0, block.cells.length - 1);
  let flexibleLeft = flexible;
  let roomLeft = room;
  const widths = block.cells.map((cell) => {
    if (cell.width !== undefined) return cell.width;
    const share = Math.floor(roomLeft / flexibleLeft);
    flexibleLeft -= 1;
    roomLeft -= share;
    return flexibleLeft === 0 ? share + roomLeft : share;
  });
  const fits = room >= 0 && widths.every((w) => Number.isInteger(w) && w >= MIN_CELL_WIDTH);
  if (!fits || !Number.isInteger(gap) || gap < 0 || block.cells.length === 0) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_COLUMNS_TOO_WIDE",
      `A row's cells (widths ${widths.join(", ")}, gap ${gap}) do not fit ${columns} columns with at least ${MIN_CELL_WIDTH} columns each`,
      { status: 400 },
    );
  }
  return widths;
}

function layoutColumns(block: ColumnsBlock, columns: number): LayoutLine[] {
  const widths = cellWidths(block, columns);
  const gap = spaces(block.gap ?? 1);
  const cells = block.cells.map((cell, index) => {
    const width = widths[index] ?? MIN_CELL_WIDTH;
    const glyphs = glyphsOf(cell.text, styleOf({ bold: cell.bold ?? block.bold }));
    const lines =
      block.overflow === "truncate" ? [truncateGlyphs(glyphs, width)] : wrapGlyphs(glyphs, width);
    return { lines, width, align: cell.align ?? "left" };
  });
  const rows = Math.max(...cells.map((cell) => cell.lines.length));
  const out: LayoutLine[] = [];
  for (let row = 0; row < rows; row += 1) {
    const glyphs = cells.flatMap((cell, index) => [
      ...(index > 0 ? gap : []),
      ...pad(cell.lines[row] ?? [], cell.width, cell.align),
    ]);
    out.push(lineOf(trimEnd(glyphs), "left"));
  }
  return out;
}

function layoutPair(block: PairBlock, columns: number): LayoutLine[] {
  const fill = block.fill ?? " ";
  if (!/^[\x20-\x7e]$/.test(fill)) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_FILL",
      `A pair's fill must be one printable ASCII character, not ${JSON.stringify(fill)}`,
      { status: 400 },
    );
  }
  const style = styleOf({ bold: block.bold });
  const left = glyphsOf(block.left, style);
  const right = trimEnd(glyphsOf(block.right.trim(), style));
  const rightWidth = widthOf(right);
  const room = columns - rightWidth - 1;
  if (room < Math.min(widthOf(left), 8) || room < 1) {
    return [
      ...wrapGlyphs(left, columns).map((line) => lineOf(line, "left")),
      ...wrapGlyphs(right, columns).map((line) => lineOf(pad(line, columns, "right"), "left")),
    ];
  }
  const lines = wrapGlyphs(left, room);
  const last = lines.pop() ?? [];
  const gap = columns - widthOf(last) - rightWidth;
  const filler =
    fill !== " " && gap >= 3 ? [" ", fill.repeat(gap - 2), " "].join("") : " ".repeat(gap);
  return [
    ...lines.map((line) => lineOf(line, "left")),
    lineOf([...last, ...glyphsOf(filler, style), ...right], "left"),
  ];
}

function layoutBlock(block: ReceiptBlock, columns: number): LayoutItem[] {
  switch (block.kind) {
    case "text":
      return layoutText(block, columns);
    case "pair":
      return layoutPair(block, columns);
    case "columns":
      return layoutColumns(block, columns);
    case "rule":
      return [lineOf(glyphsOf((block.char ?? "-").repeat(columns), PLAIN), "left")];
    case "qr": {
      const qr = {
        kind: "qr" as const,
        data: block.data,
        moduleSize: block.moduleSize ?? 6,
        errorLevel: block.errorLevel ?? "M",
        align: block.align ?? "center",
      };
      checkQr(qr.data, qr);
      return [qr];
    }
    case "feed":
      if (!Number.isInteger(block.lines) || block.lines < 0 || block.lines > 255) {
        throw new LinliError(
          "LINLI_ERR_ESCPOS_FEED_LINES",
          `A feed must be a whole number of lines from 0 to 255, not ${block.lines}`,
          { status: 400 },
        );
      }
      return block.lines === 0 ? [] : [{ kind: "feed", lines: block.lines }];
    case "cut":
      return [{ kind: "cut", mode: block.mode ?? "partial" }];
  }
}

export function checkColumns(columns: number): void {
  if (!Number.isInteger(columns) || columns < MIN_COLUMNS || columns > MAX_COLUMNS) {
    throw new LinliError(
      "LINLI_ERR_ESCPOS_COLUMNS",
      `Paper width must be a whole number of columns from ${MIN_COLUMNS} to ${MAX_COLUMNS} (32 for 58 mm, 48 for 80 mm), not ${columns}`,
      { status: 400 },
    );
  }
}

/** Lays the document out for `columns` display columns; throws a LinliError for an unprintable block. */
export function layoutReceipt(document: ReceiptDocument, columns: number): LayoutItem[] {
  checkColumns(columns);
  return document.blocks.flatMap((block) => layoutBlock(block, columns));
}

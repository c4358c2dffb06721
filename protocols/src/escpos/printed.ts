/**
 * What came out of the printer: turns parser tokens into printed lines, QR
 * codes and cuts, following the printer's rules (alignment is fixed by the
 * first character of a line, `ESC d n` after text prints that line, `ESC @`
 * drops an unprinted line). For simulators and tests.
 */
import type { EscPosToken } from "./command-table.js";
import type { Align, CutMode, QrErrorLevel } from "./document.js";
import { gbkColumns } from "./gb18030.js";
import { type PreviewItem, renderPreview } from "./preview.js";

export interface PrintedLine {
  readonly kind: "line";
  readonly text: string;
  /** Width on paper, in columns (double-width characters count double). */
  readonly columns: number;
  readonly align: Align;
  /** True if any character of the line was so printed. */
  readonly bold: boolean;
  readonly doubleWidth: boolean;
  readonly doubleHeight: boolean;
}

export interface PrintedQr {
  readonly kind: "qr";
  readonly data: string;
  readonly align: Align;
  readonly model: number;
  readonly moduleSize: number;
  readonly errorLevel: QrErrorLevel;
}

export interface PrintedCut {
  readonly kind: "cut";
  readonly mode: CutMode;
}

export type PrintedItem = PrintedLine | PrintedQr | PrintedCut;

interface Settings {
  align: Align;
  bold: boolean;
  width: number;
  height: number;
  qrModel: number;
  qrModuleSize: number;
  qrErrorLevel: QrErrorLevel;
}

const POWER_ON: Readonly<Settings> = {
  align: "left",
  bold: false,
  width: 1,
  height: 1,
  qrModel: 2,
  qrModuleSize: 3,
  qrErrorLevel: "L",
};

const MAX_LINE_LENGTH = 4096;

interface OpenLine {
  text: string;
  columns: number;
  align: Align;
  bold: boolean;
  doubleWidth: boolean;
  doubleHeight: boolean;
}

/** Holds at most `maxItems` items (oldest dropped first), so a runaway stream stays bounded. */
export class PrintedReceipt {
  readonly items: PrintedItem[] = [];
  readonly #maxItems: number;
  #settings: Settings = { ...POWER_ON };
  #line: OpenLine | undefined;

  constructor(options: { maxItems?: number } = {}) {
    this.#maxItems = options.maxItems ?? 10_000;
  }

  push(tokens: Iterable<EscPosToken>): this {
    for (const token of tokens) this.#apply(token);
    return this;
  }

  get lines(): PrintedLine[] {
    return this.items.filter((item): item is PrintedLine => item.kind === "line");
  }

  get qrCodes(): PrintedQr[] {
    return this.items.filter((item): item is PrintedQr => item.kind === "qr");
  }

  get cuts(): PrintedCut[] {
    return this.items.filter((item): item is PrintedCut => item.kind === "cut");
  }

  /** The same plain-text picture `renderReceiptText` gives for the document that was sent. */
  text(columns: number): string {
    const items: PreviewItem[] = [];
    for (const item of this.items) {
      if (item.kind !== "cut") items.push(item);
    }
    return renderPreview(items, columns).join("\n");
  }

  #apply(token: EscPosToken): void {
    const settings = this.#settings;
    switch (token.kind) {
      case "text":
        this.#write(token.text);
        break;
      case "lf":
        this.#printLine();
        break;
      case "feed":
        if (this.#line !== undefined || token.lines > 0) this.#printLine();
        for (let line = 1; line < token.lines; line += 1) this.#printLine();
        break;
      case "init":
        this.#settings = { ...POWER_ON };
        this.#line = undefined;
        break;
      case "align":
        settings.align = token.align;
        break;
      case "bold":
        settings.bold = token.on;
        break;
      case "size":
        settings.width = token.width;
        settings.height = token.height;
        break;
      case "qr-model":
        settings.qrModel = token.model;
        break;
      case "qr-module-size":
        settings.qrModuleSize = token.moduleSize;
        break;
      case "qr-error-level":
        settings.qrErrorLevel = token.errorLevel;
        break;
      case "qr-print":
        if (token.data === undefined) break;
        if (this.#line !== undefined) this.#printLine();
        this.#add({
          kind: "qr",
          data: token.data,
          align: settings.align,
          model: settings.qrModel,
          moduleSize: settings.qrModuleSize,
          errorLevel: settings.qrErrorLevel,
        });
        break;
      case "cut":
        if (this.#line !== undefined) this.#printLine();
        this.#add({ kind: "cut", mode: token.mode });
        break;
    }
  }

  #write(text: string): void {
    const settings = this.#settings;
    this.#line ??= {
      text: "",
      columns: 0,
      align: settings.align,
      bold: false,
      doubleWidth: false,
      doubleHeight: false,
    };
    const line = this.#line;
    line.text += text;
    line.columns += gbkColumns(text) * settings.width;
    line.bold ||= settings.bold;
    line.doubleWidth ||= settings.width > 1;
    line.doubleHeight ||= settings.height > 1;
    // A real printer wraps at the paper's edge; this only keeps a stream without LF bounded.
    if (line.text.length > MAX_LINE_LENGTH) this.#printLine();
  }

  #printLine(): void {
    const line = this.#line;
    this.#line = undefined;
    this.#add({
      kind: "line",
      text: line?.text ?? "",
      columns: line?.columns ?? 0,
      align: line?.align ?? this.#settings.align,
      bold: line?.bold ?? false,
      doubleWidth: line?.doubleWidth ?? false,
      doubleHeight: line?.doubleHeight ?? false,
    });
  }

  #add(item: PrintedItem): void {
    this.items.push(item);
    if (this.items.length > this.#maxItems) this.items.shift();
  }
}

/**
 * A Chinese ESC/POS receipt printer, the device side: it parses what the host
 * sends, prints it (keeps the lines, QR codes and cuts), answers `DLE EOT n`
 * and sends ASB blocks, and has the faults a kiosk printer has. Nothing here
 * knows the link: a serial binding, a pty, a USB-lp or TCP 9100 shim all just
 * call `receive` and carry what `transmit` sends.
 */
import {
  EscPosParser,
  type EscPosToken,
  encodeAsb,
  type PrintedLine,
  type PrintedQr,
  PrintedReceipt,
  type PrinterState,
  renderPreview,
} from "@linli/protocols/escpos";
import { type SerialLineSettings, SimulatorBase } from "../simulator.js";
import {
  asbEventsBetween,
  asbStatusOf,
  canPrint,
  GOOD_CONDITION,
  type PaperLevel,
  type PrinterCondition,
  printerStateFor,
  realtimeReply,
} from "./printer-status.js";

export interface EscPosPrinterOptions {
  /** 32 for 58 mm paper (the default), 48 for 80 mm. */
  readonly columns?: 32 | 48;
  /** The serial line, when the printer sits on one; 9600 by default. */
  readonly baudRate?: number;
  readonly name?: string;
  /** The receive buffer; what arrives while it is full is lost. 4096 bytes by default. */
  readonly receiveBufferBytes?: number;
  /** Printers sold in China are often set to start in Chinese mode; off by default to expose a missing `FS &`. */
  readonly chineseByDefault?: boolean;
  /** Completed receipts kept for inspection, newest last; 100 by default. */
  readonly keepReceipts?: number;
}

/** What was printed since the last cut and not yet cut off. */
export interface UnfinishedReceipt {
  /** Lines joined with "\n", as `PrintedReceipt.text(columns)` and `renderReceiptText` give them. */
  readonly text: string;
  readonly lines: readonly PrintedLine[];
  readonly qrCodes: readonly PrintedQr[];
}

/** A receipt the cutter cut off. */
export interface CompletedReceipt extends UnfinishedReceipt {
  readonly cutAt: Date;
}

/** What the operator console shows for the printer. */
export interface PrinterSnapshot {
  readonly name: string;
  readonly state: PrinterState;
  readonly paper: PaperLevel;
  readonly coverOpen: boolean;
  readonly online: boolean;
  readonly cutterError: boolean;
  readonly columns: 32 | 48;
  /** Receipts cut since power-on (more than `receipts` keeps). */
  readonly receipts: number;
  readonly lastReceiptText: string | undefined;
  /** Print data received and waiting to print. */
  readonly heldBytes: number;
  readonly lostBytes: number;
  readonly asbEnabled: boolean;
}

const DLE = 0x10;
const EOT = 0x04;
/** How much the print engine takes from the receive buffer at a time. */
const ENGINE_SLICE = 256;
const MAX_ITEMS_PER_RECEIPT = 10_000;

/** Tokens that need the print engine to run, and so wait while the printer is offline. */
const NEEDS_PAPER = new Set<EscPosToken["kind"]>(["text", "lf", "feed", "qr-print", "cut"]);

const PAPER_NEWS: Readonly<Record<PaperLevel, string>> = {
  ok: "paper loaded",
  near_end: "paper near end",
  out: "paper out",
};

/** `ESC d n` prints n lines; one line at a time lets paper run out between them. */
function oneLinePerFeed(tokens: readonly EscPosToken[]): EscPosToken[] {
  return tokens.flatMap((token) =>
    token.kind === "feed" && token.lines > 1
      ? Array.from({ length: token.lines }, () => ({ kind: "feed" as const, lines: 1 }))
      : [token],
  );
}

export class EscPosPrinterSimulator extends SimulatorBase {
  readonly name: string;
  readonly line: SerialLineSettings;
  readonly columns: 32 | 48;
  readonly #bufferLimit: number;
  readonly #keepReceipts: number;
  readonly #parser: EscPosParser;
  /** Applies the printer's rules (alignment, styles, line ends); drained after every token. */
  readonly #engine = new PrintedReceipt();
  #condition: PrinterCondition = GOOD_CONDITION;
  #asbEvents = 0;
  /** The last two bytes seen, to spot `DLE EOT n` across chunks. */
  #previous: [number, number] = [-1, -1];
  #buffer: Uint8Array[] = [];
  /** Bytes in `#buffer` plus the slice whose tokens are still being printed. */
  #bufferedBytes = 0;
  #sliceBytes = 0;
  #tokens: EscPosToken[] = [];
  #nextToken = 0;
  #running = false;
  #lostBytes = 0;
  #linesUntilPaperOut: number | undefined;
  #current: (PrintedLine | PrintedQr)[] = [];
  #receipts: CompletedReceipt[] = [];
  #receiptCount = 0;

  constructor(options: EscPosPrinterOptions = {}) {
    super();
    this.columns = options.columns ?? 32;
    this.name = options.name ?? `escpos-printer-${this.columns === 32 ? 58 : 80}mm`;
    this.line = { baudRate: options.baudRate ?? 9600 };
    this.#bufferLimit = options.receiveBufferBytes ?? 4096;
    this.#keepReceipts = options.keepReceipts ?? 100;
    this.#parser = new EscPosParser({ chineseByDefault: options.chineseByDefault ?? false });
  }

  get condition(): PrinterCondition {
    return this.#condition;
  }

  /** Completed receipts, oldest first (at most `keepReceipts`). */
  get receipts(): readonly CompletedReceipt[] {
    return this.#receipts;
  }

  get currentReceipt(): UnfinishedReceipt {
    return this.#receiptOf(this.#current);
  }

  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /** Print data that arrived while the receive buffer was full. */
  get lostBytes(): number {
    return this.#lostBytes;
  }

  snapshot(): PrinterSnapshot {
    const condition = this.#condition;
    return {
      name: this.name,
      state: printerStateFor(condition),
      paper: condition.paper,
      coverOpen: condition.coverOpen,
      online: canPrint(condition),
      cutterError: condition.cutterError,
      columns: this.columns,
      receipts: this.#receiptCount,
      lastReceiptText: this.#receipts.at(-1)?.text,
      heldBytes: this.#bufferedBytes,
      lostBytes: this.#lostBytes,
      asbEnabled: this.#asbEvents !== 0,
    };
  }

  receive(bytes: Uint8Array): void {
    let rest = this.#takeRealtime(bytes);
    while (rest.length > 0) {
      const room = this.#bufferLimit - this.#bufferedBytes;
      if (room <= 0) break;
      const part = rest.subarray(0, room);
      this.#buffer.push(part.slice());
      this.#bufferedBytes += part.length;
      rest = rest.subarray(part.length);
      this.#run();
    }
    if (rest.length > 0) {
      this.#lostBytes += rest.length;
      this.record("receive buffer full: print data lost", {
        lostBytes: rest.length,
        totalLostBytes: this.#lostBytes,
      });
    }
  }

  /** A new roll, a roll running low, or none. Also cancels a pending `runOutAfterLines`. */
  setPaper(level: PaperLevel): void {
    this.#linesUntilPaperOut = undefined;
    this.#change({ paper: level }, PAPER_NEWS[level]);
  }

  /** The roll ends after `lines` more printed lines (0: now), to stop a job at a known place. */
  runOutAfterLines(lines: number): void {
    if (!Number.isInteger(lines) || lines < 0) {
      throw new RangeError(`runOutAfterLines needs a whole number of lines, not ${lines}`);
    }
    if (lines === 0) this.setPaper("out");
    else this.#linesUntilPaperOut = lines;
  }

  openCover(): void {
    this.#change({ coverOpen: true }, "cover opened");
  }

  closeCover(): void {
    this.#change({ coverOpen: false }, "cover closed");
  }

  goOffline(): void {
    this.#change({ offlineByHand: true }, "taken offline");
  }

  goOnline(): void {
    this.#change({ offlineByHand: false }, "put back online");
  }

  setCutterError(jammed: boolean): void {
    this.#change({ cutterError: jammed }, jammed ? "cutter error" : "cutter error cleared");
  }

  /**
   * Real-time commands act on arrival, ahead of the receive buffer and even
   * while offline, and take no room in it: a driver polling a printer with
   * no paper must not fill its buffer. One split across reads stays in the
   * stream (its start is already buffered); the print engine skips it.
   */
  #takeRealtime(bytes: Uint8Array): Uint8Array {
    let [before, last] = this.#previous;
    const starts: number[] = [];
    bytes.forEach((byte, index) => {
      if (before === DLE && last === EOT && byte >= 1 && byte <= 4) {
        this.transmit(Uint8Array.of(realtimeReply(byte as 1 | 2 | 3 | 4, this.#condition)));
        if (index >= 2) starts.push(index - 2);
        before = -1;
        last = -1;
        return;
      }
      before = last;
      last = byte;
    });
    this.#previous = [before, last];
    if (starts.length === 0) return bytes;
    return bytes.filter((_, index) => !starts.some((start) => index >= start && index < start + 3));
  }

  /**
   * Prints what it can: held tokens first, then the receive buffer a slice at
   * a time. Offline it still runs commands that move no paper (`ESC @`,
   * `GS a` …) up to the first that does, and holds everything from there.
   */
  #run(): void {
    if (this.#running) return;
    this.#running = true;
    try {
      for (;;) {
        for (
          let token = this.#tokens[this.#nextToken];
          token;
          token = this.#tokens[this.#nextToken]
        ) {
          if (NEEDS_PAPER.has(token.kind) && !canPrint(this.#condition)) return;
          this.#nextToken += 1;
          this.#apply(token);
        }
        this.#bufferedBytes -= this.#sliceBytes;
        this.#sliceBytes = 0;
        const slice = this.#takeSlice();
        if (slice === undefined) return;
        this.#sliceBytes = slice.length;
        this.#tokens = oneLinePerFeed(this.#parser.push(slice));
        this.#nextToken = 0;
      }
    } finally {
      this.#running = false;
    }
  }

  #takeSlice(): Uint8Array | undefined {
    const head = this.#buffer[0];
    if (head === undefined) return undefined;
    if (head.length <= ENGINE_SLICE) {
      this.#buffer.shift();
      return head;
    }
    this.#buffer[0] = head.subarray(ENGINE_SLICE);
    return head.subarray(0, ENGINE_SLICE);
  }

  #apply(token: EscPosToken): void {
    if (token.kind === "status-request") return; // answered when it arrived
    if (token.kind === "asb-enable") {
      this.#asbEvents = token.events;
      this.record(token.events === 0 ? "ASB disabled" : "ASB enabled", { events: token.events });
      // A printer sends the first block as soon as ASB is enabled.
      if (token.events !== 0) this.#sendAsb();
      return;
    }
    this.#engine.push([token]);
    // Taking the items out keeps the engine's settings (alignment, size, QR) across cuts.
    for (const item of this.#engine.items.splice(0)) {
      if (item.kind === "cut") {
        this.#cut();
        continue;
      }
      this.#current.push(item);
      if (this.#current.length > MAX_ITEMS_PER_RECEIPT) this.#current.shift();
      if (item.kind === "line") this.#countDownPaper();
    }
  }

  #countDownPaper(): void {
    if (this.#linesUntilPaperOut === undefined) return;
    this.#linesUntilPaperOut -= 1;
    if (this.#linesUntilPaperOut > 0) return;
    this.#linesUntilPaperOut = undefined;
    this.#change({ paper: "out" }, "paper ran out mid-print");
  }

  /** A cut with nothing printed since the last one only feeds blank paper: no receipt. */
  #cut(): void {
    if (this.#current.length === 0) return;
    const receipt: CompletedReceipt = { ...this.#receiptOf(this.#current), cutAt: new Date() };
    this.#current = [];
    this.#receipts.push(receipt);
    if (this.#receipts.length > this.#keepReceipts) this.#receipts.shift();
    this.#receiptCount += 1;
    this.record("printed a receipt", {
      lines: receipt.lines.length,
      qrCodes: receipt.qrCodes.map((qr) => qr.data),
      firstLine: receipt.lines.find((line) => line.text.trim() !== "")?.text,
    });
  }

  #receiptOf(items: readonly (PrintedLine | PrintedQr)[]): UnfinishedReceipt {
    return {
      text: renderPreview(items, this.columns).join("\n"),
      lines: items.filter((item): item is PrintedLine => item.kind === "line"),
      qrCodes: items.filter((item): item is PrintedQr => item.kind === "qr"),
    };
  }

  #change(patch: Partial<PrinterCondition>, news: string): void {
    const before = this.#condition;
    const after: PrinterCondition = { ...before, ...patch };
    if (
      after.paper === before.paper &&
      after.coverOpen === before.coverOpen &&
      after.offlineByHand === before.offlineByHand &&
      after.cutterError === before.cutterError
    ) {
      return;
    }
    this.#condition = after;
    this.record(news, { state: printerStateFor(after), heldBytes: this.#bufferedBytes });
    if ((asbEventsBetween(before, after) & this.#asbEvents) !== 0) this.#sendAsb();
    if (canPrint(after) && !canPrint(before)) this.#run();
  }

  #sendAsb(): void {
    this.transmit(encodeAsb(asbStatusOf(this.#condition)));
  }
}

/**
 * A streaming ESC/POS parser, the printer's side of the wire: bytes in, in
 * chunks of any size, tokens out. Framing only — what each command means is
 * in `command-table.ts`.
 *
 * It never throws and its memory is bounded: a command cut off at the end of
 * a chunk is held (at most `MAX_BUFFERED_COMMAND` bytes) until the rest
 * arrives; image data is discarded as it streams past; text is decoded as it
 * comes, a double-byte character split across chunks included.
 */
import { type EscPosToken, frameCommand, MAX_BUFFERED_COMMAND } from "./command-table.js";

export type { EscPosToken } from "./command-table.js";

export interface EscPosParserOptions {
  /**
   * Whether the printer starts (and restarts after `ESC @`) in Chinese mode,
   * as many printers sold in China are set to. Off by default: bytes from
   * 0x80 up then decode as U+FFFD, which shows a missing `FS &`.
   */
  readonly chineseByDefault?: boolean;
}

const isTextByte = (byte: number): boolean => byte >= 0x20 && byte !== 0x7f;

function newGb18030Decoder(): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder("gb18030");
  } catch {
    return undefined;
  }
}

export class EscPosParser {
  readonly #chineseByDefault: boolean;
  #chinese: boolean;
  #decoder: InstanceType<typeof TextDecoder> | undefined;
  #text = "";
  #tokens: EscPosToken[] = [];
  /** A command that started but has not fully arrived. */
  #pending = new Uint8Array(64);
  #pendingLength = 0;
  #pendingNeed = 0;
  /** Bytes of a skipped command (image data) still to come. */
  #skip = 0;
  #storedQr: string | undefined;

  constructor(options: EscPosParserOptions = {}) {
    this.#chineseByDefault = options.chineseByDefault ?? false;
    this.#chinese = this.#chineseByDefault;
    this.#decoder = newGb18030Decoder();
  }

  /** Bytes held back waiting for the rest of a command; never more than MAX_BUFFERED_COMMAND. */
  get pendingBytes(): number {
    return this.#pendingLength;
  }

  /** Feeds bytes as they arrive; returns the tokens they complete, in order. Never throws. */
  push(chunk: Uint8Array): EscPosToken[] {
    let bytes = chunk;
    if (this.#pendingLength > 0) {
      if (this.#pendingLength + chunk.length < this.#pendingNeed) {
        this.#appendPending(chunk);
        return this.#take();
      }
      bytes = new Uint8Array(this.#pendingLength + chunk.length);
      bytes.set(this.#pending.subarray(0, this.#pendingLength));
      bytes.set(chunk, this.#pendingLength);
      this.#pendingLength = 0;
    }
    let index = 0;
    while (index < bytes.length) {
      if (this.#skip > 0) {
        const skipped = Math.min(this.#skip, bytes.length - index);
        this.#skip -= skipped;
        index += skipped;
        continue;
      }
      if (isTextByte(bytes[index] ?? 0)) {
        let end = index + 1;
        while (end < bytes.length && isTextByte(bytes[end] ?? 0)) end += 1;
        this.#decodeText(bytes.subarray(index, end));
        index = end;
        continue;
      }
      const rest = bytes.subarray(index);
      const verdict = frameCommand(rest);
      this.#flushText(true);
      if (verdict.kind === "need") {
        this.#hold(rest, verdict.total);
        break;
      }
      for (const token of verdict.tokens) this.#emit(token);
      if (verdict.kind === "skip") {
        index += verdict.header;
        this.#skip = verdict.total - verdict.header;
      } else index += verdict.length;
    }
    return this.#take();
  }

  /** The stream has ended: flushes text and reports a command cut off as unknown. */
  end(): EscPosToken[] {
    this.#flushText(true);
    if (this.#pendingLength > 0) {
      const prefix = [...this.#pending.subarray(0, Math.min(4, this.#pendingLength))];
      this.#tokens.push({ kind: "unknown", prefix, length: this.#pendingLength });
    }
    this.#pendingLength = 0;
    this.#skip = 0;
    return this.#take();
  }

  /** Back to power-on state, dropping anything half-received. */
  reset(): void {
    this.#pendingLength = 0;
    this.#skip = 0;
    this.#text = "";
    this.#tokens = [];
    this.#chinese = this.#chineseByDefault;
    this.#decoder = newGb18030Decoder();
    this.#storedQr = undefined;
  }

  #take(): EscPosToken[] {
    this.#flushText(false);
    const tokens = this.#tokens;
    this.#tokens = [];
    return tokens;
  }

  #emit(token: EscPosToken): void {
    switch (token.kind) {
      case "init":
        this.#chinese = this.#chineseByDefault;
        break;
      case "chinese":
        this.#chinese = token.on;
        break;
      case "qr-store":
        this.#storedQr = token.data;
        break;
      case "qr-print":
        this.#tokens.push({ kind: "qr-print", data: this.#storedQr });
        return;
    }
    this.#tokens.push(token);
  }

  #decodeText(bytes: Uint8Array): void {
    if (this.#chinese && this.#decoder !== undefined) {
      this.#text += this.#decoder.decode(bytes, { stream: true });
      return;
    }
    for (const byte of bytes) this.#text += byte < 0x80 ? String.fromCharCode(byte) : "\uFFFD";
  }

  /** `final` also ends a double-byte character left open: a command cannot sit inside one. */
  #flushText(final: boolean): void {
    if (final && this.#decoder !== undefined) this.#text += this.#decoder.decode();
    if (this.#text === "") return;
    this.#tokens.push({ kind: "text", text: this.#text });
    this.#text = "";
  }

  #hold(bytes: Uint8Array, need: number): void {
    this.#pendingLength = 0;
    this.#pendingNeed = Math.min(need, MAX_BUFFERED_COMMAND);
    this.#appendPending(bytes);
  }

  /** Only ever called with less than the command still needs, so the buffer stays bounded. */
  #appendPending(bytes: Uint8Array): void {
    const needed = this.#pendingLength + bytes.length;
    if (needed > this.#pending.length) {
      const grown = new Uint8Array(Math.max(needed, this.#pending.length * 2));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes, this.#pendingLength);
    this.#pendingLength = needed;
  }
}

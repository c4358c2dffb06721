import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_BUFFERED_COMMAND } from "./command-table.js";
import { qrCode } from "./commands.js";
import { encodeGbk } from "./gb18030.js";
import { EscPosParser, type EscPosToken } from "./parser.js";
import { PrintedReceipt } from "./printed.js";

const PROPERTY = { seed: 20261122, numRuns: 500 };

const bytes = (...parts: (Uint8Array | number[] | string)[]): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((part) => (typeof part === "string" ? [...encodeGbk(part)] : [...part])),
  );

/** Joins adjacent text tokens, which chunking may split anywhere. */
function normalise(tokens: readonly EscPosToken[]): EscPosToken[] {
  const out: EscPosToken[] = [];
  for (const token of tokens) {
    const last = out.at(-1);
    if (token.kind === "text" && last?.kind === "text") {
      out[out.length - 1] = { kind: "text", text: last.text + token.text };
    } else out.push(token);
  }
  return out;
}

function parseChunks(chunks: readonly Uint8Array[]): EscPosToken[] {
  const parser = new EscPosParser();
  const tokens = chunks.flatMap((chunk) => parser.push(chunk));
  return normalise([...tokens, ...parser.end()]);
}

const SAMPLE = bytes(
  [0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11],
  "邻里中心",
  [0x0a, 0x1b, 0x61, 0x00, 0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00],
  "早餐 ￥5",
  [0x0a, 0x1b, 0x64, 0x02],
  qrCode("https://linli.example/g/1?q=中", { moduleSize: 4, errorLevel: "M" }),
  [0x10, 0x04, 0x04, 0x1d, 0x61, 0x0f, 0x1d, 0x56, 0x42, 0x00, 0x1c, 0x2e],
);

const SAMPLE_TOKENS: EscPosToken[] = [
  { kind: "init" },
  { kind: "chinese", on: true },
  { kind: "align", align: "center" },
  { kind: "bold", on: true },
  { kind: "size", width: 2, height: 2 },
  { kind: "text", text: "邻里中心" },
  { kind: "lf" },
  { kind: "align", align: "left" },
  { kind: "bold", on: false },
  { kind: "size", width: 1, height: 1 },
  { kind: "text", text: "早餐 ￥5" },
  { kind: "lf" },
  { kind: "feed", lines: 2 },
  { kind: "qr-model", model: 2 },
  { kind: "qr-module-size", moduleSize: 4 },
  { kind: "qr-error-level", errorLevel: "M" },
  { kind: "qr-store", data: "https://linli.example/g/1?q=中", bytes: 31 },
  { kind: "qr-print", data: "https://linli.example/g/1?q=中" },
  { kind: "status-request", fn: 4 },
  { kind: "asb-enable", events: 0x0f },
  { kind: "cut", mode: "partial" },
  { kind: "chinese", on: false },
];

describe("ESC/POS parser", () => {
  it("decodes a receipt into init, style, text, feed, QR, status and cut tokens", () => {
    expect(parseChunks([SAMPLE])).toEqual(SAMPLE_TOKENS);
  });

  it("gives the same tokens wherever the stream is split in two", () => {
    for (let split = 1; split < SAMPLE.length; split += 1) {
      const tokens = parseChunks([SAMPLE.subarray(0, split), SAMPLE.subarray(split)]);
      expect(tokens, `split at ${split}`).toEqual(SAMPLE_TOKENS);
    }
  });

  it("gives the same tokens when fed one byte at a time", () => {
    expect(parseChunks([...SAMPLE].map((b) => Uint8Array.of(b)))).toEqual(SAMPLE_TOKENS);
  });

  it("decodes a double-byte character split across chunks", () => {
    const parser = new EscPosParser({ chineseByDefault: true });
    expect(parser.push(Uint8Array.of(0xd6))).toEqual([]);
    expect(parser.push(Uint8Array.of(0xd0, 0x0a))).toEqual([
      { kind: "text", text: "中" },
      { kind: "lf" },
    ]);
  });

  it("parses two receipts merged in one chunk", () => {
    expect(parseChunks([bytes(SAMPLE, SAMPLE)])).toEqual([...SAMPLE_TOKENS, ...SAMPLE_TOKENS]);
  });

  it("finds commands after noise, skipping unknown ones by their length", () => {
    const tokens = parseChunks([
      bytes([0x00, 0x1b, 0x7e, 0x1d, 0xf0, 0x1b, 0x74, 0x0f, 0x1b, 0x40]),
    ]);
    expect(tokens).toEqual([
      { kind: "unknown", prefix: [0x00], length: 1 },
      { kind: "unknown", prefix: [0x1b, 0x7e], length: 2 },
      { kind: "unknown", prefix: [0x1d, 0xf0], length: 2 },
      { kind: "command", name: "ESC t", length: 3 },
      { kind: "init" },
    ]);
  });

  it("prints bytes from 0x80 as U+FFFD outside Chinese mode, so a missing FS & shows", () => {
    expect(parseChunks([bytes("中", [0x0a])])).toEqual([
      { kind: "text", text: "\uFFFD\uFFFD" },
      { kind: "lf" },
    ]);
  });

  it("skips a raster image without holding it in memory", () => {
    const parser = new EscPosParser();
    const header = [0x1d, 0x76, 0x30, 0x00, 0x30, 0x00, 0x00, 0x04]; // 48 bytes × 1024 rows
    const tokens = [...parser.push(Uint8Array.from(header))];
    for (let row = 0; row < 1024; row += 64) {
      tokens.push(...parser.push(new Uint8Array(48 * 64).fill(0x0a)));
      expect(parser.pendingBytes).toBe(0);
    }
    tokens.push(...parser.push(bytes("ok", [0x0a])));
    expect(tokens).toEqual([
      { kind: "command", name: "GS v 0", length: 8 + 48 * 1024 },
      { kind: "text", text: "ok" },
      { kind: "lf" },
    ]);
  });

  it("holds a truncated command until the rest arrives, and reports it if the stream ends", () => {
    const parser = new EscPosParser();
    expect(parser.push(Uint8Array.of(0x1d, 0x28, 0x6b, 0x06, 0x00, 0x31))).toEqual([]);
    expect(parser.pendingBytes).toBe(6);
    expect(parser.end()).toEqual([
      { kind: "unknown", prefix: [0x1d, 0x28, 0x6b, 0x06], length: 6 },
    ]);
    expect(parser.pendingBytes).toBe(0);
  });

  it("never throws and never holds more than the longest command, whatever the bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 16 }), (chunks) => {
        const parser = new EscPosParser();
        const receipt = new PrintedReceipt();
        for (const chunk of chunks) {
          receipt.push(parser.push(chunk));
          expect(parser.pendingBytes).toBeLessThanOrEqual(MAX_BUFFERED_COMMAND);
        }
        receipt.push(parser.end());
        expect(typeof receipt.text(32)).toBe("string");
      }),
      PROPERTY,
    );
  });

  it("parses random command soup the same however it is chunked", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        bytes([0x1b, 0x40]),
        bytes([0x1c, 0x26]),
        bytes([0x1c, 0x2e]),
        bytes([0x0a]),
        bytes([0x1b, 0x61, 0x01]),
        bytes([0x1d, 0x21, 0x11]),
        bytes([0x10, 0x04, 0x02]),
        bytes([0x1d, 0x56, 0x41, 0x00]),
        bytes("中文"),
        bytes("abc"),
      ),
      fc.uint8Array({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 24 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (pieces, cuts) => {
          const stream = bytes(...pieces);
          const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks = [0, ...points].map((start, i) =>
            stream.subarray(start, points[i] ?? stream.length),
          );
          expect(parseChunks(chunks)).toEqual(parseChunks([stream]));
        },
      ),
      PROPERTY,
    );
  });
});

describe("printed receipt", () => {
  it("turns tokens into lines, QR codes and cuts as a printer would print them", () => {
    const receipt = new PrintedReceipt().push(parseChunks([SAMPLE]));
    expect(receipt.items).toEqual([
      {
        kind: "line",
        text: "邻里中心",
        columns: 16,
        align: "center",
        bold: true,
        doubleWidth: true,
        doubleHeight: true,
      },
      {
        kind: "line",
        text: "早餐 ￥5",
        columns: 8,
        align: "left",
        bold: false,
        doubleWidth: false,
        doubleHeight: false,
      },
      ...Array.from({ length: 2 }, () => ({
        kind: "line",
        text: "",
        columns: 0,
        align: "left",
        bold: false,
        doubleWidth: false,
        doubleHeight: false,
      })),
      {
        kind: "qr",
        data: "https://linli.example/g/1?q=中",
        align: "left",
        model: 2,
        moduleSize: 4,
        errorLevel: "M",
      },
      { kind: "cut", mode: "partial" },
    ]);
    expect(receipt.text(32).split("\n")).toEqual([
      `${" ".repeat(8)}邻里中心`,
      "早餐 ￥5",
      "",
      "",
      "[QR]",
    ]);
  });

  it("prints the unfinished line before ESC d n, and drops it on ESC @", () => {
    const parser = new EscPosParser();
    const receipt = new PrintedReceipt().push(
      parser.push(bytes("a", [0x1b, 0x64, 0x02], "lost", [0x1b, 0x40], "b", [0x0a])),
    );
    expect(receipt.lines.map((line) => line.text)).toEqual(["a", "", "b"]);
  });
});

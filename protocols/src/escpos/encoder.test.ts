import { describe, expect, it } from "vitest";
import { LinliError } from "../errors.js";
import { qrCode } from "./commands.js";
import type { ReceiptDocument } from "./document.js";
import { encodeReceipt } from "./encoder.js";

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, "0").toUpperCase()).join(" ");

const encode = (document: ReceiptDocument, columns = 32): string =>
  hex(encodeReceipt(document, { columns }));

function errorOf(run: () => unknown): LinliError {
  try {
    run();
  } catch (error) {
    if (error instanceof LinliError) return error;
    throw error;
  }
  throw new Error("expected a LinliError");
}

describe("QR codes (GS ( k)", () => {
  it('sends model 2, size 3, level M, store and print for "ABC", byte for byte', () => {
    expect(hex(qrCode("ABC", { moduleSize: 3, errorLevel: "M" }))).toBe(
      [
        "1D 28 6B 04 00 31 41 32 00",
        "1D 28 6B 03 00 31 43 03",
        "1D 28 6B 03 00 31 45 31",
        "1D 28 6B 06 00 31 50 30 41 42 43",
        "1D 28 6B 03 00 31 51 30",
      ].join(" "),
    );
  });

  it("counts the store length in UTF-8 bytes plus 3", () => {
    expect(hex(qrCode("中", { moduleSize: 3, errorLevel: "M" }))).toContain(
      "1D 28 6B 06 00 31 50 30 E4 B8 AD",
    );
  });

  it("puts the high length byte in pH for data over 252 bytes", () => {
    const bytes = qrCode("x".repeat(300), { moduleSize: 4, errorLevel: "L" });
    expect(hex(bytes)).toContain("1D 28 6B 2F 01 31 50 30");
  });

  it("accepts 7089 digits at level L, the most a model 2 code holds", () => {
    const bytes = qrCode("1".repeat(7089), { moduleSize: 1, errorLevel: "L" });
    expect(hex(bytes.subarray(25, 33))).toBe("1D 28 6B B4 1B 31 50 30");
  });

  it("rejects data a model 2 code cannot hold, with an actionable LinliError", () => {
    expect(errorOf(() => qrCode("1".repeat(7090), { moduleSize: 3, errorLevel: "L" })).code).toBe(
      "LINLI_ERR_ESCPOS_QR_TOO_LONG",
    );
    const error = errorOf(() => qrCode("链".repeat(800), { moduleSize: 3, errorLevel: "H" }));
    expect(error.code).toBe("LINLI_ERR_ESCPOS_QR_TOO_LONG");
    expect(error.details).toEqual({ bytes: 2400, limit: 1273, errorLevel: "H" });
  });

  it("rejects empty data and module sizes outside 1–16", () => {
    expect(errorOf(() => qrCode("", { moduleSize: 3, errorLevel: "M" })).code).toBe(
      "LINLI_ERR_ESCPOS_QR_EMPTY",
    );
    expect(errorOf(() => qrCode("a", { moduleSize: 17, errorLevel: "M" })).code).toBe(
      "LINLI_ERR_ESCPOS_QR_MODULE_SIZE",
    );
  });
});

describe("receipt encoding", () => {
  it("starts with ESC @ and prints a plain ASCII line without Chinese mode", () => {
    expect(encode({ blocks: [{ kind: "text", text: "Hi" }] })).toBe("1B 40 48 69 0A");
  });

  it("enters Chinese mode (FS &) before double-byte text and leaves it (FS .) at the end", () => {
    expect(encode({ blocks: [{ kind: "text", text: "中文" }] })).toBe(
      "1B 40 1C 26 D6 D0 CE C4 0A 1C 2E",
    );
  });

  it("sends alignment, bold and size only when they change", () => {
    const bytes = encode({
      blocks: [
        { kind: "text", text: "A", align: "center", bold: true, doubleWidth: true },
        { kind: "text", text: "B", align: "center", bold: true, doubleWidth: true },
        { kind: "text", text: "C" },
      ],
    });
    expect(bytes).toBe(
      "1B 40 1B 61 01 1B 45 01 1D 21 10 41 0A 42 0A 1B 61 00 1B 45 00 1D 21 00 43 0A",
    );
  });

  it("encodes double height as GS ! 01 and both as GS ! 11", () => {
    expect(encode({ blocks: [{ kind: "text", text: "A", doubleHeight: true }] })).toBe(
      "1B 40 1D 21 01 41 0A",
    );
    expect(
      encode({ blocks: [{ kind: "text", text: "A", doubleHeight: true, doubleWidth: true }] }),
    ).toBe("1B 40 1D 21 11 41 0A");
  });

  it("switches bold inside a line between runs", () => {
    const bytes = encode({
      blocks: [{ kind: "text", text: [{ text: "a" }, { text: "b", bold: true }, { text: "c" }] }],
    });
    expect(bytes).toBe("1B 40 61 1B 45 01 62 1B 45 00 63 0A");
  });

  it("feeds with ESC d n and cuts with GS V 66 0 (partial) or GS V 65 0 (full)", () => {
    expect(encode({ blocks: [{ kind: "feed", lines: 3 }, { kind: "cut" }] })).toBe(
      "1B 40 1B 64 03 1D 56 42 00",
    );
    expect(encode({ blocks: [{ kind: "cut", mode: "full" }] })).toBe("1B 40 1D 56 41 00");
  });

  it("centres a QR code by default and sends it as GS ( k", () => {
    expect(encode({ blocks: [{ kind: "qr", data: "ABC", moduleSize: 3 }] })).toBe(
      `1B 40 1B 61 01 ${hex(qrCode("ABC", { moduleSize: 3, errorLevel: "M" }))}`,
    );
  });

  it("never lets text smuggle in a command: control characters print as spaces or vanish", () => {
    expect(encode({ blocks: [{ kind: "text", text: "a\u001b@b\u001dV\tc" }] })).toBe(
      "1B 40 61 40 62 56 20 63 0A",
    );
  });

  it("rejects a paper width it cannot lay out", () => {
    expect(errorOf(() => encodeReceipt({ blocks: [] }, { columns: 0 })).code).toBe(
      "LINLI_ERR_ESCPOS_COLUMNS",
    );
  });

  it("rejects a feed outside 0–255 lines", () => {
    expect(errorOf(() => encode({ blocks: [{ kind: "feed", lines: 256 }] })).code).toBe(
      "LINLI_ERR_ESCPOS_FEED_LINES",
    );
  });
});

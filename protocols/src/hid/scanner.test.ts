import { describe, expect, it } from "vitest";
import {
  decodeHidPosReport,
  encodeHidPosReports,
  HID_POS_AIM_FIRST,
  HID_POS_DATA_FIRST,
  HidPosScanAssembler,
  ScannerLineParser,
  splitAimPrefix,
  symbologyOfAim,
} from "./index.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A report laid out by hand, as the Access-IS manual draws it. */
function aimFirstReport(data: Uint8Array, aim: string, more: boolean): Uint8Array {
  const report = new Uint8Array(64);
  report[0] = 0x02;
  report[1] = data.length;
  report.set(utf8(aim), 2);
  report.set(data, 5);
  report[63] = more ? 0x01 : 0x00;
  return report;
}

describe("HID POS scanner reports", () => {
  it("reads report id 2, the length byte, the data, the AIM id and the more-data flag", () => {
    const report = aimFirstReport(utf8("6901234567892"), "]E0", false);
    expect(decodeHidPosReport(report)).toEqual({
      kind: "scan",
      data: utf8("6901234567892"),
      aim: "]E0",
      more: false,
    });
  });

  it("reads the data-first layout: data at 2, AIM at 58, flag at 63", () => {
    const report = new Uint8Array(64);
    report.set([0x02, 3, 0x41, 0x42, 0x43], 0);
    report.set(utf8("]Q1"), 58);
    report[63] = 0x01;
    expect(decodeHidPosReport(report, HID_POS_DATA_FIRST)).toEqual({
      kind: "scan",
      data: utf8("ABC"),
      aim: "]Q1",
      more: true,
    });
  });

  it("ignores other report ids, truncated reports and lengths beyond the data area", () => {
    expect(decodeHidPosReport(Uint8Array.of(0x01, 0x00))).toEqual({
      kind: "ignored",
      reason: "other-report",
    });
    expect(decodeHidPosReport(Uint8Array.of(0x02, 0x01, 0x5d))).toEqual({
      kind: "ignored",
      reason: "truncated",
    });
    const tooLong = aimFirstReport(new Uint8Array(0), "]Q1", false);
    tooLong[1] = 57;
    expect(decodeHidPosReport(tooLong)).toEqual({ kind: "ignored", reason: "bad-length" });
  });

  it("reports no AIM id when the scanner leaves those bytes empty", () => {
    const report = aimFirstReport(utf8("123"), "\0\0\0", false);
    expect(decodeHidPosReport(report)).toMatchObject({ aim: undefined });
  });
});

describe("HID POS scanner: multi-report codes", () => {
  it("assembles a 60-byte code sent as 56 + 4 bytes, as in the Access-IS example", () => {
    const code = "M1GATHERGOOD/MICHAEL YABCDEF LHRDURAK 3542 052Y003D23  XY999";
    expect(code).toHaveLength(60);
    const bytes = utf8(code);
    const assembler = new HidPosScanAssembler();
    expect(assembler.push(aimFirstReport(bytes.subarray(0, 56), "]Q0", true))).toBeUndefined();
    expect(assembler.push(aimFirstReport(bytes.subarray(56), "]Q0", false))).toEqual({
      text: code,
      bytes,
      aim: "]Q0",
      symbology: "qr-code",
    });
  });

  it("decodes a UTF-8 QR payload whose characters straddle two reports", () => {
    const text = `https://linli.example/取件?code=${"邻里".repeat(10)}`;
    const reports = encodeHidPosReports(utf8(text), { aim: "]Q1" });
    expect(reports.length).toBeGreaterThan(1);
    const assembler = new HidPosScanAssembler();
    const codes = reports
      .map((report) => assembler.push(report))
      .filter((code) => code !== undefined);
    expect(codes).toEqual([{ text, bytes: utf8(text), aim: "]Q1", symbology: "qr-code" }]);
  });

  it("keeps separate scans separate", () => {
    const assembler = new HidPosScanAssembler({ layout: HID_POS_DATA_FIRST });
    const scans = ["first", "second"].flatMap((text) =>
      encodeHidPosReports(utf8(text), { aim: "]C0", layout: HID_POS_DATA_FIRST }).map((report) =>
        assembler.push(report),
      ),
    );
    expect(scans.map((scan) => scan?.text)).toEqual(["first", "second"]);
    expect(scans[0]?.symbology).toBe("code-128");
  });

  it("drops a code longer than the limit whole and recovers for the next scan", () => {
    const assembler = new HidPosScanAssembler({ maxCodeBytes: 100 });
    const long = encodeHidPosReports(new Uint8Array(150).fill(0x41), { aim: "]Q1" });
    expect(long.map((report) => assembler.push(report)).filter(Boolean)).toEqual([]);
    expect(assembler.stats.overflows).toBe(1);
    const next = encodeHidPosReports(utf8("ok"), { aim: "]Q1" }).map((report) =>
      assembler.push(report),
    );
    expect(next.at(-1)?.text).toBe("ok");
  });

  it("decodes GB18030 codes when told to", () => {
    const gbk = Uint8Array.of(0xc4, 0xe3, 0xba, 0xc3); // 你好
    const assembler = new HidPosScanAssembler({ encoding: "gb18030" });
    expect(assembler.push(encodeHidPosReports(gbk)[0] ?? new Uint8Array())?.text).toBe("你好");
  });

  it("splits a code into reports that fill the data area and flag all but the last", () => {
    const reports = encodeHidPosReports(new Uint8Array(120), { layout: HID_POS_AIM_FIRST });
    expect(reports.map((report) => [report[1], report[63]])).toEqual([
      [56, 1],
      [56, 1],
      [8, 0],
    ]);
  });
});

describe("AIM symbology identifiers", () => {
  it("names the symbology from the code character", () => {
    expect(symbologyOfAim("]Q1")).toBe("qr-code");
    expect(symbologyOfAim("]E0")).toBe("ean-upc");
    expect(symbologyOfAim("Q1")).toBeUndefined();
  });

  it("splits an AIM prefix off a serial-mode line", () => {
    expect(splitAimPrefix("]Q1hello")).toEqual({ aim: "]Q1", text: "hello" });
    expect(splitAimPrefix("hello")).toEqual({ aim: undefined, text: "hello" });
  });
});

describe("serial scanner line parser", () => {
  it("ends lines on CR, LF or CRLF", () => {
    const parser = new ScannerLineParser();
    expect(parser.push(utf8("one\rtwo\nthree\r\nfour"))).toEqual(["one", "two", "three"]);
    expect(parser.push(utf8("\r"))).toEqual(["four"]);
  });

  it("treats a CRLF split across chunks as one terminator", () => {
    const parser = new ScannerLineParser();
    expect(parser.push(utf8("abc\r"))).toEqual(["abc"]);
    expect(parser.push(utf8("\ndef\r\n"))).toEqual(["def"]);
    expect(parser.stats.lines).toBe(2);
  });

  it("decodes UTF-8 split mid-character across chunks", () => {
    const bytes = utf8("邻里\r\n");
    const parser = new ScannerLineParser();
    const lines = [...parser.push(bytes.subarray(0, 2)), ...parser.push(bytes.subarray(2))];
    expect(lines).toEqual(["邻里"]);
  });

  it("decodes GB18030 when configured", () => {
    const parser = new ScannerLineParser({ encoding: "gb18030" });
    expect(parser.push(Uint8Array.of(0xc1, 0xda, 0xc0, 0xef, 0x0d))).toEqual(["邻里"]);
  });

  it("drops an over-long line whole and keeps the next one", () => {
    const parser = new ScannerLineParser({ maxLineBytes: 8 });
    expect(parser.push(utf8("0123456789ABCDEF\r\nshort\r\n"))).toEqual(["short"]);
    expect(parser.stats.overflows).toBe(1);
  });

  it("skips empty lines", () => {
    expect(new ScannerLineParser().push(utf8("\r\r\n\nx\n"))).toEqual(["x"]);
  });
});

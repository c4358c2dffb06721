import {
  HID_POS_DATA_FIRST,
  HidPosScanAssembler,
  type ScannedCode,
  ScannerLineParser,
} from "@linli/protocols/hid";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedHidBinding } from "../../bindings/hid.js";
import { HostSide, LINK_KINDS } from "../host-side.js";
import { HidTestReader } from "./hid-test-reader.js";
import { HidPosScannerSimulator, SerialScannerSimulator } from "./scanner-simulator.js";

const PATH = "/dev/hidraw-scanner";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function plugScanner(scanner = new HidPosScannerSimulator()) {
  const binding = new SimulatedHidBinding();
  binding.plug(scanner, scanner.deviceInfo(PATH));
  const reader = await HidTestReader.open(binding, PATH);
  cleanups.push(() => scanner.dispose());
  return { binding, scanner, reader };
}

function assemble(reports: Uint8Array[], assembler = new HidPosScanAssembler()): ScannedCode[] {
  return reports.flatMap((report) => assembler.push(report) ?? []);
}

describe("the HID POS scanner simulator", () => {
  it("shows up as a bar code scanner on usage page 0x8C", async () => {
    const { binding } = await plugScanner();
    expect(await binding.devices()).toMatchObject([
      { path: PATH, usagePage: 0x8c, usage: 0x02, vendorId: 0x0c2e },
    ]);
  });

  it("sends a short QR code as one 64-byte report with its AIM identifier", async () => {
    const { scanner, reader } = await plugScanner();
    scanner.scan("https://linli.example/p/8F3K", { aim: "]Q1" });
    const [report] = await reader.take(1);
    expect(report).toHaveLength(64);
    expect([...(report ?? []).slice(0, 5)]).toEqual([0x02, 28, 0x5d, 0x51, 0x31]);
    expect(report?.[63]).toBe(0);
    expect(assemble(reader.reports)).toMatchObject([
      { text: "https://linli.example/p/8F3K", aim: "]Q1", symbology: "qr-code" },
    ]);
  });

  it("splits a long code across reports that reassemble to the same text", async () => {
    const { scanner, reader } = await plugScanner();
    const text = `LINLI-PICKUP:${"0123456789".repeat(18)}:END`;
    scanner.scan(text, { aim: "]Q1" });
    await reader.take(4);
    await reader.settle();
    expect(reader.reports).toHaveLength(4);
    expect(reader.reports.map((report) => report[63])).toEqual([1, 1, 1, 0]);
    const assembler = new HidPosScanAssembler();
    expect(reader.reports.map((report) => assembler.push(report)?.text)).toEqual([
      undefined,
      undefined,
      undefined,
      text,
    ]);
  });

  it("sends Chinese in GB18030 when set to, and in the data-first layout when set to", async () => {
    const scanner = new HidPosScannerSimulator({ encoding: "gb18030", layout: HID_POS_DATA_FIRST });
    const { reader } = await plugScanner(scanner);
    scanner.scan("中文取件码 7781");
    await reader.take(1);
    expect([...(reader.reports[0] ?? []).slice(1, 4)]).toEqual([15, 0xd6, 0xd0]);
    const assembler = new HidPosScanAssembler({ encoding: "gb18030", layout: HID_POS_DATA_FIRST });
    expect(assemble(reader.reports, assembler).map((code) => code.text)).toEqual([
      "中文取件码 7781",
    ]);
  });

  it("loses a code scanned while unplugged, and works again once replugged", async () => {
    const { binding, scanner, reader } = await plugScanner();
    binding.unplug(PATH);
    await reader.until(() => reader.errors.length === 1);
    scanner.scan("LOST");
    binding.plug(scanner, scanner.deviceInfo(PATH));
    const replugged = await HidTestReader.open(binding, PATH);
    scanner.scan("FOUND");
    await replugged.take(1);
    expect(reader.reports).toEqual([]);
    expect(assemble(replugged.reports).map((code) => code.text)).toEqual(["FOUND"]);
  });

  it("can garble a report, which the host's assembler ignores", async () => {
    const { scanner, reader } = await plugScanner();
    scanner.garbleNextReport("bad-length");
    scanner.scan("BROKEN");
    scanner.garbleNextReport("truncated");
    scanner.scan("CUT");
    scanner.scan("WHOLE");
    await reader.take(3);
    const assembler = new HidPosScanAssembler();
    expect(assemble(reader.reports, assembler).map((code) => code.text)).toEqual(["WHOLE"]);
    expect(assembler.stats.ignoredReports).toBe(2);
  });
});

describe.each(LINK_KINDS)("the serial scanner simulator over a %s link", (kind) => {
  async function open(scanner: SerialScannerSimulator) {
    const side = await HostSide.open(scanner, kind);
    cleanups.push(
      () => side.close(),
      () => scanner.dispose(),
    );
    return side;
  }

  const endsWithCrLf = (bytes: Uint8Array) => bytes.at(-2) === 0x0d && bytes.at(-1) === 0x0a;

  it("sends a code as a line ending in CR LF at 9600 baud", async () => {
    const scanner = new SerialScannerSimulator();
    expect(scanner.line.baudRate).toBe(9600);
    const side = await open(scanner);
    scanner.scan("6901234567892");
    await side.until(endsWithCrLf);
    expect(Buffer.from(side.received).toString("latin1")).toBe("6901234567892\r\n");
    expect(new ScannerLineParser().push(side.received)).toEqual(["6901234567892"]);
  });

  it("sends Chinese as GB18030 in GB18030 mode", async () => {
    const scanner = new SerialScannerSimulator({ encoding: "gb18030" });
    const side = await open(scanner);
    scanner.scan("邻里中心 取件码 123456");
    await side.until(endsWithCrLf);
    expect(Buffer.from(side.received).toString("hex")).toContain("d6d0d0c4"); // 中心
    expect(new ScannerLineParser({ encoding: "gb18030" }).push(side.received)).toEqual([
      "邻里中心 取件码 123456",
    ]);
  });

  it("sends codes one line each, with the AIM prefix when set to", async () => {
    const scanner = new SerialScannerSimulator({ sendAim: true });
    const side = await open(scanner);
    scanner.scan("A1", { aim: "]C0" });
    scanner.scan("B2", { aim: "]E0" });
    await side.until((bytes) => new ScannerLineParser().push(bytes).length === 2);
    expect(new ScannerLineParser().push(side.received)).toEqual(["]C0A1", "]E0B2"]);
  });
});

import {
  asbEnableCommand,
  decodeAsb,
  encodeReceipt,
  type ReceiptDocument,
  realtimeStatusRequest,
  renderReceiptText,
} from "@linli/protocols/escpos";
import { afterEach, describe, expect, it, vi } from "vitest";
import { demoGuideDocument } from "../../demo/guide.js";
import { HostSide, LINK_KINDS, type LinkKind } from "../host-side.js";
import { EscPosPrinterSimulator } from "./printer-simulator.js";

const open: HostSide[] = [];
afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
});

async function connect(kind: LinkKind, printer = new EscPosPrinterSimulator()) {
  const host = await HostSide.open(printer, kind);
  open.push(host);
  return { printer, host };
}

/** A status round trip: once it is answered, everything sent before it has been received. */
async function settled(host: HostSide): Promise<void> {
  await host.send(realtimeStatusRequest(1));
  await host.take(1);
}

async function sendInPieces(host: HostSide, bytes: Uint8Array, size: number): Promise<void> {
  for (let start = 0; start < bytes.length; start += size) {
    await host.send(bytes.subarray(start, start + size));
  }
}

const receiptsOf = async (printer: EscPosPrinterSimulator, count: number) =>
  vi.waitFor(
    () => {
      expect(printer.receipts).toHaveLength(count);
      return printer.receipts;
    },
    { timeout: 3_000 },
  );

const TICKET: ReceiptDocument = {
  blocks: [
    { kind: "text", text: "潍坊新村邻里中心", align: "center", bold: true, doubleWidth: true },
    { kind: "text", text: "长者助餐 预约凭条", align: "center" },
    { kind: "rule" },
    { kind: "pair", left: "取餐日期", right: "5月6日 周三" },
    { kind: "pair", left: "取餐时间", right: "11:00-12:00" },
    { kind: "pair", left: "套餐A 红烧肉 青菜 米饭", right: "¥12.00" },
    { kind: "pair", left: "助餐补贴", right: "-¥4.00" },
    { kind: "pair", left: "实付", right: "¥8.00", bold: true },
    { kind: "rule" },
    { kind: "text", text: "请凭此条到二楼长者食堂取餐，过时请重新预约。" },
    { kind: "qr", data: "https://linli.example/t/20260506-0042" },
    { kind: "feed", lines: 2 },
    { kind: "cut" },
  ],
};
const TICKET_BYTES = encodeReceipt(TICKET, { columns: 32 });
const TICKET_TEXT = renderReceiptText(TICKET, 32);
const TICKET_LINES = TICKET_TEXT.split("\n").filter((line) => line !== "              [QR]");

describe.each(LINK_KINDS)("the ESC/POS printer simulator, over %s", (kind) => {
  it("prints a receipt sent in one write as its Chinese text", async () => {
    const { printer, host } = await connect(kind);
    await host.send(TICKET_BYTES);
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(TICKET_TEXT);
    expect(receipt?.text).toContain("￥12.00");
    expect(receipt?.qrCodes.map((qr) => qr.data)).toEqual([
      "https://linli.example/t/20260506-0042",
    ]);
    expect(receipt?.cutAt).toBeInstanceOf(Date);
  });

  it("prints the same text when the receipt arrives in many small writes", async () => {
    const { printer, host } = await connect(kind);
    await sendInPieces(host, TICKET_BYTES, 7);
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(TICKET_TEXT);
  });

  it("prints the demo service guide as its preview shows it", async () => {
    const guide = demoGuideDocument({ columns: 32 });
    const { printer, host } = await connect(kind);
    await host.send(encodeReceipt(guide, { columns: 32 }));
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(renderReceiptText(guide, 32));
  });

  it("splits what it prints into receipts at each cut", async () => {
    const { printer, host } = await connect(kind);
    await host.send([...TICKET_BYTES, ...TICKET_BYTES]);
    const receipts = await receiptsOf(printer, 2);
    expect(receipts.map((receipt) => receipt.text)).toEqual([TICKET_TEXT, TICKET_TEXT]);
    expect(printer.currentReceipt.lines).toEqual([]);
    expect(printer.snapshot()).toMatchObject({ receipts: 2, lastReceiptText: TICKET_TEXT });
  });

  it("stops when paper runs out mid-job and prints the rest once on refill", async () => {
    const { printer, host } = await connect(kind);
    await host.send(asbEnableCommand());
    await host.take(4);
    printer.runOutAfterLines(5);
    await host.send(TICKET_BYTES);
    const out = decodeAsb(await host.take(4));
    expect(out.ok && out.value.paperEnd).toBe(true);
    await settled(host);
    expect(printer.receipts).toHaveLength(0);
    expect(printer.currentReceipt.lines.map((line) => line.text)).toEqual(
      TICKET_LINES.slice(0, 5).map((line) => line.trim()),
    );
    expect(printer.snapshot()).toMatchObject({ state: "paper_out", receipts: 0 });

    printer.setPaper("ok");
    const refilled = decodeAsb(await host.take(4));
    expect(refilled.ok && refilled.value.paperEnd).toBe(false);
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(TICKET_TEXT);
    await settled(host);
    expect(printer.receipts).toHaveLength(1);
    expect(printer.currentReceipt.lines).toEqual([]);
  });

  it("holds a job sent while the cover is open and prints it when the cover closes", async () => {
    const { printer, host } = await connect(kind);
    printer.openCover();
    await host.send(TICKET_BYTES);
    await settled(host);
    expect(printer.receipts).toHaveLength(0);
    expect(printer.currentReceipt.lines).toEqual([]);
    expect(printer.snapshot()).toMatchObject({
      state: "cover_open",
      heldBytes: TICKET_BYTES.length,
    });
    printer.closeCover();
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(TICKET_TEXT);
    expect(printer.snapshot().heldBytes).toBe(0);
  });

  it("prints nothing while offline and everything once back online", async () => {
    const { printer, host } = await connect(kind);
    printer.goOffline();
    await sendInPieces(host, TICKET_BYTES, 50);
    await settled(host);
    expect(printer.receipts).toHaveLength(0);
    printer.goOnline();
    const [receipt] = await receiptsOf(printer, 1);
    expect(receipt?.text).toBe(TICKET_TEXT);
  });

  it("waits for every fault to clear before it prints", async () => {
    const { printer, host } = await connect(kind);
    printer.setPaper("out");
    printer.openCover();
    printer.setCutterError(true);
    await host.send(TICKET_BYTES);
    await settled(host);
    printer.setPaper("ok");
    printer.closeCover();
    await settled(host);
    expect(printer.receipts).toHaveLength(0);
    printer.setCutterError(false);
    await receiptsOf(printer, 1);
  });

  it("loses what overflows its 4096-byte buffer while held, and counts it", async () => {
    const lines = Array.from(
      { length: 150 },
      (_, index) => `LINE ${String(index).padStart(3, "0")} ${"x".repeat(30)}`,
    );
    const bytes = new TextEncoder().encode(lines.map((line) => `${line}\n`).join(""));
    expect(bytes.length).toBe(6000);
    const { printer, host } = await connect(kind);
    printer.openCover();
    await sendInPieces(host, bytes, 1000);
    await settled(host);
    expect(printer.lostBytes).toBe(6000 - 4096);
    expect(printer.snapshot()).toMatchObject({ heldBytes: 4096, lostBytes: 1904 });
    printer.closeCover();
    await vi.waitFor(() => expect(printer.currentReceipt.lines).toHaveLength(102));
    expect(printer.currentReceipt.lines.map((line) => line.text)).toEqual(lines.slice(0, 102));
  });
});

describe("the ESC/POS printer simulator, with no link", () => {
  it("prints a 58 mm or 80 mm receipt laid out for its own width", () => {
    const printer = new EscPosPrinterSimulator({ columns: 48 });
    printer.receive(encodeReceipt(TICKET, { columns: 48 }));
    expect(printer.receipts[0]?.text).toBe(renderReceiptText(TICKET, 48));
    expect(printer.line).toEqual({ baudRate: 9600 });
    expect(new EscPosPrinterSimulator({ baudRate: 115200 }).line).toEqual({ baudRate: 115200 });
  });

  it("records each printed receipt as activity", () => {
    const printer = new EscPosPrinterSimulator();
    const seen: [string, Record<string, unknown> | undefined][] = [];
    printer.on("activity", (description, detail) => seen.push([description, detail]));
    printer.receive(TICKET_BYTES);
    expect(seen).toEqual([
      [
        "printed a receipt",
        expect.objectContaining({ qrCodes: ["https://linli.example/t/20260506-0042"] }),
      ],
    ]);
  });

  it("runs out after exactly the given number of lines, blank feed lines included", () => {
    const printer = new EscPosPrinterSimulator();
    expect(TICKET_LINES.at(-1)).toBe("");
    printer.runOutAfterLines(TICKET_LINES.length - 1);
    printer.receive(TICKET_BYTES);
    expect(printer.condition.paper).toBe("out");
    expect(printer.currentReceipt.lines).toHaveLength(TICKET_LINES.length - 1);
    printer.setPaper("ok");
    expect(printer.receipts.map((receipt) => receipt.text)).toEqual([TICKET_TEXT]);
  });

  it("keeps status requests out of the receive buffer", () => {
    const printer = new EscPosPrinterSimulator();
    printer.openCover();
    for (let poll = 0; poll < 2000; poll += 1) printer.receive(realtimeStatusRequest(4));
    printer.receive(TICKET_BYTES);
    expect(printer.snapshot()).toMatchObject({ heldBytes: TICKET_BYTES.length, lostBytes: 0 });
    printer.closeCover();
    expect(printer.receipts.map((receipt) => receipt.text)).toEqual([TICKET_TEXT]);
  });

  it("still prints correctly around a status request split across reads", () => {
    const printer = new EscPosPrinterSimulator();
    const replies: number[] = [];
    printer.attach({ transmit: (bytes) => replies.push(...bytes) });
    const middle = TICKET_BYTES.indexOf(0x0a, TICKET_BYTES.length / 2) + 1;
    printer.receive(Uint8Array.of(...TICKET_BYTES.subarray(0, middle), 0x10, 0x04));
    printer.receive(Uint8Array.of(0x04, ...TICKET_BYTES.subarray(middle)));
    expect(replies).toEqual([0x12]);
    expect(printer.receipts.map((receipt) => receipt.text)).toEqual([TICKET_TEXT]);
  });

  it("holds the start of a job, not the settings before it, while paper is out", () => {
    const printer = new EscPosPrinterSimulator();
    printer.setPaper("out");
    printer.receive(asbEnableCommand());
    expect(printer.snapshot()).toMatchObject({ asbEnabled: true, heldBytes: 0 });
  });
});

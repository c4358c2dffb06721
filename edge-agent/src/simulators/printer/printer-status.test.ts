import {
  asbEnableCommand,
  decodeAsb,
  encodeReceipt,
  type ReceiptDocument,
  realtimeStatusRequest,
} from "@linli/protocols/escpos";
import { afterEach, describe, expect, it } from "vitest";
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

async function askStatus(host: HostSide, fn: 1 | 2 | 3 | 4): Promise<number> {
  await host.send(realtimeStatusRequest(fn));
  const [reply] = await host.take(1);
  return reply ?? -1;
}

async function nextAsb(host: HostSide) {
  const decoded = decodeAsb(await host.take(4));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.value;
}

const TICKET: ReceiptDocument = {
  blocks: [
    { kind: "text", text: "助餐预约凭条", align: "center", bold: true },
    { kind: "pair", left: "午餐 套餐A", right: "¥12.00" },
    { kind: "cut" },
  ],
};

describe.each(LINK_KINDS)("the printer's status replies, over %s", (kind) => {
  it("answers DLE EOT 4 with 12, 1E and 72 for paper ok, near end and out", async () => {
    const { printer, host } = await connect(kind);
    expect(await askStatus(host, 4)).toBe(0x12);
    printer.setPaper("near_end");
    expect(await askStatus(host, 4)).toBe(0x1e);
    printer.setPaper("out");
    expect(await askStatus(host, 4)).toBe(0x72);
    printer.setPaper("ok");
    expect(await askStatus(host, 4)).toBe(0x12);
  });

  it("answers DLE EOT 2 with 16 while the cover is open, and stopped-by-paper-end when out", async () => {
    const { printer, host } = await connect(kind);
    expect(await askStatus(host, 2)).toBe(0x12);
    printer.openCover();
    expect(await askStatus(host, 2)).toBe(0x16);
    printer.closeCover();
    printer.setPaper("out");
    expect(await askStatus(host, 2)).toBe(0x32);
  });

  it("reports offline on DLE EOT 1 for the switch, an open cover and an empty roll", async () => {
    const { printer, host } = await connect(kind);
    expect(await askStatus(host, 1)).toBe(0x12);
    printer.goOffline();
    expect(await askStatus(host, 1)).toBe(0x1a);
    printer.goOnline();
    printer.openCover();
    expect(await askStatus(host, 1)).toBe(0x1a);
    printer.closeCover();
    printer.setPaper("out");
    expect(await askStatus(host, 1)).toBe(0x1a);
  });

  it("reports a cutter error on DLE EOT 3 and as an error cause on DLE EOT 2", async () => {
    const { printer, host } = await connect(kind);
    printer.setCutterError(true);
    expect(await askStatus(host, 3)).toBe(0x1a);
    expect(await askStatus(host, 2)).toBe(0x52);
    expect(printer.snapshot().state).toBe("error");
    printer.setCutterError(false);
    expect(await askStatus(host, 3)).toBe(0x12);
  });

  it("answers at once while paper is out, ahead of the print data it is holding", async () => {
    const { printer, host } = await connect(kind);
    printer.setPaper("out");
    await host.send(encodeReceipt(TICKET, { columns: 32 }));
    expect(await askStatus(host, 4)).toBe(0x72);
    expect(printer.receipts).toHaveLength(0);
  });

  it("answers a status request split across two writes", async () => {
    const { printer, host } = await connect(kind);
    printer.setPaper("near_end");
    await host.send([0x10, 0x04]);
    expect(await host.silentFor(50)).toBe(true);
    await host.send([0x04]);
    expect([...(await host.take(1))]).toEqual([0x1e]);
  });

  it("sends no ASB blocks until GS a asks for them", async () => {
    const { printer, host } = await connect(kind);
    printer.setPaper("out");
    printer.openCover();
    expect(await host.silentFor(100)).toBe(true);
  });

  it("after GS a sends a first ASB block, then one on paper out and one on refill", async () => {
    const { printer, host } = await connect(kind);
    await host.send(asbEnableCommand());
    expect(await nextAsb(host)).toMatchObject({ offline: false, paperEnd: false });
    printer.setPaper("out");
    expect(await nextAsb(host)).toMatchObject({ offline: true, paperEnd: true });
    printer.setPaper("ok");
    expect(await nextAsb(host)).toMatchObject({ offline: false, paperEnd: false });
    printer.setPaper("near_end");
    expect(await nextAsb(host)).toMatchObject({ offline: false, paperNearEnd: true });
    expect(await host.silentFor(50)).toBe(true);
  });

  it("sends ASB blocks for the cover and the cutter, even while paper is out", async () => {
    const { printer, host } = await connect(kind);
    printer.setPaper("out");
    await host.send(asbEnableCommand());
    expect(await nextAsb(host)).toMatchObject({ paperEnd: true });
    printer.openCover();
    expect(await nextAsb(host)).toMatchObject({ coverOpen: true, paperEnd: true });
    printer.setCutterError(true);
    expect(await nextAsb(host)).toMatchObject({ autocutterError: true });
  });

  it("sends only the ASB events GS a asked for", async () => {
    const { printer, host } = await connect(kind);
    await host.send(asbEnableCommand({ drawer: false, onlineOffline: false, error: false }));
    await nextAsb(host);
    printer.setCutterError(true);
    expect(await host.silentFor(80)).toBe(true);
    printer.setPaper("near_end");
    expect(await nextAsb(host)).toMatchObject({ paperNearEnd: true, autocutterError: true });
  });
});

describe("the printer's state for the operator console", () => {
  it("names the most specific cause first, as the codec does", () => {
    const printer = new EscPosPrinterSimulator();
    expect(printer.snapshot().state).toBe("ready");
    printer.setPaper("near_end");
    expect(printer.snapshot().state).toBe("paper_near_end");
    printer.goOffline();
    expect(printer.snapshot()).toMatchObject({ state: "offline", online: false });
    printer.setPaper("out");
    expect(printer.snapshot().state).toBe("paper_out");
    printer.openCover();
    expect(printer.snapshot().state).toBe("cover_open");
  });

  it("records each state change as activity", () => {
    const printer = new EscPosPrinterSimulator();
    const seen: string[] = [];
    printer.on("activity", (description) => seen.push(description));
    printer.setPaper("out");
    printer.setPaper("out");
    printer.openCover();
    printer.closeCover();
    printer.setPaper("ok");
    expect(seen).toEqual(["paper out", "cover opened", "cover closed", "paper loaded"]);
  });
});

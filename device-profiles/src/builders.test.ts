import { describe, expect, it } from "vitest";
import {
  CH340,
  escposPrinter,
  kerongCu16,
  lockBoard8A,
  ratingBox5,
  serial,
  serialScanner,
  tcp,
  transports,
  usb,
  usblp,
} from "./builders.js";
import { profileProblems } from "./validate.js";

describe("builders", () => {
  it("serial() defaults to 8 data bits, no parity and 1 stop bit", () => {
    expect(serial({ baudRate: 9600 })).toEqual({
      serial: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
    });
    expect(serial({ baudRate: 9600, parity: "even" }).serial.parity).toBe("even");
  });

  it("transports() merges fragments into one map keyed by transport type", () => {
    expect(transports(serial({ baudRate: 9600 }), usblp(), tcp())).toEqual({
      serial: { baudRate: 9600, dataBits: 8, parity: "none", stopBits: 1 },
      usblp: {},
      tcp: { port: 9100 },
    });
  });

  it("escposPrinter() derives the columns from the paper width", () => {
    expect(escposPrinter({ paperWidthMm: 58, cutter: "none" }).capabilities.columns).toBe(32);
    expect(escposPrinter({ paperWidthMm: 80, cutter: "full" }).capabilities.columns).toBe(48);
  });

  it("escposPrinter() only exposes paper and cover when the printer can report them", () => {
    const silent = escposPrinter({ paperWidthMm: 58, cutter: "none", statusQueries: false });
    expect(silent.exposes.map((e) => e.name)).toEqual(["test_print"]);
    const talking = escposPrinter({ paperWidthMm: 58, cutter: "none" });
    expect(talking.exposes.map((e) => e.name)).toEqual(["paper", "cover", "test_print"]);
  });

  it("lock board builders bound open_door to the boards and locks that exist", () => {
    const board = lockBoard8A({ locksPerBoard: 24, boards: 3 });
    const open = board.exposes.find((e) => e.name === "open_door");
    expect(open?.type === "action" && open.params).toEqual([
      { name: "board", type: "integer", min: 1, max: 3 },
      { name: "lock", type: "integer", min: 1, max: 24 },
    ]);
    expect(kerongCu16().exposes.map((e) => e.name)).toEqual(["door", "item", "open_door"]);
  });

  it("ratingBox5() takes custom labels for buttons 1 to 5", () => {
    const box = ratingBox5(["A", "B", "C", "D", "E"]);
    expect(box.capabilities.labels[4]).toEqual({ button: 5, score: 1, text: "E" });
  });

  it("marks CH340 as a bridge chip and plain usb() ids as the device's own", () => {
    expect(CH340).toEqual({ vendorId: 0x1a86, productId: 0x7523, bridge: true });
    expect(usb(0x04b8, 0x0202)).toEqual({ vendorId: 0x04b8, productId: 0x0202 });
  });

  it("a profile made only of builders is valid", () => {
    const profile = {
      id: "built-scanner",
      vendor: "Acme",
      model: "S-1",
      ...serialScanner({ lineEnding: "crlf" }),
      transports: transports(serial({ baudRate: 115200 })),
      usb: [CH340],
    };
    expect(profileProblems(profile)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import {
  decodeVmcFrame,
  dispenseStatusName,
  encodeVmcAck,
  encodeVmcFrame,
  encodeVmcMessage,
  encodeVmcPoll,
  isDispenseFinished,
  nextPackNo,
  PackNoTracker,
  readVmcFrame,
  selectionStatusName,
  VmcFrameParser,
} from "./index.js";

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));
const framesOf = (parser: VmcFrameParser, chunks: Uint8Array[]) =>
  chunks
    .flatMap((chunk) => parser.push(chunk))
    .map((frame) => ({ command: frame.command, payload: Array.from(frame.payload) }));

describe("VMC frames: the vectors in DESIGN.md", () => {
  it("encodes POLL as FA FB 41 00 40 and ACK as FA FB 42 00 43", () => {
    expect(encodeVmcPoll()).toEqual(hex("FA FB 41 00 40"));
    expect(encodeVmcAck()).toEqual(hex("FA FB 42 00 43"));
  });

  it("decodes POLL and ACK as messages without a PACKNO", () => {
    expect(decodeVmcFrame({ command: 0x41, payload: new Uint8Array() })).toEqual({
      command: "poll",
    });
    expect(decodeVmcFrame({ command: 0x42, payload: new Uint8Array() })).toEqual({
      command: "ack",
    });
  });
});

describe("VMC messages", () => {
  it("asks whether selection 12 can sell as FA FB 01 03 <packno> 00 0C XOR", () => {
    const frame = encodeVmcMessage({ command: "checkSelection", packNo: 7, selection: 12 });
    expect(frame).toEqual(hex("FA FB 01 03 07 00 0C 08"));
  });

  it("reads the VMC's selection status: normal, out of stock, no such selection, paused", () => {
    const statuses = [1, 2, 3, 4].map((status) => {
      const frame = readVmcFrame(encodeVmcFrame(0x02, [9, status, 0x00, 0x0c]));
      const message = frame === undefined ? undefined : decodeVmcFrame(frame);
      expect(message).toEqual({ command: "selectionStatus", packNo: 9, status, selection: 12 });
      return selectionStatusName(status);
    });
    expect(statuses).toEqual(["normal", "out-of-stock", "no-such-selection", "paused"]);
  });

  it("encodes select-to-buy with a big-endian selection number", () => {
    expect(encodeVmcMessage({ command: "selectToBuy", packNo: 1, selection: 0x0102 })).toEqual(
      hex("FA FB 03 03 01 01 02 03"),
    );
  });

  it("reads dispensing, success, jammed and terminated, with or without the microwave byte", () => {
    const decode = (payload: number[]) =>
      decodeVmcFrame({ command: 0x04, payload: Uint8Array.from(payload) });
    expect(decode([3, 0x01, 0x00, 0x05])).toEqual({
      command: "dispenseStatus",
      packNo: 3,
      status: 1,
      selection: 5,
    });
    expect(decode([4, 0x02, 0x00, 0x05, 0x01])).toEqual({
      command: "dispenseStatus",
      packNo: 4,
      status: 2,
      selection: 5,
      microwave: 1,
    });
    expect([0x01, 0x02, 0x03, 0x04, 0xff, 0x99].map(dispenseStatusName)).toEqual([
      "dispensing",
      "success",
      "jammed",
      "motor-did-not-stop",
      "terminated",
      "other",
    ]);
    expect(isDispenseFinished(0x01)).toBe(false);
    expect(isDispenseFinished(0x03)).toBe(true);
  });

  it("keeps the free-form tail of a money notice as data", () => {
    const message = decodeVmcFrame({
      command: 0x21,
      payload: Uint8Array.from([5, 1, 0, 0, 0x27, 0x10, 0xaa, 0xbb]),
    });
    expect(message).toEqual({
      command: "moneyCollected",
      packNo: 5,
      mode: 1,
      amount: 10_000,
      data: Uint8Array.of(0xaa, 0xbb),
    });
  });

  it("decodes a command it does not know as unknown, so the host can still ACK it", () => {
    expect(decodeVmcFrame({ command: 0x70, payload: Uint8Array.of(1, 2) })).toEqual({
      command: "unknown",
      code: 0x70,
      payload: Uint8Array.of(1, 2),
    });
  });

  it("refuses a known command whose fields are missing", () => {
    expect(() => decodeVmcFrame({ command: 0x02, payload: Uint8Array.of(1, 1) })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_VENDING_SHORT_FRAME" }),
    );
  });

  it("refuses to encode out-of-range values and PACKNO 0", () => {
    expect(() => encodeVmcMessage({ command: "selectToBuy", packNo: 0, selection: 1 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_VENDING_BAD_PACKNO" }),
    );
    expect(() =>
      encodeVmcMessage({ command: "selectToBuy", packNo: 1, selection: 70_000 }),
    ).toThrow(expect.objectContaining({ code: "LINLI_ERR_VENDING_BAD_FIELD" }));
  });
});

describe("VMC PACKNO sequencing", () => {
  it("counts 1 to 255 and wraps to 1, never 0", () => {
    expect(nextPackNo(0)).toBe(1);
    expect(nextPackNo(1)).toBe(2);
    expect(nextPackNo(254)).toBe(255);
    expect(nextPackNo(255)).toBe(1);
  });

  it("flags a resent frame with the same PACKNO as a duplicate, once per resend", () => {
    const tracker = new PackNoTracker();
    expect(tracker.observe(17)).toBe("new");
    expect(tracker.observe(17)).toBe("duplicate");
    expect(tracker.observe(17)).toBe("duplicate");
    expect(tracker.observe(18)).toBe("new");
  });

  it("treats the wrap from 255 to 1 as new", () => {
    const tracker = new PackNoTracker();
    tracker.observe(255);
    expect(tracker.observe(1)).toBe("new");
  });

  it("forgets the last PACKNO on reset", () => {
    const tracker = new PackNoTracker();
    tracker.observe(1);
    tracker.reset();
    expect(tracker.observe(1)).toBe("new");
  });
});

describe("VMC frame parser", () => {
  const poll = hex("FA FB 41 00 40");
  const status = encodeVmcFrame(0x04, [3, 0x02, 0x00, 0x05]);

  it("reports a valid frame", () => {
    expect(framesOf(new VmcFrameParser(), [status])).toEqual([
      { command: 0x04, payload: [3, 2, 0, 5] },
    ]);
  });

  it("reports a frame split across two chunks at every split point", () => {
    for (const frame of [poll, status]) {
      for (let cut = 1; cut < frame.length; cut += 1) {
        const parser = new VmcFrameParser();
        expect(parser.push(frame.subarray(0, cut))).toEqual([]);
        expect(parser.push(frame.subarray(cut))).toHaveLength(1);
      }
    }
  });

  it("reports two frames that arrive in one chunk", () => {
    expect(
      framesOf(new VmcFrameParser(), [Uint8Array.from([...poll, ...status])]).map(
        (frame) => frame.command,
      ),
    ).toEqual([0x41, 0x04]);
  });

  it("drops noise before a frame, including a lone FA", () => {
    const parser = new VmcFrameParser();
    expect(framesOf(parser, [Uint8Array.from([0x00, 0xfa, 0x12, 0xfb, ...poll])])).toEqual([
      { command: 0x41, payload: [] },
    ]);
    expect(parser.stats.discardedBytes).toBe(4);
  });

  it("never reports a frame with a bad XOR and still finds the good frame after it", () => {
    const parser = new VmcFrameParser();
    const corrupt = hex("FA FB 41 00 41");
    expect(framesOf(parser, [Uint8Array.from([...corrupt, ...poll])])).toEqual([
      { command: 0x41, payload: [] },
    ]);
    expect(parser.stats.badChecksums).toBe(1);
  });

  it("finds a good frame hidden inside a bogus header that claimed a long payload", () => {
    const parser = new VmcFrameParser();
    const bogus = hex("FA FB 01 09");
    const frames = framesOf(parser, [Uint8Array.from([...bogus, ...poll, ...poll])]);
    expect(frames).toEqual([
      { command: 0x41, payload: [] },
      { command: 0x41, payload: [] },
    ]);
  });
});

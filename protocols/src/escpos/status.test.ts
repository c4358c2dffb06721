import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AsbStatus,
  asbDisableCommand,
  asbEnableCommand,
  decodeAsb,
  decodeRealtimeStatus,
  encodeAsb,
  encodeRealtimeStatus,
  PrinterReplyReader,
  printerStateOf,
  type RealtimeStatusFunction,
  realtimeStatusRequest,
} from "./status.js";

const PROPERTY = { seed: 20261122, numRuns: 500 };

const OK_ASB: AsbStatus = {
  drawerPin3High: false,
  offline: false,
  coverOpen: false,
  paperFedByButton: false,
  waitingOnlineRecovery: false,
  feedButtonPressed: false,
  recoverableError: false,
  autocutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
  paperNearEnd: false,
  paperEnd: false,
};

function value<T>(result: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe("real-time status (DLE EOT n)", () => {
  it("asks with 10 04 n", () => {
    expect([...realtimeStatusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...realtimeStatusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
  });

  it("reads the paper roll sensor: 12 is paper ok, 1E near end, 72 out", () => {
    expect(value(decodeRealtimeStatus(4, 0x12))).toEqual({ paperNearEnd: false, paperEnd: false });
    expect(value(decodeRealtimeStatus(4, 0x1e))).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(value(decodeRealtimeStatus(4, 0x72))).toEqual({ paperNearEnd: false, paperEnd: true });
  });

  it("reads the offline cause: 16 is cover open, 32 printing stopped by paper end", () => {
    expect(value(decodeRealtimeStatus(2, 0x16))).toMatchObject({
      coverOpen: true,
      stoppedByPaperEnd: false,
    });
    expect(value(decodeRealtimeStatus(2, 0x32))).toMatchObject({
      coverOpen: false,
      stoppedByPaperEnd: true,
    });
  });

  it("reads the printer status and the error cause", () => {
    expect(value(decodeRealtimeStatus(1, 0x1a))).toMatchObject({ offline: true });
    expect(value(decodeRealtimeStatus(1, 0x32))).toMatchObject({ waitingOnlineRecovery: true });
    expect(value(decodeRealtimeStatus(3, 0x1a))).toMatchObject({ autocutterError: true });
    expect(value(decodeRealtimeStatus(3, 0x32))).toMatchObject({ unrecoverableError: true });
  });

  it("rejects a byte whose fixed bits are wrong, as a result and not a throw", () => {
    const result = decodeRealtimeStatus(4, 0x10);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain("0x93");
    expect(decodeRealtimeStatus(1, 0x13).ok).toBe(false);
    expect(decodeRealtimeStatus(1, 0x92).ok).toBe(false);
    expect(decodeRealtimeStatus(1, 300).ok).toBe(false);
  });

  it("encodes what it decodes, for simulators", () => {
    expect(encodeRealtimeStatus(4, { paperNearEnd: true, paperEnd: false })).toBe(0x1e);
    expect(encodeRealtimeStatus(4, { paperNearEnd: false, paperEnd: true })).toBe(0x72);
    fc.assert(
      fc.property(
        fc.constantFrom<RealtimeStatusFunction>(1, 2, 3),
        fc.integer({ min: 0, max: 255 }),
        (fn, byte) => {
          const decoded = decodeRealtimeStatus(fn, byte);
          if (decoded.ok)
            expect(encodeRealtimeStatus(fn, decoded.value)).toBe((byte & 0x6c) | 0x12);
        },
      ),
      PROPERTY,
    );
  });

  it("never throws on any byte", () => {
    fc.assert(
      fc.property(fc.constantFrom<RealtimeStatusFunction>(1, 2, 3, 4), fc.integer(), (fn, byte) => {
        const result = decodeRealtimeStatus(fn, byte);
        expect(result.ok).toBe((byte & 0x93) === 0x12 && byte >= 0 && byte <= 255);
      }),
      PROPERTY,
    );
  });
});

describe("automatic status back (ASB)", () => {
  it("is enabled with GS a n (every event by default) and disabled with GS a 0", () => {
    expect([...asbEnableCommand()]).toEqual([0x1d, 0x61, 0x0f]);
    expect([...asbEnableCommand({ drawer: false, onlineOffline: false })]).toEqual([
      0x1d, 0x61, 0x0c,
    ]);
    expect([...asbDisableCommand()]).toEqual([0x1d, 0x61, 0x00]);
  });

  it("decodes an all-clear block 10 00 00 00", () => {
    expect(value(decodeAsb(Uint8Array.of(0x10, 0, 0, 0)))).toEqual(OK_ASB);
  });

  it("decodes cover open, offline, paper near end and paper end", () => {
    expect(value(decodeAsb(Uint8Array.of(0x38, 0, 0, 0)))).toMatchObject({
      coverOpen: true,
      offline: true,
    });
    expect(value(decodeAsb(Uint8Array.of(0x10, 0, 0x03, 0)))).toMatchObject({ paperNearEnd: true });
    expect(value(decodeAsb(Uint8Array.of(0x18, 0, 0x0f, 0)))).toMatchObject({ paperEnd: true });
    expect(value(decodeAsb(Uint8Array.of(0x10, 0x28, 0, 0)))).toMatchObject({
      autocutterError: true,
      unrecoverableError: true,
    });
  });

  it("rejects a block of the wrong length or with broken fixed bits", () => {
    expect(decodeAsb(Uint8Array.of(0x10, 0, 0)).ok).toBe(false);
    expect(decodeAsb(Uint8Array.of(0x12, 0, 0, 0)).ok).toBe(false);
    expect(decodeAsb(Uint8Array.of(0x10, 0x10, 0, 0)).ok).toBe(false);
    expect(decodeAsb(Uint8Array.of(0x10, 0, 0x80, 0)).ok).toBe(false);
  });

  it("round-trips every status through encodeAsb and decodeAsb", () => {
    const flag = fc.boolean();
    const status = fc.record<AsbStatus>({
      drawerPin3High: flag,
      offline: flag,
      coverOpen: flag,
      paperFedByButton: flag,
      waitingOnlineRecovery: flag,
      feedButtonPressed: flag,
      recoverableError: flag,
      autocutterError: flag,
      unrecoverableError: flag,
      autoRecoverableError: flag,
      paperNearEnd: flag,
      paperEnd: flag,
    });
    fc.assert(
      fc.property(status, (s) => {
        expect(value(decodeAsb(encodeAsb(s)))).toEqual(s);
      }),
      PROPERTY,
    );
  });

  it("never throws on random blocks", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6 }), (bytes) => {
        expect(typeof decodeAsb(bytes).ok).toBe("boolean");
      }),
      PROPERTY,
    );
  });
});

describe("the printer's reply stream", () => {
  it("separates ASB blocks from real-time replies, across chunks", () => {
    const reader = new PrinterReplyReader();
    const cover = encodeAsb({ ...OK_ASB, coverOpen: true, offline: true });
    const first = reader.push(Uint8Array.of(0x1e, ...cover.subarray(0, 2)));
    const second = reader.push(Uint8Array.of(...cover.subarray(2), 0x12));
    expect(first).toEqual([{ kind: "realtime", byte: 0x1e }]);
    expect(second).toEqual([
      { kind: "asb", status: { ...OK_ASB, coverOpen: true, offline: true } },
      { kind: "realtime", byte: 0x12 },
    ]);
  });

  it("drops a broken ASB block and resynchronises on the next byte", () => {
    const reader = new PrinterReplyReader();
    const replies = reader.push(Uint8Array.of(0x10, 0x00, 0x16, 0x10, 0, 0, 0));
    expect(replies.map((reply) => reply.kind)).toEqual(["other", "other", "realtime", "asb"]);
  });

  it("never throws nor holds more than a block on random bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 8 }), (chunks) => {
        const reader = new PrinterReplyReader();
        let count = 0;
        for (const chunk of chunks) count += reader.push(chunk).length;
        const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        expect(count).toBeLessThanOrEqual(total);
        expect(count).toBeGreaterThanOrEqual(total - 3 - 3 * Math.floor(total / 4));
      }),
      PROPERTY,
    );
  });
});

describe("printer state", () => {
  it("is ready when nothing is wrong", () => {
    expect(printerStateOf({})).toBe("ready");
    expect(printerStateOf({ asb: OK_ASB })).toBe("ready");
  });

  it("names the cause an operator can fix before the offline it causes", () => {
    const offline = value(decodeRealtimeStatus(1, 0x1a));
    expect(
      printerStateOf({ printer: offline, offlineCause: value(decodeRealtimeStatus(2, 0x16)) }),
    ).toBe("cover_open");
    expect(
      printerStateOf({ printer: offline, offlineCause: value(decodeRealtimeStatus(2, 0x32)) }),
    ).toBe("paper_out");
    expect(
      printerStateOf({ printer: offline, errorCause: value(decodeRealtimeStatus(3, 0x1a)) }),
    ).toBe("error");
    expect(printerStateOf({ printer: offline })).toBe("offline");
  });

  it("reports paper near end and paper out from the roll sensor", () => {
    expect(printerStateOf({ paper: value(decodeRealtimeStatus(4, 0x1e)) })).toBe("paper_near_end");
    expect(printerStateOf({ paper: value(decodeRealtimeStatus(4, 0x72)) })).toBe("paper_out");
  });

  it("reads the same states from an ASB block", () => {
    expect(printerStateOf({ asb: { ...OK_ASB, coverOpen: true, offline: true } })).toBe(
      "cover_open",
    );
    expect(printerStateOf({ asb: { ...OK_ASB, paperEnd: true, paperNearEnd: true } })).toBe(
      "paper_out",
    );
    expect(printerStateOf({ asb: { ...OK_ASB, autocutterError: true } })).toBe("error");
    expect(printerStateOf({ asb: { ...OK_ASB, paperNearEnd: true } })).toBe("paper_near_end");
  });
});

import { describe, expect, it } from "vitest";
import { LinliError } from "../../errors.js";
import {
  Board8aEchoFilter,
  Board8aParser,
  decodeBoard8aReply,
  decodeBoard8aRequest,
  encodeBoard8aReply,
  encodeBoard8aRequest,
  isEchoOf,
} from "../index.js";

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));
const bytesOf = (frames: Uint8Array[]) => frames.map((frame) => Array.from(frame));

describe("8A/80 board: the vectors in DESIGN.md", () => {
  it("encodes an open of lock 1 on board 1 as 8A 01 01 11 9B", () => {
    expect(encodeBoard8aRequest({ kind: "open", board: 1, lock: 1 })).toEqual(
      hex("8A 01 01 11 9B"),
    );
  });

  it("reads 8A 01 01 00 8A as opened and 8A 01 01 11 9B as failed", () => {
    expect(decodeBoard8aReply(hex("8A 01 01 00 8A"))).toEqual({
      kind: "open-result",
      board: 1,
      lock: 1,
      opened: true,
    });
    expect(decodeBoard8aReply(hex("8A 01 01 11 9B"))).toEqual({
      kind: "open-result",
      board: 1,
      lock: 1,
      opened: false,
    });
  });

  it("encodes query one as 80 01 01 33 B3 and reads 11 as closed, 00 as open", () => {
    expect(encodeBoard8aRequest({ kind: "query-lock", board: 1, lock: 1 })).toEqual(
      hex("80 01 01 33 B3"),
    );
    expect(decodeBoard8aReply(hex("80 01 01 11 91"))).toEqual({
      kind: "lock-status",
      board: 1,
      lock: 1,
      closed: true,
    });
    expect(decodeBoard8aReply(hex("80 01 01 00 80"))).toEqual({
      kind: "lock-status",
      board: 1,
      lock: 1,
      closed: false,
    });
  });

  it("encodes query all as 80 01 00 33 B2", () => {
    expect(encodeBoard8aRequest({ kind: "query-all", board: 1 })).toEqual(hex("80 01 00 33 B2"));
  });

  it("reads a 16-lock status reply with lock 1 as bit 0 of the first byte, 1 = closed", () => {
    // locks 1, 3 and 16 closed: 0b0000_0101, 0b1000_0000; XOR 80^01^05^80^33 = 37
    const reply = decodeBoard8aReply(hex("80 01 05 80 33 37"), { lockCount: 16 });
    expect(reply.kind).toBe("all-status");
    const closed = reply.kind === "all-status" ? reply.closed : [];
    expect(closed).toHaveLength(16);
    expect(closed.flatMap((isClosed, index) => (isClosed ? [index + 1] : []))).toEqual([1, 3, 16]);
  });

  it("encodes the simulator's status reply with ceil(locks/8) status bytes", () => {
    const closed = Array.from({ length: 12 }, (_, index) => index === 0 || index === 11);
    expect(encodeBoard8aReply({ kind: "all-status", board: 1, closed })).toEqual(
      hex("80 01 01 08 33 BB"),
    );
  });

  it("reads a spontaneous change report 82 BB LL SS with SS as in query one", () => {
    expect(decodeBoard8aReply(hex("82 01 03 00 80"))).toEqual({
      kind: "change-report",
      board: 1,
      lock: 3,
      closed: false,
    });
    expect(encodeBoard8aReply({ kind: "change-report", board: 1, lock: 3, closed: true })).toEqual(
      hex("82 01 03 11 91"),
    );
  });

  it("lets the simulated board read lock 0 in an open as every lock", () => {
    expect(decodeBoard8aRequest(encodeBoard8aRequest({ kind: "open", board: 2, lock: 0 }))).toEqual(
      {
        kind: "open",
        board: 2,
        lock: 0,
      },
    );
    expect(decodeBoard8aRequest(hex("80 01 00 33 B2"))).toEqual({ kind: "query-all", board: 1 });
  });
});

describe("8A/80 board: bad input", () => {
  it("refuses board addresses and lock numbers that do not fit the frame", () => {
    expect(() => encodeBoard8aRequest({ kind: "open", board: 256, lock: 1 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_ADDRESS" }),
    );
    expect(() => encodeBoard8aRequest({ kind: "query-lock", board: 1, lock: 0 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_LOCK" }),
    );
  });

  it("refuses to decode a frame whose XOR is wrong", () => {
    expect(() => decodeBoard8aReply(hex("8A 01 01 00 8B"))).toThrow(LinliError);
    expect(() => decodeBoard8aReply(hex("8A 01 01 00 8B"))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_CHECKSUM" }),
    );
  });

  it("refuses a status reply sized for a different lock count", () => {
    expect(() => decodeBoard8aReply(hex("80 01 05 80 33 37"), { lockCount: 24 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_FRAME" }),
    );
  });

  it("refuses our own query echoed back as a reply from a board with more than eight locks", () => {
    expect(() => decodeBoard8aReply(hex("80 01 01 33 B3"), { lockCount: 16 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_UNKNOWN_FRAME" }),
    );
  });
});

describe("8A/80 board: echo on the RS-485 adapter", () => {
  const request = encodeBoard8aRequest({ kind: "open", board: 1, lock: 1 });

  it("recognises a frame equal to the request just sent", () => {
    expect(isEchoOf(hex("8A 01 01 11 9B"), request)).toBe(true);
    expect(isEchoOf(hex("8A 01 01 00 8A"), request)).toBe(false);
  });

  it("takes the first copy as the echo and a second copy as the board's failure reply", () => {
    const filter = new Board8aEchoFilter(request);
    expect(filter.classify(hex("8A 01 01 11 9B"))).toBe("echo");
    expect(filter.classify(hex("8A 01 01 11 9B"))).toBe("reply");
  });

  it("passes the opened reply through after the echo", () => {
    const filter = new Board8aEchoFilter(request);
    expect(filter.classify(hex("8A 01 01 11 9B"))).toBe("echo");
    const reply = hex("8A 01 01 00 8A");
    expect(filter.classify(reply)).toBe("reply");
    expect(decodeBoard8aReply(reply)).toMatchObject({ opened: true });
  });

  it("takes the first copy as the reply when the adapter is known not to echo", () => {
    const filter = new Board8aEchoFilter(request, { adapterEchoes: false });
    expect(filter.classify(hex("8A 01 01 11 9B"))).toBe("reply");
  });
});

describe("8A/80 board parser", () => {
  const open = hex("8A 01 01 11 9B");
  const status16 = hex("80 01 05 80 33 37");

  it("reports a valid frame", () => {
    expect(bytesOf(new Board8aParser().push(open))).toEqual([Array.from(open)]);
  });

  it("reports a frame split across two chunks at every split point", () => {
    for (const frame of [open, status16]) {
      for (let cut = 1; cut < frame.length; cut += 1) {
        const parser = new Board8aParser({ lockCount: 16 });
        expect(parser.push(frame.subarray(0, cut))).toEqual([]);
        expect(bytesOf(parser.push(frame.subarray(cut)))).toEqual([Array.from(frame)]);
      }
    }
  });

  it("reports a frame fed one byte at a time", () => {
    const parser = new Board8aParser({ lockCount: 16 });
    const frames = Array.from(status16).flatMap((byte) => parser.push(Uint8Array.of(byte)));
    expect(bytesOf(frames)).toEqual([Array.from(status16)]);
  });

  it("reports two frames that arrive in one chunk", () => {
    const both = Uint8Array.from([...open, ...status16]);
    expect(bytesOf(new Board8aParser({ lockCount: 16 }).push(both))).toEqual([
      Array.from(open),
      Array.from(status16),
    ]);
  });

  it("drops noise before a frame and counts it", () => {
    const parser = new Board8aParser();
    expect(bytesOf(parser.push(Uint8Array.from([0x00, 0xff, 0x13, ...open])))).toEqual([
      Array.from(open),
    ]);
    expect(parser.stats.discardedBytes).toBe(3);
  });

  it("never reports a frame with a bad checksum and still finds the good frame after it", () => {
    const parser = new Board8aParser();
    const corrupt = hex("8A 01 01 00 8B");
    expect(bytesOf(parser.push(Uint8Array.from([...corrupt, ...open])))).toEqual([
      Array.from(open),
    ]);
    expect(parser.stats.badChecksums).toBeGreaterThanOrEqual(1);
    expect(parser.stats.frames).toBe(1);
  });

  it("reports a query-one reply at once even though a status reply could start the same way", () => {
    const parser = new Board8aParser({ lockCount: 24 });
    expect(bytesOf(parser.push(hex("80 01 05 00 84")))).toEqual([[0x80, 0x01, 0x05, 0x00, 0x84]]);
  });

  it("holds back a look-alike prefix while a 24-lock status reply is awaited", () => {
    // Locks 1 and 3 closed, 9-16 open, 17-24 = 0x84: the first five bytes XOR to a valid short frame.
    const reply = encodeBoard8aReply({
      kind: "all-status",
      board: 1,
      closed: Array.from({ length: 24 }, (_, index) => [0, 2, 18, 23].includes(index)),
    });
    expect(Array.from(reply)).toEqual([0x80, 0x01, 0x05, 0x00, 0x84, 0x33, 0x33]);
    const unwary = new Board8aParser({ lockCount: 24 });
    expect(unwary.push(reply.subarray(0, 5))).toHaveLength(1);
    const parser = new Board8aParser({ lockCount: 24 });
    parser.expectStatusReply();
    expect(parser.push(reply.subarray(0, 5))).toEqual([]);
    expect(bytesOf(parser.push(reply.subarray(5)))).toEqual([Array.from(reply)]);
  });

  it("releases our echoed query-all once the status reply behind it arrives", () => {
    const parser = new Board8aParser({ lockCount: 16 });
    parser.expectStatusReply();
    const echo = hex("80 01 00 33 B2");
    const frames = [...parser.push(echo), ...parser.push(status16)];
    expect(bytesOf(frames)).toEqual([Array.from(echo), Array.from(status16)]);
  });

  it("keeps its buffer shorter than the longest frame, whatever it is fed", () => {
    const parser = new Board8aParser({ lockCount: 16 });
    parser.push(new Uint8Array(10_000).fill(0x80));
    expect(parser.pendingBytes).toBeLessThan(6);
  });
});

describe("8A/80 board parser configuration", () => {
  it("refuses a lock count that no board has", () => {
    expect(() => new Board8aParser({ lockCount: 0 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_LOCK_COUNT" }),
    );
  });
});

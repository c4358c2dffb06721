import { describe, expect, it } from "vitest";
import {
  createKrCu16Parser,
  decodeKrCu16Request,
  decodeKrCu16Status,
  encodeKrCu16Request,
  encodeKrCu16Status,
} from "../index.js";

const hex = (text: string) =>
  Uint8Array.from(text.split(/\s+/).filter(Boolean), (byte) => Number.parseInt(byte, 16));
const bytesOf = (frames: Uint8Array[]) => frames.map((frame) => Array.from(frame));
const numbersOf = (flags: readonly boolean[]) =>
  flags.flatMap((flag, index) => (flag ? [index + 1] : []));

describe("KR-CU16: the vectors in DESIGN.md", () => {
  it("encodes unlocking lock 1 of board 0 as 02 00 31 03 36", () => {
    expect(encodeKrCu16Request({ kind: "unlock", board: 0, lock: 1 })).toEqual(
      hex("02 00 31 03 36"),
    );
  });

  it("encodes the status query of board 0 as 02 00 30 03 35", () => {
    expect(encodeKrCu16Request({ kind: "status", board: 0 })).toEqual(hex("02 00 30 03 35"));
  });

  it("puts the board in the high nibble and lock − 1 in the low nibble of ADDR", () => {
    expect(encodeKrCu16Request({ kind: "unlock", board: 2, lock: 16 })).toEqual(
      hex("02 2F 31 03 65"),
    );
    expect(decodeKrCu16Request(hex("02 2F 31 03 65"))).toEqual({
      kind: "unlock",
      board: 2,
      lock: 16,
    });
  });

  it("lets the simulated board read each request it supports", () => {
    expect(decodeKrCu16Request(hex("02 00 30 03 35"))).toEqual({ kind: "status", board: 0 });
    expect(decodeKrCu16Request(encodeKrCu16Request({ kind: "unlock-all", board: 3 }))).toEqual({
      kind: "unlock-all",
      board: 3,
    });
  });
});

describe("KR-CU16: status bits", () => {
  it("maps hook bit 1 to locked and IR bit 1 to item present, lock 1 = bit 0 of H1-8", () => {
    // H1-8 = 0x81 (locks 1, 8), H9-16 = 0x02 (lock 10), IR1-8 = 0x01 (lock 1), IR9-16 = 0x80 (lock 16)
    const frame = Uint8Array.from([0x02, 0x00, 0x35, 0x81, 0x02, 0x01, 0x80, 0x03]);
    const sum = frame.reduce((total, byte) => total + byte, 0) & 0xff;
    const status = decodeKrCu16Status(Uint8Array.from([...frame, sum]));
    expect(status.board).toBe(0);
    expect(numbersOf(status.locked)).toEqual([1, 8, 10]);
    expect(numbersOf(status.itemPresent)).toEqual([1, 16]);
    expect(status.locked).toHaveLength(16);
  });

  it("encodes the simulator's status reply as 02 ADDR 35 H1-8 H9-16 IR1-8 IR9-16 03 SUM", () => {
    const locked = Array.from({ length: 16 }, () => true);
    const itemPresent = Array.from({ length: 16 }, (_, index) => index === 1);
    expect(encodeKrCu16Status({ board: 1, locked, itemPresent })).toEqual(
      hex("02 10 35 FF FF 02 00 03 4A"),
    );
  });

  it("refuses a status reply with a wrong SUM", () => {
    expect(() => decodeKrCu16Status(hex("02 10 35 FF FF 02 00 03 4B"))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_CHECKSUM" }),
    );
  });

  it("refuses board and lock numbers the address byte cannot carry", () => {
    expect(() => encodeKrCu16Request({ kind: "status", board: 16 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_ADDRESS" }),
    );
    expect(() => encodeKrCu16Request({ kind: "unlock", board: 0, lock: 17 })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_LOCKER_BAD_LOCK" }),
    );
  });
});

describe("KR-CU16 parser", () => {
  const unlock = hex("02 00 31 03 36");
  const status = hex("02 10 35 FF FF 02 00 03 4A");

  it("reports a valid frame", () => {
    expect(bytesOf(createKrCu16Parser().push(status))).toEqual([Array.from(status)]);
  });

  it("reports a frame split across two chunks at every split point", () => {
    for (const frame of [unlock, status]) {
      for (let cut = 1; cut < frame.length; cut += 1) {
        const parser = createKrCu16Parser();
        expect(parser.push(frame.subarray(0, cut))).toEqual([]);
        expect(bytesOf(parser.push(frame.subarray(cut)))).toEqual([Array.from(frame)]);
      }
    }
  });

  it("reports two frames that arrive in one chunk", () => {
    const both = Uint8Array.from([...unlock, ...status]);
    expect(bytesOf(createKrCu16Parser().push(both))).toEqual([
      Array.from(unlock),
      Array.from(status),
    ]);
  });

  it("drops noise before a frame", () => {
    const parser = createKrCu16Parser();
    expect(bytesOf(parser.push(Uint8Array.from([0x03, 0x55, 0x02, 0x02, ...unlock])))).toEqual([
      Array.from(unlock),
    ]);
    expect(parser.stats.discardedBytes).toBe(4);
  });

  it("finds a status frame whose data bytes contain the ETX value", () => {
    const tricky = encodeKrCu16Status({
      board: 0,
      locked: Array.from({ length: 16 }, (_, index) => index < 2),
      itemPresent: Array.from({ length: 16 }, (_, index) => index === 0 || index === 1),
    });
    expect(tricky[3]).toBe(0x03);
    expect(bytesOf(createKrCu16Parser().push(tricky))).toEqual([Array.from(tricky)]);
  });

  it("never reports a frame with a bad checksum and still finds the good frame after it", () => {
    const parser = createKrCu16Parser();
    expect(bytesOf(parser.push(Uint8Array.from([...hex("02 00 31 03 37"), ...unlock])))).toEqual([
      Array.from(unlock),
    ]);
    expect(parser.stats.badChecksums).toBe(1);
  });
});

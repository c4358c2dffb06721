import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  Board8aParser,
  type Board8aReply,
  type Board8aRequest,
  createKrCu16Parser,
  decodeBoard8aReply,
  decodeBoard8aRequest,
  decodeKrCu16Request,
  decodeKrCu16Status,
  encodeBoard8aReply,
  encodeBoard8aRequest,
  encodeKrCu16Request,
  encodeKrCu16Status,
  hasValidBoard8aChecksum,
  hasValidKrCu16Checksum,
  type KrCu16Request,
} from "./index.js";

const RUNS = { seed: 20261122, numRuns: 500 };

/** Cuts `bytes` into chunks at the given (sorted, deduplicated) offsets. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const offsets = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const offset of [...offsets, bytes.length]) {
    chunks.push(bytes.subarray(from, offset));
    from = offset;
  }
  return chunks;
}

/** Frames separated by noise that never contains a start byte, cut at random places. */
function framesInNoise(frames: fc.Arbitrary<Uint8Array>, startBytes: number[]) {
  const noise = fc
    .uint8Array({ maxLength: 6 })
    .map((bytes) => bytes.filter((byte) => !startBytes.includes(byte)));
  return fc
    .tuple(
      fc.array(fc.tuple(noise, frames), { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 8 }),
    )
    .map(([pairs, cuts]) => {
      const stream = Uint8Array.from(pairs.flatMap(([gap, frame]) => [...gap, ...frame]));
      return { expected: pairs.map(([, frame]) => Array.from(frame)), chunks: chunk(stream, cuts) };
    });
}

const byte = fc.integer({ min: 0, max: 255 });
const lowBoard = fc.integer({ min: 0, max: 0x7f });
const board8aRequest: fc.Arbitrary<Board8aRequest> = fc.oneof(
  fc.record({ kind: fc.constant("open" as const), board: byte, lock: byte }),
  fc.record({
    kind: fc.constant("query-lock" as const),
    board: byte,
    lock: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant("query-all" as const), board: byte }),
);
const board8aReply16: fc.Arbitrary<Board8aReply> = fc.oneof(
  fc.record({
    kind: fc.constant("open-result" as const),
    board: lowBoard,
    lock: fc.integer({ min: 0, max: 16 }),
    opened: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("lock-status" as const),
    board: lowBoard,
    lock: fc.integer({ min: 1, max: 16 }),
    closed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("change-report" as const),
    board: lowBoard,
    lock: fc.integer({ min: 1, max: 16 }),
    closed: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("all-status" as const),
    board: lowBoard,
    closed: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  }),
);
const krCu16Request: fc.Arbitrary<KrCu16Request> = fc.oneof(
  fc.record({ kind: fc.constant("status" as const), board: fc.integer({ min: 0, max: 15 }) }),
  fc.record({
    kind: fc.constant("unlock" as const),
    board: fc.integer({ min: 0, max: 15 }),
    lock: fc.integer({ min: 1, max: 16 }),
  }),
  fc.record({ kind: fc.constant("unlock-all" as const), board: fc.integer({ min: 0, max: 15 }) }),
);
const flags16 = fc.array(fc.boolean(), { minLength: 16, maxLength: 16 });
const krCu16Status = fc.record({
  board: fc.integer({ min: 0, max: 15 }),
  locked: flags16,
  itemPresent: flags16,
});

/** Random bytes, valid frames and frames with one byte flipped, run together. */
function soup(frames: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  const corrupted = fc
    .tuple(frames, fc.nat(), fc.integer({ min: 1, max: 255 }))
    .map(([frame, at, flip]) => {
      const copy = frame.slice();
      const index = at % copy.length;
      copy[index] = (copy[index] ?? 0) ^ flip;
      return copy;
    });
  return fc
    .array(fc.oneof(fc.uint8Array({ maxLength: 24 }), frames, corrupted), { maxLength: 10 })
    .map((parts) => Uint8Array.from(parts.flatMap((part) => Array.from(part))));
}

describe("locker parsers under random input", () => {
  it("never throw on random bytes, valid and corrupted frames in random chunks, and report only checksum-valid frames that were on the wire", () => {
    const anyFrame = fc.oneof(
      board8aRequest.map(encodeBoard8aRequest),
      board8aReply16.map(encodeBoard8aReply),
      krCu16Request.map(encodeKrCu16Request),
      krCu16Status.map(encodeKrCu16Status),
    );
    fc.assert(
      fc.property(
        soup(anyFrame),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.constantFrom(0, 8, 16, 24),
        (stream, cuts, lockCount) => {
          const board = new Board8aParser(lockCount === 0 ? {} : { lockCount });
          const kerong = createKrCu16Parser();
          if (lockCount === 24) board.expectStatusReply();
          const wire = `,${Array.from(stream).join(",")},`;
          for (const part of chunk(stream, cuts)) {
            for (const frame of board.push(part)) {
              expect(hasValidBoard8aChecksum(frame)).toBe(true);
              expect(wire).toContain(`,${Array.from(frame).join(",")},`);
            }
            for (const frame of kerong.push(part)) {
              expect(hasValidKrCu16Checksum(frame)).toBe(true);
              expect(wire).toContain(`,${Array.from(frame).join(",")},`);
            }
            expect(board.pendingBytes).toBeLessThan(7);
          }
        },
      ),
      RUNS,
    );
  });

  it("find every 8A/80 frame, in order, among noise and random chunk boundaries", () => {
    const frames = fc.oneof(
      board8aRequest
        .filter(
          (request) => request.board < 0x80 && ("lock" in request ? request.lock <= 16 : true),
        )
        .map(encodeBoard8aRequest),
      board8aReply16.map(encodeBoard8aReply),
    );
    fc.assert(
      fc.property(framesInNoise(frames, [0x80, 0x82, 0x8a]), ({ expected, chunks }) => {
        const parser = new Board8aParser({ lockCount: 16 });
        const found = chunks.flatMap((part) => parser.push(part)).map((frame) => Array.from(frame));
        expect(found).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("find every KR-CU16 frame, in order, among noise and random chunk boundaries", () => {
    const frames = fc.oneof(
      krCu16Request.map(encodeKrCu16Request),
      krCu16Status.map(encodeKrCu16Status),
    );
    fc.assert(
      fc.property(framesInNoise(frames, [0x02]), ({ expected, chunks }) => {
        const parser = createKrCu16Parser();
        const found = chunks.flatMap((part) => parser.push(part)).map((frame) => Array.from(frame));
        expect(found).toEqual(expected);
      }),
      RUNS,
    );
  });
});

describe("locker codecs round-trip", () => {
  it("decode what they encode for 8A/80 requests", () => {
    fc.assert(
      fc.property(board8aRequest, (request) => {
        const decoded = decodeBoard8aRequest(encodeBoard8aRequest(request));
        const expected =
          request.kind === "query-lock" || request.kind === "open"
            ? request
            : { kind: "query-all", board: request.board };
        expect(decoded).toEqual(expected);
      }),
      RUNS,
    );
  });

  it("decode what they encode for 8A/80 replies", () => {
    fc.assert(
      fc.property(board8aReply16, (reply) => {
        expect(decodeBoard8aReply(encodeBoard8aReply(reply), { lockCount: 16 })).toEqual(reply);
      }),
      RUNS,
    );
  });

  it("decode what they encode for KR-CU16 requests and status replies", () => {
    fc.assert(
      fc.property(krCu16Request, krCu16Status, (request, status) => {
        expect(decodeKrCu16Request(encodeKrCu16Request(request))).toEqual(request);
        expect(decodeKrCu16Status(encodeKrCu16Status(status))).toEqual(status);
      }),
      RUNS,
    );
  });
});

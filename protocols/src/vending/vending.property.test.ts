import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeVmcFrame,
  encodeVmcFrame,
  encodeVmcMessage,
  readVmcFrame,
  VMC_COMMANDS,
  type VmcCommandName,
  type VmcFieldSpec,
  VmcFrameParser,
  type VmcMessage,
} from "./index.js";

const RUNS = { seed: 20261122, numRuns: 500 };
const MAX: Record<VmcFieldSpec["type"], number> = { u8: 0xff, u16: 0xffff, u32: 0xffff_ffff };

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

/** Any message the table describes, with random field values. */
const message: fc.Arbitrary<VmcMessage> = fc
  .constantFrom(...(Object.keys(VMC_COMMANDS) as VmcCommandName[]))
  .chain((name) => {
    const spec = VMC_COMMANDS[name];
    const fields = spec.fields as readonly VmcFieldSpec[];
    const entries: Record<string, fc.Arbitrary<unknown>> = { command: fc.constant(name) };
    if (spec.packNo) entries.packNo = fc.integer({ min: 1, max: 255 });
    for (const field of fields) entries[field.name] = fc.integer({ min: 0, max: MAX[field.type] });
    if ("rest" in spec) entries.data = fc.uint8Array({ minLength: 1, maxLength: 20 });
    const optional = fields.filter((field) => field.optional).map((field) => field.name);
    const required = Object.keys(entries).filter((key) => !optional.includes(key));
    return fc.record(entries, { requiredKeys: required }) as unknown as fc.Arbitrary<VmcMessage>;
  });

/** Random bytes, valid frames and frames with one byte flipped, run together. */
const wireSoup = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      message.map(encodeVmcMessage),
      fc
        .tuple(message.map(encodeVmcMessage), fc.nat(), fc.integer({ min: 1, max: 255 }))
        .map(([frame, at, flip]) => {
          const corrupt = frame.slice();
          const index = at % corrupt.length;
          corrupt[index] = (corrupt[index] ?? 0) ^ flip;
          return corrupt;
        }),
    ),
    { maxLength: 8 },
  )
  .map((parts) => Uint8Array.from(parts.flatMap((part) => Array.from(part))));

describe("VMC frame parser under random input", () => {
  it("never throws on random bytes in random chunks and keeps its buffer under one frame", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 10 }), (chunks) => {
        const parser = new VmcFrameParser();
        for (const part of chunks) {
          parser.push(part);
          expect(parser.pendingBytes).toBeLessThan(261);
        }
      }),
      RUNS,
    );
  });

  it("only ever reports frames that were on the wire with a valid XOR", () => {
    fc.assert(
      fc.property(wireSoup, fc.array(fc.nat(), { maxLength: 10 }), (stream, cuts) => {
        const parser = new VmcFrameParser();
        const found = chunk(stream, cuts).flatMap((part) => parser.push(part));
        const wire = `,${Array.from(stream).join(",")},`;
        for (const frame of found) {
          // encodeVmcFrame recomputes the XOR, so a match means the wire carried a correct one.
          expect(wire).toContain(
            `,${Array.from(encodeVmcFrame(frame.command, frame.payload)).join(",")},`,
          );
        }
      }),
      RUNS,
    );
  });

  it("finds every frame, in order, among noise and random chunk boundaries", () => {
    const noise = fc
      .uint8Array({ maxLength: 8 })
      .map((bytes) => bytes.filter((byte) => byte !== 0xfa));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, message), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (pairs, cuts) => {
          const frames = pairs.map(([, value]) => encodeVmcMessage(value));
          const stream = Uint8Array.from(
            pairs.flatMap(([gap], index) => [...gap, ...(frames[index] ?? [])]),
          );
          const parser = new VmcFrameParser();
          const found = chunk(stream, cuts).flatMap((part) => parser.push(part));
          expect(
            found.map((frame) => Array.from(encodeVmcFrame(frame.command, frame.payload))),
          ).toEqual(frames.map((frame) => Array.from(frame)));
        },
      ),
      RUNS,
    );
  });
});

describe("VMC codec round-trip", () => {
  it("decodes every table message to what was encoded", () => {
    fc.assert(
      fc.property(message, (value) => {
        const frame = readVmcFrame(encodeVmcMessage(value));
        expect(frame).toBeDefined();
        if (frame !== undefined) expect(decodeVmcFrame(frame)).toEqual(value);
      }),
      RUNS,
    );
  });
});

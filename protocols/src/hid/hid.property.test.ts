import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  encodeHidPosReports,
  encodeRatingPress,
  HID_POS_AIM_FIRST,
  HID_POS_DATA_FIRST,
  HidPosScanAssembler,
  RATING_BUTTONS,
  RatingBoxDecoder,
  type RatingScore,
  ScannerLineParser,
} from "./index.js";

const RUNS = { seed: 20261122, numRuns: 500 };

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

/** Reports that look roughly right: mostly report id 2 and 64 bytes, sometimes not. */
const roughReport = fc.oneof(
  fc.uint8Array({ maxLength: 70 }),
  fc.uint8Array({ minLength: 63, maxLength: 63 }).map((rest) => Uint8Array.from([0x02, ...rest])),
);

describe("HID and serial input codecs under random input", () => {
  it("the HID POS assembler never throws and never returns a code over its limit", () => {
    fc.assert(
      fc.property(fc.array(roughReport, { maxLength: 30 }), fc.boolean(), (reports, dataFirst) => {
        const assembler = new HidPosScanAssembler({
          maxCodeBytes: 200,
          layout: dataFirst ? HID_POS_DATA_FIRST : HID_POS_AIM_FIRST,
        });
        for (const report of reports) {
          const code = assembler.push(report);
          if (code !== undefined) expect(code.bytes.length).toBeLessThanOrEqual(200);
        }
      }),
      RUNS,
    );
  });

  it("the line parser never throws and never returns an empty line or one holding CR or LF", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 10 }),
        fc.boolean(),
        (chunks, gb) => {
          const parser = new ScannerLineParser({
            maxLineBytes: 32,
            encoding: gb ? "gb18030" : "utf-8",
          });
          for (const part of chunks) {
            for (const line of parser.push(part)) {
              expect(line.length).toBeGreaterThan(0);
              expect(line).not.toMatch(/[\r\n]/);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it("the rating box decoder never throws and only reports single-button reports", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3 }), { maxLength: 40 }), (reports) => {
        const decoder = new RatingBoxDecoder();
        for (const report of reports) {
          const press = decoder.push(report);
          if (press !== undefined) {
            expect(report[0]).toBe(0x01);
            expect((report[1] ?? 0) & 0x1f).toBe(1 << (press.button - 1));
          }
        }
      }),
      RUNS,
    );
  });
});

describe("HID and serial input codecs round-trip", () => {
  it("a code split into HID POS reports comes back whole, with its AIM id", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 120 }),
        fc.constantFrom("]Q1", "]E0", "]C0", "]d2"),
        fc.boolean(),
        (text, aim, dataFirst) => {
          const layout = dataFirst ? HID_POS_DATA_FIRST : HID_POS_AIM_FIRST;
          const bytes = new TextEncoder().encode(text);
          const assembler = new HidPosScanAssembler({ layout });
          const codes = encodeHidPosReports(bytes, { aim, layout })
            .map((report) => assembler.push(report))
            .filter((code) => code !== undefined);
          expect(codes).toHaveLength(1);
          expect(codes[0]?.text).toBe(text);
          expect(codes[0]?.aim).toBe(aim);
        },
      ),
      RUNS,
    );
  });

  it("lines come back as sent, whatever the terminators and chunk boundaries", () => {
    const line = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 20 })
      .filter((text) => !/[\r\n]/.test(text));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(line, fc.constantFrom("\r", "\n", "\r\n")), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (lines, cuts) => {
          const wire = new TextEncoder().encode(lines.map(([text, end]) => text + end).join(""));
          const parser = new ScannerLineParser();
          const found = chunk(wire, cuts).flatMap((part) => parser.push(part));
          expect(found).toEqual(lines.map(([text]) => text));
        },
      ),
      RUNS,
    );
  });

  it("a simulated press decodes to the score that was pressed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...RATING_BUTTONS.map((entry) => entry.score)), { maxLength: 10 }),
        (scores) => {
          const decoder = new RatingBoxDecoder();
          const decoded = scores
            .flatMap((score: RatingScore) => encodeRatingPress(score))
            .map((report) => decoder.push(report)?.score)
            .filter((score) => score !== undefined);
          expect(decoded).toEqual(scores);
        },
      ),
      RUNS,
    );
  });
});

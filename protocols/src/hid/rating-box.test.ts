import { describe, expect, it } from "vitest";
import { encodeRatingPress, encodeRatingReport, RatingBoxDecoder } from "./index.js";

const report = (mask: number) => Uint8Array.of(0x01, mask);

describe("rating box", () => {
  it("counts button 1 as 非常满意 (5) and button 5 as 非常不满意 (1)", () => {
    const decoder = new RatingBoxDecoder();
    expect(decoder.push(report(0b00001))).toMatchObject({ button: 1, score: 5, label: "非常满意" });
    decoder.push(report(0));
    expect(decoder.push(report(0b10000))).toMatchObject({
      button: 5,
      score: 1,
      label: "非常不满意",
    });
  });

  it("counts a press once, on the report where the button goes down", () => {
    const decoder = new RatingBoxDecoder();
    const presses = [0b100, 0b100, 0b100, 0, 0b100].map(
      (mask) => decoder.push(report(mask))?.score,
    );
    expect(presses).toEqual([3, undefined, undefined, undefined, 3]);
  });

  it("ignores chords and the button left held when a chord is released", () => {
    const decoder = new RatingBoxDecoder();
    const presses = [0b011, 0b001, 0, 0b001, 0b011, 0b010].map(
      (mask) => decoder.push(report(mask))?.button,
    );
    expect(presses).toEqual([undefined, undefined, undefined, 1, undefined, undefined]);
  });

  it("counts a roll from one button straight to another", () => {
    const decoder = new RatingBoxDecoder();
    expect([0b001, 0b010].map((mask) => decoder.push(report(mask))?.button)).toEqual([1, 2]);
  });

  it("ignores reports with another id, truncated reports and unused bits", () => {
    const decoder = new RatingBoxDecoder();
    expect(decoder.push(Uint8Array.of(0x02, 0x01))).toBeUndefined();
    expect(decoder.push(Uint8Array.of(0x01))).toBeUndefined();
    expect(decoder.push(report(0b1110_0000))).toBeUndefined();
    expect(decoder.push(report(0b1110_0010))).toMatchObject({ button: 2 });
  });

  it("encodes the simulator's press and release for a score", () => {
    expect(encodeRatingPress(4)).toEqual([Uint8Array.of(0x01, 0b10), Uint8Array.of(0x01, 0)]);
    expect(encodeRatingReport([1, 5])).toEqual(Uint8Array.of(0x01, 0b10001));
    const decoder = new RatingBoxDecoder();
    expect(encodeRatingPress(1).map((bytes) => decoder.push(bytes)?.score)).toEqual([1, undefined]);
  });

  it("refuses buttons the box does not have", () => {
    expect(() => encodeRatingReport([6])).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_HID_BAD_BUTTON" }),
    );
  });
});

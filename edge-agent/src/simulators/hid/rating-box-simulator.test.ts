import { RatingBoxDecoder } from "@linli/protocols/hid";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedHidBinding } from "../../bindings/hid.js";
import { HidTestReader } from "./hid-test-reader.js";
import { RatingBoxSimulator } from "./rating-box-simulator.js";

const PATH = "/dev/hidraw-rating";
const boxes: RatingBoxSimulator[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.dispose();
});

async function plugBox() {
  const box = new RatingBoxSimulator();
  boxes.push(box);
  const binding = new SimulatedHidBinding();
  binding.plug(box, box.deviceInfo(PATH));
  const reader = await HidTestReader.open(binding, PATH);
  return { box, binding, reader };
}

function scoresOf(reports: Uint8Array[]): number[] {
  const decoder = new RatingBoxDecoder();
  return reports.flatMap((report) => decoder.push(report)?.score ?? []);
}

describe("the rating box simulator", () => {
  it("shows up on a vendor-defined usage page", async () => {
    const { binding } = await plugBox();
    expect(await binding.devices()).toMatchObject([{ path: PATH, usagePage: 0xff00 }]);
  });

  it("sends a press and a release for press(5), which decode as one press of score 5", async () => {
    const { box, reader } = await plugBox();
    box.press(5);
    await reader.take(2);
    await reader.settle();
    expect(reader.reports.map((report) => [...report])).toEqual([
      [0x01, 0x01],
      [0x01, 0x00],
    ]);
    expect(scoresOf(reader.reports)).toEqual([5]);
  });

  it("sends the lowest score on button 5", async () => {
    const { box, reader } = await plugBox();
    box.press(1);
    await reader.take(2);
    expect([...(reader.reports[0] ?? [])]).toEqual([0x01, 0x10]);
    expect(scoresOf(reader.reports)).toEqual([1]);
  });

  it("produces as many presses as the button was pressed", async () => {
    const { box, reader } = await plugBox();
    await box.pressRepeatedly(1, 4, 10);
    await reader.take(8);
    await reader.settle();
    expect(reader.reports).toHaveLength(8);
    expect(scoresOf(reader.reports)).toEqual([1, 1, 1, 1]);
  });

  it("sends a chord as several buttons held at once, which counts for nothing", async () => {
    const { box, reader } = await plugBox();
    box.chord(5, 4);
    await reader.take(2);
    expect([...(reader.reports[0] ?? [])]).toEqual([0x01, 0x03]);
    expect(scoresOf(reader.reports)).toEqual([]);
  });

  it("refuses a score outside 1 to 5", async () => {
    const { box } = await plugBox();
    expect(() => box.press(6 as 5)).toThrow(/1 to 5/);
  });
});

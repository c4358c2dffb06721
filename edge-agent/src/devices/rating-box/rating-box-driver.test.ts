import { ratingBox5 } from "@linli/device-profiles";
import { describe, expect, it, type TestContext } from "vitest";
import { SimulatedHidBinding } from "../../bindings/hid.js";
import { RatingBoxSimulator } from "../../simulators/hid/index.js";
import { HidTransport } from "../transports/hid.js";
import { RatingBoxDriver, type RatingBoxDriverOptions } from "./rating-box-driver.js";

const until = (check: () => boolean, ms = 3_000) =>
  expect.poll(check, { timeout: ms, interval: 10 }).toBe(true);

async function ratingBox(
  test: TestContext,
  profile: RatingBoxDriverOptions["profile"] = { id: "linli-rating-box-5" },
) {
  const binding = new SimulatedHidBinding();
  const box = new RatingBoxSimulator();
  binding.plug(box, box.deviceInfo("/dev/hidraw4"));
  const transport = new HidTransport(binding, { vendorId: 0x1209, productId: 0x0001 });
  const driver = new RatingBoxDriver({ id: "rating-1", profile, transport });
  const presses: Record<string, unknown>[] = [];
  driver.on("event", (type, data) => {
    if (type === "rating_press") presses.push(data);
  });
  test.onTestFinished(async () => {
    await driver.stop();
    box.dispose();
  });
  await driver.start();
  await until(() => driver.health.state === "ready");
  return { box, driver, presses };
}

describe("the rating box", () => {
  it("reports each press with its score, best button first", async (test) => {
    const { box, presses } = await ratingBox(test);
    box.press(5);
    box.press(1);
    box.press(3);
    await until(() => presses.length === 3);
    expect(presses).toEqual([
      { score: 5, button: 1, label: "非常满意" },
      { score: 1, button: 5, label: "非常不满意" },
      { score: 3, button: 3, label: "一般" },
    ]);
  });

  it("reports a hammered button every time, leaving misuse to the ratings service", async (test) => {
    const { box, presses, driver } = await ratingBox(test);
    await box.pressRepeatedly(1, 4, 5);
    await until(() => presses.length === 4);
    expect(presses.every((press) => press.score === 1)).toBe(true);
    expect(driver.health.detail).toMatchObject({ presses: 4 });
  });

  it("counts a held button once and a chord not at all", async (test) => {
    const { box, presses } = await ratingBox(test);
    box.hold(4);
    box.hold(4);
    box.release();
    box.chord(5, 2);
    box.press(2);
    await until(() => presses.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presses.map((press) => press.score)).toEqual([4, 2]);
  });

  it("takes scores and labels from the profile", async (test) => {
    const labels = ["好", "较好", "一般", "较差", "差"];
    const { box, presses } = await ratingBox(test, {
      id: "custom-box",
      capabilities: ratingBox5(labels).capabilities,
    });
    box.press(4);
    await until(() => presses.length === 1);
    expect(presses).toEqual([{ score: 4, button: 2, label: "较好" }]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { DisplayService } from "../../host/display.js";
import { type FakeHost, fakeHost, KIOSK_INPUT_DEVICES } from "../../host/testing.js";
import { type OperatorRig, operatorRig } from "../../operator/testing.js";
import { displayOperatorRoutes, displayRoutes } from "./display.js";
import { clientKeyOf } from "./operator-session.js";

const rigs: { rig: OperatorRig; display: DisplayService }[] = [];
afterEach(async () => {
  for (const { rig, display } of rigs.splice(0)) {
    display.stop();
    await rig.close();
  }
});

/** The display routes over a fake sysfs with a backlight, sleeping all day so a touch wakes it. */
async function open(options: { backlight?: boolean } = {}) {
  const host: FakeHost = fakeHost();
  if (options.backlight !== false)
    host.addBacklight({ name: "intel_backlight", maxBrightness: 100 });
  host.setInputDevices(KIOSK_INPUT_DEVICES);
  let display: DisplayService | undefined;
  let rig: OperatorRig | undefined;
  rig = await operatorRig({
    routes: ({ bus }) => {
      display = new DisplayService({
        config: {
          sleep: [{ from: "00:00", to: "24:00" }],
          wakeMinutes: 2,
          nightBrightness: 30,
          backlight: "auto",
          sysRoot: host.sysRoot,
          procRoot: host.procRoot,
        },
        bus,
        wordBits: 64,
      });
      const auth = () => (rig as OperatorRig).auth;
      return [
        displayRoutes({ display }),
        displayOperatorRoutes({
          display,
          guard: (request) => auth().guard(request),
          actorOf: (request) => ({
            sessionId: auth().sessionOf(request).id,
            clientKey: clientKeyOf(request),
          }),
          audit: { record: (entry) => (rig as OperatorRig).audit.record(entry) },
        }),
      ];
    },
  });
  await (display as DisplayService).start();
  rigs.push({ rig, display: display as DisplayService });
  return { rig, host };
}

describe("the display routes", () => {
  it("tell the UI the screen sleeps, and wake it on a touch", async () => {
    const { rig, host } = await open();
    const asleep = await rig.get("/display");
    expect(asleep.statusCode).toBe(200);
    expect(asleep.json()).toMatchObject({ phase: "asleep", dark: true, brightnessPercent: 0 });
    const woken = await rig.post("/display/touch", {});
    expect(woken.statusCode).toBe(200);
    expect(woken.json()).toMatchObject({ phase: "woken", dark: false, brightnessPercent: 30 });
    expect(host.read("intel_backlight", "bl_power")).toBe("0");
    expect(host.read("intel_backlight", "brightness")).toBe("30");
  });

  it("refuse a touch report whose body is not a JSON object", async () => {
    const { rig } = await open();
    const response = await rig.post("/display/touch", [10]);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "LINLI_ERR_DISPLAY_BAD_REQUEST" });
  });

  it("keep the operator's routes behind the PIN", async () => {
    const { rig } = await open();
    for (const [method, url] of [
      ["GET", "/operator/display"],
      ["POST", "/operator/display/wake"],
      ["POST", "/operator/display/sleep"],
      ["POST", "/operator/display/brightness"],
    ] as const) {
      const response = method === "GET" ? await rig.get(url) : await rig.post(url, {});
      expect(response.statusCode, url).toBe(401);
    }
  });

  it("let an operator see the screen, wake it, darken it and set its brightness, each audited", async () => {
    const { rig, host } = await open();
    const cookie = await rig.login();
    const view = await rig.get("/operator/display", cookie);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      display: { phase: "asleep", backlight: { device: "intel_backlight", writable: true } },
      touch: { present: true, lastTouchAt: null },
      schedule: { sleep: [{ from: "00:00", to: "24:00" }], wakeMinutes: 2, nightBrightness: 30 },
    });
    expect((await rig.post("/operator/display/wake", undefined, cookie)).json().phase).toBe(
      "woken",
    );
    const dimmer = await rig.post("/operator/display/brightness", { percent: 12 }, cookie);
    expect(dimmer.json()).toMatchObject({ phase: "woken", brightnessPercent: 12 });
    expect(host.read("intel_backlight", "brightness")).toBe("12");
    expect((await rig.post("/operator/display/sleep", undefined, cookie)).json().phase).toBe(
      "asleep",
    );
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    const actions = rig.audit
      .recent()
      .map((entry) => [entry.action, entry.detail])
      .filter(([action]) => String(action).startsWith("display_"));
    expect(actions).toEqual([
      ["display_sleep", { phase: "asleep" }],
      ["display_brightness", { percent: 12, phase: "woken" }],
      ["display_wake", { phase: "woken" }],
    ]);
  });

  it("answer a brightness out of range with what it takes, and 409 without a backlight", async () => {
    const { rig } = await open({ backlight: false });
    const cookie = await rig.login();
    const tooBright = await rig.post("/operator/display/brightness", { percent: 150 }, cookie);
    expect(tooBright.statusCode).toBe(400);
    expect(tooBright.json().message).toBe("percent must be a whole percentage from 1 to 100");
    const none = await rig.post("/operator/display/brightness", { percent: 50 }, cookie);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe("LINLI_ERR_DISPLAY_NO_BACKLIGHT");
  });
});

import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DisplayState } from "@linli/protocols/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventBus } from "../bus.js";
import type { DisplayConfig } from "../config/index.js";
import { DisplayService } from "./display.js";
import { type FakeHost, fakeHost, KIOSK_INPUT_DEVICES } from "./testing.js";

/** Wall-clock time in Shanghai; 2024-06-07 is a Friday. */
const at = (local: string) => new Date(`${local}+08:00`);

const services: DisplayService[] = [];
afterEach(() => {
  for (const service of services.splice(0)) service.stop();
  vi.useRealTimers();
});

function display(host: FakeHost, config: Partial<DisplayConfig> = {}) {
  const bus = new EventBus();
  const told: DisplayState[] = [];
  bus.on(told, "displayState", (state) => told.push(state));
  const service = new DisplayService({
    config: {
      sleep: [{ from: "22:30", to: "06:30" }],
      wakeMinutes: 2,
      brightness: 80,
      nightBrightness: 20,
      backlight: "auto",
      timeZone: "Asia/Shanghai",
      sysRoot: host.sysRoot,
      procRoot: host.procRoot,
      ...config,
    },
    bus,
    wordBits: 64,
  });
  services.push(service);
  return { service, told };
}

function kioskHost(): FakeHost {
  const host = fakeHost();
  host.addBacklight({ name: "intel_backlight", maxBrightness: 1000, brightness: 500 });
  host.setInputDevices(KIOSK_INPUT_DEVICES);
  return host;
}

describe("the display service", () => {
  it("lights the panel at the day brightness by day, and darkens it with bl_power at 22:30", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T22:29:00") });
    const host = kioskHost();
    const { service, told } = display(host);
    await service.start();
    expect(host.read("intel_backlight", "brightness")).toBe("800");
    expect(host.read("intel_backlight", "bl_power")).toBe("0");
    expect(service.state()).toMatchObject({ phase: "awake", dark: false, brightnessPercent: 80 });
    await vi.advanceTimersByTimeAsync(61_000);
    await service.settled();
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    expect(host.read("intel_backlight", "brightness")).toBe("800");
    expect(told.at(-1)).toMatchObject({ phase: "asleep", dark: true, brightnessPercent: 0 });
  });

  it("wakes at the night brightness on a touch, and goes dark the wake minutes after the last one", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T23:00:00") });
    const host = kioskHost();
    const { service, told } = display(host);
    await service.start();
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    const woken = await service.touch();
    expect(woken).toMatchObject({
      phase: "woken",
      dark: false,
      brightnessPercent: 20,
      wokenUntil: at("2024-06-07T23:02:00").toISOString(),
    });
    expect(host.read("intel_backlight", "bl_power")).toBe("0");
    expect(host.read("intel_backlight", "brightness")).toBe("200");
    await vi.advanceTimersByTimeAsync(90_000);
    await service.touch();
    await vi.advanceTimersByTimeAsync(119_000);
    expect(service.state().phase).toBe("woken");
    await vi.advanceTimersByTimeAsync(2_000);
    await service.settled();
    expect(service.state().phase).toBe("asleep");
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    expect(told.map((state) => state.phase)).toEqual(["asleep", "woken", "asleep"]);
  });

  it("leaves the level as it found it when no brightness is configured", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T12:00:00") });
    const host = kioskHost();
    const { service } = display(host, { brightness: undefined, nightBrightness: undefined });
    await service.start();
    expect(host.read("intel_backlight", "brightness")).toBe("500");
    expect(service.state().brightnessPercent).toBe(50);
  });

  it("takes an operator's sleep, wake and brightness", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T12:00:00") });
    const host = kioskHost();
    const { service } = display(host);
    await service.start();
    expect((await service.sleepNow()).phase).toBe("asleep");
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    expect((await service.wake()).phase).toBe("awake");
    expect(host.read("intel_backlight", "bl_power")).toBe("0");
    expect((await service.setBrightness(35)).brightnessPercent).toBe(35);
    expect(host.read("intel_backlight", "brightness")).toBe("350");
    expect((await service.operatorView()).schedule).toEqual({
      sleep: [{ from: "22:30", to: "06:30" }],
      wakeMinutes: 2,
      timeZone: "Asia/Shanghai",
      brightness: 35,
      nightBrightness: 20,
    });
  });

  it("without a backlight, still tells the UI to go dark, and refuses a brightness", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T23:00:00") });
    const host = fakeHost();
    const { service } = display(host);
    await service.start();
    expect(service.state()).toMatchObject({
      phase: "asleep",
      dark: true,
      brightnessPercent: null,
      backlight: null,
    });
    await expect(service.setBrightness(50)).rejects.toMatchObject({
      code: "LINLI_ERR_DISPLAY_NO_BACKLIGHT",
      status: 409,
    });
  });

  it("keeps running with a backlight it cannot write, and says so", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T23:00:00") });
    const host = kioskHost();
    const dir = join(host.sysRoot, "class/backlight/intel_backlight");
    rmSync(join(dir, "bl_power"));
    mkdirSync(join(dir, "bl_power"));
    const { service } = display(host);
    await service.start();
    expect(service.state().backlight).toMatchObject({
      device: "intel_backlight",
      writable: false,
      error: `EISDIR writing ${join(dir, "bl_power")}`,
    });
    expect((await service.touch()).phase).toBe("woken");
  });

  it("reports the display and the touch panel for telemetry, with the last touch", async () => {
    vi.useFakeTimers({ now: at("2024-06-07T12:00:00") });
    const host = kioskHost();
    const { service } = display(host);
    await service.start();
    expect((await service.health()).touch).toEqual({
      devices: [
        { name: "Goodix Capacitive TouchScreen", handler: "event5" },
        { name: "ILITEK ILITEK-TP", handler: "event6" },
        { name: "eGalax Inc. USB TouchController", handler: "event7" },
      ],
      present: true,
      lastTouchAt: null,
    });
    await service.touch();
    const health = await service.health();
    expect(health.touch.lastTouchAt).toBe(at("2024-06-07T12:00:00").toISOString());
    expect(health.display).toEqual({
      phase: "awake",
      brightnessPercent: 80,
      backlight: {
        device: "intel_backlight",
        maxBrightness: 1000,
        powerControl: true,
        writable: true,
        error: null,
      },
    });
    host.setInputDevices("");
    expect((await service.health()).touch).toMatchObject({ devices: [], present: false });
  });
});

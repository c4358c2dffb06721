import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KIOSK_INPUT_DEVICES } from "./testing.js";
import {
  findTouchscreens,
  isTouchscreen,
  parseBitmap,
  parseInputDevices,
  processWordBits,
} from "./touch.js";

/** A Raspberry Pi's Goodix panel as a 32-bit (armhf) process reads it: 32-bit words. */
const RASPBERRY_PI_32 = `I: Bus=0018 Vendor=0416 Product=038f Version=1060
N: Name="Goodix Capacitive TouchScreen"
P: Phys=input/ts
S: Sysfs=/devices/platform/soc/fe205000.i2c/i2c-22/22-005d/input/input2
U: Uniq=
H: Handlers=kbd event2 
B: PROP=2
B: EV=b
B: KEY=400 0 0 0 0 0 0 0 0 0 0
B: ABS=2658000 3
`;

describe("finding touchscreens in /proc/bus/input/devices", () => {
  it("reads each device's name, handlers and capability bits", () => {
    const devices = parseInputDevices(KIOSK_INPUT_DEVICES, 64);
    expect(devices.map((device) => device.name)).toEqual([
      "Power Button",
      "Goodix Capacitive TouchScreen",
      "ILITEK ILITEK-TP",
      "eGalax Inc. USB TouchController",
      "Logitech USB Keyboard",
      "Logitech USB Optical Mouse",
      "QEMU Virtio Tablet",
      "SYNA3602:00 06CB:CD8B Touchpad",
    ]);
    const goodix = devices[1];
    expect(goodix?.handlers).toEqual(["kbd", "event5"]);
    // ABS_X, ABS_Y and the multitouch axes: slot, touch major, width major, position X/Y, tracking id.
    expect([...(goodix?.bits.ABS ?? [])].sort((a, b) => a - b)).toEqual([
      0, 1, 47, 48, 50, 53, 54, 57,
    ]);
    // BTN_TOUCH (0x14a) and KEY_LEFTMETA (125).
    expect(goodix?.bits.KEY).toEqual(new Set([125, 0x14a]));
  });

  it("tells the touchscreens — multitouch Goodix and ILITEK, single-touch eGalax — from the rest", () => {
    const touchscreens = parseInputDevices(KIOSK_INPUT_DEVICES, 64)
      .filter(isTouchscreen)
      .map((device) => device.name);
    // Not the keyboard, the mouse, QEMU's tablet (absolute, but with mouse buttons) or the touchpad.
    expect(touchscreens).toEqual([
      "Goodix Capacitive TouchScreen",
      "ILITEK ILITEK-TP",
      "eGalax Inc. USB TouchController",
    ]);
  });

  it("reads a 32-bit process's bitmaps with 32-bit words", () => {
    const [pi] = parseInputDevices(RASPBERRY_PI_32, 32);
    expect(pi && isTouchscreen(pi)).toBe(true);
    expect(pi?.bits.KEY).toEqual(new Set([0x14a]));
    expect(parseBitmap("2658000 3", 32)).toEqual(parseBitmap("265800000000003", 64));
    expect(processWordBits("arm")).toBe(32);
    expect(processWordBits("arm64")).toBe(64);
    expect(processWordBits("x64")).toBe(64);
  });

  it("lists the touchscreens with their event handlers from procfs", async () => {
    const procRoot = mkdtempSync(join(tmpdir(), "linli-proc-"));
    mkdirSync(join(procRoot, "bus/input"), { recursive: true });
    writeFileSync(join(procRoot, "bus/input/devices"), KIOSK_INPUT_DEVICES);
    expect(await findTouchscreens(procRoot, 64)).toEqual([
      { name: "Goodix Capacitive TouchScreen", handler: "event5" },
      { name: "ILITEK ILITEK-TP", handler: "event6" },
      { name: "eGalax Inc. USB TouchController", handler: "event7" },
    ]);
  });

  it("finds none, without an error, where there is no input device list", async () => {
    expect(await findTouchscreens("/nonexistent")).toEqual([]);
    expect(parseInputDevices("")).toEqual([]);
    expect(parseInputDevices("garbage\n\nB: ABS=zz\n")).toEqual([]);
  });
});

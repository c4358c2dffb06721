import { describe, expect, it } from "vitest";
import {
  parseTopic,
  readDeviceState,
  readDisplay,
  readStore,
  readTelemetry,
  readTouch,
} from "./messages.js";

describe("reading the uplink's topics and payloads", () => {
  it("knows each upstream topic's kiosk and kind, and leaves downlink topics alone", () => {
    expect(parseTopic("linli/v1/huamu/kiosk-01/status")).toEqual({
      kind: "status",
      site: "huamu",
      kiosk: "kiosk-01",
    });
    expect(parseTopic("linli/v1/huamu/kiosk-01/devices/printer-1/state")).toEqual({
      kind: "deviceState",
      deviceId: "printer-1",
      site: "huamu",
      kiosk: "kiosk-01",
    });
    expect(parseTopic("linli/v1/huamu/kiosk-01/cmd/open-door")).toBe("ignored");
    expect(parseTopic("linli/v1/huamu/kiosk-01/dataset")).toBe("ignored");
    expect(parseTopic("linli/v2/huamu/kiosk-01/status")).toBeUndefined();
    expect(parseTopic("linli/v1/huamu/../status")).toBeUndefined();
    expect(parseTopic("linli/v1/huamu/kiosk-01/devices/Printer 1/state")).toBeUndefined();
  });

  it("drops a telemetry report's unreadable devices but keeps the rest", () => {
    const telemetry = readTelemetry({
      at: "2025-06-03T08:00:00.000Z",
      kiosk: "not an object",
      outbox: { depth: 0, oldestAgeSeconds: null },
      devices: [{ id: "printer-1", family: "printer", state: "ready", connected: true }, 7, {}],
    });
    expect(telemetry?.devices.map((device) => device.id)).toEqual(["printer-1"]);
    expect(telemetry?.kiosk.load).toBeUndefined();
  });

  it("refuses a device state published for another device", () => {
    const health = { state: "ready", connected: true, lastSeen: null, errorCount: 0 };
    expect(readDeviceState("printer-1", { deviceId: "lockers-1", at: "x", health }, 0)).toBe(
      undefined,
    );
    expect(readDeviceState("printer-1", { deviceId: "printer-1", health }, 5)?.at).toBe(5);
  });

  it("reads an older kiosk's telemetry, without store, screen or touch panel, as not said", () => {
    const telemetry = readTelemetry({
      at: "2025-06-03T08:00:00.000Z",
      kiosk: { disk: { path: "/var/lib/linli", totalBytes: 32e9, freeBytes: 16e9 } },
      outbox: { depth: 0, oldestAgeSeconds: null },
      devices: [],
    });
    expect(telemetry?.store).toBeUndefined();
    expect(telemetry?.kiosk).toMatchObject({
      diskFreeBytes: 16e9,
      display: undefined,
      touch: undefined,
    });
  });

  it("reads a newer kiosk's store health, screen and touch panel", () => {
    const telemetry = readTelemetry({
      at: "2025-06-03T08:00:00.000Z",
      kiosk: {
        display: {
          phase: "asleep",
          brightnessPercent: 0,
          backlight: {
            device: "intel_backlight",
            maxBrightness: 96000,
            powerControl: true,
            writable: false,
            error: "EACCES writing /sys/class/backlight/intel_backlight/bl_power",
          },
        },
        touch: {
          devices: [{ name: "ILITEK ILITEK-TP", handler: "event5" }],
          present: true,
          lastTouchAt: "2025-06-03T07:58:00.000Z",
        },
      },
      outbox: { depth: 0, oldestAgeSeconds: null },
      devices: [],
      store: {
        writable: false,
        reason: "full",
        lastError: "SQLITE_FULL",
        since: "2025-06-03T07:00:00.000Z",
        freeBytes: 4096,
        reserveBytes: 16777216,
      },
    });
    expect(telemetry?.store).toEqual({
      writable: false,
      reason: "full",
      lastError: "SQLITE_FULL",
      since: Date.parse("2025-06-03T07:00:00.000Z"),
      freeBytes: 4096,
      reserveBytes: 16777216,
    });
    expect(telemetry?.kiosk.display).toEqual({
      phase: "asleep",
      brightnessPercent: 0,
      backlight: {
        device: "intel_backlight",
        writable: false,
        error: "EACCES writing /sys/class/backlight/intel_backlight/bl_power",
      },
    });
    expect(telemetry?.kiosk.touch).toEqual({
      present: true,
      devices: ["ILITEK ILITEK-TP"],
      lastTouchAt: Date.parse("2025-06-03T07:58:00.000Z"),
    });
  });

  it("makes what it can of a store, screen or touch panel in a shape it does not expect", () => {
    expect(readStore({ reason: "full" })).toBeUndefined();
    expect(readStore({ writable: false, reason: "on fire", freeBytes: -1 })).toMatchObject({
      writable: false,
      reason: undefined,
      freeBytes: undefined,
    });
    // A writable store has no reason, whatever else it says.
    expect(readStore({ writable: true, reason: "full", lastError: "SQLITE_FULL" })).toMatchObject({
      reason: undefined,
      lastError: undefined,
    });
    expect(readDisplay({ phase: "dozing", brightnessPercent: 250, backlight: null })).toEqual({
      phase: undefined,
      brightnessPercent: undefined,
      backlight: undefined,
    });
    expect(readDisplay("asleep")).toBeUndefined();
    expect(readTouch({ devices: [] })).toBeUndefined();
    expect(readTouch({ present: false, devices: [7, null], lastTouchAt: "never" })).toEqual({
      present: false,
      devices: [],
      lastTouchAt: undefined,
    });
  });
});

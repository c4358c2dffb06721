import { describe, expect, it } from "vitest";
import { parseTopic, readDeviceState, readTelemetry } from "./messages.js";

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
});

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KioskHealthSchema } from "@linli/protocols/api";
import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import { EventBus } from "../bus.js";
import { DisplayService } from "../host/display.js";
import { fakeHost, KIOSK_INPUT_DEVICES } from "../host/testing.js";
import { readKioskHealth } from "./kiosk-health.js";

function fakeTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "linli-sys-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `${text}\n`);
  }
  return root;
}

describe("kiosk health", () => {
  it("reads this machine's uptime, load, memory, disk and links", async () => {
    const storePath = join(mkdtempSync(join(tmpdir(), "linli-health-")), "linli.db");
    const health = await readKioskHealth({ storePath });
    expect(Value.Check(KioskHealthSchema, health)).toBe(true);
    expect(health.uptimeSeconds.host).toBeGreaterThan(0);
    expect(health.load.cpus).toBeGreaterThanOrEqual(1);
    expect(health.memory.totalBytes).toBeGreaterThan(health.memory.freeBytes);
    expect(health.memory.freeBytes).toBeGreaterThan(0);
    expect(health.memory.agentRssBytes).toBeGreaterThan(0);
    expect(health.disk?.path).toBe(dirname(storePath));
    expect(health.disk?.freeBytes).toBeGreaterThan(0);
    expect(health.disk?.totalBytes).toBeGreaterThanOrEqual(health.disk?.freeBytes ?? 0);
    expect(health.network.every((link) => link.name !== "lo")).toBe(true);
    for (const reading of health.temperatures) expect(reading.celsius).toBeGreaterThan(-50);
  });

  it("reads temperatures and links from sysfs, leaving out what it cannot read", async () => {
    const sysRoot = fakeTree({
      "class/thermal/thermal_zone0/temp": "45500",
      "class/thermal/thermal_zone0/type": "x86_pkg_temp",
      "class/thermal/thermal_zone1/temp": "-273000",
      "class/thermal/thermal_zone2/type": "acpitz",
      "class/thermal/cooling_device0/type": "Processor",
      "class/net/lo/operstate": "unknown",
      "class/net/eth0/operstate": "up",
      "class/net/wlan0/operstate": "down",
      "class/net/tun0/operstate": "unknown",
      "class/net/tun0/carrier": "1",
    });
    const procRoot = fakeTree({ meminfo: "MemTotal: 4000 kB\nMemAvailable:     1024 kB\n" });
    const health = await readKioskHealth({ storePath: ":memory:", sysRoot, procRoot });
    expect(health.temperatures).toEqual([
      { zone: "thermal_zone0", type: "x86_pkg_temp", celsius: 45.5 },
    ]);
    expect(health.network).toEqual([
      { name: "eth0", up: true, state: "up" },
      { name: "tun0", up: true, state: "unknown" },
      { name: "wlan0", up: false, state: "down" },
    ]);
    expect(health.memory.freeBytes).toBe(1024 * 1024);
    expect(health.disk?.path).toBe(process.cwd());
  });

  it("carries the screen's phase and backlight and the touch panel, when the display is given", async () => {
    const host = fakeHost();
    host.addBacklight({ name: "intel_backlight", maxBrightness: 100, brightness: 60 });
    host.setInputDevices(KIOSK_INPUT_DEVICES);
    const display = new DisplayService({
      config: {
        sleep: [],
        wakeMinutes: 2,
        backlight: "auto",
        sysRoot: host.sysRoot,
        procRoot: host.procRoot,
      },
      bus: new EventBus(),
      wordBits: 64,
    });
    await display.start();
    const health = await readKioskHealth({ storePath: ":memory:", display });
    display.stop();
    expect(Value.Check(KioskHealthSchema, health)).toBe(true);
    expect(health.display).toMatchObject({ phase: "awake", brightnessPercent: 60 });
    expect(health.touch).toMatchObject({ present: true, lastTouchAt: null });
    expect(health.touch?.devices.map((device) => device.handler)).toEqual([
      "event5",
      "event6",
      "event7",
    ]);
    // Without a display service (a simulated kiosk, an older agent) both are left out.
    const bare = await readKioskHealth({ storePath: ":memory:" });
    expect("display" in bare || "touch" in bare).toBe(false);
  });

  it("reports no disk when the store's folder cannot be read", async () => {
    const health = await readKioskHealth({
      storePath: "/nonexistent/linli/linli.db",
      sysRoot: "/nonexistent",
    });
    expect(health.disk).toBeNull();
    expect(health.temperatures).toEqual([]);
    expect(Value.Check(KioskHealthSchema, health)).toBe(true);
  });
});

import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Backlight, findBacklight, levelOf, percentOf } from "./backlight.js";
import { fakeHost } from "./testing.js";

describe("the backlight through sysfs", () => {
  it("scales percentages to the device's max_brightness, never to 0 above 0 %", () => {
    expect(levelOf(100, 19393)).toBe(19393);
    expect(levelOf(50, 19393)).toBe(9697);
    expect(levelOf(1, 7)).toBe(1);
    expect(levelOf(30, 1)).toBe(1);
    expect(levelOf(0, 255)).toBe(0);
    expect(percentOf(9697, 19393)).toBe(50);
  });

  it('"auto" picks the firmware device over a raw one, as the kernel ABI advises', async () => {
    const host = fakeHost();
    host.addBacklight({ name: "intel_backlight", type: "raw" });
    host.addBacklight({ name: "acpi_video0", type: "firmware", maxBrightness: 15 });
    expect(await findBacklight(host.sysRoot, "auto")).toMatchObject({
      name: "acpi_video0",
      maxBrightness: 15,
      powerControl: true,
    });
    expect((await findBacklight(host.sysRoot, "intel_backlight"))?.name).toBe("intel_backlight");
  });

  it('finds none for "none", for a name that is not there, and on a machine without backlights', async () => {
    const host = fakeHost();
    host.addBacklight({ name: "intel_backlight" });
    expect(await findBacklight(host.sysRoot, "none")).toBeUndefined();
    expect(await findBacklight(host.sysRoot, "rpi_backlight")).toBeUndefined();
    expect(await findBacklight(fakeHost().sysRoot, "auto")).toBeUndefined();
    expect(await findBacklight("/nonexistent", "auto")).toBeUndefined();
  });

  it("goes dark with bl_power 4 and keeps the level, and lights up at the level asked for", async () => {
    const host = fakeHost();
    host.addBacklight({ name: "intel_backlight", maxBrightness: 1000, brightness: 800 });
    const device = await findBacklight(host.sysRoot, "auto");
    const backlight = new Backlight(device!);
    expect(await backlight.readLevel()).toBe(800);
    expect(await backlight.apply({ dark: true, level: 600 })).toBeNull();
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
    expect(host.read("intel_backlight", "brightness")).toBe("800");
    expect(await backlight.apply({ dark: false, level: 600 })).toBeNull();
    expect(host.read("intel_backlight", "bl_power")).toBe("0");
    expect(host.read("intel_backlight", "brightness")).toBe("600");
  });

  it("goes dark at level 0 where the device has no bl_power", async () => {
    const host = fakeHost();
    host.addBacklight({ name: "rpi_backlight", maxBrightness: 255, blPower: false });
    const backlight = new Backlight((await findBacklight(host.sysRoot, "auto"))!);
    expect(backlight.device.powerControl).toBe(false);
    await backlight.apply({ dark: true, level: 200 });
    expect(host.read("rpi_backlight", "brightness")).toBe("0");
    await backlight.apply({ dark: false, level: 200 });
    expect(host.read("rpi_backlight", "brightness")).toBe("200");
  });

  it("reports a write that fails, and recovers once the file takes writes", async () => {
    const host = fakeHost();
    const dir = host.addBacklight({ name: "intel_backlight" });
    const backlight = new Backlight((await findBacklight(host.sysRoot, "auto"))!);
    // Tests run as root, which chmod cannot stop: bl_power as a folder fails the write for
    // anyone (EISDIR), as a root-owned 0644 file fails it for the agent's user (EACCES).
    rmSync(join(dir, "bl_power"));
    mkdirSync(join(dir, "bl_power"));
    const error = await backlight.apply({ dark: true, level: 100 });
    expect(error).toBe(`EISDIR writing ${join(dir, "bl_power")}`);
    expect(backlight.status()).toMatchObject({ writable: false, error });
    rmSync(join(dir, "bl_power"), { recursive: true });
    expect(await backlight.apply({ dark: true, level: 100 })).toBeNull();
    expect(backlight.status()).toMatchObject({ writable: true, error: null });
    expect(host.read("intel_backlight", "bl_power")).toBe("4");
  });

  it("reports the kernel's refusal as it comes, e.g. EACCES for a file the agent may not write", async () => {
    const host = fakeHost();
    host.addBacklight({ name: "intel_backlight" });
    const denied = Object.assign(new Error("permission denied"), { code: "EACCES" });
    const backlight = new Backlight((await findBacklight(host.sysRoot, "auto"))!, async () => {
      throw denied;
    });
    expect(await backlight.apply({ dark: false, level: 10 })).toMatch(
      /^EACCES writing .*brightness$/,
    );
    expect(backlight.status().writable).toBe(false);
  });
});

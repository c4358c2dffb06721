import { chmodSync, chownSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DisplayConfig } from "../config/index.js";
import { type FakeHost, fakeHost, KIOSK_INPUT_DEVICES } from "../host/testing.js";
import { checkDisplay } from "./display.js";
import type { AgentUser } from "./user.js";

/** The installed service's user: uid and group 990, as the installer would make it. */
const LINLI: AgentUser = {
  name: "linli",
  info: { name: "linli", uid: 990, gid: 990, groups: [{ name: "linli", gid: 990 }] },
  why: "--user",
};

function display(host: FakeHost, backlight = "auto"): DisplayConfig {
  return {
    sleep: [{ from: "22:30", to: "06:30" }],
    wakeMinutes: 2,
    backlight,
    sysRoot: host.sysRoot,
    procRoot: host.procRoot,
  };
}

/** What the installer's udev rule does to a backlight as the kernel adds it. */
function udevRuleApplied(dir: string): void {
  for (const file of ["brightness", "bl_power"]) {
    chownSync(join(dir, file), 0, 990);
    chmodSync(join(dir, file), 0o664);
  }
}

describe("linli doctor: the screen", () => {
  it("passes a kiosk with a touchscreen and a backlight its agent may write", async () => {
    const host = fakeHost();
    host.setInputDevices(KIOSK_INPUT_DEVICES);
    udevRuleApplied(host.addBacklight({ name: "intel_backlight", maxBrightness: 19393 }));
    const findings = await checkDisplay(display(host), {
      user: LINLI,
      installed: true,
      wordBits: 64,
    });
    expect(findings).toEqual([
      {
        check: "touchscreen",
        ok: true,
        detail:
          "Goodix Capacitive TouchScreen (event5), ILITEK ILITEK-TP (event6), eGalax Inc. USB TouchController (event7)",
      },
      {
        check: "backlight",
        ok: true,
        detail: "intel_backlight: brightness and bl_power writable by linli, max_brightness 19393",
      },
    ]);
  });

  it("says when no touchscreen is plugged in, and where to look", async () => {
    const host = fakeHost();
    host.setInputDevices(KIOSK_INPUT_DEVICES.split("\n\n").slice(4).join("\n\n"));
    const [touch] = await checkDisplay(display(host), { user: LINLI, installed: true });
    expect(touch).toMatchObject({
      check: "touchscreen",
      ok: false,
      detail: expect.stringContaining("no touchscreen among the input devices"),
      fix: expect.stringContaining("dmesg"),
    });
  });

  it("says when the udev rule has not reached the backlight: root's files, mode 0644", async () => {
    const host = fakeHost();
    host.setInputDevices(KIOSK_INPUT_DEVICES);
    const dir = host.addBacklight({ name: "intel_backlight" });
    const [, backlight] = await checkDisplay(display(host), { user: LINLI, installed: true });
    expect(backlight).toEqual({
      check: "backlight",
      ok: false,
      detail: `${join(dir, "brightness")} is not writable by linli (owner 0:0, mode 0644), so the screen cannot go dark at night or change brightness (the kiosk UI still goes black)`,
      fix: expect.stringContaining("udevadm trigger --action=add --subsystem-match=backlight"),
    });
  });

  it("names the backlights there are when the configured one is not", async () => {
    const host = fakeHost();
    host.setInputDevices(KIOSK_INPUT_DEVICES);
    host.addBacklight({ name: "intel_backlight" });
    const [, backlight] = await checkDisplay(display(host, "rpi_backlight"), {
      user: LINLI,
      installed: true,
    });
    expect(backlight).toMatchObject({
      ok: false,
      detail: expect.stringContaining('display.backlight "rpi_backlight" is not in'),
      fix: 'set display.backlight to "auto" or to one of intel_backlight',
    });
  });

  it("leaves a developer's machine alone, and a kiosk configured without a backlight", async () => {
    const host = fakeHost();
    expect(await checkDisplay(display(host), { user: LINLI, installed: false })).toEqual([]);
    host.setInputDevices(KIOSK_INPUT_DEVICES);
    const findings = await checkDisplay(display(host, "none"), { user: LINLI, installed: true });
    expect(findings.map((finding) => finding.check)).toEqual(["touchscreen"]);
  });
});

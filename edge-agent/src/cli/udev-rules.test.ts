import { shippedProfiles } from "@linli/device-profiles";
import { describe, expect, it } from "vitest";
import { udevRules } from "./udev-rules.js";

const hex4 = (word: number) => word.toString(16).padStart(4, "0");
const rules = udevRules();
const ruleLines = rules.split("\n").filter((line) => line && !line.startsWith("#"));

/** The rule lines that match one USB id. */
function rulesFor(vendorId: number, productId: number): string[] {
  const ids = `ATTRS{idVendor}=="${hex4(vendorId)}", ATTRS{idProduct}=="${hex4(productId)}"`;
  return ruleLines.filter((line) => line.includes(ids));
}

describe("the udev rules made from the device profiles", () => {
  it.each(
    shippedProfiles.flatMap((profile) =>
      profile.usb.map(
        (id) => [profile.id, `${hex4(id.vendorId)}:${hex4(id.productId)}`, id] as const,
      ),
    ),
  )("cover %s's USB id %s, in lowercase hex", (_profile, _ids, id) => {
    expect(rulesFor(id.vendorId, id.productId).length).toBeGreaterThan(0);
  });

  it("give serial ports to dialout, USB printers to lp and hidraw nodes to plugdev, mode 0660", () => {
    for (const profile of shippedProfiles) {
      for (const id of profile.usb) {
        const lines = rulesFor(id.vendorId, id.productId);
        if (profile.transports.serial)
          expect(lines).toContainEqual(
            expect.stringMatching(/^SUBSYSTEM=="tty", .*GROUP="dialout", MODE="0660"/),
          );
        if (profile.transports.usblp && !id.bridge)
          expect(lines).toContainEqual(
            expect.stringMatching(/^SUBSYSTEM=="usbmisc", KERNEL=="lp\[0-9\]\*", .*GROUP="lp"/),
          );
        if (profile.transports.hid)
          expect(lines).toContainEqual(
            expect.stringMatching(/^SUBSYSTEM=="hidraw", .*GROUP="plugdev", MODE="0660"/),
          );
      }
    }
  });

  it("name each device /dev/linli/<profile>, and a bridge chip by its ids (it may carry any of several)", () => {
    expect(rulesFor(0x0416, 0x5011)[0]).toContain('SYMLINK+="linli/generic-escpos-58"');
    expect(rulesFor(0x1209, 0x0001)[0]).toContain('SYMLINK+="linli/linli-rating-box-5"');
    expect(rulesFor(0x1a86, 0x7523)).toEqual([
      'SUBSYSTEM=="tty", ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="7523", GROUP="dialout", MODE="0660", ENV{ID_MM_DEVICE_IGNORE}="1", SYMLINK+="linli/usb-serial-1a86-7523"',
    ]);
  });

  it("keep ModemManager from probing Linli's serial devices", () => {
    for (const line of ruleLines.filter((rule) => rule.startsWith('SUBSYSTEM=="tty"')))
      expect(line).toContain('ENV{ID_MM_DEVICE_IGNORE}="1"');
  });

  it("let the agent's group write the backlight's brightness and bl_power, when one is added", () => {
    const backlight = ruleLines.filter((line) => line.includes('SUBSYSTEM=="backlight"'));
    expect(backlight).toEqual([
      'ACTION=="add", SUBSYSTEM=="backlight", RUN+="/bin/chgrp linli /sys%p/brightness /sys%p/bl_power"',
      'ACTION=="add", SUBSYSTEM=="backlight", RUN+="/bin/chmod g+w /sys%p/brightness /sys%p/bl_power"',
    ]);
    // Before the line that sends everything but tty, usbmisc and hidraw to the end.
    const skip = ruleLines.findIndex((line) => line.startsWith('SUBSYSTEM!="tty|usbmisc|hidraw"'));
    expect(ruleLines.indexOf(backlight[1] as string)).toBeLessThan(skip);
  });

  it("are well formed: every line a comment, a GOTO/LABEL, or keys with ==, =, or +=", () => {
    for (const line of ruleLines) {
      for (const pair of line.split(/,\s*/))
        expect(pair).toMatch(/^[A-Z_]+(\{[\w.]+\})?(==|!=|=|\+=)"[^"]*"$/);
    }
    expect(rules).toMatch(/LABEL="linli_end"\n$/);
  });
});

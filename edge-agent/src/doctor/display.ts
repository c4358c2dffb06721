import { constants } from "node:fs";
import { access, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { DisplayConfig } from "../config/index.js";
import { findBacklight } from "../host/backlight.js";
import { findTouchscreens, processWordBits } from "../host/touch.js";
import { type Finding, fail, pass } from "./finding.js";
import type { AgentUser } from "./user.js";

export interface DisplayCheckOptions {
  user: AgentUser;
  /** Only an installed kiosk has a screen worth checking; a developer's machine is left alone. */
  installed: boolean;
  wordBits?: 32 | 64;
}

const TOUCH_FIX =
  "check the panel's USB (or I2C) cable and power, then what the kernel said: sudo dmesg | grep -iE 'touch|goodix|ilitek|egalax|multitouch'";
const BACKLIGHT_FIX =
  "re-run the installer, whose udev rule gives brightness and bl_power to group linli; or at once: sudo udevadm trigger --action=add --subsystem-match=backlight";

/**
 * The kiosk's screen: a touchscreen among the input devices, and a backlight
 * the agent may write (display.backlight) for the sleep schedule.
 */
export async function checkDisplay(
  display: DisplayConfig,
  options: DisplayCheckOptions,
): Promise<Finding[]> {
  if (!options.installed) return [];
  return [await checkTouch(display, options), ...(await checkBacklight(display, options.user))];
}

async function checkTouch(display: DisplayConfig, options: DisplayCheckOptions): Promise<Finding> {
  const found = await findTouchscreens(display.procRoot, options.wordBits ?? processWordBits());
  if (found.length === 0) {
    return fail(
      "touchscreen",
      `no touchscreen among the input devices in ${join(display.procRoot, "bus/input/devices")}: residents cannot use this kiosk`,
      TOUCH_FIX,
    );
  }
  return pass(
    "touchscreen",
    found.map((device) => `${device.name} (${device.handler})`).join(", "),
  );
}

async function checkBacklight(display: DisplayConfig, user: AgentUser): Promise<Finding[]> {
  const setting = display.backlight;
  if (setting === "none") return [];
  const device = await findBacklight(display.sysRoot, setting);
  const classDir = join(display.sysRoot, "class/backlight");
  if (!device) {
    if (setting === "auto") {
      return [pass("backlight", "no backlight device: in sleep hours only the kiosk UI goes dark")];
    }
    const present = await readdir(classDir).catch(() => [] as string[]);
    return [
      fail(
        "backlight",
        `display.backlight "${setting}" is not in ${classDir} (there: ${present.join(", ") || "none"})`,
        `set display.backlight to "auto"${present.length > 0 ? ` or to one of ${present.join(", ")}` : ""}`,
      ),
    ];
  }
  const files = device.powerControl ? ["brightness", "bl_power"] : ["brightness"];
  for (const file of files) {
    const path = join(device.dir, file);
    const refused = await writableBy(path, user);
    if (refused) {
      return [
        fail(
          "backlight",
          `${refused}, so the screen cannot go dark at night or change brightness (the kiosk UI still goes black)`,
          BACKLIGHT_FIX,
        ),
      ];
    }
  }
  return [
    pass(
      "backlight",
      `${device.name}: ${files.join(" and ")} writable by ${user.name}, max_brightness ${device.maxBrightness}`,
    ),
  ];
}

/** Why `user` may not write `path`, or undefined when it may. */
async function writableBy(path: string, user: AgentUser): Promise<string | undefined> {
  const { info } = user;
  if (!info || info.uid === process.getuid?.()) {
    return access(path, constants.W_OK).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => `${path} is not writable (${error.code ?? error.message})`,
    );
  }
  if (info.uid === 0) return undefined;
  const stats = await stat(path).catch(() => undefined);
  if (!stats) return `${path} cannot be read`;
  const gids = new Set([info.gid, ...info.groups.map((group) => group.gid)]);
  const shift = stats.uid === info.uid ? 6 : gids.has(stats.gid) ? 3 : 0;
  if (((stats.mode >> shift) & 0o2) === 0o2) return undefined;
  const mode = (stats.mode & 0o777).toString(8).padStart(4, "0");
  return `${path} is not writable by ${user.name} (owner ${stats.uid}:${stats.gid}, mode ${mode})`;
}

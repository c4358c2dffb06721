import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BacklightStatus } from "@linli/protocols/api";

/**
 * The panel's backlight through the kernel's sysfs interface
 * (Documentation/ABI/stable/sysfs-class-backlight):
 * `/sys/class/backlight/<name>/{brightness, max_brightness, actual_brightness, bl_power, type}`.
 * brightness runs from 0 to max_brightness; bl_power takes the FB_BLANK
 * values, 0 on and 4 powered down. Dark is bl_power 4 wherever the device
 * has it — the level stays, so waking is one write and never a black panel
 * at a level of 0 that some panels treat as "off" and others as "dimmest".
 */

/** FB_BLANK_UNBLANK and FB_BLANK_POWERDOWN (include/uapi/linux/fb.h). */
export const BL_POWER = { on: 0, powerDown: 4 } as const;

/** The ABI's advice for picking among several: firmware (ACPI) over platform over raw. */
const TYPE_PREFERENCE = ["firmware", "platform", "raw"];

export interface BacklightDevice {
  name: string;
  /** The device's folder, /sys/class/backlight/<name>. */
  dir: string;
  maxBrightness: number;
  powerControl: boolean;
}

async function readNumber(path: string): Promise<number | undefined> {
  try {
    const value = Number((await readFile(path, "utf8")).trim());
    return Number.isInteger(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await readFile(path);
    return true;
  } catch (error) {
    // A file that is there but not readable (or a folder) still exists.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

async function describe(classDir: string, name: string): Promise<BacklightDevice | undefined> {
  const dir = join(classDir, name);
  const maxBrightness = await readNumber(join(dir, "max_brightness"));
  if (maxBrightness === undefined || maxBrightness < 1) return undefined;
  return { name, dir, maxBrightness, powerControl: await exists(join(dir, "bl_power")) };
}

/**
 * The backlight `setting` names: "none" → none; a device name → that one
 * (undefined when it is not there); "auto" → the best of those present.
 */
export async function findBacklight(
  sysRoot: string,
  setting: string,
): Promise<BacklightDevice | undefined> {
  if (setting === "none") return undefined;
  const classDir = join(sysRoot, "class/backlight");
  if (setting !== "auto") return describe(classDir, setting);
  let names: string[];
  try {
    names = (await readdir(classDir)).sort();
  } catch {
    return undefined;
  }
  const ranked = await Promise.all(
    names.map(async (name) => {
      const type = (await readFile(join(classDir, name, "type"), "utf8").catch(() => "")).trim();
      const rank = TYPE_PREFERENCE.indexOf(type);
      return { name, rank: rank === -1 ? TYPE_PREFERENCE.length : rank };
    }),
  );
  ranked.sort((a, b) => a.rank - b.rank);
  for (const { name } of ranked) {
    const device = await describe(classDir, name);
    if (device) return device;
  }
  return undefined;
}

/** A percentage as the device's level: never 0 for a percentage above 0. */
export function levelOf(percent: number, maxBrightness: number): number {
  if (percent <= 0) return 0;
  return Math.min(maxBrightness, Math.max(1, Math.round((percent / 100) * maxBrightness)));
}

/** A device level as a percentage, for reports. */
export function percentOf(level: number, maxBrightness: number): number {
  return Math.max(0, Math.min(100, Math.round((level / maxBrightness) * 100)));
}

export type BacklightWrite = (path: string, text: string) => Promise<void>;

/**
 * One backlight device: what the agent last asked of it, and whether that
 * worked. A write that fails (no permission, a read-only /sys) is reported
 * in `status()` and logged by the caller; it never throws past `apply`.
 */
export class Backlight {
  readonly device: BacklightDevice;
  readonly #write: BacklightWrite;
  #level: number | undefined;
  #power: number | undefined;
  #error: string | null = null;
  #written = false;

  constructor(
    device: BacklightDevice,
    write: BacklightWrite = (path, text) => writeFile(path, text),
  ) {
    this.device = device;
    this.#write = write;
  }

  /** The level set now (brightness; actual_brightness where that cannot be read). */
  async readLevel(): Promise<number | undefined> {
    const { dir } = this.device;
    return (
      (await readNumber(join(dir, "brightness"))) ??
      (await readNumber(join(dir, "actual_brightness")))
    );
  }

  /**
   * Lights the panel at `level` (device units), or darkens it: bl_power 4
   * where there is bl_power, else level 0. Writes only what changed since
   * the last write that worked. Resolves with the error text, or null.
   */
  async apply(target: { dark: boolean; level: number | undefined }): Promise<string | null> {
    const { dir, powerControl } = this.device;
    const writes: [string, number][] = [];
    if (target.dark && powerControl) {
      writes.push(["bl_power", BL_POWER.powerDown]);
    } else if (target.dark) {
      writes.push(["brightness", 0]);
    } else {
      // Level first, then power: the panel comes on at the level it is meant to have.
      if (target.level !== undefined) writes.push(["brightness", target.level]);
      if (powerControl) writes.push(["bl_power", BL_POWER.on]);
    }
    let error: string | null = null;
    for (const [file, value] of writes) {
      const current = file === "bl_power" ? this.#power : this.#level;
      if (this.#written && this.#error === null && current === value) continue;
      try {
        await this.#write(join(dir, file), String(value));
        if (file === "bl_power") this.#power = value;
        else this.#level = value;
      } catch (cause) {
        const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
        error = `${code} writing ${join(dir, file)}`;
        break;
      }
    }
    this.#written = true;
    this.#error = error;
    return error;
  }

  status(): BacklightStatus {
    return {
      device: this.device.name,
      maxBrightness: this.device.maxBrightness,
      powerControl: this.device.powerControl,
      writable: this.#error === null,
      error: this.#error,
    };
  }
}

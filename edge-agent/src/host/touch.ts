import { readFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * Touchscreens among the kernel's input devices, from /proc/bus/input/devices:
 * blocks of `N: Name="…"`, `H: Handlers=… eventN`, and capability bitmaps
 * `B: PROP=`, `B: KEY=`, `B: ABS=` (hex words, most significant first, one
 * per `unsigned long` of the reading process: 64 bits, or 32 on a 32-bit
 * process). Which device is a touchscreen follows udev's input_id builtin,
 * the rule libinput relies on: absolute X/Y (or multitouch X/Y) with
 * INPUT_PROP_DIRECT or BTN_TOUCH, and no pen, mouse buttons or touchpad finger
 * tool. A "QEMU Virtio Tablet" (absolute axes with mouse buttons) is a mouse.
 */

export interface InputDevice {
  name: string;
  handlers: string[];
  /** Bit sets by bitmap name ("PROP", "EV", "KEY", "ABS", …). */
  bits: Record<string, ReadonlySet<number>>;
}

const INPUT_PROP_DIRECT = 0x01;
const ABS_X = 0x00;
const ABS_Y = 0x01;
const ABS_MT_POSITION_X = 0x35;
const ABS_MT_POSITION_Y = 0x36;
const BTN_LEFT = 0x110;
const BTN_TOOL_PEN = 0x140;
const BTN_TOOL_FINGER = 0x145;
const BTN_TOUCH = 0x14a;
const BTN_STYLUS = 0x14b;

/** The bits of a bitmap line's words ("2658000 3" on a 32-bit process). */
export function parseBitmap(words: string, wordBits: 32 | 64): Set<number> {
  const bits = new Set<number>();
  const list = words.trim().split(/\s+/).filter(Boolean).reverse();
  list.forEach((word, index) => {
    let value: bigint;
    try {
      value = BigInt(`0x${word}`);
    } catch {
      return;
    }
    for (let bit = 0; value > 0n; bit++, value >>= 1n) {
      if (value & 1n) bits.add(index * wordBits + bit);
    }
  });
  return bits;
}

/** The word size of this process's `unsigned long`, as the kernel prints bitmaps to it. */
export function processWordBits(arch: string = process.arch): 32 | 64 {
  return ["arm", "ia32", "mips", "mipsel", "ppc", "s390"].includes(arch) ? 32 : 64;
}

/** Every device block of /proc/bus/input/devices. */
export function parseInputDevices(
  text: string,
  wordBits: 32 | 64 = processWordBits(),
): InputDevice[] {
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      let name = "";
      let handlers: string[] = [];
      const bits: Record<string, Set<number>> = {};
      for (const line of block.split("\n")) {
        const name_ = /^N: Name="(.*)"\s*$/.exec(line);
        if (name_) name = name_[1] ?? "";
        const handlers_ = /^H: Handlers=(.*)$/.exec(line);
        if (handlers_) handlers = (handlers_[1] ?? "").trim().split(/\s+/).filter(Boolean);
        const bitmap = /^B: ([A-Z]+)=(.*)$/.exec(line);
        if (bitmap?.[1] && bitmap[2] !== undefined)
          bits[bitmap[1]] = parseBitmap(bitmap[2], wordBits);
      }
      return { name, handlers, bits };
    })
    .filter((device) => device.name !== "" || device.handlers.length > 0);
}

export function isTouchscreen(device: InputDevice): boolean {
  const has = (map: string, bit: number) => device.bits[map]?.has(bit) ?? false;
  const direct = has("PROP", INPUT_PROP_DIRECT);
  const pen = has("KEY", BTN_STYLUS) || has("KEY", BTN_TOOL_PEN);
  const touchpad = has("KEY", BTN_TOOL_FINGER) && !has("KEY", BTN_TOOL_PEN) && !direct;
  const touches = !pen && !touchpad && (has("KEY", BTN_TOUCH) || direct);
  const absolute = has("ABS", ABS_X) && has("ABS", ABS_Y);
  const multitouch = has("ABS", ABS_MT_POSITION_X) && has("ABS", ABS_MT_POSITION_Y);
  // Absolute axes with mouse buttons are VMware's and QEMU's absolute mice.
  return touches && ((absolute && !has("KEY", BTN_LEFT)) || multitouch);
}

export interface TouchscreenEntry {
  name: string;
  /** Its evdev node's name, e.g. "event5". */
  handler: string;
}

/** The touchscreens the kernel lists now; none when /proc cannot be read. */
export async function findTouchscreens(
  procRoot: string,
  wordBits: 32 | 64 = processWordBits(),
): Promise<TouchscreenEntry[]> {
  let text: string;
  try {
    text = await readFile(join(procRoot, "bus/input/devices"), "utf8");
  } catch {
    return [];
  }
  return parseInputDevices(text, wordBits)
    .filter(isTouchscreen)
    .map((device) => ({
      name: device.name,
      handler: device.handlers.find((handler) => /^event\d+$/.test(handler)) ?? "",
    }))
    .filter((entry) => entry.handler !== "");
}

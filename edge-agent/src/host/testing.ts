/**
 * Test support: a fake sysfs and procfs of real files in a temp folder, laid
 * out as the kernel's (`class/backlight/<name>/…`, `bus/input/devices`), for
 * the display's unit tests and for a running agent (display.sysRoot,
 * display.procRoot).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface FakeBacklightOptions {
  name?: string;
  maxBrightness?: number;
  brightness?: number;
  /** Whether the device has bl_power (most do; some platform drivers do not). */
  blPower?: boolean;
  type?: "firmware" | "platform" | "raw";
}

export interface FakeHost {
  sysRoot: string;
  procRoot: string;
  /** Adds a backlight device; returns its folder. */
  addBacklight(options?: FakeBacklightOptions): string;
  /** What a backlight file holds now, e.g. read("intel_backlight", "bl_power") → "4". */
  read(device: string, file: string): string;
  /** Sets /proc/bus/input/devices. */
  setInputDevices(text: string): void;
}

export function fakeHost(): FakeHost {
  const root = mkdtempSync(join(tmpdir(), "linli-host-"));
  const sysRoot = join(root, "sys");
  const procRoot = join(root, "proc");
  mkdirSync(join(sysRoot, "class/backlight"), { recursive: true });
  mkdirSync(join(procRoot, "bus/input"), { recursive: true });
  return {
    sysRoot,
    procRoot,
    addBacklight(options = {}) {
      const dir = join(sysRoot, "class/backlight", options.name ?? "intel_backlight");
      mkdirSync(dir, { recursive: true });
      const max = options.maxBrightness ?? 19393;
      const level = options.brightness ?? max;
      writeFileSync(join(dir, "max_brightness"), `${max}\n`);
      writeFileSync(join(dir, "brightness"), `${level}\n`);
      writeFileSync(join(dir, "actual_brightness"), `${level}\n`);
      writeFileSync(join(dir, "type"), `${options.type ?? "raw"}\n`);
      if (options.blPower !== false) writeFileSync(join(dir, "bl_power"), "0\n");
      return dir;
    },
    read(device, file) {
      return readFileSync(join(sysRoot, "class/backlight", device, file), "utf8").trim();
    },
    setInputDevices(text) {
      writeFileSync(join(procRoot, "bus/input/devices"), text);
    },
  };
}

/** /proc/bus/input/devices of a kiosk PC (x86-64) with everything a kiosk may have plugged in. */
export const KIOSK_INPUT_DEVICES = `I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=PNP0C0C/button/input0
S: Sysfs=/devices/LNXSYSTM:00/LNXSYBUS:00/PNP0C0C:00/input/input0
U: Uniq=
H: Handlers=kbd event0 
B: PROP=0
B: EV=3
B: KEY=10000000000000 0

I: Bus=0018 Vendor=0416 Product=0614 Version=1060
N: Name="Goodix Capacitive TouchScreen"
P: Phys=
S: Sysfs=/devices/platform/AMDI0010:00/i2c-0/i2c-GDIX1002:00/input/input5
U: Uniq=
H: Handlers=kbd event5 
B: PROP=2
B: EV=b
B: KEY=400 0 0 0 2000000000000000 0
B: ABS=265800000000003

I: Bus=0003 Vendor=222a Product=0001 Version=0110
N: Name="ILITEK ILITEK-TP"
P: Phys=usb-0000:00:14.0-4/input0
S: Sysfs=/devices/pci0000:00/0000:00:14.0/usb1/1-4/1-4:1.0/0003:222A:0001.0002/input/input10
U: Uniq=
H: Handlers=mouse1 event6 
B: PROP=2
B: EV=1b
B: KEY=400 0 0 0 0 0
B: ABS=260800000000003
B: MSC=20

I: Bus=0003 Vendor=0eef Product=0001 Version=0100
N: Name="eGalax Inc. USB TouchController"
P: Phys=usb-0000:00:1d.0-1.2/input0
S: Sysfs=/devices/pci0000:00/0000:00:1d.0/usb2/2-1/2-1.2/2-1.2:1.0/input/input8
U: Uniq=
H: Handlers=mouse2 event7 
B: PROP=0
B: EV=b
B: KEY=400 0 0 0 0 0
B: ABS=3

I: Bus=0003 Vendor=046d Product=c31c Version=0110
N: Name="Logitech USB Keyboard"
P: Phys=usb-0000:00:14.0-2/input0
S: Sysfs=/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/0003:046D:C31C.0001/input/input3
U: Uniq=
H: Handlers=sysrq kbd leds event3 
B: PROP=0
B: EV=120013
B: KEY=1000000000007 ff9f207ac14057ff febeffdfffefffff fffffffffffffffe
B: MSC=10
B: LED=7

I: Bus=0003 Vendor=046d Product=c077 Version=0111
N: Name="Logitech USB Optical Mouse"
P: Phys=usb-0000:00:14.0-3/input0
S: Sysfs=/devices/pci0000:00/0000:00:14.0/usb1/1-3/1-3:1.0/0003:046D:C077.0003/input/input4
U: Uniq=
H: Handlers=mouse0 event4 
B: PROP=0
B: EV=17
B: KEY=ff0000 0 0 0 0
B: REL=903
B: MSC=10

I: Bus=0006 Vendor=0627 Product=0003 Version=0001
N: Name="QEMU Virtio Tablet"
P: Phys=virtio3/input0
S: Sysfs=/devices/pci0000:00/0000:00:03.0/virtio3/input/input9
U: Uniq=
H: Handlers=mouse3 event9 
B: PROP=0
B: EV=f
B: KEY=70000 0 0 0 0
B: REL=900
B: ABS=3

I: Bus=0018 Vendor=06cb Product=cd8b Version=0100
N: Name="SYNA3602:00 06CB:CD8B Touchpad"
P: Phys=i2c-SYNA3602:00
S: Sysfs=/devices/platform/AMDI0010:01/i2c-1/i2c-SYNA3602:00/0018:06CB:CD8B.0004/input/input12
U: Uniq=
H: Handlers=mouse4 event10 
B: PROP=5
B: EV=1b
B: KEY=e520 10000 0 0 0 0
B: ABS=2e0800000000003
B: MSC=20
`;

import { EventEmitter } from "node:events";
import type { DeviceSimulator } from "../simulators/simulator.js";

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  usagePage: number | undefined;
  usage: number | undefined;
  product: string | undefined;
  manufacturer: string | undefined;
}

export interface HidHandleEvents {
  /** One input report, report id first. */
  data: [report: Buffer];
  /** The device went away or failed; the handle is dead. */
  error: [error: Error];
}

export interface HidHandle extends EventEmitter<HidHandleEvents> {
  /** Sends one output report (report id first). */
  write(report: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** The HID seam: node-hid on a kiosk, simulators in tests and demo mode. */
export interface HidBinding {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidHandle>;
}

/** Real HID devices through node-hid (loaded only when used, so tests need no hidraw). */
export class NodeHidBinding implements HidBinding {
  async devices(): Promise<HidDeviceInfo[]> {
    const hid = await import("node-hid");
    return (await hid.devicesAsync()).map((device) => ({
      path: device.path ?? "",
      vendorId: device.vendorId,
      productId: device.productId,
      usagePage: device.usagePage,
      usage: device.usage,
      product: device.product,
      manufacturer: device.manufacturer,
    }));
  }

  async open(path: string): Promise<HidHandle> {
    const hid = await import("node-hid");
    const device = await hid.HIDAsync.open(path);
    const handle = new EventEmitter<HidHandleEvents>() as HidHandle;
    device.on("data", (report: Buffer) => handle.emit("data", report));
    device.on("error", (error: Error) => handle.emit("error", error));
    handle.write = async (report) => {
      await device.write(Buffer.from(report));
    };
    handle.close = async () => {
      await device.close();
    };
    return handle;
  }
}

interface PluggedHid {
  simulator: DeviceSimulator;
  info: HidDeviceInfo;
  handle: (HidHandle & { dead: boolean }) | undefined;
}

/** HID devices that are simulators in this process, with hot-plug and unplug. */
export class SimulatedHidBinding implements HidBinding {
  readonly #devices = new Map<string, PluggedHid>();

  plug(
    simulator: DeviceSimulator,
    info: Omit<HidDeviceInfo, "usagePage" | "usage" | "product" | "manufacturer"> &
      Partial<HidDeviceInfo>,
  ): void {
    if (this.#devices.has(info.path)) throw new Error(`${info.path} is already plugged in`);
    this.#devices.set(info.path, {
      simulator,
      info: {
        usagePage: undefined,
        usage: undefined,
        product: undefined,
        manufacturer: undefined,
        ...info,
      },
      handle: undefined,
    });
  }

  unplug(path: string): void {
    const plugged = this.#devices.get(path);
    if (!plugged) return;
    this.#devices.delete(path);
    plugged.simulator.detach();
    if (plugged.handle && !plugged.handle.dead) {
      plugged.handle.dead = true;
      plugged.handle.emit(
        "error",
        Object.assign(new Error("could not read from HID device"), { code: "EIO" }),
      );
    }
  }

  async devices(): Promise<HidDeviceInfo[]> {
    return [...this.#devices.values()].map(({ info }) => ({ ...info }));
  }

  async open(path: string): Promise<HidHandle> {
    const plugged = this.#devices.get(path);
    if (!plugged)
      throw Object.assign(new Error(`cannot open device with path ${path}`), { code: "ENOENT" });
    const handle = Object.assign(new EventEmitter<HidHandleEvents>(), {
      dead: false,
    }) as HidHandle & {
      dead: boolean;
    };
    handle.write = async (report) => {
      if (handle.dead) throw new Error("Cannot write to hid device");
      const copy = new Uint8Array(report);
      setImmediate(() => plugged.simulator.receive(copy));
    };
    handle.close = async () => {
      handle.dead = true;
      plugged.simulator.detach();
    };
    plugged.handle = handle;
    plugged.simulator.attach({
      transmit: (report) => {
        if (!handle.dead) setImmediate(() => handle.emit("data", Buffer.from(report)));
      },
    });
    return handle;
  }
}

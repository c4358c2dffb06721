import type {
  BindingInterface,
  BindingPortInterface,
  OpenOptions,
  PortInfo,
  PortStatus,
} from "@serialport/bindings-cpp";
import type { DeviceSimulator } from "../simulators/simulator.js";

export interface SimulatedPortInfo {
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
  serialNumber?: string;
}

interface Plugged {
  simulator: DeviceSimulator;
  info: SimulatedPortInfo;
  port: SimulatedSerialPort | undefined;
}

function portError(message: string, extra: { canceled?: boolean; code?: string } = {}): Error {
  return Object.assign(new Error(message), extra);
}

/**
 * A serialport binding whose ports are device simulators in this process:
 * the agent's serial transport runs its real code against it. Ports can be
 * plugged and unplugged at run time (hot-plug, unplug mid-job).
 */
export class SimulatedSerialBinding implements BindingInterface<SimulatedSerialPort> {
  readonly #ports = new Map<string, Plugged>();

  plug(path: string, simulator: DeviceSimulator, info: SimulatedPortInfo = {}): void {
    if (this.#ports.has(path)) throw new Error(`${path} is already plugged in`);
    this.#ports.set(path, { simulator, info, port: undefined });
  }

  /** Pulls the cable: an open port errors (not canceled), so the stream sees a disconnect. */
  unplug(path: string): void {
    const plugged = this.#ports.get(path);
    if (!plugged) return;
    this.#ports.delete(path);
    plugged.port?.disconnect();
  }

  isPlugged(path: string): boolean {
    return this.#ports.has(path);
  }

  async list(): Promise<PortInfo[]> {
    return [...this.#ports].map(([path, { info }]) => ({
      path,
      manufacturer: info.manufacturer,
      serialNumber: info.serialNumber,
      pnpId: undefined,
      locationId: undefined,
      vendorId: info.vendorId,
      productId: info.productId,
    }));
  }

  async open(options: OpenOptions): Promise<SimulatedSerialPort> {
    const plugged = this.#ports.get(options.path);
    if (!plugged) {
      throw portError(`Error: No such file or directory, cannot open ${options.path}`, {
        code: "ENOENT",
      });
    }
    if (plugged.port?.isOpen) {
      throw portError(`Error Resource temporarily unavailable Cannot lock port ${options.path}`, {
        code: "EBUSY",
      });
    }
    const port = new SimulatedSerialPort(options, plugged.simulator);
    plugged.port = port;
    return port;
  }
}

/** One open simulated port: host writes go to the simulator, its transmissions queue for reads. */
export class SimulatedSerialPort implements BindingPortInterface {
  readonly openOptions: Required<OpenOptions>;
  isOpen = true;
  readonly #simulator: DeviceSimulator;
  #incoming: Buffer[] = [];
  #pendingRead: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #baudRate: number;
  #failure: Error | undefined;

  constructor(options: OpenOptions, simulator: DeviceSimulator) {
    this.openOptions = {
      dataBits: 8,
      lock: true,
      stopBits: 1,
      parity: "none",
      rtscts: false,
      xon: false,
      xoff: false,
      xany: false,
      hupcl: true,
      ...options,
    } as Required<OpenOptions>;
    this.#baudRate = options.baudRate;
    this.#simulator = simulator;
    simulator.attach({ transmit: (bytes) => this.#deliver(bytes) });
  }

  /** At the wrong baud rate every byte arrives mangled, both ways. */
  #line(bytes: Uint8Array): Buffer {
    const expected = this.#simulator.line?.baudRate;
    if (expected === undefined || expected === this.#baudRate) return Buffer.from(bytes);
    return Buffer.from(bytes.map((byte) => (byte ^ 0x5a) & 0xfe));
  }

  #deliver(bytes: Uint8Array): void {
    if (!this.isOpen || bytes.length === 0) return;
    this.#incoming.push(this.#line(bytes));
    const pending = this.#pendingRead;
    this.#pendingRead = undefined;
    pending?.resolve();
  }

  disconnect(): void {
    this.#failure = portError("device disconnected (unplugged)", { code: "EIO" });
    this.#simulator.detach();
    const pending = this.#pendingRead;
    this.#pendingRead = undefined;
    pending?.reject(this.#failure);
  }

  async read(
    buffer: Buffer,
    offset: number,
    length: number,
  ): Promise<{ buffer: Buffer; bytesRead: number }> {
    for (;;) {
      if (!this.isOpen) throw portError("Read canceled", { canceled: true });
      if (this.#failure) throw this.#failure;
      const head = this.#incoming[0];
      if (head) {
        const count = Math.min(length, head.length);
        head.copy(buffer, offset, 0, count);
        if (count === head.length) this.#incoming.shift();
        else this.#incoming[0] = head.subarray(count);
        return { buffer, bytesRead: count };
      }
      await new Promise<void>((resolve, reject) => {
        this.#pendingRead = { resolve, reject };
      });
    }
  }

  async write(buffer: Buffer): Promise<void> {
    if (!this.isOpen) throw portError("Write canceled", { canceled: true });
    if (this.#failure) throw this.#failure;
    const bytes = this.#line(buffer);
    // A real UART hands bytes over asynchronously; so do we.
    setImmediate(() => {
      if (this.isOpen && !this.#failure) this.#simulator.receive(new Uint8Array(bytes));
    });
  }

  async update(options: { baudRate: number }): Promise<void> {
    this.#baudRate = options.baudRate;
  }

  async set(): Promise<void> {
    // pty pairs and simulators have no modem lines; real adapters accept and ignore.
  }

  async get(): Promise<PortStatus> {
    return { cts: false, dsr: false, dcd: false };
  }

  async getBaudRate(): Promise<{ baudRate: number }> {
    return { baudRate: this.#baudRate };
  }

  async flush(): Promise<void> {
    this.#incoming = [];
  }

  async drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
  }

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    if (!this.#failure) this.#simulator.detach();
    const pending = this.#pendingRead;
    this.#pendingRead = undefined;
    pending?.reject(portError("Read canceled", { canceled: true }));
  }
}

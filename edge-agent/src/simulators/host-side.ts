import { autoDetect } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";
import { SimulatedSerialBinding } from "../bindings/serial-simulated.js";
import { attachToPty, PtyPair } from "./pty.js";
import type { DeviceSimulator } from "./simulator.js";

export type LinkKind = "in-process" | "pty";
export const LINK_KINDS: readonly LinkKind[] = ["in-process", "pty"];

/**
 * The host end of a serial line to a simulator, as a test sees it: send
 * bytes, wait for what comes back. Over "pty" the bytes cross a real socat
 * pseudo-terminal pair and the real serialport binding on both ends.
 */
export class HostSide {
  readonly kind: LinkKind;
  readonly port: SerialPortStream;
  #received: number[] = [];
  #waiters = new Set<() => void>();
  readonly #teardown: () => Promise<void>;

  private constructor(kind: LinkKind, port: SerialPortStream, teardown: () => Promise<void>) {
    this.kind = kind;
    this.port = port;
    this.#teardown = teardown;
    port.on("data", (chunk: Buffer) => {
      this.#received.push(...chunk);
      for (const wake of this.#waiters) wake();
    });
  }

  static async open(
    simulator: DeviceSimulator,
    kind: LinkKind,
    baudRate?: number,
  ): Promise<HostSide> {
    const rate = baudRate ?? simulator.line?.baudRate ?? 9600;
    if (kind === "in-process") {
      const binding = new SimulatedSerialBinding();
      binding.plug("/dev/ttySIM0", simulator);
      const port = new SerialPortStream({
        binding,
        path: "/dev/ttySIM0",
        baudRate: rate,
        autoOpen: false,
      });
      await openPort(port);
      return new HostSide(kind, port, () => closePort(port));
    }
    const pair = await PtyPair.open();
    const attachment = await attachToPty(simulator, pair.devicePath);
    const port = new SerialPortStream({
      binding: autoDetect(),
      path: pair.hostPath,
      baudRate: rate,
      autoOpen: false,
    });
    await openPort(port);
    return new HostSide(kind, port, async () => {
      await closePort(port);
      await attachment.close();
      await pair.stop();
    });
  }

  /** Everything received so far and not yet taken. */
  get received(): Uint8Array {
    return Uint8Array.from(this.#received);
  }

  send(bytes: Uint8Array | number[]): Promise<void> {
    return new Promise((resolve, reject) =>
      this.port.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve())),
    );
  }

  /** Waits until at least `count` bytes have arrived, then takes exactly those. */
  async take(count: number, timeoutMs = 2_000): Promise<Uint8Array> {
    await this.until(() => this.#received.length >= count, timeoutMs, `${count} bytes`);
    return Uint8Array.from(this.#received.splice(0, count));
  }

  /** Waits until `predicate` holds for the bytes received so far. */
  async until(
    predicate: (received: Uint8Array) => boolean,
    timeoutMs = 2_000,
    what = "a reply",
  ): Promise<void> {
    if (predicate(this.received)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what}; got ${Buffer.from(this.received).toString("hex")}`,
          ),
        );
      }, timeoutMs);
      const wake = () => {
        if (!predicate(this.received)) return;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve();
      };
      this.#waiters.add(wake);
    });
  }

  /** Waits `ms` and says whether nothing arrived meanwhile (for "no answer" faults). */
  async silentFor(ms: number): Promise<boolean> {
    const before = this.#received.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.#received.length === before;
  }

  clear(): void {
    this.#received = [];
  }

  close(): Promise<void> {
    return this.#teardown();
  }
}

function openPort(port: SerialPortStream): Promise<void> {
  return new Promise((resolve, reject) =>
    port.open((error) => (error ? reject(error) : resolve())),
  );
}

function closePort(port: SerialPortStream): Promise<void> {
  return new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
}

import { EventEmitter } from "node:events";

/** What a simulator uses to send bytes back to the host, whatever carries them. */
export interface SimulatorLink {
  transmit(bytes: Uint8Array): void;
}

/** The serial line a device speaks: a host at another baud rate gets garbage, as with real hardware. */
export interface SerialLineSettings {
  baudRate: number;
}

/**
 * The device side of a protocol. A simulator is attached to exactly one link
 * at a time: the in-process serial binding, a pty pair, or a HID binding.
 */
export interface DeviceSimulator {
  readonly name: string;
  readonly line: SerialLineSettings | undefined;
  /** Bytes (or one HID output report) the host sent. */
  receive(bytes: Uint8Array): void;
  attach(link: SimulatorLink): void;
  detach(): void;
  /** Stops timers; the simulator is not used again. */
  dispose(): void;
}

export interface SimulatorEvents {
  /** Something a test or the operator console may want to see, e.g. a door opened. */
  activity: [description: string, detail?: Record<string, unknown>];
}

/**
 * Shared plumbing: the link, bytes dropped while detached (like a device with
 * its cable pulled), and an activity log for tests and the console.
 */
export abstract class SimulatorBase
  extends EventEmitter<SimulatorEvents>
  implements DeviceSimulator
{
  abstract readonly name: string;
  abstract readonly line: SerialLineSettings | undefined;
  #link: SimulatorLink | undefined;
  #timers = new Set<NodeJS.Timeout>();

  get attached(): boolean {
    return this.#link !== undefined;
  }

  attach(link: SimulatorLink): void {
    this.#link = link;
    this.onAttach();
  }

  detach(): void {
    this.#link = undefined;
    this.onDetach();
  }

  dispose(): void {
    this.detach();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.removeAllListeners();
  }

  abstract receive(bytes: Uint8Array): void;

  /** Sends bytes to the host; lost if nothing is attached, as on a real wire. */
  protected transmit(bytes: Uint8Array): void {
    this.#link?.transmit(bytes);
  }

  /** A timer the simulator owns: cleared on dispose. */
  protected after(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return timer;
  }

  protected every(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setInterval(fn, ms);
    this.#timers.add(timer);
    return timer;
  }

  protected cancel(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  protected onAttach(): void {}
  protected onDetach(): void {}

  protected record(description: string, detail?: Record<string, unknown>): void {
    this.emit("activity", description, detail);
  }
}

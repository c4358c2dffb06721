/**
 * What the scanner and the rating box share: devices that only talk to us.
 * Health is the link's (ready while connected, offline otherwise); each
 * chunk from the transport goes to `receive`, and a decoder's half-read
 * state is dropped on every reconnect. (Kept here, next to the scanner,
 * until the device layer grows a common home for driver bases.)
 */
import { EventEmitter } from "node:events";
import type { Logger } from "../../log.js";
import { type Device, type DeviceEvents, type DeviceHealth, initialHealth } from "../device.js";
import type { Transport } from "../transport.js";

export interface InputDeviceOptions {
  id: string;
  profile: { id: string };
  transport: Transport;
  log?: Logger;
}

export abstract class InputDevice extends EventEmitter<DeviceEvents> implements Device {
  readonly id: string;
  readonly profileId: string;
  abstract readonly family: Device["family"];
  protected readonly transport: Transport;
  protected readonly log: Logger | undefined;
  #health: DeviceHealth = initialHealth();
  #started = false;
  readonly #onData = (chunk: Uint8Array) => {
    this.#health.lastSeen = new Date().toISOString();
    this.receive(chunk);
  };
  readonly #onConnected = () => {
    this.reset();
    this.#update({ state: "ready", connected: true });
  };
  readonly #onDisconnected = (reason: string) => {
    this.reset();
    this.log?.warn({ deviceId: this.id, reason }, "input device disconnected");
    this.#update({ state: "offline", connected: false });
  };
  readonly #onFault = (error: Error) => {
    this.#update({ errorCount: this.#health.errorCount + 1, lastError: error.message });
  };

  constructor(options: InputDeviceOptions) {
    super();
    this.id = options.id;
    this.profileId = options.profile.id;
    this.transport = options.transport;
    this.log = options.log;
  }

  get health(): DeviceHealth {
    return { ...this.#health, detail: { ...this.#health.detail, ...this.detail() } };
  }

  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.transport.on("data", this.#onData);
    this.transport.on("connected", this.#onConnected);
    this.transport.on("disconnected", this.#onDisconnected);
    this.transport.on("fault", this.#onFault);
    await this.transport.start();
    if (this.transport.connected && !this.#health.connected) this.#onConnected();
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.transport.off("data", this.#onData);
    this.transport.off("connected", this.#onConnected);
    this.transport.off("disconnected", this.#onDisconnected);
    this.transport.off("fault", this.#onFault);
    await this.transport.stop();
    this.#update({ state: "offline", connected: false });
  }

  /** One chunk (serial) or one input report (HID) from the device. */
  protected abstract receive(chunk: Uint8Array): void;

  /** Forgets half-received input. */
  protected abstract reset(): void;

  /** Family specifics for `health.detail`. */
  protected detail(): Record<string, unknown> {
    return {};
  }

  #update(change: Partial<DeviceHealth>): void {
    this.#health = { ...this.#health, ...change };
    this.emit("health", this.health);
  }
}

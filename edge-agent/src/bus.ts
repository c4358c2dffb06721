import { EventEmitter } from "node:events";
import type { DisplayState, VendingOrderEvent } from "@linli/protocols/api";
import type { DeviceHealth } from "./devices/device.js";

/**
 * The agent's one typed event bus (after zigbee2mqtt's): services publish
 * what happened; the uplink, the WebSocket and the UI-facing services listen.
 * Listeners are registered per owner so a stopping service removes exactly its own.
 */
export interface BusEvents {
  /** A device's health changed (state, paper, doors, stock, connection). */
  deviceHealth: { deviceId: string; health: DeviceHealth };
  /** Something a device reported that is not a state: a scan, a rating press, a door report. */
  deviceEvent: { deviceId: string; type: string; data: Record<string, unknown> };
  /** A durable job moved on. */
  jobState: { jobId: string; deviceId: string; kind: string; state: string; detail?: string };
  /** A vending order moved on (after its transaction committed), as the uplink's `vending.order`. */
  vendingOrder: Omit<VendingOrderEvent, "type">;
  /** The screen went dark or lit up (schedule, touch, operator), or its brightness changed. */
  displayState: DisplayState;
}

type Listener<K extends keyof BusEvents> = (payload: BusEvents[K]) => void;

export class EventBus {
  readonly #emitter = new EventEmitter();
  readonly #owned = new Map<
    object,
    { event: keyof BusEvents; listener: (payload: unknown) => void }[]
  >();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  on<K extends keyof BusEvents>(owner: object, event: K, listener: Listener<K>): void {
    this.#emitter.on(event, listener);
    const list = this.#owned.get(owner) ?? [];
    list.push({ event, listener: listener as (payload: unknown) => void });
    this.#owned.set(owner, list);
  }

  emit<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): void {
    this.#emitter.emit(event, payload);
  }

  removeListeners(owner: object): void {
    for (const { event, listener } of this.#owned.get(owner) ?? [])
      this.#emitter.off(event, listener);
    this.#owned.delete(owner);
  }

  listenerCount(event: keyof BusEvents): number {
    return this.#emitter.listenerCount(event);
  }
}

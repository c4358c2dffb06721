import { SimulatorBase } from "../../simulators/simulator.js";
import type { Transport } from "../transport.js";

/** Shared by the transport contract suites: one rig per link kind, the same tests for all. */
export interface TransportRig {
  transport: Transport;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

/** A device that answers every byte with its bitwise complement. */
export class ComplementDevice extends SimulatorBase {
  readonly name = "complement";
  readonly line: { baudRate: number } | undefined;

  constructor(baudRate?: number) {
    super();
    this.line = baudRate === undefined ? undefined : { baudRate };
  }

  receive(bytes: Uint8Array): void {
    this.transmit(bytes.map((byte) => ~byte & 0xff));
  }
}

export function onceEvent(
  transport: Transport,
  event: "connected" | "disconnected",
  ms = 5_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    transport.once(event, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The next `count` bytes the transport receives. */
export function nextBytes(transport: Transport, count: number): Promise<number[]> {
  return new Promise((resolve) => {
    const got: number[] = [];
    const onData = (chunk: Uint8Array) => {
      got.push(...chunk);
      if (got.length >= count) {
        transport.off("data", onData);
        resolve(got.slice(0, count));
      }
    };
    transport.on("data", onData);
  });
}

import { autoDetect } from "@serialport/bindings-cpp";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import { SimulatorBase } from "../../simulators/simulator.js";
import type { Transport } from "../transport.js";
import { SerialTransport } from "./serial.js";

/** A device that answers every byte with its bitwise complement. */
class Complement extends SimulatorBase {
  readonly name = "complement";
  readonly line = { baudRate: 9600 };
  receive(bytes: Uint8Array): void {
    this.transmit(bytes.map((byte) => ~byte & 0xff));
  }
}

interface Rig {
  transport: Transport;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

const rigs: Record<string, () => Promise<Rig>> = {
  "in-process binding": async () => {
    const binding = new SimulatedSerialBinding();
    const simulator = new Complement();
    binding.plug("/dev/ttyUSB7", simulator);
    const transport = new SerialTransport(
      binding,
      { path: "/dev/ttyUSB7", baudRate: 9600 },
      FAST_BACKOFF,
    );
    return {
      transport,
      unplug: async () => binding.unplug("/dev/ttyUSB7"),
      replug: async () => binding.plug("/dev/ttyUSB7", simulator),
      close: () => transport.stop(),
    };
  },
  "socat pty pair": async () => {
    const pair = await PtyPair.open();
    const simulator = new Complement();
    let attachment: PtyAttachment | undefined = await attachToPty(simulator, pair.devicePath);
    const transport = new SerialTransport(
      autoDetect(),
      { path: pair.hostPath, baudRate: 9600 },
      FAST_BACKOFF,
    );
    return {
      transport,
      unplug: async () => {
        await attachment?.close();
        attachment = undefined;
        await pair.stop();
      },
      replug: async () => {
        await pair.start();
        attachment = await attachToPty(simulator, pair.devicePath);
      },
      close: async () => {
        await transport.stop();
        await attachment?.close();
        await pair.stop();
      },
    };
  },
};

function once(
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

function reply(transport: Transport, count: number): Promise<number[]> {
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

const open: Rig[] = [];
afterEach(async () => {
  for (const rig of open.splice(0)) await rig.close();
});

describe.each(Object.keys(rigs))("the serial transport over a %s", (name) => {
  const makeRig = rigs[name] as () => Promise<Rig>;

  it("connects and carries bytes both ways", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = once(rig.transport, "connected");
    await rig.transport.start();
    await connected;
    const answer = reply(rig.transport, 3);
    await rig.transport.write(Uint8Array.of(0x00, 0x0f, 0xf0));
    expect(await answer).toEqual([0xff, 0xf0, 0x0f]);
  });

  it("reports an unplug as an event, refuses writes meanwhile, and is back within 5 s of replug", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = once(rig.transport, "connected");
    await rig.transport.start();
    await connected;

    const disconnected = once(rig.transport, "disconnected");
    await rig.unplug();
    await disconnected;
    expect(rig.transport.connected).toBe(false);
    await expect(rig.transport.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });

    const back = once(rig.transport, "connected", 5_000);
    const replugAt = Date.now();
    await rig.replug();
    await back;
    expect(Date.now() - replugAt).toBeLessThan(5_000);
    const answer = reply(rig.transport, 1);
    await rig.transport.write(Uint8Array.of(0x55));
    expect(await answer).toEqual([0xaa]);
  });

  it("keeps trying when the device is absent at start, without throwing", async () => {
    const rig = await makeRig();
    open.push(rig);
    await rig.unplug();
    await rig.transport.start();
    expect(rig.transport.connected).toBe(false);
    const connected = once(rig.transport, "connected");
    await rig.replug();
    await connected;
    expect(rig.transport.connected).toBe(true);
  });
});

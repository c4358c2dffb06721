import { autoDetect } from "@serialport/bindings-cpp";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatedSerialBinding } from "../../bindings/serial-simulated.js";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import {
  ComplementDevice,
  FAST_BACKOFF,
  nextBytes,
  onceEvent,
  type TransportRig,
} from "./contract-support.js";
import { SerialTransport } from "./serial.js";

const rigs: Record<string, () => Promise<TransportRig>> = {
  "in-process binding": async () => {
    const binding = new SimulatedSerialBinding();
    const simulator = new ComplementDevice(9600);
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
    const simulator = new ComplementDevice(9600);
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

const open: TransportRig[] = [];
afterEach(async () => {
  for (const rig of open.splice(0)) await rig.close();
});

describe.each(Object.keys(rigs))("the serial transport over a %s", (name) => {
  const makeRig = rigs[name] as () => Promise<TransportRig>;

  it("connects and carries bytes both ways", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = onceEvent(rig.transport, "connected");
    await rig.transport.start();
    await connected;
    const answer = nextBytes(rig.transport, 3);
    await rig.transport.write(Uint8Array.of(0x00, 0x0f, 0xf0));
    expect(await answer).toEqual([0xff, 0xf0, 0x0f]);
  });

  it("reports an unplug as an event, refuses writes meanwhile, and is back within 5 s of replug", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = onceEvent(rig.transport, "connected");
    await rig.transport.start();
    await connected;

    const disconnected = onceEvent(rig.transport, "disconnected");
    await rig.unplug();
    await disconnected;
    expect(rig.transport.connected).toBe(false);
    await expect(rig.transport.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });

    const back = onceEvent(rig.transport, "connected", 5_000);
    const replugAt = Date.now();
    await rig.replug();
    await back;
    expect(Date.now() - replugAt).toBeLessThan(5_000);
    const answer = nextBytes(rig.transport, 1);
    await rig.transport.write(Uint8Array.of(0x55));
    expect(await answer).toEqual([0xaa]);
  });

  it("keeps trying when the device is absent at start, without throwing", async () => {
    const rig = await makeRig();
    open.push(rig);
    await rig.unplug();
    await rig.transport.start();
    expect(rig.transport.connected).toBe(false);
    const connected = onceEvent(rig.transport, "connected");
    await rig.replug();
    await connected;
    expect(rig.transport.connected).toBe(true);
  });
});

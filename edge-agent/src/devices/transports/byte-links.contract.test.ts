import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { attachToPty, type PtyAttachment, PtyPair } from "../../simulators/pty.js";
import {
  ComplementDevice,
  FAST_BACKOFF,
  nextBytes,
  onceEvent,
  type TransportRig,
} from "./contract-support.js";
import { TcpTransport } from "./tcp.js";
import { UsbLpTransport } from "./usblp.js";

/** A network printer: a TCP server on loopback whose connections go to the simulator. */
async function tcpRig(): Promise<TransportRig> {
  const simulator = new ComplementDevice();
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      const listening = createServer((socket) => {
        sockets.add(socket);
        simulator.attach({ transmit: (bytes) => socket.write(bytes) });
        socket.on("data", (chunk) => simulator.receive(new Uint8Array(chunk)));
        socket.on("close", () => sockets.delete(socket));
      });
      server = listening;
      listening.listen(port, "127.0.0.1", () => {
        port = (listening.address() as { port: number }).port;
        resolve();
      });
    });
  const shut = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  };
  await listen();
  const transport = new TcpTransport({ host: "127.0.0.1", port }, FAST_BACKOFF);
  return {
    transport,
    unplug: shut,
    replug: listen,
    close: async () => {
      await transport.stop();
      await shut();
    },
  };
}

/** A USB printer class device stands in as the host end of a pty pair: a character device all the same. */
async function usblpRig(): Promise<TransportRig> {
  const pair = await PtyPair.open();
  const simulator = new ComplementDevice();
  let attachment: PtyAttachment | undefined = await attachToPty(simulator, pair.devicePath);
  const transport = new UsbLpTransport(pair.hostPath, FAST_BACKOFF);
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
}

const open: TransportRig[] = [];
afterEach(async () => {
  for (const rig of open.splice(0)) await rig.close();
});

describe.each([
  ["raw TCP (port 9100 printers)", tcpRig],
  ["USB printer class file", usblpRig],
] as const)("the %s transport", (_name, makeRig) => {
  it("connects and carries bytes both ways", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = onceEvent(rig.transport, "connected");
    await rig.transport.start();
    await connected;
    const answer = nextBytes(rig.transport, 3);
    await rig.transport.write(Uint8Array.of(0x10, 0x04, 0x04));
    expect(await answer).toEqual([0xef, 0xfb, 0xfb]);
  });

  it("reports the device going away, refuses writes meanwhile, and reconnects", async () => {
    const rig = await makeRig();
    open.push(rig);
    const connected = onceEvent(rig.transport, "connected");
    await rig.transport.start();
    await connected;
    const disconnected = onceEvent(rig.transport, "disconnected");
    await rig.unplug();
    await disconnected;
    await expect(rig.transport.write(Uint8Array.of(1))).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });
    const back = onceEvent(rig.transport, "connected");
    await rig.replug();
    await back;
    const answer = nextBytes(rig.transport, 1);
    await rig.transport.write(Uint8Array.of(0x0f));
    expect(await answer).toEqual([0xf0]);
  });
});

import { existsSync } from "node:fs";
import { SerialPort } from "serialport";
import { afterEach, describe, expect, it } from "vitest";
import { attachToPty, PtyPair } from "./pty.js";
import { SimulatorBase } from "./simulator.js";

class EchoUpper extends SimulatorBase {
  readonly name = "echo-upper";
  readonly line = { baudRate: 9600 };
  received: number[] = [];
  receive(bytes: Uint8Array): void {
    this.received.push(...bytes);
    this.transmit(bytes.map((byte) => (byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte)));
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe("a simulator on a socat pty pair", () => {
  it("exchanges bytes with a host using the real serialport code", async () => {
    const pair = await PtyPair.open();
    cleanup.push(() => pair.stop());
    const simulator = new EchoUpper();
    const attachment = await attachToPty(simulator, pair.devicePath);
    cleanup.push(() => attachment.close());
    const host = new SerialPort({ path: pair.hostPath, baudRate: 9600 });
    cleanup.push(
      () => new Promise((resolve) => (host.isOpen ? host.close(() => resolve()) : resolve())),
    );
    const reply = new Promise<string>((resolve) => {
      let text = "";
      host.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.length >= 5) resolve(text);
      });
    });
    host.write("hello");
    expect(await reply).toBe("HELLO");
    expect(simulator.received).toEqual([...Buffer.from("hello")]);
  });

  it("disappears when unplugged and comes back at the same path", async () => {
    const pair = await PtyPair.open();
    cleanup.push(() => pair.stop());
    expect(existsSync(pair.hostPath)).toBe(true);
    await pair.stop();
    expect(existsSync(pair.hostPath)).toBe(false);
    await pair.start();
    expect(existsSync(pair.hostPath)).toBe(true);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { HostSide, LINK_KINDS } from "./host-side.js";
import { SimulatorBase } from "./simulator.js";

class Doubler extends SimulatorBase {
  readonly name = "doubler";
  readonly line = { baudRate: 19200 };
  receive(bytes: Uint8Array): void {
    this.transmit(bytes.map((byte) => (byte * 2) & 0xff));
  }
}

const open: HostSide[] = [];
afterEach(async () => {
  for (const host of open.splice(0)) await host.close();
});

describe.each(LINK_KINDS)("the serial link to a simulator (%s)", (kind) => {
  it("carries host bytes to the device and its answers back", async () => {
    const host = await HostSide.open(new Doubler(), kind);
    open.push(host);
    await host.send([1, 2, 3, 0x81]);
    expect([...(await host.take(4))]).toEqual([2, 4, 6, 2]);
  });
});

describe("the in-process serial link", () => {
  it("garbles bytes when the host opens at the wrong baud rate, as a real UART does", async () => {
    const host = await HostSide.open(new Doubler(), "in-process", 9600);
    open.push(host);
    await host.send([1, 2, 3]);
    expect([...(await host.take(3))]).not.toEqual([2, 4, 6]);
  });
});

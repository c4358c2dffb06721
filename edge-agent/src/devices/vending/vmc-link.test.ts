import { EventEmitter } from "node:events";
import {
  decodeVmcFrame,
  encodeVmcAck,
  encodeVmcMessage,
  encodeVmcPoll,
  VmcFrameParser,
  type VmcMessage,
} from "@linli/protocols/vending";
import { describe, expect, it } from "vitest";
import type { Transport, TransportEvents } from "../transport.js";
import { VmcLink } from "./vmc-link.js";

/** A wire whose far end is the test: it sees every frame the host writes. */
class Wire extends EventEmitter<TransportEvents> implements Transport {
  readonly description = "test wire";
  connected = true;
  readonly #parser = new VmcFrameParser();
  readonly written: ReturnType<typeof decodeVmcFrame>[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async write(bytes: Uint8Array): Promise<void> {
    for (const frame of this.#parser.push(bytes)) this.written.push(decodeVmcFrame(frame));
  }
  vmcSends(...frames: Uint8Array[]): void {
    for (const frame of frames) this.emit("data", frame);
  }
  plug(): void {
    this.connected = true;
    this.emit("connected");
  }
  unplug(): void {
    this.connected = false;
    this.emit("disconnected", "unplugged");
  }
}

function setup() {
  const wire = new Wire();
  const link = new VmcLink(wire, { silenceMs: 60_000 });
  const heard: VmcMessage[] = [];
  link.on("message", (message) => heard.push(message));
  link.attach();
  // The primer (a status request) goes out first after every connect.
  wire.vmcSends(encodeVmcPoll(), encodeVmcAck());
  wire.written.length = 0;
  return { wire, link, heard };
}

const commands = (wire: Wire) => wire.written.map((message) => message.command);
const POLL = encodeVmcPoll();
const ACK = encodeVmcAck();

describe("the host side of the FA FB link", () => {
  it("answers a POLL with ACK when it has nothing to say", () => {
    const { wire } = setup();
    wire.vmcSends(POLL, POLL);
    expect(commands(wire)).toEqual(["ack", "ack"]);
  });

  it("answers a POLL with the next command, numbered in queue order", () => {
    const { wire, link } = setup();
    link.send({ command: "checkSelection", selection: 5 });
    link.send({ command: "selectToBuy", selection: 5 });
    wire.vmcSends(POLL, ACK, POLL, ACK, POLL);
    const [check, buy, idle] = wire.written;
    expect(check).toMatchObject({ command: "checkSelection", selection: 5 });
    expect(buy).toMatchObject({ command: "selectToBuy", selection: 5 });
    expect((buy as { packNo: number }).packNo).toBe((check as { packNo: number }).packNo + 1);
    expect(idle?.command).toBe("ack");
  });

  it("sends a command again with the same PACKNO until the VMC ACKs it", () => {
    const { wire, link } = setup();
    link.send({ command: "checkSelection", selection: 2 });
    wire.vmcSends(POLL, POLL, ACK, POLL);
    const [first, again, after] = wire.written;
    expect(again).toEqual(first);
    expect(after?.command).toBe("ack");
    expect(link.stats.commandResends).toBe(1);
  });

  it("ACKs every VMC message, and a repeated one again, but reports it once", () => {
    const { wire, heard, link } = setup();
    const status = encodeVmcMessage({
      command: "dispenseStatus",
      packNo: 9,
      status: 2,
      selection: 3,
    });
    wire.vmcSends(status, status);
    expect(commands(wire)).toEqual(["ack", "ack"]);
    expect(heard).toEqual([{ command: "dispenseStatus", packNo: 9, status: 2, selection: 3 }]);
    expect(link.stats.vmcResends).toBe(1);
  });

  it("ignores bytes that are not frames and still answers the POLL behind them", () => {
    const { wire } = setup();
    wire.vmcSends(Uint8Array.of(0x00, 0xfa, 0x13), POLL);
    expect(commands(wire)).toEqual(["ack"]);
  });

  it("after a reconnect sends the primer first and never resends a vend that was in flight", () => {
    const { wire, link } = setup();
    link.send({ command: "selectToBuy", selection: 1 }, { repeatable: false });
    link.send({ command: "checkSelection", selection: 2 });
    wire.vmcSends(POLL);
    expect(commands(wire)).toEqual(["selectToBuy"]);
    wire.unplug();
    wire.plug();
    wire.vmcSends(POLL, ACK, POLL, ACK, POLL);
    expect(commands(wire)).toEqual([
      "selectToBuy",
      "requestMachineStatus",
      "checkSelection",
      "ack",
    ]);
  });

  it("forgets cancelled commands", () => {
    const { wire, link } = setup();
    link.send({ command: "checkSelection", selection: 4 }, { tag: "order-1" });
    link.cancel("order-1");
    wire.vmcSends(POLL);
    expect(commands(wire)).toEqual(["ack"]);
  });
});

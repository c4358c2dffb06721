import { EventEmitter } from "node:events";
import { LinliError } from "@linli/protocols";
import { type AsbStatus, encodeAsb } from "@linli/protocols/escpos";
import { describe, expect, it } from "vitest";
import {
  asbStatusOf,
  type PrinterCondition,
  realtimeReply,
} from "../../simulators/printer/index.js";
import type { Transport, TransportEvents } from "../transport.js";
import { StatusChannel } from "./status-channel.js";

const FINE: PrinterCondition = {
  paper: "ok",
  coverOpen: false,
  offlineByHand: false,
  cutterError: false,
};

/** A link whose far end is a function of what was written; replies arrive a tick later. */
class FakeLink extends EventEmitter<TransportEvents> implements Transport {
  readonly description = "a fake link";
  connected = true;
  readonly written: number[][] = [];
  answer: (bytes: Uint8Array) => Uint8Array[] = () => [];
  /** The next write never finishes, like one on a serial port closed under it. */
  hangNext = false;
  delayMs = 0;

  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  write(bytes: Uint8Array): Promise<void> {
    if (!this.connected) {
      return Promise.reject(new LinliError("LINLI_ERR_TRANSPORT_DISCONNECTED", "not connected"));
    }
    if (this.hangNext) {
      this.hangNext = false;
      return new Promise(() => undefined);
    }
    this.written.push([...bytes]);
    setTimeout(() => {
      for (const chunk of this.answer(bytes)) this.emit("data", chunk);
    }, this.delayMs);
    return Promise.resolve();
  }
}

/** A printer in `condition`, answering every `DLE EOT n`. */
const printerIn =
  (condition: PrinterCondition) =>
  (bytes: Uint8Array): Uint8Array[] => {
    const fn = bytes[2];
    return fn && fn >= 1 && fn <= 4
      ? [Uint8Array.of(realtimeReply(fn as 1 | 2 | 3 | 4, condition))]
      : [];
  };

function channelOn(link: FakeLink, timeoutMs = 200): { channel: StatusChannel; asb: AsbStatus[] } {
  const asb: AsbStatus[] = [];
  const channel = new StatusChannel({
    transport: link,
    timeoutMs,
    onAsb: (status) => asb.push(status),
  });
  link.on("data", (chunk) => channel.receive(chunk));
  return { channel, asb };
}

describe("the printer status channel", () => {
  it("asks DLE EOT 1 to 4 one at a time and reads each reply as the answer to its request", async () => {
    const link = new FakeLink();
    link.answer = printerIn({ ...FINE, paper: "near_end" });
    const { channel } = channelOn(link);
    expect(await channel.poll()).toEqual({
      kind: "status",
      status: { state: "paper_near_end", paper: "near_end", coverOpen: false, online: true },
    });
    expect(link.written).toEqual([
      [0x10, 0x04, 1],
      [0x10, 0x04, 2],
      [0x10, 0x04, 3],
      [0x10, 0x04, 4],
    ]);
  });

  it("sorts an ASB block split across chunks out of the replies", async () => {
    const link = new FakeLink();
    const block = encodeAsb(asbStatusOf({ ...FINE, coverOpen: true }));
    const answer = printerIn(FINE);
    link.answer = (bytes) =>
      bytes[2] === 2 ? [block.subarray(0, 2), block.subarray(2), ...answer(bytes)] : answer(bytes);
    const { channel, asb } = channelOn(link);
    expect(await channel.poll()).toMatchObject({ kind: "status", status: { state: "ready" } });
    expect(asb).toEqual([expect.objectContaining({ coverOpen: true })]);
  });

  it("drops a reply that comes after its request timed out instead of taking it for the next one", async () => {
    const link = new FakeLink();
    const { channel } = channelOn(link, 50);
    link.answer = () => [];
    // DLE EOT 1 answered 20 ms late: "waiting for online recovery", which read as a DLE EOT 2
    // reply would say "stopped by paper end".
    const late = realtimeReply(1, FINE) | 0x20;
    setTimeout(() => link.emit("data", Uint8Array.of(late)), 70);
    expect(await channel.poll()).toEqual({ kind: "no_answer" });
    link.answer = printerIn(FINE);
    link.delayMs = 15;
    expect(await channel.poll()).toMatchObject({ kind: "status", status: { state: "ready" } });
  });

  it("says the link is down, not that the printer is silent, when it drops mid-poll", async () => {
    const link = new FakeLink();
    const { channel } = channelOn(link);
    const polling = channel.poll();
    link.connected = false;
    channel.reset();
    expect(await polling).toEqual({ kind: "link_down" });
  });

  it("never writes bytes meant for a link that went away to the next one", async () => {
    const link = new FakeLink();
    const { channel } = channelOn(link);
    const epoch = channel.epoch;
    channel.reset();
    await expect(channel.send(Uint8Array.of(0x1b, 0x40), 1_000, epoch)).rejects.toMatchObject({
      code: "LINLI_ERR_TRANSPORT_DISCONNECTED",
    });
    expect(link.written).toEqual([]);
  });

  it("gives up on a write that never finishes, and goes on with what comes after", async () => {
    const link = new FakeLink();
    link.answer = printerIn(FINE);
    const { channel } = channelOn(link);
    link.hangNext = true;
    const stuck = channel.send(Uint8Array.of(0x0a), 50);
    const polled = channel.poll();
    await expect(stuck).rejects.toMatchObject({ code: "LINLI_ERR_PRINTER_WRITE_TIMEOUT" });
    expect(await polled).toMatchObject({ kind: "status", status: { state: "ready" } });
  });
});

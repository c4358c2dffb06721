import { encodeVmcMessage } from "@linli/protocols/vending";
import { describe, expect, it, type TestContext, vi } from "vitest";
import { HostSide, LINK_KINDS, type LinkKind } from "../host-side.js";
import { VmcSimulator, type VmcSimulatorOptions } from "./vmc-simulator.js";
import { VmcTestHost } from "./vmc-test-host.js";

const POLL = [0xfa, 0xfb, 0x41, 0x00, 0x40];
const ACK_HEX = "fafb420043";

async function connect(test: TestContext, kind: LinkKind, options: VmcSimulatorOptions = {}) {
  const vmc = new VmcSimulator({ dispenseMs: 50, ...options });
  const activity: string[] = [];
  vmc.on("activity", (description) => activity.push(description));
  const side = await HostSide.open(vmc, kind);
  test.onTestFinished(async () => {
    vmc.dispose();
    await side.close();
  });
  return { vmc, side, activity };
}

/** A VMC with a host that answers every POLL, past the first (which may predate the host). */
async function connectWithHost(
  test: TestContext,
  kind: LinkKind,
  options: VmcSimulatorOptions = {},
) {
  const connected = await connect(test, kind, options);
  const host = new VmcTestHost(connected.side);
  await host.polls(1);
  return { ...connected, host };
}

const statusOf = (host: VmcTestHost, selection: number) =>
  host.messagesOf("selectionStatus").find((message) => message.selection === selection)?.status;

// Each test waits on the VMC's 200 ms ticks and little else, so they run side by side.
describe.concurrent.each(LINK_KINDS)("the VMC simulator over a %s serial link", (kind) => {
  it("sends POLL FA FB 41 00 40 about every 200 ms", async (test) => {
    const { side } = await connect(test, kind);
    expect([...(await side.take(5))]).toEqual(POLL);
    const arrivals: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      expect([...(await side.take(5))]).toEqual(POLL);
      arrivals.push(Date.now());
    }
    const [first = 0, , last = 0] = arrivals;
    expect((last - first) / 2).toBeGreaterThanOrEqual(150);
    expect((last - first) / 2).toBeLessThanOrEqual(400);
  });

  it("counts no missed or late POLL while the host answers within the window", async (test) => {
    // A wide window: what is checked is the counting, not how fast a shared, loaded
    // machine turns a pty round trip (the 100 ms default is the hardware's rule).
    const { vmc, host } = await connectWithHost(test, kind, {
      pollIntervalMs: 400,
      answerWithinMs: 350,
    });
    const before = vmc.snapshot().counters.missedPolls;
    await host.polls(4);
    expect(vmc.snapshot().counters.missedPolls).toBe(before);
    expect(vmc.snapshot().counters.latePolls).toBe(0);
  });

  it("counts missed POLLs when the host does not answer, and says so once", async (test) => {
    const { vmc, side, activity } = await connect(test, kind);
    await side.take(15);
    await vi.waitFor(() => expect(vmc.snapshot().counters.missedPolls).toBeGreaterThanOrEqual(2));
    expect(activity.filter((line) => line.includes("did not answer a POLL"))).toHaveLength(1);
  });

  it("ignores a command that arrives after the answer window, and counts the POLL late", async (test) => {
    const { vmc, side, activity } = await connect(test, kind, {
      pollIntervalMs: 400,
      answerWithinMs: 50,
    });
    expect([...(await side.take(5))]).toEqual(POLL);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await side.send(encodeVmcMessage({ command: "selectToBuy", packNo: 1, selection: 1 }));
    await vi.waitFor(() => expect(vmc.snapshot().counters.latePolls).toBe(1));
    expect(activity).toContain("late answer to a POLL ignored");
    expect(Buffer.from(side.received).toString("hex")).not.toContain(ACK_HEX);
    expect(vmc.snapshot().dispensing).toBeUndefined();
    expect(vmc.vends).toEqual([]);
  });

  it("answers a selection check: normal, out of stock, no such selection, paused", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    vmc.setStock(2, 0);
    vmc.pause(3);
    host.command({ command: "checkSelection", packNo: 1, selection: 1 });
    host.command({ command: "checkSelection", packNo: 2, selection: 2 });
    host.command({ command: "checkSelection", packNo: 3, selection: 99 });
    host.command({ command: "checkSelection", packNo: 4, selection: 3 });
    await host.waitFor(() => statusOf(host, 3), 5_000, "the status of selection 3");
    expect([1, 2, 99, 3].map((selection) => statusOf(host, selection))).toEqual([1, 2, 3, 4]);
    expect(host.acksReceived).toBe(4);
  });

  it("vends on select-to-buy: dispensing, then success, and one item fewer", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    const stockBefore = vmc.snapshot().slots[6]?.stock ?? 0;
    host.command({ command: "selectToBuy", packNo: 1, selection: 7 });
    const statuses = await host.waitFor(() => {
      const seen = host.messagesOf("dispenseStatus").map((message) => message.status);
      return seen.length === 2 ? seen : undefined;
    });
    expect(statuses).toEqual([1, 2]);
    expect(host.messagesOf("dispenseStatus").every((message) => message.selection === 7)).toBe(
      true,
    );
    const after = vmc.snapshot();
    expect(after.slots[6]?.stock).toBe(stockBefore - 1);
    expect(after.counters.vendsSucceeded).toBe(1);
    expect(vmc.vends).toEqual([
      { selection: 7, result: "success", packNo: 1, command: "selectToBuy", priceFen: 300 },
    ]);
  });

  it("reports a jam from a jammed slot and keeps its stock", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    vmc.jamSlot(4);
    host.command({ command: "selectToBuy", packNo: 1, selection: 4 });
    const statuses = await host.waitFor(() => {
      const seen = host.messagesOf("dispenseStatus").map((message) => message.status);
      return seen.length === 2 ? seen : undefined;
    });
    expect(statuses).toEqual([1, 3]);
    const after = vmc.snapshot();
    expect(after.slots[3]).toMatchObject({ stock: 5, jammed: true });
    expect(after.counters).toMatchObject({ vendsFailed: 1, vendsSucceeded: 0 });
    expect(vmc.vends.map((vend) => vend.result)).toEqual(["jammed"]);
  });

  it("refuses to vend an empty slot with its selection status", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    vmc.setStock(5, 0);
    host.command({ command: "selectToBuy", packNo: 1, selection: 5 });
    expect(await host.waitFor(() => statusOf(host, 5))).toBe(2);
    expect(vmc.vends).toEqual([]);
  });

  it("ACKs a resent command with the same PACKNO and vends only once", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    const frame = host.command({ command: "selectToBuy", packNo: 9, selection: 1 });
    host.queueFrame(frame);
    await host.waitFor(() => (host.acksReceived === 2 ? true : undefined));
    await host.waitFor(() => host.messagesOf("dispenseStatus").find((m) => m.status === 2));
    await host.polls(2);
    expect(vmc.vends).toHaveLength(1);
    expect(vmc.vends[0]).toMatchObject({ selection: 1, packNo: 9, result: "success" });
    expect(vmc.snapshot().slots[0]?.stock).toBe(4);
    expect(vmc.snapshot().counters.duplicatePackNos).toBe(1);
  });

  it("resends its status with the same PACKNO until the host ACKs it", async (test) => {
    const { vmc, host } = await connectWithHost(test, kind);
    host.ackMessage = () => host.messagesOf("selectionStatus").length >= 3;
    host.command({ command: "checkSelection", packNo: 1, selection: 1 });
    await host.waitFor(() => (host.messagesOf("selectionStatus").length >= 3 ? true : undefined));
    await host.polls(2);
    const copies = host.messages.filter(({ message }) => message.command === "selectionStatus");
    expect(copies).toHaveLength(3);
    expect(copies.map(({ frame }) => [...frame])).toEqual(
      Array(3).fill([...(copies[0]?.frame ?? [])]),
    );
    expect(vmc.snapshot().counters.retransmissions).toBe(2);
    expect(vmc.snapshot().unacknowledgedMessages).toBe(0);
  });

  it("gives a message up after its resends and goes back to polling", async (test) => {
    const { vmc, host, activity } = await connectWithHost(test, kind, { maxResends: 2 });
    host.ackMessage = () => false;
    host.command({ command: "checkSelection", packNo: 1, selection: 1 });
    await host.waitFor(() => (host.messagesOf("selectionStatus").length === 3 ? true : undefined));
    await host.polls(2);
    expect(host.messagesOf("selectionStatus")).toHaveLength(3);
    expect(vmc.snapshot().counters.messagesDropped).toBe(1);
    expect(activity).toContain("host never ACKed; message given up");
  });

  it("stops polling while unplugged", async (test) => {
    const { vmc, side } = await connect(test, kind);
    await side.take(5);
    vmc.detach();
    await new Promise((resolve) => setTimeout(resolve, 50));
    side.clear();
    expect(await side.silentFor(500)).toBe(true);
    expect(vmc.snapshot().attached).toBe(false);
  });
});

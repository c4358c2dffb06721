import { describe, expect, it } from "vitest";
import { parseEventsMessage } from "./live.js";

const health = {
  state: "paper_out",
  connected: true,
  lastSeen: null,
  errorCount: 0,
  lastError: null,
  detail: { paper: "out" },
};

describe("the live stream's messages", () => {
  it("takes the four message types of the stream", () => {
    const state = {
      type: "device.state",
      deviceId: "printer-1",
      at: "2026-11-22T04:00:00Z",
      health,
    };
    expect(parseEventsMessage(JSON.stringify(state))).toEqual(state);
    const event = {
      type: "device.event",
      deviceId: "lockers-1",
      at: "2026-11-22T04:00:00Z",
      event: "door_opened",
      data: { board: 1, lock: 3 },
    };
    expect(parseEventsMessage(JSON.stringify(event))).toEqual(event);
    const job = {
      type: "job.state",
      jobId: "j-1",
      deviceId: "printer-1",
      at: "2026-11-22T04:00:00Z",
      kind: "print",
      state: "done",
    };
    expect(parseEventsMessage(JSON.stringify(job))).toEqual(job);
    const order = {
      type: "vending.order",
      orderId: "0b6f8f1e-2c1a-4a59-9d7e-1f2a3b4c5d6e",
      deviceId: "vending-1",
      at: "2026-11-22T04:00:00Z",
      slot: 3,
      amountFen: 350,
      state: "refunded",
    };
    expect(parseEventsMessage(JSON.stringify(order))).toEqual(order);
  });

  it("drops what is not JSON, not a known type, or missing what the console reads", () => {
    expect(parseEventsMessage("not json")).toBeUndefined();
    expect(parseEventsMessage("[]")).toBeUndefined();
    expect(
      parseEventsMessage(JSON.stringify({ type: "audit", deviceId: "x", at: "t" })),
    ).toBeUndefined();
    const noHealth = { type: "device.state", deviceId: "printer-1", at: "t" };
    expect(parseEventsMessage(JSON.stringify(noHealth))).toBeUndefined();
    const badDetail = { ...noHealth, health: { ...health, detail: null } };
    expect(parseEventsMessage(JSON.stringify(badDetail))).toBeUndefined();
    const noJob = {
      type: "job.state",
      deviceId: "printer-1",
      at: "t",
      kind: "print",
      state: "done",
    };
    expect(parseEventsMessage(JSON.stringify(noJob))).toBeUndefined();
    const noOrder = { type: "vending.order", deviceId: "vending-1", at: "t", state: "paid" };
    expect(parseEventsMessage(JSON.stringify(noOrder))).toBeUndefined();
  });
});

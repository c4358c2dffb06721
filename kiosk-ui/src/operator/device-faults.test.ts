import type { DeviceSummaryDto, OperatorJob } from "@linli/protocols/api";
import { describe, expect, it } from "vitest";
import { lockerDetail, vendingDetail } from "./device-detail.js";
import { devicesByFaultsFirst, faultsOf } from "./device-faults.js";

function device(
  id: string,
  family: DeviceSummaryDto["family"],
  health: Partial<DeviceSummaryDto["health"]> = {},
): DeviceSummaryDto {
  return {
    id,
    profileId: "test",
    family,
    vendor: "Test",
    model: "Test",
    transport: "test",
    source: "config",
    health: {
      state: "ready",
      connected: true,
      lastSeen: "2026-11-22T04:00:00.000Z",
      errorCount: 0,
      lastError: null,
      detail: {},
      ...health,
    },
    capabilities: {},
    exposes: [],
  };
}

const printer = (
  detail: Record<string, unknown>,
  state: DeviceSummaryDto["health"]["state"] = "ready",
) => device("printer-1", "printer", { state, detail });

const lockers = (detail: Record<string, unknown>) =>
  device("lockers-1", "locker", {
    state: "door_open",
    detail: {
      boards: 1,
      locksPerBoard: 4,
      doors: {},
      openDoors: [],
      leftOpen: [],
      jammed: [],
      ...detail,
    },
  });

const heldJob = (deviceId: string): OperatorJob => ({
  id: "job-1",
  deviceId,
  kind: "print",
  state: "held",
  target: {},
  result: null,
  error: "paper out",
  attempts: 1,
  createdAt: "2026-11-22T04:00:00.000Z",
  updatedAt: "2026-11-22T04:00:00.000Z",
});

describe("device faults for the operator", () => {
  it("finds nothing wrong with a ready device", () => {
    expect(faultsOf(printer({ paper: "ok", cover: "closed" }))).toEqual([]);
  });

  it("says a printer is out of paper (critical), low on paper (a warning) or open (critical)", () => {
    expect(faultsOf(printer({ paper: "out", cover: "closed" }, "paper_out"))).toEqual([
      { severity: "critical", key: "faultPaperOut" },
    ]);
    expect(faultsOf(printer({ paper: "near_end", cover: "closed" }))).toEqual([
      { severity: "warning", key: "faultPaperLow" },
    ]);
    expect(faultsOf(printer({ paper: "ok", cover: "open" }))).toEqual([
      { severity: "critical", key: "faultCoverOpen" },
    ]);
  });

  it("names jammed, left-open and open doors by number, worst first", () => {
    const faults = faultsOf(
      lockers({ openDoors: ["1-2", "1-3"], leftOpen: ["1-2"], jammed: ["1-4"] }),
    );
    expect(faults).toEqual([
      { severity: "critical", key: "faultDoorsJammed", items: ["4"] },
      { severity: "warning", key: "faultDoorsLeftOpen", items: ["2"] },
      { severity: "notice", key: "faultDoorsOpen", items: ["3"] },
    ]);
  });

  it("says an unreachable device is offline whatever else it last reported", () => {
    const offline = device("scanner-1", "scanner", { state: "offline", connected: false });
    expect(faultsOf(offline)).toEqual([{ severity: "critical", key: "faultOffline" }]);
  });

  it("flags jammed, empty and low vending slots", () => {
    const vending = device("vending-1", "vending", {
      state: "jammed",
      detail: {
        slots: [
          { slot: 1, stock: 5, capacity: 10 },
          { slot: 2, stock: 0, capacity: 10 },
          { slot: 3, stock: 1, capacity: 10 },
          { slot: 4, stock: 5, capacity: 10, jammed: true },
        ],
        jammedSlots: [4],
      },
    });
    expect(faultsOf(vending)).toEqual([
      { severity: "critical", key: "faultSlotsJammed", items: ["4"] },
      { severity: "warning", key: "faultSlotsEmpty", items: ["2"] },
      { severity: "notice", key: "faultSlotsLow", items: ["3"] },
    ]);
  });

  it("counts the device's jobs that wait for a person", () => {
    expect(faultsOf(printer({ paper: "ok" }), [heldJob("printer-1")])).toEqual([
      { severity: "warning", key: "faultJobsWaiting", count: 1 },
    ]);
  });

  it("puts the worst devices first and keeps the agent's order among equals", () => {
    const list = [
      printer({ paper: "ok", cover: "closed" }),
      lockers({ openDoors: ["1-1"] }),
      device("scanner-1", "scanner"),
      device("rating-1", "rating-box", { state: "offline", connected: false }),
      device("cabinet-1", "locker", { state: "ready", detail: { boards: 1, locksPerBoard: 2 } }),
    ];
    const order = devicesByFaultsFirst(list, []).map((view) => [view.device.id, view.severity]);
    expect(order).toEqual([
      ["rating-1", "critical"],
      ["lockers-1", "notice"],
      ["printer-1", "ok"],
      ["scanner-1", "ok"],
      ["cabinet-1", "ok"],
    ]);
    const withJob = devicesByFaultsFirst(list, [heldJob("scanner-1")]);
    expect(withJob.map((view) => view.device.id).slice(0, 3)).toEqual([
      "rating-1",
      "scanner-1",
      "lockers-1",
    ]);
  });
});

describe("reading device detail", () => {
  it("lists every door of every board, with unknown ones as unknown", () => {
    const detail = lockerDetail({
      boards: 2,
      locksPerBoard: 2,
      doors: { "1-1": "closed", "1-2": "open", "2-1": "closed" },
      leftOpen: ["1-2"],
      jammed: [],
    });
    expect(detail.doors.map((door) => [door.key, door.state])).toEqual([
      ["1-1", "closed"],
      ["1-2", "left_open"],
      ["2-1", "closed"],
      ["2-2", "unknown"],
    ]);
  });

  it("ignores malformed slots instead of failing", () => {
    expect(vendingDetail({ slots: [null, "x", { slot: 7, stock: "many" }] }).slots).toEqual([
      { slot: 7, stock: undefined, capacity: undefined, jammed: false, paused: false },
    ]);
  });
});

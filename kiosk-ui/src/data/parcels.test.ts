import { describe, expect, it } from "vitest";
import { ApiError } from "./api.js";
import { lockerNewsOf, refusalOf, refusalOfError } from "./parcels.js";

describe("what a refused code means on screen", () => {
  it("reads the tries left of a wrong code and the seconds of a cool-down", () => {
    expect(refusalOf("LINLI_ERR_PARCEL_WRONG_CODE", "取件码不对", { attemptsLeft: 3 })).toEqual({
      kind: "wrong-code",
      attemptsLeft: 3,
    });
    expect(
      refusalOf("LINLI_ERR_PARCEL_CODE_LOCKED", "请 5 分钟后再试", { retryAfterSeconds: 299.2 }),
    ).toEqual({ kind: "cool-down", seconds: 300 });
    // Without the seconds the cool-down is still a cool-down, of the agent's default length.
    expect(refusalOf("LINLI_ERR_PARCEL_CODE_LOCKED", "请 5 分钟后再试")).toEqual({
      kind: "cool-down",
      seconds: 300,
    });
  });

  it("names the door and cabinet failures, and keeps the agent's words for the rest", () => {
    expect(refusalOf("LINLI_ERR_CABINET_EMPTY", "现在没有可借的物品")).toEqual({
      kind: "cabinet-empty",
    });
    expect(refusalOf("LINLI_ERR_PARCEL_DOOR_UNCERTAIN", "柜门可能已经打开")).toEqual({
      kind: "door-uncertain",
    });
    expect(refusalOf("LINLI_ERR_SOMETHING_NEW", "出了点问题")).toEqual({
      kind: "other",
      message: "出了点问题",
    });
  });

  it("keeps the return code of a borrow whose door may have opened", () => {
    expect(
      refusalOf("LINLI_ERR_PARCEL_DOOR_UNCERTAIN", "柜门可能已经打开", { returnCode: "123456" }),
    ).toEqual({ kind: "door-uncertain", returnCode: "123456" });
  });

  it("takes refusals from API errors only: an unreachable agent is the shell's to show", () => {
    const error = new ApiError("LINLI_ERR_PARCEL_WRONG_CODE", "取件码不对", 404, {
      attemptsLeft: 4,
    });
    expect(refusalOfError(error)).toEqual({ kind: "wrong-code", attemptsLeft: 4 });
    expect(refusalOfError(new Error("network"))).toBeUndefined();
  });
});

describe("the door and scanner news on the event stream", () => {
  const at = "2026-05-01T02:00:00.000Z";

  it("reads door reports of a locker", () => {
    expect(
      lockerNewsOf({
        type: "device.event",
        deviceId: "lockers-1",
        at,
        event: "door_closed",
        data: { board: 1, lock: 3, openForMs: 4000 },
      }),
    ).toEqual([
      { kind: "door", deviceId: "lockers-1", board: 1, lock: 3, state: "closed", from: "event" },
    ]);
  });

  it("reads every door a locker's state lists, and which are left open", () => {
    const news = lockerNewsOf({
      type: "device.state",
      deviceId: "cabinet-1",
      at,
      health: {
        state: "door_open",
        detail: { doors: { "1-1": "open", "1-2": "closed", "1-3": "open" }, leftOpen: ["1-3"] },
      },
    });
    expect(news).toEqual([
      { kind: "door", deviceId: "cabinet-1", board: 1, lock: 1, state: "open", from: "state" },
      { kind: "door", deviceId: "cabinet-1", board: 1, lock: 2, state: "closed", from: "state" },
      { kind: "door", deviceId: "cabinet-1", board: 1, lock: 3, state: "left-open", from: "state" },
    ]);
  });

  it("reads a scanned pickup, opened or refused, and door-job progress", () => {
    const door = { deviceId: "lockers-1", board: 1, lock: 2, size: "M" };
    const opened = {
      ok: true,
      result: { parcelId: "p", jobId: "j", door, state: "opened", repeated: false, message: "" },
    };
    expect(
      lockerNewsOf({
        type: "device.event",
        deviceId: "scanner-1",
        at,
        event: "pickup_scan",
        data: opened,
      }),
    ).toEqual([{ kind: "scan", outcome: opened }]);
    const refused = { ok: false, error: { code: "LINLI_ERR_PARCEL_WRONG_CODE", message: "不对" } };
    expect(
      lockerNewsOf({
        type: "device.event",
        deviceId: "scanner-1",
        at,
        event: "pickup_scan",
        data: refused,
      }),
    ).toEqual([{ kind: "scan", outcome: refused }]);
    expect(
      lockerNewsOf({
        type: "job.state",
        deviceId: "lockers-1",
        at,
        jobId: "j",
        kind: "door_open",
        state: "done",
      }),
    ).toEqual([{ kind: "job", jobId: "j", state: "done" }]);
  });

  it("ignores what is malformed or none of its concern", () => {
    for (const message of [
      null,
      "door_closed",
      { type: "device.event", deviceId: "scanner-1", event: "scan", data: { codeLength: 19 } },
      { type: "device.event", deviceId: "scanner-1", event: "pickup_scan", data: { ok: true } },
      { type: "device.event", deviceId: "lockers-1", event: "door_closed", data: { board: "1" } },
      { type: "device.state", deviceId: "printer-1", health: { detail: { paper: "ok" } } },
      { type: "device.state", deviceId: "lockers-1", health: { detail: { doors: { x: "open" } } } },
    ]) {
      expect(lockerNewsOf(message)).toEqual([]);
    }
  });
});

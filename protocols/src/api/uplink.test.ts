import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import {
  CommandResult,
  DatasetMessage,
  notJson,
  OpenDoorCommand,
  SetConfigCommand,
  schemaProblem,
  UplinkCommands,
} from "./uplink.js";

describe("the uplink schemas", () => {
  it("take a command id of 1 to 64 letters, digits, _ or -", () => {
    const open = { deviceId: "locker-1", board: 1, lock: 3 };
    expect(Value.Check(OpenDoorCommand, { id: "a_B-9", ...open })).toBe(true);
    expect(Value.Check(OpenDoorCommand, { id: "x".repeat(64), ...open })).toBe(true);
    for (const id of ["", "x".repeat(65), "a b", "a/b", "门"]) {
      expect(Value.Check(OpenDoorCommand, { id, ...open })).toBe(false);
    }
  });

  it("open exactly one door: lock 0 (all doors) and extra keys are refused", () => {
    const base = { id: "c-1", deviceId: "locker-1", board: 1 };
    expect(Value.Check(OpenDoorCommand, { ...base, lock: 0 })).toBe(false);
    expect(Value.Check(OpenDoorCommand, { ...base, lock: 2, all: true })).toBe(false);
  });

  it("name every command the kiosk takes", () => {
    expect(Object.keys(UplinkCommands).sort()).toEqual([
      "open-door",
      "print-test",
      "rebirth",
      "reload-dataset",
      "restart",
      "set-config",
    ]);
    expect(
      Value.Check(SetConfigCommand, { id: "s-1", config: { uplink: { url: "mqtt://h" } } }),
    ).toBe(true);
    expect(Value.Check(SetConfigCommand, { id: "s-1", config: "uplink.url=x" })).toBe(false);
  });

  it("answer with ok and data, or error with a code", () => {
    expect(Value.Check(CommandResult, { id: "c-1", status: "ok", data: null })).toBe(true);
    const error = { code: "LINLI_ERR_UPLINK_BAD_COMMAND", message: "the command is missing id" };
    expect(Value.Check(CommandResult, { id: "c-1", status: "error", error })).toBe(true);
    expect(
      Value.Check(CommandResult, {
        id: "c-1",
        status: "error",
        error: { code: "oops", message: "" },
      }),
    ).toBe(false);
  });

  it("carry a full dataset or a delta on top of a base version", () => {
    const outlet = { id: "o-1", name: "早餐铺", category: "breakfast", lng: 121.5, lat: 31.2 };
    expect(Value.Check(DatasetMessage, { version: "v1", kind: "full", outlets: [outlet] })).toBe(
      true,
    );
    const delta = {
      version: "v2",
      kind: "delta",
      baseVersion: "v1",
      outlets: { upsert: [outlet], delete: ["o-9"] },
    };
    expect(Value.Check(DatasetMessage, delta)).toBe(true);
    expect(Value.Check(DatasetMessage, { ...delta, baseVersion: undefined })).toBe(false);
    expect(
      Value.Check(DatasetMessage, {
        version: "v1",
        kind: "full",
        outlets: [{ ...outlet, namePinyin: "zcp" }],
      }),
    ).toBe(false);
  });

  it("describe a payload's first problem in one line, without quoting it", () => {
    const check = Compile(OpenDoorCommand);
    const problem = (value: unknown) => schemaProblem(check.Errors(value), "the command");
    expect(problem({ id: "c-1", deviceId: "locker-1", board: 1, lock: 0 })).toBe(
      "the command's lock must be >= 1",
    );
    expect(problem({ deviceId: "locker-1", board: 1, lock: 1 })).toBe("the command is missing id");
    expect(problem({ id: "c-1", deviceId: "locker-1", board: 1, lock: 1, all: 1 })).toBe(
      "the command has an unknown key all",
    );
    let parseError: unknown;
    try {
      JSON.parse('{"password": "hunter2"');
    } catch (error) {
      parseError = error;
    }
    expect(notJson("the payload", parseError)).toMatch(/^the payload is not JSON/);
    expect(notJson("the payload", parseError)).not.toContain("hunter2");
  });
});

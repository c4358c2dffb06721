import { describe, expect, it } from "vitest";
import { addDays, agoText, percentText } from "./format.js";
import { translator } from "./i18n/i18n.js";
import { applyKey } from "./keypad.js";
import { pageOf, pathOf } from "./router.js";

const zh = translator("zh-CN");

describe("the console's small rules", () => {
  it("says how long ago a device was heard from", () => {
    const now = Date.parse("2026-11-22T12:00:00Z");
    expect(agoText(zh, "2026-11-22T11:59:48Z", now)).toBe("12 秒前");
    expect(agoText(zh, "2026-11-22T11:57:00Z", now)).toBe("3 分钟前");
    expect(agoText(zh, "2026-11-22T09:00:00Z", now)).toBe("3 小时前");
    expect(agoText(zh, "2026-11-18T12:00:00Z", now)).toBe("4 天前");
    expect(agoText(zh, null, now)).toBe("—");
  });

  it("shows shares as percentages with one decimal, and none as a dash", () => {
    expect(percentText(2 / 3)).toBe("66.7");
    expect(percentText(1)).toBe("100.0");
    expect(percentText(null)).toBe("—");
  });

  it("moves days across months and years", () => {
    expect(addDays("2026-11-22", -6)).toBe("2026-11-16");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("types, deletes and clears on the keypad, up to the length allowed", () => {
    expect(applyKey("12", "3", 4)).toBe("123");
    expect(applyKey("1234", "5", 4)).toBe("1234");
    expect(applyKey("123", "back", 4)).toBe("12");
    expect(applyKey("123", "clear", 4)).toBe("");
  });

  it("maps console paths to pages, the bare path and unknown ones to devices", () => {
    expect(pageOf("/operator/ratings")).toBe("ratings");
    expect(pageOf("/operator/events/")).toBe("events");
    expect(pageOf("/operator")).toBe("devices");
    expect(pageOf("/operator/nothing")).toBe("devices");
    expect(pathOf("parcels")).toBe("/operator/parcels");
  });
});

import { describe, expect, it } from "vitest";
import { hoursText, openStateText, priceText, wallClock } from "./format.js";
import { translator } from "./i18n.js";

const zh = translator("zh-CN");
const en = translator("en");

describe("formatting for residents", () => {
  it("shows prices in yuan with the fen", () => {
    expect(priceText(1500)).toBe("￥15.00");
    expect(priceText(5)).toBe("￥0.05");
  });

  it("reads the wall clock of a timestamp in the kiosk's zone", () => {
    expect(wallClock("2026-11-23T08:30:00+08:00")).toEqual({
      date: "2026-11-23",
      time: "08:30",
      offsetMinutes: 480,
    });
    expect(wallClock("not a time")).toBeNull();
  });

  it("says when a closed outlet opens, today or tomorrow, whatever the browser's zone", () => {
    const now = new Date("2026-11-22T12:00:00+08:00");
    const closed = { openState: "closed" as const, closesAt: null };
    expect(openStateText(zh, { ...closed, opensAt: "2026-11-22T17:00:00+08:00" }, now)).toEqual({
      tone: "closed",
      label: "已打烊",
      detail: "今天 17:00 开门",
    });
    expect(openStateText(en, { ...closed, opensAt: "2026-11-23T08:30:00+08:00" }, now).detail).toBe(
      "Opens tomorrow at 08:30",
    );
    expect(openStateText(zh, { ...closed, opensAt: "2026-11-25T08:30:00+08:00" }, now).detail).toBe(
      "11/25 08:30 开门",
    );
  });

  it("says until when an open outlet is open, or that it never closes", () => {
    const open = { openState: "open" as const, opensAt: null };
    expect(openStateText(zh, { ...open, closesAt: "2026-11-22T21:00:00+08:00" }).detail).toBe(
      "营业至 21:00",
    );
    expect(openStateText(zh, { ...open, closesAt: null }).detail).toBe("24 小时营业");
  });

  it("puts OSM opening hours into words", () => {
    expect(hoursText(zh, "Mo-Sa 08:30-17:30")).toBe("周一至周六 08:30–17:30");
    expect(hoursText(zh, "Mo-Su 06:00-20:00")).toBe("每天 06:00–20:00");
    expect(hoursText(en, "Mo-Fr 09:00-18:00; Sa 10:00-16:00; Su off")).toBe(
      "Mon–Fri 09:00–18:00; Sat 10:00–16:00; Sun closed",
    );
    expect(hoursText(zh, "24/7")).toBe("24 小时营业");
    expect(hoursText(en, null)).toBe("Hours not known");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { HoursEvaluator, UNKNOWN_HOURS, WallClock } from "./hours.js";

// Monday 3 June 2024, 10:00 in Shanghai.
const MONDAY_10_SHANGHAI = new Date("2024-06-03T10:00:00+08:00");
const MONDAY_21_SHANGHAI = new Date("2024-06-03T21:00:00+08:00");

describe("opening hours in the kiosk's time zone", () => {
  const processZone = process.env.TZ;
  afterEach(() => {
    if (processZone === undefined) delete process.env.TZ;
    else process.env.TZ = processZone;
  });

  it("finds Mo-Su 06:00-20:00 open at 10:00, closing at 20:00 Shanghai time", () => {
    const hours = new HoursEvaluator();
    expect(hours.status("Mo-Su 06:00-20:00", MONDAY_10_SHANGHAI)).toEqual({
      state: "open",
      opensAt: null,
      closesAt: "2024-06-03T20:00:00+08:00",
    });
  });

  it("finds Mo-Su 06:00-20:00 closed at 21:00, opening at 06:00 the next day", () => {
    const hours = new HoursEvaluator();
    expect(hours.status("Mo-Su 06:00-20:00", MONDAY_21_SHANGHAI)).toEqual({
      state: "closed",
      opensAt: "2024-06-04T06:00:00+08:00",
      closesAt: null,
    });
  });

  it("finds 24/7 open with no closing time", () => {
    const hours = new HoursEvaluator();
    expect(hours.status("24/7", MONDAY_21_SHANGHAI)).toEqual({
      state: "open",
      opensAt: null,
      closesAt: null,
    });
  });

  it("finds Tu-Su 08:00-20:00 closed on a Monday, opening Tuesday 08:00 Shanghai time", () => {
    const hours = new HoursEvaluator();
    expect(hours.status("Tu-Su 08:00-20:00", MONDAY_10_SHANGHAI)).toEqual({
      state: "closed",
      opensAt: "2024-06-04T08:00:00+08:00",
      closesAt: null,
    });
  });

  it("answers the same whatever zone the process runs in", () => {
    process.env.TZ = "America/New_York";
    const hours = new HoursEvaluator();
    expect(new Date("2024-06-03T10:00:00+08:00").getHours()).toBe(22);
    expect(hours.status("Tu-Su 08:00-20:00", MONDAY_10_SHANGHAI).opensAt).toBe(
      "2024-06-04T08:00:00+08:00",
    );
    expect(hours.status("Mo-Su 06:00-20:00", MONDAY_10_SHANGHAI).state).toBe("open");
  });

  it("reads the wall clock of another zone when told to", () => {
    // 10:00 in Shanghai is 03:00 in Berlin (summer time): a 06:00-20:00 shop there is closed.
    const berlin = new HoursEvaluator("Europe/Berlin");
    expect(berlin.status("Mo-Su 06:00-20:00", MONDAY_10_SHANGHAI)).toEqual({
      state: "closed",
      opensAt: "2024-06-03T06:00:00+02:00",
      closesAt: null,
    });
  });

  it("reports unknown hours, unreadable hours and 'unknown' rules as unknown", () => {
    const hours = new HoursEvaluator();
    expect(hours.status(null, MONDAY_10_SHANGHAI)).toEqual(UNKNOWN_HOURS);
    expect(hours.status("whenever the owner is in", MONDAY_10_SHANGHAI)).toEqual(UNKNOWN_HOURS);
    expect(hours.status("Mo-Fr 09:00-18:00 unknown", MONDAY_10_SHANGHAI).state).toBe("unknown");
    expect(hours.isValid("Mo-Su 06:00-20:00")).toBe(true);
    expect(hours.isValid("whenever the owner is in")).toBe(false);
  });

  it("reuses an answer until the change it predicted, then evaluates again", () => {
    const hours = new HoursEvaluator();
    expect(hours.status("Mo-Su 06:00-20:00", new Date("2024-06-03T19:59:00+08:00")).state).toBe(
      "open",
    );
    expect(hours.status("Mo-Su 06:00-20:00", new Date("2024-06-03T20:00:00+08:00")).state).toBe(
      "closed",
    );
    expect(hours.status("Mo-Su 06:00-20:00", new Date("2024-06-03T19:00:00+08:00")).state).toBe(
      "open",
    );
  });

  it("writes instants as ISO 8601 with the zone's offset", () => {
    const clock = new WallClock("Asia/Shanghai");
    const local = clock.toLocal(Date.parse("2024-12-31T16:30:00Z"));
    expect(clock.toIso(local)).toBe("2025-01-01T00:30:00+08:00");
  });
});

import { describe, expect, it } from "vitest";
import type { SleepWindowConfig } from "../config/index.js";
import { DisplaySchedule, inSleepHours, localClock } from "./schedule.js";

const SHANGHAI = localClock("Asia/Shanghai");
/** A wall-clock moment in Shanghai (UTC+8, no daylight saving). 2024-06-07 is a Friday. */
const at = (local: string) => new Date(`${local}+08:00`);

function schedule(sleep: SleepWindowConfig[], wakeMinutes = 2) {
  return new DisplaySchedule({ sleep, wakeMinutes, local: SHANGHAI });
}

const NIGHTLY: SleepWindowConfig[] = [{ from: "22:30", to: "06:30" }];

describe("the display schedule", () => {
  it("is dark from 22:30 to 06:30 across midnight, and lit outside it", () => {
    const nightly = schedule(NIGHTLY);
    const phases = [
      "2024-06-07T22:29:59",
      "2024-06-07T22:30:00",
      "2024-06-08T00:00:00",
      "2024-06-08T06:29:59",
      "2024-06-08T06:30:00",
      "2024-06-08T12:00:00",
    ].map((local) => nightly.read(at(local)).phase);
    expect(phases).toEqual(["awake", "asleep", "asleep", "asleep", "awake", "awake"]);
  });

  it("never sleeps without windows", () => {
    expect(schedule([]).read(at("2024-06-08T03:00:00")).phase).toBe("awake");
  });

  it("keeps a window to the days it starts on: a Friday and Saturday night closure", () => {
    const weekend: SleepWindowConfig[] = [{ from: "22:30", to: "06:30", days: ["fri", "sat"] }];
    const asleep = (local: string) => inSleepHours(weekend, SHANGHAI(at(local)));
    expect(asleep("2024-06-06T23:00:00")).toBe(false); // Thursday night
    expect(asleep("2024-06-07T23:00:00")).toBe(true); // Friday night
    expect(asleep("2024-06-08T03:00:00")).toBe(true); // Saturday morning: Friday's window
    expect(asleep("2024-06-09T03:00:00")).toBe(true); // Sunday morning: Saturday's window
    expect(asleep("2024-06-09T23:00:00")).toBe(false); // Sunday night
    expect(asleep("2024-06-10T03:00:00")).toBe(false); // Monday morning
  });

  it("takes 24:00 as the end of the day, so 00:00 to 24:00 is the whole day", () => {
    const closed: SleepWindowConfig[] = [{ from: "00:00", to: "24:00", days: ["sun"] }];
    const asleep = (local: string) => inSleepHours(closed, SHANGHAI(at(local)));
    expect(asleep("2024-06-08T23:59:59")).toBe(false);
    expect(asleep("2024-06-09T00:00:00")).toBe(true);
    expect(asleep("2024-06-09T23:59:59")).toBe(true);
    expect(asleep("2024-06-10T00:00:00")).toBe(false);
  });

  it("reads the windows in the configured zone: 23:00 in Shanghai is 15:00 UTC", () => {
    const instant = at("2024-06-07T23:00:00");
    expect(inSleepHours(NIGHTLY, SHANGHAI(instant))).toBe(true);
    expect(inSleepHours(NIGHTLY, localClock("UTC")(instant))).toBe(false);
  });

  it("wakes on a touch in sleep hours and goes dark the wake minutes after the last touch", () => {
    const nightly = schedule(NIGHTLY, 2);
    expect(nightly.read(at("2024-06-07T23:00:00")).phase).toBe("asleep");
    nightly.touch(at("2024-06-07T23:00:00"));
    expect(nightly.read(at("2024-06-07T23:01:00"))).toEqual({
      phase: "woken",
      wokenUntil: at("2024-06-07T23:02:00"),
    });
    nightly.touch(at("2024-06-07T23:01:30"));
    expect(nightly.read(at("2024-06-07T23:03:29")).phase).toBe("woken");
    expect(nightly.read(at("2024-06-07T23:03:30"))).toEqual({ phase: "asleep", wokenUntil: null });
  });

  it("does not go dark under a resident who is using the kiosk as the sleep hours begin", () => {
    const nightly = schedule(NIGHTLY, 2);
    nightly.touch(at("2024-06-07T22:29:30"));
    expect(nightly.read(at("2024-06-07T22:30:00")).phase).toBe("woken");
    expect(nightly.read(at("2024-06-07T22:31:30")).phase).toBe("asleep");
  });

  it("lets an operator darken it by day until the next touch", () => {
    const nightly = schedule(NIGHTLY);
    nightly.sleepNow(at("2024-06-07T14:00:00"));
    expect(nightly.read(at("2024-06-07T15:00:00")).phase).toBe("asleep");
    nightly.touch(at("2024-06-07T15:00:00"));
    expect(nightly.read(at("2024-06-07T15:00:01")).phase).toBe("awake");
  });

  it("ends an operator's sleep when the schedule moves on: it lights up at 06:30 as usual", () => {
    const nightly = schedule(NIGHTLY);
    nightly.sleepNow(at("2024-06-07T14:00:00"));
    expect(nightly.read(at("2024-06-07T23:00:00")).phase).toBe("asleep");
    expect(nightly.read(at("2024-06-08T06:30:00")).phase).toBe("awake");
    // And a "sleep now" while woken at night is over at the same morning.
    nightly.touch(at("2024-06-08T23:00:00"));
    nightly.sleepNow(at("2024-06-08T23:00:30"));
    expect(nightly.read(at("2024-06-08T23:00:31")).phase).toBe("asleep");
    expect(nightly.read(at("2024-06-09T06:30:00")).phase).toBe("awake");
  });

  it("asks to be read again at the next minute, or sooner when a woken screen goes dark", () => {
    const nightly = schedule(NIGHTLY, 1);
    expect(nightly.nextCheck(at("2024-06-07T22:29:10"))).toEqual(at("2024-06-07T22:30:00"));
    nightly.touch(at("2024-06-07T22:59:20.5"));
    expect(nightly.nextCheck(at("2024-06-07T23:00:10"))).toEqual(at("2024-06-07T23:00:20.5"));
  });
});

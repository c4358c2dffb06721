import { describe, expect, it } from "vitest";
import { displayStateOf } from "./display.js";
import { TOUCH_REPORT_MS, TouchReporter } from "./touch-reporter.js";

function reporter(fails = false) {
  let now = 1_000_000;
  const sent: number[] = [];
  const touches = new TouchReporter(
    async () => {
      sent.push(now);
      if (fails) throw new Error("agent away");
    },
    () => now,
  );
  return {
    touches,
    sent,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("reporting touches to the agent", () => {
  it("reports the first touch at once, then at most one every 15 s while touches go on", () => {
    const { touches, sent, advance } = reporter();
    touches.activity();
    for (let i = 0; i < 10; i++) {
      advance(1_000);
      touches.activity();
    }
    expect(sent).toHaveLength(1);
    advance(TOUCH_REPORT_MS);
    touches.activity();
    expect(sent).toHaveLength(2);
  });

  it("reports a touch on the dark screen at once, however recent the last report", () => {
    const { touches, sent, advance } = reporter();
    touches.activity();
    advance(2_000);
    void touches.wake();
    expect(sent).toHaveLength(2);
  });

  it("tries again at the next touch when a report did not reach the agent", async () => {
    const { touches, sent, advance } = reporter(true);
    await touches.wake();
    advance(1_000);
    touches.activity();
    expect(sent).toHaveLength(2);
  });
});

describe("the display state in the event stream", () => {
  const asleep = {
    phase: "asleep",
    dark: true,
    brightnessPercent: 0,
    backlight: null,
    wokenUntil: null,
    since: "2024-06-07T14:30:00.000Z",
  };

  it("is read from display.state messages only", () => {
    expect(displayStateOf({ type: "display.state", at: "x", display: asleep })).toEqual(asleep);
    expect(displayStateOf({ type: "device.state", deviceId: "printer-1", health: {} })).toBe(
      undefined,
    );
  });

  it("is nothing when malformed", () => {
    expect(displayStateOf(null)).toBeUndefined();
    expect(displayStateOf({ type: "display.state" })).toBeUndefined();
    expect(displayStateOf({ type: "display.state", display: { phase: "off", dark: true } })).toBe(
      undefined,
    );
    expect(displayStateOf({ type: "display.state", display: { phase: "asleep" } })).toBeUndefined();
  });
});

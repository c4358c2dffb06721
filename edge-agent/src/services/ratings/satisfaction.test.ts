import { afterEach, describe, expect, it } from "vitest";
import { FRIDAY_10, type Harness, later, openHarness, session, shop } from "./fixtures.js";

let harness: Harness;
afterEach(() => harness.stop());

const HOUR = 3600;
const kiosk = { kind: "kiosk" } as const;

function rate(score: number, at: Date, subject: { kind: "kiosk" | "outlet"; id?: string } = kiosk) {
  return harness.ratings.rate(
    {
      sessionId: session(),
      score,
      subject,
      ...(score <= 2 ? { reasons: ["other" as const] } : {}),
    },
    at,
  );
}

describe("the satisfaction report", () => {
  it("is the share of counted ratings of 3 or more, against a 90 % target", () => {
    harness = openHarness();
    [5, 5, 4, 3, 3, 4, 5, 5, 2, 1].forEach((score, i) => {
      rate(score, later(FRIDAY_10, i * HOUR));
    });
    const report = harness.ratings.report({ from: "2024-06-07", to: "2024-06-07" }, FRIDAY_10);
    expect(report).toMatchObject({
      total: 10,
      misuse: 0,
      counted: 10,
      satisfied: 8,
      satisfactionRate: 0.8,
      target: 0.9,
      meetsTarget: false,
      timeZone: "Asia/Shanghai",
      followUps: { open: 2, overdue: 0 },
    });
    expect(report.byScore).toEqual([
      { score: 5, level: "非常满意", count: 4 },
      { score: 4, level: "满意", count: 2 },
      { score: 3, level: "基本满意", count: 2 },
      { score: 2, level: "不满意", count: 1 },
      { score: 1, level: "非常不满意", count: 1 },
    ]);
  });

  it("leaves misuse out of the rate", () => {
    harness = openHarness();
    for (const seconds of [0, 1, 2, 3, 4, 5]) {
      harness.ratings.fromRatingBox({ deviceId: "rating-1", score: 1 }, later(FRIDAY_10, seconds));
    }
    rate(5, later(FRIDAY_10, HOUR));
    const report = harness.ratings.report({ from: "2024-06-07", to: "2024-06-07" }, FRIDAY_10);
    expect(report).toMatchObject({ total: 7, misuse: 3, counted: 4, satisfied: 1 });
    expect(report.satisfactionRate).toBe(0.25);
  });

  it("counts by Shanghai day, every day of the range, and by subject", () => {
    harness = openHarness();
    rate(5, new Date("2024-06-06T23:30:00+08:00"));
    rate(1, new Date("2024-06-07T00:30:00+08:00")); // 6 June in UTC, 7 June in Shanghai
    rate(4, new Date("2024-06-07T12:00:00+08:00"), { kind: "outlet", id: shop.id });
    rate(4, new Date("2024-06-09T12:00:00+08:00"), { kind: "outlet", id: shop.id });
    const report = harness.ratings.report({ from: "2024-06-06", to: "2024-06-09" }, FRIDAY_10);
    expect(
      report.byDay.map(({ day, counted, satisfied, satisfactionRate }) => ({
        day,
        counted,
        satisfied,
        satisfactionRate,
      })),
    ).toEqual([
      { day: "2024-06-06", counted: 1, satisfied: 1, satisfactionRate: 1 },
      { day: "2024-06-07", counted: 2, satisfied: 1, satisfactionRate: 0.5 },
      { day: "2024-06-08", counted: 0, satisfied: 0, satisfactionRate: null },
      { day: "2024-06-09", counted: 1, satisfied: 1, satisfactionRate: 1 },
    ]);
    expect(
      report.bySubject.map(({ key, subject, counted }) => ({ key, subject, counted })),
    ).toEqual([
      { key: "kiosk", subject: { kind: "kiosk", id: null, name: null }, counted: 2 },
      {
        key: `outlet:${shop.id}`,
        subject: { kind: "outlet", id: shop.id, name: "老王修鞋" },
        counted: 2,
      },
    ]);
    const outletOnly = harness.ratings.report(
      { from: "2024-06-06", to: "2024-06-09", subject: `outlet:${shop.id}` },
      FRIDAY_10,
    );
    expect(outletOnly).toMatchObject({ counted: 2, satisfactionRate: 1, meetsTarget: true });
  });

  it("covers the last 30 days by default and refuses a range it cannot read", () => {
    harness = openHarness();
    const report = harness.ratings.report({}, FRIDAY_10);
    expect(report).toMatchObject({ from: "2024-05-09", to: "2024-06-07", satisfactionRate: null });
    expect(report.byDay).toHaveLength(30);
    expect(() => harness.ratings.report({ from: "2024-06-08", to: "2024-06-07" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_RATING_BAD_RANGE", status: 400 }),
    );
    expect(() => harness.ratings.report({ from: "2023-01-01", to: "2024-06-07" })).toThrow(
      /1 to 366 days/,
    );
    expect(() => harness.ratings.report({ from: "2024-02-30" })).toThrow(/not a day/);
  });
});

import type { RatingRequest } from "@linli/protocols/api";
import { afterEach, describe, expect, it } from "vitest";
import { FRIDAY_10, type Harness, later, openHarness, session, shop } from "./fixtures.js";

let harness: Harness;
afterEach(() => harness.stop());

const kiosk = { kind: "kiosk" } as const;
const good = (score = 5, extra: Partial<RatingRequest> = {}): RatingRequest => ({
  sessionId: session(),
  score,
  subject: kiosk,
  ...extra,
});

describe("a resident's rating", () => {
  it("takes the five levels, 非常满意 5 down to 非常不满意 1", () => {
    harness = openHarness();
    const levels = [5, 4, 3, 2, 1].map(
      (score, i) =>
        harness.ratings.rate(good(score, { reasons: ["long_wait"] }), later(FRIDAY_10, i * 60))
          .level,
    );
    expect(levels).toEqual(["非常满意", "满意", "基本满意", "不满意", "非常不满意"]);
    expect(() => harness.ratings.rate(good(0))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_RATING_BAD_SCORE", status: 400 }),
    );
    expect(() => harness.ratings.rate(good(6))).toThrow(/whole number from 1/);
  });

  it("asks for a reason when the rating is 2 or lower, naming the choices", () => {
    harness = openHarness();
    for (const score of [1, 2]) {
      expect(() => harness.ratings.rate(good(score))).toThrow(
        expect.objectContaining({
          code: "LINLI_ERR_RATING_REASONS_REQUIRED",
          status: 400,
          message: expect.stringContaining("等候时间长"),
        }),
      );
    }
    expect(harness.ratings.rate(good(3)).reasons).toEqual([]);
    expect(harness.count("ratings")).toBe(1);
  });

  it("refuses a reason that is not one of the presets", () => {
    harness = openHarness();
    const input = { ...good(1), reasons: ["rude"] } as unknown as RatingRequest;
    expect(() => harness.ratings.rate(input)).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_RATING_UNKNOWN_REASON" }),
    );
  });

  it("counts one rating per session and subject (一次一评)", () => {
    harness = openHarness();
    const sessionId = session();
    harness.ratings.rate({ sessionId, score: 5, subject: kiosk });
    expect(() =>
      harness.ratings.rate({ sessionId, score: 1, subject: kiosk, reasons: ["attitude"] }),
    ).toThrow(expect.objectContaining({ code: "LINLI_ERR_RATING_ALREADY_RATED", status: 409 }));
    // The same session may still rate something else.
    harness.ratings.rate({ sessionId, score: 4, subject: { kind: "outlet", id: shop.id } });
    expect(harness.count("ratings")).toBe(2);
  });

  it("rates an outlet by its id, with its name, and refuses an unknown one", () => {
    harness = openHarness();
    const rating = harness.ratings.rate(good(4, { subject: { kind: "outlet", id: shop.id } }));
    expect(rating.subject).toEqual({ kind: "outlet", id: shop.id, name: "老王修鞋" });
    expect(() =>
      harness.ratings.rate(good(4, { subject: { kind: "outlet", id: "gone" } })),
    ).toThrow(expect.objectContaining({ code: "LINLI_ERR_RATING_UNKNOWN_OUTLET", status: 400 }));
    expect(() => harness.ratings.rate(good(4, { subject: { kind: "outlet" } }))).toThrow(
      /needs subject.id/,
    );
  });

  it("rates a service from the list and refuses a code not on it", () => {
    harness = openHarness();
    const rating = harness.ratings.rate(good(5, { subject: { kind: "service", id: "vending" } }));
    expect(rating.subject).toEqual({ kind: "service", id: "vending", name: "自助售货" });
    expect(() =>
      harness.ratings.rate(good(5, { subject: { kind: "service", id: "massage" } })),
    ).toThrow(expect.objectContaining({ code: "LINLI_ERR_RATING_UNKNOWN_SERVICE" }));
  });

  it("masks phone numbers in the text before it is stored or sent, and keeps no identity", () => {
    harness = openHarness();
    harness.ratings.rate(
      good(2, { reasons: ["attitude"], text: "  请回电 138 1234 5678 或 +86 13912345678  " }),
    );
    const stored = harness.store.db.prepare("SELECT * FROM ratings").get() as Record<
      string,
      unknown
    >;
    expect(stored.text).toBe("请回电 138****5678 或 139****5678");
    expect(Object.keys(stored)).not.toContain("phone");
    const sent = JSON.stringify(harness.events());
    expect(sent).toContain("138****5678");
    expect(sent).not.toMatch(/1381234|13912345678/);
    expect(sent).not.toContain("session-");
  });

  it("refuses text over 200 characters", () => {
    harness = openHarness();
    expect(() => harness.ratings.rate(good(5, { text: "好".repeat(201) }))).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_RATING_TEXT_TOO_LONG", status: 400 }),
    );
  });
});

describe("repeated presses", () => {
  it("flags more than 3 ratings from one source within 10 s as misuse, and keeps them", () => {
    harness = openHarness();
    const flags = [0, 2, 4, 6, 8].map(
      (seconds) => harness.ratings.rate(good(5), later(FRIDAY_10, seconds)).misuse,
    );
    expect(flags).toEqual([false, false, false, true, true]);
    // Once the window has passed, ratings count again.
    expect(harness.ratings.rate(good(5), later(FRIDAY_10, 30)).misuse).toBe(false);
    expect(harness.count("ratings")).toBe(6);
  });

  it("opens no follow-up for a bad rating flagged as misuse", () => {
    harness = openHarness();
    for (const seconds of [0, 1, 2]) {
      harness.ratings.fromRatingBox({ deviceId: "rating-1", score: 5 }, later(FRIDAY_10, seconds));
    }
    const hammered = harness.ratings.fromRatingBox(
      { deviceId: "rating-1", score: 1 },
      later(FRIDAY_10, 3),
    );
    expect(hammered).toMatchObject({ misuse: true, followUp: null });
    expect(harness.count("rating_followups")).toBe(0);
  });

  it("reads the window and the limit from config", () => {
    harness = openHarness({ config: { misuse: { maxRatings: 1, windowSeconds: 60 } } });
    expect(harness.ratings.rate(good(5), FRIDAY_10).misuse).toBe(false);
    expect(harness.ratings.rate(good(5), later(FRIDAY_10, 50)).misuse).toBe(true);
  });
});

describe("the rating box", () => {
  it("turns presses on the bus into ratings of the kiosk", () => {
    harness = openHarness();
    harness.bus.emit("deviceEvent", {
      deviceId: "rating-1",
      type: "rating_press",
      data: { score: 4, button: 2, label: "满意" },
    });
    harness.bus.emit("deviceEvent", { deviceId: "scanner-1", type: "scan", data: { text: "x" } });
    const rows = harness.store.db.prepare("SELECT * FROM ratings").all();
    expect(rows).toEqual([
      expect.objectContaining({
        score: 4,
        subject_kind: "kiosk",
        source: "rating-box",
        device_id: "rating-1",
        session_id: null,
      }),
    ]);
    expect(harness.events().map((event) => event.type)).toEqual(["rating.created"]);
  });

  it("ignores a press without a score and stops listening when stopped", () => {
    harness = openHarness();
    harness.bus.emit("deviceEvent", { deviceId: "rating-1", type: "rating_press", data: {} });
    harness.ratings.stop();
    expect(harness.bus.listenerCount("deviceEvent")).toBe(0);
    harness.bus.emit("deviceEvent", {
      deviceId: "rating-1",
      type: "rating_press",
      data: { score: 5 },
    });
    expect(harness.count("ratings")).toBe(0);
  });

  it("opens a follow-up for a bad press, though it has no reasons", () => {
    harness = openHarness();
    const rating = harness.ratings.fromRatingBox({ deviceId: "rating-1", score: 1 }, FRIDAY_10);
    expect(rating.followUp?.dueAt).toBe("2024-06-14T15:59:59.999Z");
  });
});

describe("the uplink", () => {
  it("queues rating.created and followup.opened, never dropped, with the rating", () => {
    harness = openHarness();
    const rating = harness.ratings.rate(good(1, { reasons: ["attitude", "untidy"] }));
    const events = harness.outbox.next(0, 10);
    expect(events.map(({ type, priority }) => ({ type, priority }))).toEqual([
      { type: "rating.created", priority: 2 },
      { type: "followup.opened", priority: 2 },
    ]);
    expect(events[0]?.payload).toMatchObject({
      id: rating.id,
      score: 1,
      level: "非常不满意",
      subject: { kind: "kiosk", id: null, name: null },
      reasons: ["attitude", "untidy"],
      misuse: false,
      day: "2024-06-07",
    });
    expect(events[1]?.payload).toMatchObject({
      ratingId: rating.id,
      dueAt: "2024-06-14T15:59:59.999Z",
    });
  });

  it("leaves neither the rating nor its events when a write in the transaction fails", () => {
    harness = openHarness({
      outbox: (real) => ({
        add(type, payload, priority, id) {
          if (type === "followup.opened") throw new Error("disk full");
          return real.add(type, payload, priority, id);
        },
      }),
    });
    expect(() => harness.ratings.rate(good(2, { reasons: ["long_wait"] }))).toThrow("disk full");
    expect(harness.count("ratings")).toBe(0);
    expect(harness.count("rating_followups")).toBe(0);
    expect(harness.count("outbox")).toBe(0);
    harness.ratings.rate(good(5));
    expect(harness.count("outbox")).toBe(1);
  });
});

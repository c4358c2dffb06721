import { afterEach, describe, expect, it } from "vitest";
import { FRIDAY_10, type Harness, later, openHarness, session } from "./fixtures.js";

let harness: Harness;
afterEach(() => harness.stop());

const bad = (at: Date, text?: string) =>
  harness.ratings.rate(
    {
      sessionId: session(),
      score: 1,
      subject: { kind: "service", id: "parcel_pickup" },
      reasons: ["long_wait"],
      ...(text === undefined ? {} : { text }),
    },
    at,
  );

const NEXT_FRIDAY_END = "2024-06-14T15:59:59.999Z";
const NEXT_SATURDAY = new Date("2024-06-15T09:00:00+08:00");

describe("follow-ups of bad ratings (回访)", () => {
  it("are opened by a counted bad rating, due at the end of the 5th working day", () => {
    harness = openHarness();
    const rating = bad(FRIDAY_10, "等了半小时");
    harness.ratings.rate({ sessionId: session(), score: 3, subject: { kind: "kiosk" } }, FRIDAY_10);
    const { items, total } = harness.ratings.followUps({}, FRIDAY_10);
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      id: rating.followUp?.id,
      state: "open",
      dueAt: NEXT_FRIDAY_END,
      overdue: false,
      history: [],
      rating: {
        id: rating.id,
        score: 1,
        level: "非常不满意",
        subject: { kind: "service", id: "parcel_pickup", name: "快递取件" },
        reasons: ["long_wait"],
        text: "等了半小时",
        source: "kiosk",
      },
    });
  });

  it("take the number of working days and the holidays from config", () => {
    harness = openHarness({
      config: { followUp: { workingDays: 2, holidays: ["2024-06-10"] } },
    });
    expect(bad(FRIDAY_10).followUp?.dueAt).toBe("2024-06-12T15:59:59.999Z");
  });

  it("are overdue once the deadline has passed unresolved", () => {
    harness = openHarness();
    bad(FRIDAY_10);
    const late = bad(later(FRIDAY_10, 60));
    harness.ratings.updateFollowUp(late.followUp?.id ?? "", { state: "resolved", note: "已处理" });
    expect(harness.ratings.followUps({ overdue: true }, FRIDAY_10).total).toBe(0);
    const overdue = harness.ratings.followUps({ overdue: true }, NEXT_SATURDAY);
    expect(overdue.items.map((item) => item.overdue)).toEqual([true]);
    expect(harness.ratings.followUps({ overdue: false }, NEXT_SATURDAY).total).toBe(1);
    expect(harness.ratings.followUps({ state: "resolved" }, NEXT_SATURDAY).total).toBe(1);
  });

  it("move to contacted and resolved with notes, each queued upstream, phones masked", () => {
    harness = openHarness();
    const id = bad(FRIDAY_10).followUp?.id ?? "";
    harness.ratings.updateFollowUp(
      id,
      { state: "contacted", note: "已联系快递点 13812345678" },
      later(FRIDAY_10, 3600),
    );
    const done = harness.ratings.updateFollowUp(
      id,
      { state: "resolved", note: "增加了取件窗口" },
      later(FRIDAY_10, 7200),
    );
    expect(done.state).toBe("resolved");
    expect(done.history).toEqual([
      { state: "contacted", note: "已联系快递点 138****5678", at: "2024-06-07T03:00:00.000Z" },
      { state: "resolved", note: "增加了取件窗口", at: "2024-06-07T04:00:00.000Z" },
    ]);
    const updates = harness.outbox.next(0, 10).filter((event) => event.type === "followup.updated");
    expect(updates.map((event) => [event.priority, event.payload])).toEqual([
      [2, expect.objectContaining({ id, state: "contacted", note: "已联系快递点 138****5678" })],
      [2, expect.objectContaining({ id, state: "resolved" })],
    ]);
  });

  it("cannot change once resolved, and say so for an unknown id", () => {
    harness = openHarness();
    const id = bad(FRIDAY_10).followUp?.id ?? "";
    harness.ratings.updateFollowUp(id, { state: "resolved", note: "已处理" });
    expect(() =>
      harness.ratings.updateFollowUp(id, { state: "contacted", note: "再次联系" }),
    ).toThrow(expect.objectContaining({ code: "LINLI_ERR_FOLLOWUP_RESOLVED", status: 409 }));
    expect(() => harness.ratings.updateFollowUp("nope", { state: "resolved", note: "x" })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_FOLLOWUP_NOT_FOUND", status: 404 }),
    );
    expect(() => harness.ratings.updateFollowUp(id, { state: "resolved", note: "   " })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_FOLLOWUP_NOTE_REQUIRED" }),
    );
  });
});

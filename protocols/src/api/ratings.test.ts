import { Value } from "typebox/value";
import { describe, expect, it } from "vitest";
import {
  FollowUpUpdate,
  RATING_LEVELS,
  RATING_REASON_CODES,
  RATING_REASONS,
  RatingReportQuery,
  RatingRequest,
} from "./ratings.js";
import { PROBLEM_CATEGORIES, PROBLEM_CATEGORY_CODES, ProblemReportRequest } from "./reports.js";

const rating = { sessionId: "abcd1234", score: 2, subject: { kind: "kiosk" } };

describe("the rating API schemas", () => {
  it("have five levels, best first, and one entry per reason code", () => {
    expect(RATING_LEVELS.map((level) => level.score)).toEqual([5, 4, 3, 2, 1]);
    expect(RATING_REASONS.map((reason) => reason.code)).toEqual([...RATING_REASON_CODES]);
  });

  it("take a score from 1 to 5, a session id, a subject, preset reasons and short text", () => {
    expect(Value.Check(RatingRequest, { ...rating, reasons: ["long_wait"], text: "慢" })).toBe(
      true,
    );
    expect(Value.Check(RatingRequest, { ...rating, score: 0 })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, score: 4.5 })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, sessionId: "short" })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, subject: { kind: "shop" } })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, reasons: ["rude"] })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, text: "好".repeat(201) })).toBe(false);
    expect(Value.Check(RatingRequest, { ...rating, phone: "13812345678" })).toBe(false);
  });

  it("take report ranges as days and subjects as keys", () => {
    expect(Value.Check(RatingReportQuery, { from: "2024-06-01", subject: "outlet:o-1" })).toBe(
      true,
    );
    expect(Value.Check(RatingReportQuery, { from: "1 June" })).toBe(false);
    expect(Value.Check(RatingReportQuery, { subject: "everything" })).toBe(false);
  });

  it("move a follow-up only to contacted or resolved, with a note", () => {
    expect(Value.Check(FollowUpUpdate, { state: "resolved", note: "已处理" })).toBe(true);
    expect(Value.Check(FollowUpUpdate, { state: "open", note: "x" })).toBe(false);
    expect(Value.Check(FollowUpUpdate, { state: "resolved", note: "" })).toBe(false);
  });
});

describe("the problem report schemas", () => {
  it("have one entry per category code, with reason codes unique within each", () => {
    expect(PROBLEM_CATEGORIES.map((entry) => entry.code)).toEqual([...PROBLEM_CATEGORY_CODES]);
    for (const entry of PROBLEM_CATEGORIES) {
      const codes = entry.reasons.map((reason) => reason.code);
      expect(new Set(codes).size).toBe(codes.length);
    }
  });

  it("take a preset category with optional outlet, reasons and short text", () => {
    expect(Value.Check(ProblemReportRequest, { category: "noise" })).toBe(true);
    expect(
      Value.Check(ProblemReportRequest, {
        category: "facility_damage",
        outletId: "o-1",
        reasons: ["lighting"],
        text: "灯不亮",
      }),
    ).toBe(true);
    expect(Value.Check(ProblemReportRequest, { category: "ufo" })).toBe(false);
    expect(Value.Check(ProblemReportRequest, { category: "other", text: "长".repeat(201) })).toBe(
      false,
    );
  });
});

import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api.js";
import {
  needsReason,
  ratedInSession,
  ratingRefusal,
  ratingSubjectFrom,
  subjectKey,
  submitRating,
} from "./ratings.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The agent's answer to POST /api/v1/ratings, as fetch would give it. */
function agentAnswers(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

describe("what a rating is about", () => {
  it("is the kiosk unless the screen was opened for an outlet or a service", () => {
    expect(ratingSubjectFrom(new URLSearchParams(""))).toEqual({ kind: "kiosk" });
    expect(ratingSubjectFrom(new URLSearchParams("outlet=wfxc-0141"))).toEqual({
      kind: "outlet",
      id: "wfxc-0141",
    });
    expect(ratingSubjectFrom(new URLSearchParams("service=printing"))).toEqual({
      kind: "service",
      id: "printing",
    });
    expect(ratingSubjectFrom(new URLSearchParams("outlet=%20"))).toEqual({ kind: "kiosk" });
  });

  it("is keyed as the agent keys one rating per session", () => {
    expect(subjectKey({ kind: "kiosk" })).toBe("kiosk");
    expect(subjectKey({ kind: "outlet", id: "wfxc-0141" })).toBe("outlet:wfxc-0141");
    expect(subjectKey({ kind: "service", id: "printing" })).toBe("service:printing");
  });
});

describe("reasons for a rating", () => {
  it("are needed for 不满意 and 非常不满意 only", () => {
    const options = { reasonsRequiredAtOrBelow: 2 };
    expect([1, 2, 3, 4, 5].map((score) => needsReason(score, options))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});

describe("sending a rating", () => {
  const request = {
    sessionId: "0123456789abcdef",
    score: 4,
    subject: { kind: "outlet" as const, id: "wfxc-0141" },
  };

  it("answers the rating, and remembers that this session rated this subject", async () => {
    const created = { id: "r1", score: 4, level: "满意", createdAt: "2026-06-07T02:00:00.000Z" };
    const fetch = agentAnswers(201, created);
    expect(ratedInSession(request.sessionId, request.subject)).toBe(false);
    await expect(submitRating(request)).resolves.toEqual({ kind: "rated", rating: created });
    expect(fetch).toHaveBeenCalledWith(
      "/api/v1/ratings",
      expect.objectContaining({ method: "POST", body: JSON.stringify(request) }),
    );
    expect(ratedInSession(request.sessionId, request.subject)).toBe(true);
    expect(ratedInSession(request.sessionId, { kind: "kiosk" })).toBe(false);
    // The next resident's session starts with nothing rated.
    expect(ratedInSession("fedcba9876543210", request.subject)).toBe(false);
  });

  it("turns the agent's one-per-session refusal into an outcome, and remembers it", async () => {
    agentAnswers(409, {
      code: "LINLI_ERR_RATING_ALREADY_RATED",
      message: "this has already been rated in this session",
    });
    const other = {
      ...request,
      sessionId: "aaaabbbbccccdddd",
      subject: { kind: "kiosk" as const },
    };
    await expect(submitRating(other)).resolves.toEqual({ kind: "already-rated" });
    expect(ratedInSession(other.sessionId, other.subject)).toBe(true);
  });

  it("still throws what a resident cannot act on, such as a bad request", async () => {
    agentAnswers(400, { code: "LINLI_ERR_RATING_REASONS_REQUIRED", message: "needs a reason" });
    await expect(submitRating({ ...request, score: 1 })).rejects.toMatchObject({
      code: "LINLI_ERR_RATING_REASONS_REQUIRED",
    });
  });

  it("knows an outlet or service that is gone", () => {
    expect(ratingRefusal(new ApiError("LINLI_ERR_RATING_UNKNOWN_OUTLET", "gone", 400))).toEqual({
      kind: "unknown-subject",
    });
    expect(ratingRefusal(new Error("offline"))).toBeUndefined();
  });
});

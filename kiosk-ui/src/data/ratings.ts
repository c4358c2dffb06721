import type {
  RatingCreated,
  RatingOptions,
  RatingRequest,
  RatingSubjectInput,
} from "@linli/protocols/api";
import { ApiError, getJson, postJson } from "./api.js";

/** Typed wrappers over the agent's resident rating routes (edge-agent/src/http/routes/ratings.ts). */

export const fetchRatingOptions = (signal?: AbortSignal) =>
  getJson<RatingOptions>("/ratings/options", signal);

export const ALREADY_RATED = "LINLI_ERR_RATING_ALREADY_RATED";

/** How a rating went, as the resident is told it. */
export type RatingOutcome =
  | { kind: "rated"; rating: RatingCreated }
  | { kind: "already-rated" }
  | { kind: "unknown-subject" };

const UNKNOWN_SUBJECT = new Set([
  "LINLI_ERR_RATING_UNKNOWN_OUTLET",
  "LINLI_ERR_RATING_UNKNOWN_SERVICE",
]);

/** The key the agent keeps one rating per session by: "kiosk", "outlet:<id>", "service:<code>". */
export function subjectKey(subject: RatingSubjectInput): string {
  return subject.kind === "kiosk" ? "kiosk" : `${subject.kind}:${subject.id ?? ""}`;
}

/** What each session has rated on this screen, so a second visit says so before asking again. */
const rated = new Map<string, Set<string>>();

export function ratedInSession(sessionId: string, subject: RatingSubjectInput): boolean {
  return rated.get(sessionId)?.has(subjectKey(subject)) ?? false;
}

function remember(sessionId: string, subject: RatingSubjectInput): void {
  // Only the current session matters; older ones are gone with their residents.
  if (!rated.has(sessionId)) rated.clear();
  const keys = rated.get(sessionId) ?? new Set<string>();
  keys.add(subjectKey(subject));
  rated.set(sessionId, keys);
}

/**
 * Rates, and answers the outcome rather than throwing for what the resident
 * can be told plainly: a second rating in the session, or a subject that is
 * gone. Anything else (bad input, agent unreachable) still throws.
 */
export async function submitRating(
  request: RatingRequest,
  signal?: AbortSignal,
): Promise<RatingOutcome> {
  try {
    const rating = await postJson<RatingCreated>("/ratings", request, signal);
    remember(request.sessionId, request.subject);
    return { kind: "rated", rating };
  } catch (error) {
    const outcome = ratingRefusal(error);
    if (!outcome) throw error;
    if (outcome.kind === "already-rated") remember(request.sessionId, request.subject);
    return outcome;
  }
}

/** The refusals a resident is told about in words, from the agent's error code. */
export function ratingRefusal(error: unknown): RatingOutcome | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.code === ALREADY_RATED) return { kind: "already-rated" };
  if (UNKNOWN_SUBJECT.has(error.code)) return { kind: "unknown-subject" };
  return undefined;
}

/** Whether a score needs at least one reason (非常不满意 and 不满意 by default). */
export function needsReason(
  score: number,
  options: Pick<RatingOptions, "reasonsRequiredAtOrBelow">,
) {
  return score <= options.reasonsRequiredAtOrBelow;
}

/**
 * What is rated, from the screen's query: `?outlet=ID` an outlet,
 * `?service=CODE` one of the centre's services, otherwise the kiosk itself.
 */
export function ratingSubjectFrom(params: URLSearchParams): RatingSubjectInput {
  const outlet = params.get("outlet")?.trim();
  if (outlet) return { kind: "outlet", id: outlet };
  const service = params.get("service")?.trim();
  if (service) return { kind: "service", id: service };
  return { kind: "kiosk" };
}

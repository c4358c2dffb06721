import { LinliError } from "@linli/protocols";
import {
  RATING_BAD_AT_MOST,
  RATING_REASON_CODES,
  RATING_REASONS,
  type RatingSubject,
  type RatingSubjectInput,
} from "@linli/protocols/api";

/** The rules a rating's input must meet, each broken rule a 400 in plain words. */

/** Finds an outlet by id (the outlet service), throwing LINLI_ERR_OUTLET_NOT_FOUND when none. */
export interface OutletLookup {
  get(id: string): { id: string; name: string };
}

/** What is rated, with its name, and its key ("kiosk", "outlet:<id>", "service:<code>"). */
export function resolveSubject(
  input: RatingSubjectInput,
  services: readonly { code: string; zh: string }[],
  outlets: OutletLookup,
): { subject: RatingSubject; key: string } {
  const id = input.id?.trim() ?? "";
  if (input.kind === "kiosk") {
    return { subject: { kind: "kiosk", id: null, name: null }, key: "kiosk" };
  }
  if (input.kind === "service") {
    const service = services.find((entry) => entry.code === id);
    if (service === undefined) {
      const codes = services.map((entry) => entry.code).join(", ");
      throw new LinliError(
        "LINLI_ERR_RATING_UNKNOWN_SERVICE",
        id === ""
          ? `a service rating needs subject.id, one of ${codes}`
          : `"${id}" is not a service of this centre; choose one of ${codes}`,
        { status: 400 },
      );
    }
    return {
      subject: { kind: "service", id: service.code, name: service.zh },
      key: `service:${service.code}`,
    };
  }
  if (input.kind === "outlet") {
    if (id === "") {
      throw new LinliError(
        "LINLI_ERR_RATING_UNKNOWN_OUTLET",
        "an outlet rating needs subject.id, the outlet's id",
        { status: 400 },
      );
    }
    const outlet = findOutlet(outlets, id, "LINLI_ERR_RATING_UNKNOWN_OUTLET");
    return {
      subject: { kind: "outlet", id: outlet.id, name: outlet.name },
      key: `outlet:${outlet.id}`,
    };
  }
  throw new LinliError(
    "LINLI_ERR_RATING_BAD_SUBJECT",
    'subject.kind must be "kiosk", "outlet" or "service"',
    { status: 400 },
  );
}

/** The outlet with this id; an unknown one is the caller's 400 (`code`), not a 404. */
export function findOutlet(
  outlets: OutletLookup,
  id: string,
  code: `LINLI_ERR_${string}`,
): { id: string; name: string } {
  try {
    const outlet = outlets.get(id);
    return { id: outlet.id, name: outlet.name };
  } catch (error) {
    if (error instanceof LinliError && error.code === "LINLI_ERR_OUTLET_NOT_FOUND") {
      throw new LinliError(
        code,
        `there is no outlet "${id}"; it may have been removed by a data update, so choose it again`,
        { status: 400 },
      );
    }
    throw error;
  }
}

export function checkScore(score: number): number {
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    throw new LinliError(
      "LINLI_ERR_RATING_BAD_SCORE",
      `a rating is a whole number from 1 (非常不满意) to 5 (非常满意), not ${score}`,
      { status: 400 },
    );
  }
  return score;
}

export function checkReasons(reasons: readonly string[], score: number): string[] {
  const choices = RATING_REASONS.map((reason) => `${reason.code} (${reason.zh})`).join(", ");
  const unknown = reasons.find(
    (code) => !(RATING_REASON_CODES as readonly string[]).includes(code),
  );
  if (unknown !== undefined) {
    throw new LinliError(
      "LINLI_ERR_RATING_UNKNOWN_REASON",
      `"${unknown}" is not a reason; choose from ${choices}`,
      { status: 400 },
    );
  }
  if (score <= RATING_BAD_AT_MOST && reasons.length === 0) {
    throw new LinliError(
      "LINLI_ERR_RATING_REASONS_REQUIRED",
      `a rating of ${score} needs at least one reason, so the service can be improved; choose from ${choices}`,
      { status: 400 },
    );
  }
  return [...new Set(reasons)];
}

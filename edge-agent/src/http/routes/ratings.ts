import { LinliError } from "@linli/protocols";
import {
  FollowUp,
  FollowUpList,
  FollowUpParams,
  FollowUpQuery,
  FollowUpUpdate,
  RatingCreated,
  RatingOptions,
  RatingReport,
  RatingReportQuery,
  RatingRequest,
} from "@linli/protocols/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";
import type { TSchema } from "typebox";
import type { RatingService } from "../../services/ratings/rating-service.js";
import type { HttpApp } from "../types.js";

/**
 * Decides whether an operator is signed in (e.g. the operator auth's `guard`):
 * resolves to let the request through, throws (a LinliError with status 401)
 * or sends a reply to refuse it. Injected by the agent; runs as an onRequest
 * hook of every operator route, before the request is parsed or validated.
 */
export type OperatorGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

const errorRef = { $ref: "ErrorResponse#" } as const;

/** Resident rating routes: rate, and the choices the rating screen offers. */
export function ratingRoutes(options: { ratings: RatingService }) {
  const { ratings } = options;
  return async (app: HttpApp): Promise<void> => {
    app.post(
      "/ratings",
      {
        schema: {
          summary: "Rate the kiosk, an outlet or a service (好差评): one rating per session",
          tags: ["ratings"],
          body: RatingRequest,
          response: { 201: RatingCreated, 400: errorRef, 409: errorRef, 503: errorRef },
        },
        schemaErrorFormatter: explainInvalid(RatingRequest, "LINLI_ERR_RATING_BAD_REQUEST"),
      },
      async (request, reply) => {
        const rating = ratings.rate(request.body);
        return reply.status(201).send({
          id: rating.id,
          score: rating.score,
          level: rating.level,
          createdAt: rating.createdAt,
        });
      },
    );

    app.get(
      "/ratings/options",
      {
        schema: {
          summary: "The rating levels, reasons for a bad rating and the services that can be rated",
          tags: ["ratings"],
          response: { 200: RatingOptions },
        },
      },
      async () => ratings.options(),
    );
  };
}

/** Operator rating routes, behind the injected guard: the report and the follow-ups (回访). */
export function ratingOperatorRoutes(options: { ratings: RatingService; guard: OperatorGuard }) {
  const { ratings, guard } = options;
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.get(
      "/operator/ratings/report",
      {
        schema: {
          summary: "Satisfaction rate and rating counts by day and by subject",
          tags: ["operator", "ratings"],
          querystring: RatingReportQuery,
          response: { 200: RatingReport, 400: errorRef, 401: errorRef, 503: errorRef },
        },
        schemaErrorFormatter: explainInvalid(RatingReportQuery, "LINLI_ERR_RATING_BAD_QUERY"),
      },
      async (request) => ratings.report(request.query),
    );

    app.get(
      "/operator/followups",
      {
        schema: {
          summary: "Follow-ups (回访) of bad ratings, soonest deadline first",
          tags: ["operator", "ratings"],
          querystring: FollowUpQuery,
          response: { 200: FollowUpList, 400: errorRef, 401: errorRef, 503: errorRef },
        },
        schemaErrorFormatter: explainInvalid(FollowUpQuery, "LINLI_ERR_FOLLOWUP_BAD_QUERY"),
      },
      async (request) => ratings.followUps(request.query),
    );

    app.patch(
      "/operator/followups/:id",
      {
        schema: {
          summary: "Record that a follow-up's service was contacted, or that it is resolved",
          tags: ["operator", "ratings"],
          params: FollowUpParams,
          body: FollowUpUpdate,
          response: {
            200: FollowUp,
            400: errorRef,
            401: errorRef,
            404: errorRef,
            409: errorRef,
            503: errorRef,
          },
        },
        schemaErrorFormatter: explainInvalid(FollowUpUpdate, "LINLI_ERR_FOLLOWUP_BAD_REQUEST"),
      },
      async (request) => ratings.updateFollowUp(request.params.id, request.body),
    );
  };
}

/**
 * A 400 in plain words that names the field and says what it takes, from the
 * schema's own descriptions: "subject.kind must be "kiosk", "outlet" or "service"".
 */
export function explainInvalid(schema: TSchema, code: `LINLI_ERR_${string}`) {
  return (errors: FastifySchemaValidationError[], where: string): Error => {
    const problems = errors.map((error) => {
      const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
      const path = error.instancePath.split("/").slice(1);
      if (typeof params.additionalProperty === "string") {
        return `${[...path, params.additionalProperty].join(".")} is not a known field`;
      }
      const missing = typeof params.missingProperty === "string";
      if (missing) path.push(params.missingProperty as string);
      const name = path.join(".") || where;
      const wanted = where === "params" ? undefined : describe(schema, path);
      if (missing) return wanted ? `${name} is missing: give ${wanted}` : `${name} is missing`;
      return wanted ? `${name} must be ${wanted}` : `${name} ${error.message ?? "is invalid"}`;
    });
    return new LinliError(
      where === "params" ? "LINLI_ERR_HTTP_BAD_REQUEST" : code,
      [...new Set(problems)].join("; "),
      { status: 400 },
    );
  };
}

function describe(schema: TSchema, path: readonly string[]): string | undefined {
  let node: unknown = schema;
  for (const segment of path) {
    const { properties, items } = node as { properties?: Record<string, unknown>; items?: unknown };
    if (properties !== undefined && Object.hasOwn(properties, segment)) node = properties[segment];
    else if (items !== undefined && /^[0-9]+$/.test(segment)) node = items;
    else return undefined;
  }
  const { description } = node as { description?: unknown };
  return typeof description === "string" ? description : undefined;
}

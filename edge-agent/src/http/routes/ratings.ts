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
import type { RatingService } from "../../services/ratings/rating-service.js";
import type { HttpApp } from "../types.js";
import { errorRef, explainNested } from "./validation.js";

/**
 * Decides whether an operator is signed in (e.g. the operator auth's `guard`):
 * resolves to let the request through, throws (a LinliError with status 401)
 * or sends a reply to refuse it. Injected by the agent; runs as an onRequest
 * hook of every operator route, before the request is parsed or validated.
 */
export type OperatorGuard = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

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
        schemaErrorFormatter: explainNested(RatingRequest, "LINLI_ERR_RATING_BAD_REQUEST"),
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
        schemaErrorFormatter: explainNested(RatingReportQuery, "LINLI_ERR_RATING_BAD_QUERY"),
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
        schemaErrorFormatter: explainNested(FollowUpQuery, "LINLI_ERR_FOLLOWUP_BAD_QUERY"),
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
        schemaErrorFormatter: explainNested(FollowUpUpdate, "LINLI_ERR_FOLLOWUP_BAD_REQUEST"),
      },
      async (request) => ratings.updateFollowUp(request.params.id, request.body),
    );
  };
}

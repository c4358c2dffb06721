import {
  AttendanceRequest,
  BookingCancelRequest,
  BookingParams,
  BookingRequest,
  BookingView,
  CentreDirectory,
  CommunitySession,
  NoticesResponse,
  PrintAccepted,
  RosterEntry,
  SessionDefinition,
  SessionParams,
  SessionRoster,
  SessionsResponse,
} from "@linli/protocols/api";
import type { CommunityService } from "../../services/community/community-service.js";
import type { HttpApp } from "../types.js";
import type { OperatorGuard } from "./ratings.js";
import { errorRef, explainNested } from "./validation.js";

const tags = ["community"];

/** Resident routes: notices, sessions, bookings with tickets, cancellation by code, the directory. */
export function communityRoutes(options: { community: CommunityService }) {
  const { community } = options;
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/notices",
      {
        schema: {
          summary: "Community notices valid now, most urgent first",
          tags,
          response: { 200: NoticesResponse, 503: errorRef },
        },
      },
      async () => community.notices(),
    );

    app.get(
      "/community/sessions",
      {
        schema: {
          summary: "Upcoming bookable sessions (助餐, 公益课程, 就业指导) with seats left",
          tags,
          response: { 200: SessionsResponse, 503: errorRef },
        },
      },
      async () => community.sessions(),
    );

    app.post(
      "/community/bookings",
      {
        schema: {
          summary:
            "Book a session with a phone number or a printed ticket: confirmed at once for this kiosk's sessions, pending while another kiosk's owner is asked",
          tags,
          body: BookingRequest,
          response: {
            201: BookingView,
            202: BookingView,
            400: errorRef,
            404: errorRef,
            409: errorRef,
            503: errorRef,
          },
        },
        schemaErrorFormatter: explainNested(BookingRequest, "LINLI_ERR_COMMUNITY_BAD_REQUEST"),
      },
      async (request, reply) => {
        const booking = community.book(request.body);
        return reply.status(booking.state === "pending" ? 202 : 201).send(booking);
      },
    );

    app.get(
      "/community/bookings/:id",
      {
        schema: {
          summary: "A booking as its screen follows it (pending until the owner kiosk answers)",
          tags,
          params: BookingParams,
          response: { 200: BookingView, 404: errorRef },
        },
      },
      async (request) => community.booking(request.params.id),
    );

    app.post(
      "/community/bookings/cancel",
      {
        schema: {
          summary: "Cancel a booking by the code on its ticket",
          tags,
          body: BookingCancelRequest,
          response: {
            200: BookingView,
            400: errorRef,
            404: errorRef,
            409: errorRef,
            429: errorRef,
            503: errorRef,
            504: errorRef,
          },
        },
        schemaErrorFormatter: explainNested(
          BookingCancelRequest,
          "LINLI_ERR_COMMUNITY_BAD_REQUEST",
        ),
      },
      async (request) => community.cancel(request.body.code),
    );

    app.get(
      "/community/directory",
      {
        schema: {
          summary: "The community centre's own directory: rooms, hours, contacts, 就享家",
          tags,
          response: { 200: CentreDirectory, 404: errorRef },
        },
      },
      async () => community.directory(),
    );

    app.post(
      "/community/directory/print",
      {
        schema: {
          summary: "Print the centre's directory",
          tags,
          response: { 202: PrintAccepted, 404: errorRef, 503: errorRef },
        },
      },
      async (_request, reply) => reply.status(202).send(community.printDirectory()),
    );
  };
}

/** Operator routes, behind the guard: sessions, rosters, attendance. */
export function communityOperatorRoutes(options: {
  community: CommunityService;
  guard: OperatorGuard;
}) {
  const { community, guard } = options;
  const operatorTags = ["operator", "community"];
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.put(
      "/operator/community/sessions",
      {
        schema: {
          summary: "Add or change a session this kiosk runs (announced to the site's kiosks)",
          tags: operatorTags,
          body: SessionDefinition,
          response: { 200: CommunitySession, 400: errorRef, 401: errorRef, 409: errorRef },
        },
        schemaErrorFormatter: explainNested(SessionDefinition, "LINLI_ERR_COMMUNITY_BAD_SESSION"),
      },
      async (request) => community.defineSession(request.body),
    );

    app.get(
      "/operator/community/sessions/:id/bookings",
      {
        schema: {
          summary: "A session's bookings (the roster), phone numbers as their last four digits",
          tags: operatorTags,
          params: SessionParams,
          response: { 200: SessionRoster, 401: errorRef, 404: errorRef, 409: errorRef },
        },
      },
      async (request) => community.roster(request.params.id),
    );

    app.post(
      "/operator/community/sessions/:id/roster/print",
      {
        schema: {
          summary: "Print a session's roster with attendance boxes",
          tags: operatorTags,
          params: SessionParams,
          response: {
            202: PrintAccepted,
            401: errorRef,
            404: errorRef,
            409: errorRef,
            503: errorRef,
          },
        },
      },
      async (request, reply) => reply.status(202).send(community.printRoster(request.params.id)),
    );

    app.post(
      "/operator/community/bookings/:id/attendance",
      {
        schema: {
          summary: "Mark a booking attended (or not)",
          tags: operatorTags,
          params: BookingParams,
          body: AttendanceRequest,
          response: {
            200: RosterEntry,
            400: errorRef,
            401: errorRef,
            404: errorRef,
            409: errorRef,
          },
        },
        schemaErrorFormatter: explainNested(AttendanceRequest, "LINLI_ERR_COMMUNITY_BAD_REQUEST"),
      },
      async (request) => community.markAttendance(request.params.id, request.body.attended),
    );
  };
}

import { EventLogQuery, EventLogResponse } from "@linli/protocols/api";
import type { OperatorAuth } from "../../operator/auth.js";
import type { EventLog } from "../../operator/event-log.js";
import type { HttpApp } from "../types.js";
import { errorRef, explainInvalid } from "./validation.js";

export interface OperatorEventRoutesOptions {
  auth: OperatorAuth;
  events: Pick<EventLog, "query">;
}

/** The operator's event log: device states and events, job progress and operator actions. */
export function operatorEventRoutes(options: OperatorEventRoutesOptions) {
  const { auth, events } = options;
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", auth.guard);
    app.get(
      "/operator/events",
      {
        schema: {
          summary: "The event log, newest first, by type, device and time",
          tags: ["operator"],
          querystring: EventLogQuery,
          response: { 200: EventLogResponse, 400: errorRef, 401: errorRef },
        },
        schemaErrorFormatter: explainInvalid(EventLogQuery),
      },
      async (request) => ({ items: events.query(request.query) }),
    );
  };
}

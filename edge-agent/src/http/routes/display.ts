import {
  DisplayBrightnessRequest,
  DisplayState,
  DisplayTouchRequest,
  OperatorDisplayResponse,
} from "@linli/protocols/api";
import type { FastifyRequest } from "fastify";
import type { DisplayService } from "../../host/display.js";
import type { Actor } from "../../operator/actions.js";
import type { OperatorAudit } from "../../operator/audit.js";
import type { HttpApp } from "../types.js";
import type { OperatorGuard } from "./ratings.js";
import { errorRef, explainInvalid } from "./validation.js";

/**
 * The screen's routes for the kiosk UI: its power state, and touches. A touch
 * is cheap — the backlight is written only when the phase changes — so the UI
 * may report one whenever it likes; it sends at most one every few seconds.
 */
export function displayRoutes(options: { display: DisplayService }) {
  const { display } = options;
  return async (app: HttpApp): Promise<void> => {
    app.get(
      "/display",
      {
        schema: {
          summary: "The screen's power state: awake, asleep (the UI shows black) or woken",
          tags: ["display"],
          response: { 200: DisplayState },
        },
      },
      async () => display.state(),
    );

    app.post(
      "/display/touch",
      {
        schema: {
          summary:
            "A resident touched the screen: wakes it in sleep hours, and keeps it lit for display.wakeMinutes",
          tags: ["display"],
          body: DisplayTouchRequest,
          response: { 200: DisplayState, 400: errorRef },
        },
        schemaErrorFormatter: explainInvalid(DisplayTouchRequest, "LINLI_ERR_DISPLAY_BAD_REQUEST"),
      },
      async () => display.touch(),
    );
  };
}

export interface DisplayOperatorRoutesOptions {
  display: DisplayService;
  guard: OperatorGuard;
  /** Who acts, for the audit: the session the guard found. */
  actorOf: (request: FastifyRequest) => Actor;
  audit: Pick<OperatorAudit, "record">;
}

/** The operator's display routes, behind the PIN: look, wake, sleep now, brightness; each audited. */
export function displayOperatorRoutes(options: DisplayOperatorRoutesOptions) {
  const { display, guard, actorOf, audit } = options;
  const refused = { 400: errorRef, 401: errorRef, 409: errorRef };
  return async (app: HttpApp): Promise<void> => {
    app.addHook("onRequest", async (request, reply) => guard(request, reply));

    app.get(
      "/operator/display",
      {
        schema: {
          summary: "The screen: its power state, backlight, touch panel and schedule",
          tags: ["operator", "display"],
          response: { 200: OperatorDisplayResponse, 401: errorRef },
        },
      },
      async () => display.operatorView(),
    );

    app.post(
      "/operator/display/wake",
      {
        schema: {
          summary: "Light the screen now, as a touch would",
          tags: ["operator", "display"],
          response: { 200: DisplayState, ...refused },
        },
      },
      async (request) => {
        const state = await display.wake();
        audit.record({ action: "display_wake", ...actorOf(request), detail: auditDetail(state) });
        return state;
      },
    );

    app.post(
      "/operator/display/sleep",
      {
        schema: {
          summary: "Darken the screen now, until a touch or until the schedule moves on",
          tags: ["operator", "display"],
          response: { 200: DisplayState, ...refused },
        },
      },
      async (request) => {
        const state = await display.sleepNow();
        audit.record({ action: "display_sleep", ...actorOf(request), detail: auditDetail(state) });
        return state;
      },
    );

    app.post(
      "/operator/display/brightness",
      {
        schema: {
          summary:
            "Set the backlight's level for the phase the screen is in, until the agent restarts",
          tags: ["operator", "display"],
          body: DisplayBrightnessRequest,
          response: { 200: DisplayState, ...refused },
        },
        schemaErrorFormatter: explainInvalid(DisplayBrightnessRequest),
      },
      async (request) => {
        const state = await display.setBrightness(request.body.percent);
        audit.record({
          action: "display_brightness",
          ...actorOf(request),
          detail: { percent: request.body.percent, ...auditDetail(state) },
        });
        return state;
      },
    );
  };
}

function auditDetail(state: DisplayState): Record<string, unknown> {
  return {
    phase: state.phase,
    ...(state.backlight?.error ? { backlightError: state.backlight.error } : {}),
  };
}

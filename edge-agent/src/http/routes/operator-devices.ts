import {
  OperatorDeviceParams,
  OperatorDevicesResponse,
  OperatorJob,
  OperatorJobParams,
  OperatorOpenDoorRequest,
  OperatorResolveJobRequest,
} from "@linli/protocols/api";
import type { FastifyRequest } from "fastify";
import type { Actor, OperatorActions, OperatorDevices } from "../../operator/actions.js";
import { toOperatorJob } from "../../operator/actions.js";
import type { OperatorAuth } from "../../operator/auth.js";
import type { HttpApp } from "../types.js";
import { clientKeyOf } from "./operator-session.js";
import { errorRef, explainInvalid } from "./validation.js";

export interface OperatorDeviceRoutesOptions {
  auth: OperatorAuth;
  actions: OperatorActions;
  devices: Pick<OperatorDevices, "list">;
}

const refused = { 400: errorRef, 401: errorRef, 404: errorRef, 409: errorRef, 503: errorRef };

/** Operator device routes: live devices with jobs needing a person, and device actions. */
export function operatorDeviceRoutes(options: OperatorDeviceRoutesOptions) {
  const { auth, actions, devices } = options;
  const actor = (request: FastifyRequest): Actor => ({
    sessionId: auth.sessionOf(request).id,
    clientKey: clientKeyOf(request),
  });
  return async (app: HttpApp): Promise<void> => {
    // Before the body is parsed or validated: without a session nothing else is looked at.
    app.addHook("onRequest", auth.guard);

    app.get(
      "/operator/devices",
      {
        schema: {
          summary: "Every device with its live health, and the jobs held or uncertain",
          tags: ["operator"],
          response: { 200: OperatorDevicesResponse, 401: errorRef },
        },
      },
      async () => ({
        items: devices.list(),
        attention: actions.attention().map(toOperatorJob),
      }),
    );

    app.post(
      "/operator/devices/:id/open-door",
      {
        schema: {
          summary: "Open one locker door for maintenance; idempotent with a requestId",
          tags: ["operator"],
          params: OperatorDeviceParams,
          body: OperatorOpenDoorRequest,
          response: { 200: OperatorJob, ...refused },
        },
        schemaErrorFormatter: (errors, where) =>
          explainInvalid(where === "params" ? OperatorDeviceParams : OperatorOpenDoorRequest)(
            errors,
            where,
          ),
      },
      async (request) =>
        toOperatorJob(actions.openDoor(request.params.id, request.body, actor(request))),
    );

    app.post(
      "/operator/devices/:id/test-print",
      {
        schema: {
          summary: "Print the printer's test receipt",
          tags: ["operator"],
          params: OperatorDeviceParams,
          response: { 200: OperatorJob, ...refused },
        },
        schemaErrorFormatter: explainInvalid(OperatorDeviceParams),
      },
      async (request) => toOperatorJob(actions.testPrint(request.params.id, actor(request))),
    );

    app.get(
      "/operator/jobs/:id",
      {
        schema: {
          summary: "One device job (a door open, a print) and how it went",
          tags: ["operator"],
          params: OperatorJobParams,
          response: { 200: OperatorJob, 400: errorRef, 401: errorRef, 404: errorRef },
        },
        schemaErrorFormatter: explainInvalid(OperatorJobParams),
      },
      async (request) => toOperatorJob(actions.job(request.params.id)),
    );

    app.post(
      "/operator/jobs/:id/resolve",
      {
        schema: {
          summary: "Settle an uncertain job: reprint it (print jobs) or dismiss it",
          tags: ["operator"],
          params: OperatorJobParams,
          body: OperatorResolveJobRequest,
          response: { 200: OperatorJob, ...refused },
        },
        schemaErrorFormatter: (errors, where) =>
          explainInvalid(where === "params" ? OperatorJobParams : OperatorResolveJobRequest)(
            errors,
            where,
          ),
      },
      async (request) =>
        toOperatorJob(actions.resolveJob(request.params.id, request.body.action, actor(request))),
    );
  };
}

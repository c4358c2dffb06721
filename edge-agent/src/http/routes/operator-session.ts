import { isLinliError, LinliError } from "@linli/protocols";
import { OperatorLoginRequest, OperatorSessionResponse } from "@linli/protocols/api";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import type { OperatorAuth } from "../../operator/auth.js";
import { clearedSessionCookie, sessionCookie } from "../../operator/cookie.js";
import type { OperatorSession } from "../../operator/sessions.js";
import type { HttpApp } from "../types.js";
import { errorRef, explainInvalid } from "./validation.js";

export interface OperatorSessionRoutesOptions {
  auth: OperatorAuth;
}

/** The client a wrong-PIN count belongs to. */
export function clientKeyOf(request: FastifyRequest): string {
  return request.ip || "unknown";
}

/** Secure only over https: a Secure cookie would never come back over the loopback's plain http. */
function isHttps(request: FastifyRequest): boolean {
  return request.protocol === "https";
}

function sessionDto(session: OperatorSession): OperatorSessionResponse {
  return {
    sessionId: session.id,
    createdAt: new Date(session.createdAt).toISOString(),
    expiresAt: new Date(session.expiresAt).toISOString(),
    idleExpiresAt: new Date(session.idleExpiresAt).toISOString(),
  };
}

function noStore(reply: FastifyReply): void {
  reply.header("cache-control", "no-store");
}

/** Operator login, logout and the current session, under /api/v1. */
export function operatorSessionRoutes(options: OperatorSessionRoutesOptions) {
  const { auth } = options;
  return async (app: HttpApp): Promise<void> => {
    app.post(
      "/operator/login",
      {
        schema: {
          summary: "Log in as the operator with the PIN; answers with a session cookie",
          tags: ["operator"],
          body: OperatorLoginRequest,
          response: {
            200: OperatorSessionResponse,
            400: errorRef,
            401: errorRef,
            429: errorRef,
            503: errorRef,
          },
        },
        schemaErrorFormatter: explainInvalid(OperatorLoginRequest),
      },
      async (request, reply) => {
        noStore(reply);
        try {
          const { token, session } = await auth.login(request.body.pin, clientKeyOf(request));
          reply.header(
            "set-cookie",
            sessionCookie(token, {
              secure: isHttps(request),
              maxAgeSeconds: (session.expiresAt - session.createdAt) / 1000,
            }),
          );
          return sessionDto(session);
        } catch (error) {
          const retryAfter = isLinliError(error) ? error.details?.retryAfterSeconds : undefined;
          if (typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
          throw error;
        }
      },
    );

    app.post(
      "/operator/logout",
      {
        schema: {
          summary: "End the operator session (and forget its cookie); fine to ask twice",
          tags: ["operator"],
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        noStore(reply);
        auth.logout(auth.tokenOf(request), clientKeyOf(request));
        reply.header("set-cookie", clearedSessionCookie({ secure: isHttps(request) }));
        return reply.status(204).send(null);
      },
    );

    app.get(
      "/operator/session",
      {
        schema: {
          summary: "The current operator session, if any (asking does not extend it)",
          tags: ["operator"],
          response: { 200: OperatorSessionResponse, 401: errorRef },
        },
      },
      async (request, reply) => {
        noStore(reply);
        const session = auth.session(auth.tokenOf(request), { touch: false });
        if (!session) {
          throw new LinliError(
            "LINLI_ERR_OPERATOR_UNAUTHENTICATED",
            "no operator session: log in with the operator PIN",
            { status: 401 },
          );
        }
        return sessionDto(session);
      },
    );
  };
}

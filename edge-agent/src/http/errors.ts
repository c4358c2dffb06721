import { isLinliError } from "@linli/protocols";
import type { FastifyError } from "fastify";
import { STORE_FULL, type StoreHealth, storeFailureOf, storeFullError } from "../store/index.js";
import type { HttpApp } from "./types.js";

export interface ErrorHandlerOptions {
  appShell: boolean;
  /** Told of writes that failed for want of space, which answer 507 LINLI_ERR_STORE_FULL. */
  store?: Pick<StoreHealth, "noteFailure">;
}

/** Every error answers `{code, message}` with a fitting status; internals stay in the log. */
export function registerErrorHandlers(app: HttpApp, options: ErrorHandlerOptions): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const failure = isLinliError(error) ? undefined : storeFailureOf(error);
    if (failure) {
      // Logged once by the store's health, not once per refused request; the write rolled back.
      options.store?.noteFailure(error);
      const refusal = storeFullError({ reason: failure.fault, lastError: failure.code });
      return reply.status(refusal.status).send(refusal.toJSON());
    }
    if (isLinliError(error)) {
      // A full store is logged once by its health, not once per refused request.
      if (error.status >= 500 && error.code !== STORE_FULL) {
        request.log.error({ err: error }, error.message);
      }
      return reply.status(error.status).send(error.toJSON());
    }
    if (error.validation) {
      const where = error.validationContext ?? "request";
      return reply.status(400).send({
        code: "LINLI_ERR_HTTP_BAD_REQUEST",
        message: `invalid ${where}: ${error.message}`,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
      return reply.status(500).send({
        code: "LINLI_ERR_HTTP_INTERNAL",
        message: "something went wrong on the kiosk; the error has been logged",
      });
    }
    return reply.status(status).send({ code: `LINLI_ERR_HTTP_${status}`, message: error.message });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Client-side routes of the kiosk UI fall back to its shell; API paths stay JSON.
    if (
      options.appShell &&
      request.method === "GET" &&
      !path.startsWith("/api/") &&
      !path.includes(".")
    ) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send({
      code: "LINLI_ERR_HTTP_NOT_FOUND",
      message: `no route ${request.method} ${path}`,
    });
  });
}

import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ErrorResponse, HealthResponse } from "@linli/protocols/api";
import Fastify, { type FastifyBaseLogger, type FastifyReply, LogController } from "fastify";
import type { Logger } from "../log.js";
import type { StoreHealth } from "../store/index.js";
import { PACKAGE_ROOT, VERSIONS } from "../version.js";
import { registerErrorHandlers } from "./errors.js";
import { registerRequestOriginChecks } from "./request-origin.js";
import { registerSecurityHeaders } from "./security-headers.js";
import type { HttpApp } from "./types.js";

export interface HttpAppContext {
  kiosk: { site: string; id: string; name: string };
  demo: boolean;
  startedAt: Date;
  log: Logger;
  /** The built kiosk UI; defaults to kiosk-ui/dist beside the agent. */
  uiDir?: string;
  /** Whether the store takes writes: in /health, and a write failing for want of space answers 507. */
  store?: Pick<StoreHealth, "state" | "noteFailure">;
  /** Host names besides IP addresses and localhost that requests may name (config http.allowedHosts). */
  allowedHosts?: readonly string[];
  /** Route plugins, registered under /api/v1. */
  routes?: readonly ((api: HttpApp) => Promise<void>)[];
}

export const DEFAULT_UI_DIR = fileURLToPath(new URL("../kiosk-ui/dist/", PACKAGE_ROOT));

export async function buildHttpApp(context: HttpAppContext): Promise<HttpApp> {
  const app: HttpApp = Fastify({
    loggerInstance: context.log.child({ component: "http" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Unknown keys are refused with a 400 naming them, never silently dropped:
    // a typo in a request must not turn into a request for something else.
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  registerSecurityHeaders(app);
  registerRequestOriginChecks(app, { allowedHosts: context.allowedHosts ?? [] });

  const uiDir = context.uiDir ?? DEFAULT_UI_DIR;
  const hasUi = existsSync(join(uiDir, "index.html"));
  registerErrorHandlers(app, {
    appShell: hasUi,
    ...(context.store ? { store: context.store } : {}),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Linli kiosk agent API", version: VERSIONS.agent },
    },
  });
  app.addSchema(ErrorResponse);

  await app.register(
    async (api) => {
      api.get(
        "/health",
        {
          schema: {
            summary: "Whether the agent is up, with versions and uptime",
            tags: ["system"],
            response: { 200: HealthResponse },
          },
        },
        async () => ({
          status: "ok" as const,
          kiosk: context.kiosk,
          demo: context.demo,
          startedAt: context.startedAt.toISOString(),
          uptimeSeconds: Math.round((Date.now() - context.startedAt.getTime()) / 100) / 10,
          versions: VERSIONS,
          ...(context.store ? { store: context.store.state() } : {}),
        }),
      );
      api.get("/docs/json", { schema: { hide: true } }, async () => app.swagger());
      for (const routes of context.routes ?? []) await api.register(routes);
    },
    { prefix: "/api/v1" },
  );

  registerUi(app, uiDir, hasUi);
  return app;
}

function registerUi(app: HttpApp, uiDir: string, hasUi: boolean): void {
  if (!hasUi) {
    app.get("/", async (_request, reply) =>
      reply
        .status(503)
        .type("text/plain; charset=utf-8")
        .send(`The kiosk UI is not built (${uiDir} is missing): run "npm run build".`),
    );
    return;
  }
  app.register(fastifyStatic, {
    root: uiDir,
    wildcard: false,
    // Our own cache-control below; send's default ("public, max-age=0") would overwrite it.
    cacheControl: false,
    setHeaders(res, path) {
      // Hashed assets never change; index.html must, so an upgrade is picked up.
      res.setHeader(
        "cache-control",
        path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      );
    },
  });
  // The operator console is its own page: /operator and its client-side routes.
  if (existsSync(join(uiDir, OPERATOR_PAGE))) {
    const serveConsole = async (_request: unknown, reply: FastifyReply) =>
      reply.type("text/html; charset=utf-8").sendFile(OPERATOR_PAGE);
    app.get("/operator", serveConsole);
    app.get("/operator/*", serveConsole);
  }
  // The fleet view (demo: `linli start --demo --fleet N`) is its own page too.
  if (existsSync(join(uiDir, FLEET_PAGE))) {
    app.get("/fleet", async (_request, reply) =>
      reply.type("text/html; charset=utf-8").sendFile(FLEET_PAGE),
    );
  }
}

const OPERATOR_PAGE = "operator.html";
const FLEET_PAGE = "fleet.html";

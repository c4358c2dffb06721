import { LinliError } from "@linli/protocols";
import {
  CategoriesResponse,
  CoverageResponse,
  OutletDetail,
  OutletParams,
  OutletSearchQuery,
  OutletSearchResponse,
} from "@linli/protocols/api";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";
import type { TSchema } from "typebox";
import type { OutletService } from "../../outlets/service.js";
import type { HttpApp } from "../types.js";
import { errorRef } from "./validation.js";

export interface OutletRoutesOptions {
  outlets: OutletService;
  /** The clock "open now" is read from; tests pin it. */
  now?: () => Date;
}

/**
 * Resident outlet routes: search, detail, coverage and the catalog. Mounted
 * under /api/v1, where the HTTP app has added ErrorResponse as a shared schema.
 */
export async function outletRoutes(app: HttpApp, options: OutletRoutesOptions): Promise<void> {
  const { outlets } = options;
  const now = options.now ?? (() => new Date());

  app.get(
    "/outlets",
    {
      schema: {
        summary: "Find outlets within a walk: by category, slogan group, text or pinyin, open now",
        tags: ["outlets"],
        querystring: OutletSearchQuery,
        response: { 200: OutletSearchResponse, 400: errorRef, 503: errorRef },
      },
      schemaErrorFormatter: explainInvalid(OutletSearchQuery),
    },
    async (request) => outlets.search(request.query, now()),
  );

  app.get(
    "/outlets/:id",
    {
      schema: {
        summary: "One outlet with its hours, services and prices",
        tags: ["outlets"],
        params: OutletParams,
        response: { 200: OutletDetail, 404: errorRef, 503: errorRef },
      },
      schemaErrorFormatter: explainInvalid(OutletParams),
    },
    async (request) => outlets.get(request.params.id, now()),
  );

  app.get(
    "/coverage",
    {
      schema: {
        summary: "The circle's coverage (有没有): nearest outlet per category, class and gaps",
        tags: ["outlets"],
        response: { 200: CoverageResponse, 503: errorRef },
      },
    },
    async () => outlets.coverage(now()),
  );

  app.get(
    "/categories",
    {
      schema: {
        summary: "The category catalog and slogan groups, with outlet counts",
        tags: ["outlets"],
        response: { 200: CategoriesResponse, 503: errorRef },
      },
    },
    async () => outlets.categories(),
  );
}

/**
 * A 400 that names the parameter and says what it takes, from the schema's
 * own description: "maxMinutes must be a whole number of walking minutes from 1 to 60".
 */
function explainInvalid(schema: { properties: Record<string, TSchema> }) {
  return (errors: FastifySchemaValidationError[], where: string): Error => {
    const problems = errors.map((error) => {
      const missing = (error.params as { missingProperty?: unknown }).missingProperty;
      const extra = (error.params as { additionalProperty?: unknown }).additionalProperty;
      const name =
        typeof missing === "string"
          ? missing
          : typeof extra === "string"
            ? extra
            : error.instancePath.replace(/^\//, "");
      if (typeof extra === "string") return `${name} is not a known parameter`;
      const wanted = (schema.properties[name] as { description?: unknown } | undefined)
        ?.description;
      return typeof wanted === "string"
        ? `${name} must be ${wanted}`
        : `${name || where} ${error.message ?? "is invalid"}`;
    });
    return new LinliError(
      where === "params" ? "LINLI_ERR_HTTP_BAD_REQUEST" : "LINLI_ERR_OUTLET_BAD_QUERY",
      problems.join("; "),
      { status: 400 },
    );
  };
}

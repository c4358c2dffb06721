import { LinliError } from "@linli/protocols";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";
import type { TSchema } from "typebox";

/** Shared by the routes' schemas: the ErrorResponse added by the HTTP app. */
export const errorRef = { $ref: "ErrorResponse#" } as const;

/** What a bad operator request answers with: 400, this code, a message naming each field. */
export const OPERATOR_BAD_REQUEST = "LINLI_ERR_OPERATOR_BAD_REQUEST";

/**
 * A 400 with `code` that names each bad field and says what it takes, from
 * the schema's own descriptions: "lock must be a whole lock number from 1 on
 * that board …", "code must be the 6-digit pickup code".
 */
export function explainInvalid(
  schema: TSchema,
  code: `LINLI_ERR_${string}` = OPERATOR_BAD_REQUEST,
) {
  const properties =
    (schema as { properties?: Record<string, { description?: unknown }> }).properties ?? {};
  return (errors: FastifySchemaValidationError[], where: string): Error => {
    const problems = new Map<string, string>();
    for (const error of errors) {
      const params = error.params as { missingProperty?: unknown; additionalProperty?: unknown };
      if (typeof params.additionalProperty === "string") {
        problems.set(params.additionalProperty, `${params.additionalProperty} is not known here`);
        continue;
      }
      const name =
        typeof params.missingProperty === "string"
          ? params.missingProperty
          : (error.instancePath.replace(/^\//, "").split("/")[0] ?? "");
      if (problems.has(name)) continue;
      if (name === "") {
        const fields = Object.keys(properties);
        problems.set(
          name,
          `the ${where} must be a JSON object${fields.length > 0 ? ` with ${fields.join(", ")}` : ""}`,
        );
        continue;
      }
      const wanted = properties[name]?.description;
      problems.set(
        name,
        typeof wanted === "string"
          ? `${name} must be ${wanted}`
          : `${name} ${error.message ?? "is not valid"}`,
      );
    }
    return new LinliError(code, [...problems.values()].join("; "), {
      status: 400,
    });
  };
}

/**
 * Like explainInvalid, for bodies with nested objects and lists: names the
 * field by its path and says what it takes, a missing one as "is missing:
 * give …" — "subject.kind must be "kiosk", "outlet" or "service"". Path
 * parameters get LINLI_ERR_HTTP_BAD_REQUEST.
 */
export function explainNested(schema: TSchema, code: `LINLI_ERR_${string}`) {
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

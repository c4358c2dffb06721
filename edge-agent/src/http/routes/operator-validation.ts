import { LinliError } from "@linli/protocols";
import type { FastifySchemaValidationError } from "fastify/types/schema.js";
import type { TSchema } from "typebox";

/** Shared by the operator routes' schemas: the ErrorResponse added by the HTTP app. */
export const errorRef = { $ref: "ErrorResponse#" } as const;

/** What a bad operator request answers with: 400, this code, a message naming each field. */
export const OPERATOR_BAD_REQUEST = "LINLI_ERR_OPERATOR_BAD_REQUEST";

/**
 * A 400 that names each bad field and says what it takes, from the schema's
 * own descriptions: "lock must be a whole lock number from 1 on that board …".
 */
export function explainInvalid(schema: TSchema) {
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
    return new LinliError(OPERATOR_BAD_REQUEST, [...problems.values()].join("; "), {
      status: 400,
    });
  };
}

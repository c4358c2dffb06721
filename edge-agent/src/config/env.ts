import type { TSchema } from "typebox";
import { ConfigSchema } from "./schema.js";

/** A config leaf reachable from the environment: `LINLI_HTTP_PORT` → ["http", "port"]. */
export interface EnvKey {
  name: string;
  path: string[];
  kind: "number" | "integer" | "boolean" | "string";
}

const CONFIG_FILE_VARIABLE = "LINLI_CONFIG";

function screamingSnake(segment: string): string {
  return segment.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

function unwrap(schema: TSchema): Record<string, unknown> {
  return schema as unknown as Record<string, unknown>;
}

function leafKind(schema: Record<string, unknown>): EnvKey["kind"] | undefined {
  const type = schema.type;
  if (type === "number" || type === "integer" || type === "boolean" || type === "string") {
    return type;
  }
  // Unions of string literals (enums) are strings on the command line.
  if (Array.isArray(schema.anyOf)) return "string";
  return undefined;
}

function collect(schema: Record<string, unknown>, path: string[], into: EnvKey[]): void {
  const properties = schema.properties as Record<string, TSchema> | undefined;
  if (schema.type === "object" && properties) {
    for (const [key, child] of Object.entries(properties)) {
      collect(unwrap(child), [...path, key], into);
    }
    return;
  }
  const kind = leafKind(schema);
  // Arrays (devices) and free-form records are file-only: they have no sane flat form.
  if (kind) into.push({ name: `LINLI_${path.map(screamingSnake).join("_")}`, path, kind });
}

export const ENV_KEYS: readonly EnvKey[] = (() => {
  const keys: EnvKey[] = [];
  collect(unwrap(ConfigSchema), [], keys);
  return keys;
})();

const ENV_BY_NAME = new Map(ENV_KEYS.map((key) => [key.name, key]));

export function configFileFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const file = env[CONFIG_FILE_VARIABLE];
  return file === undefined || file === "" ? undefined : file;
}

function coerce(raw: string, kind: EnvKey["kind"]): unknown {
  if (kind === "number" || kind === "integer") {
    const value = Number(raw.trim());
    return raw.trim() === "" || Number.isNaN(value) ? raw : value;
  }
  if (kind === "boolean") {
    if (/^(true|1|yes|on)$/i.test(raw)) return true;
    if (/^(false|0|no|off)$/i.test(raw)) return false;
    return raw;
  }
  return raw;
}

export interface EnvOverride {
  key: EnvKey;
  value: unknown;
}

/** The overrides the environment asks for, and the LINLI_ names it uses that mean nothing. */
export function readEnvOverrides(env: NodeJS.ProcessEnv): {
  overrides: EnvOverride[];
  unknown: string[];
} {
  const overrides: EnvOverride[] = [];
  const unknown: string[] = [];
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith("LINLI_") || name === CONFIG_FILE_VARIABLE || raw === undefined) continue;
    const key = ENV_BY_NAME.get(name);
    if (key) overrides.push({ key, value: coerce(raw, key.kind) });
    else unknown.push(name);
  }
  return { overrides, unknown };
}

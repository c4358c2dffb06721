import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { LinliError } from "@linli/protocols";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { isMap, LineCounter, parseDocument } from "yaml";
import {
  appliedConfigPath,
  applyConfigPatch,
  type ConfigPatch,
  patchedKeys,
  readAppliedConfig,
} from "./applied.js";
import { crossCheck } from "./checks.js";
import { configFileFromEnv, ENV_KEYS, type EnvOverride, readEnvOverrides } from "./env.js";
import { type Config, ConfigSchema } from "./schema.js";

const validator = Compile(ConfigSchema);

export interface LoadConfigOptions {
  /** The YAML file; defaults to `LINLI_CONFIG` from `env`. */
  file?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Values under the file's, e.g. the demo circle's kiosk. */
  base?: Record<string, unknown>;
  cwd?: string;
}

export interface LoadedConfig {
  config: Config;
  file: string | undefined;
  /** The config applied from upstream (set-config) layered over the file, when there is one. */
  applied?: string;
}

type Source = (path: string[]) => string | undefined;

function configError(message: string, details?: Record<string, unknown>): LinliError {
  return new LinliError("LINLI_ERR_CONFIG_INVALID", message, details ? { details } : {});
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function deepMerge(under: Record<string, unknown>, over: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isPlainObject(below) && isPlainObject(value) ? deepMerge(below, value) : value;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (!isPlainObject(next)) node[segment] = {};
    node = node[segment] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

function readYaml(file: string): { data: Record<string, unknown>; source: Source } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === "ENOENT" ? "it does not exist" : String(cause);
    throw new LinliError(
      "LINLI_ERR_CONFIG_UNREADABLE",
      `cannot read config file ${file}: ${reason}`,
      {
        cause,
      },
    );
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const at = lineCounter.linePos(first.pos[0]);
    const where = `${file}:${at.line}:${at.col}`;
    throw configError(`${where}: not valid YAML: ${first.message.split("\n")[0]}`);
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw configError(`${file}: the config must be a mapping of sections (kiosk:, http:, ...)`);
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const source: Source = (path) => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.getIn(path.slice(0, depth), true) as
        | { range?: [number, number] }
        | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) return `${file}:${lineCounter.linePos(offset).line}`;
    }
    return file;
  };
  return { data, source };
}

function schemaAt(path: string[]): Record<string, unknown> | undefined {
  let node: Record<string, unknown> | undefined = ConfigSchema as unknown as Record<
    string,
    unknown
  >;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === "array") node = node.items as Record<string, unknown>;
    else node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[segment];
  }
  return node;
}

function keyName(path: string[]): string {
  return path.reduce((out, segment) => {
    if (/^\d+$/.test(segment)) return `${out}[${segment}]`;
    return out === "" ? segment : `${out}.${segment}`;
  }, "");
}

interface Problem {
  path: string[];
  text: string;
}

function describeErrors(value: unknown): Problem[] {
  const problems: Problem[] = [];
  for (const error of validator.Errors(value)) {
    const path = error.instancePath.split("/").slice(1);
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "required") {
      for (const missing of (params.requiredProperties as string[] | undefined) ?? []) {
        const full = [...path, missing];
        const expected = schemaAt(full)?.description;
        problems.push({
          path: full,
          text: `${keyName(full)} is missing${expected ? `: expected ${expected}` : ""}`,
        });
      }
    } else if (error.keyword === "additionalProperties") {
      const known = Object.keys((schemaAt(path)?.properties as object | undefined) ?? {});
      for (const extra of (params.additionalProperties as string[] | undefined) ?? []) {
        const full = [...path, extra];
        problems.push({
          path: full,
          text: `${keyName(full)} is not a known key${known.length ? ` (known here: ${known.join(", ")})` : ""}`,
        });
      }
    } else if (error.keyword !== "boolean" && path.length > 0) {
      const expected = schemaAt(path)?.description;
      const got = JSON.stringify(Value.Pointer.Get(value as object, error.instancePath));
      problems.push({
        path,
        text: `${keyName(path)} ${expected ? `must be ${expected}` : error.message}, got ${got}`,
      });
    }
  }
  // One line per key: unions report once per branch.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = keyName(problem.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function resolvePaths(config: Config, base: string): Config {
  const at = (path: string | undefined) => (path && !isAbsolute(path) ? resolve(base, path) : path);
  const uplink = { ...config.uplink };
  for (const key of ["ca", "cert", "key", "passwordFile"] as const) {
    const value = at(uplink[key]);
    if (value !== undefined) uplink[key] = value;
  }
  return { ...config, store: { ...config.store, path: at(config.store.path) as string }, uplink };
}

/**
 * Reads the YAML config, applies `LINLI_<SECTION>_<KEY>` overrides and the
 * schema's defaults, and validates the result. Any problem throws a
 * LinliError whose message is one line naming the key and what is expected.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fileOption = options.file ?? configFileFromEnv(env);
  const file = fileOption === undefined ? undefined : resolve(cwd, fileOption);
  const fromFile = file ? readYaml(file) : { data: {}, source: (() => undefined) as Source };

  const { overrides, unknown } = readEnvOverrides(env);
  if (unknown.length > 0) {
    throw configError(
      `unknown environment variable ${unknown.join(", ")}: the LINLI_ variables are ${ENV_KEYS.map((k) => k.name).join(", ")} and LINLI_CONFIG`,
    );
  }

  let merged = deepMerge(options.base ?? {}, fromFile.data);
  const folder = file ? dirname(file) : cwd;
  const applied = appliedLayer(merged, overrides, folder);
  if (applied) merged = applyConfigPatch(merged, applied.patch);
  const fromApplied = new Set(applied ? patchedKeys(applied.patch).map(keyName) : []);
  const fromEnv = new Map<string, string>();
  for (const { key, value } of overrides) {
    merged = structuredClone(merged);
    setPath(merged, key.path, value);
    fromEnv.set(keyName(key.path), key.name);
  }

  const candidate = Value.Default(ConfigSchema, structuredClone(merged));
  const problems = validator.Check(candidate) ? [] : describeErrors(candidate);
  if (problems.length === 0) problems.push(...crossCheck(candidate as Config));
  const [first] = problems;
  if (first) {
    const key = keyName(first.path);
    const where =
      fromEnv.get(key) ??
      (applied && fromApplied.has(key) ? applied.file : undefined) ??
      fromFile.source(first.path) ??
      "the built-in defaults";
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    throw configError(`config error in ${where}: ${first.text}${more}`, {
      problems: problems.map((problem) => problem.text),
    });
  }
  return {
    config: resolvePaths(candidate as Config, folder),
    file,
    ...(applied ? { applied: applied.file } : {}),
  };
}

const DEFAULT_STORE_PATH = (
  ConfigSchema.properties.store.properties.path as unknown as { default: string }
).default;

/**
 * What upstream applied, from beside the store. The store's path comes from
 * the file and the environment only (set-config never moves the store).
 */
function appliedLayer(
  merged: Record<string, unknown>,
  overrides: readonly EnvOverride[],
  folder: string,
): { file: string; patch: ConfigPatch } | undefined {
  const fromEnv = overrides.find(({ key }) => key.path.join(".") === "store.path")?.value;
  const fromFile = isPlainObject(merged.store) ? merged.store.path : undefined;
  const path = [fromEnv, fromFile].find((value) => typeof value === "string") ?? DEFAULT_STORE_PATH;
  const file = appliedConfigPath(resolve(folder, path as string));
  const patch = file === undefined ? undefined : readAppliedConfig(file);
  return file !== undefined && patch !== undefined ? { file, patch } : undefined;
}

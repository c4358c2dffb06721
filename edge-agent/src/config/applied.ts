import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { LinliError } from "@linli/protocols";
import { readEnvOverrides } from "./env.js";

/**
 * The config upstream applied with set-config, kept next to the store so it
 * survives a restart: a partial config document layered over the config file
 * at load (defaults < file < applied < environment). `null` in a patch
 * removes a key, so upstream can also take a setting away.
 */

export type ConfigPatch = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty: a "__proto__" key stays an own (and so unknown, rejected) key.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The config with a patch applied: objects merge key by key, arrays and values replace, null removes. */
export function applyConfigPatch(under: unknown, patch: ConfigPatch): Record<string, unknown> {
  const out: Record<string, unknown> = isPlainObject(under) ? { ...under } : {};
  for (const [key, value] of Object.entries(patch)) {
    const below = out[key];
    if (value === null) delete out[key];
    else define(out, key, isPlainObject(value) ? applyConfigPatch(below, value) : value);
  }
  return out;
}

/** Two patches as one: the later wins, and its nulls stay (they remove the key at load). */
export function mergeConfigPatches(earlier: ConfigPatch, later: ConfigPatch): ConfigPatch {
  const out: ConfigPatch = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    const below = out[key];
    define(
      out,
      key,
      isPlainObject(value) && isPlainObject(below) ? mergeConfigPatches(below, value) : value,
    );
  }
  return out;
}

/** Every key path a patch sets or removes, e.g. ["uplink", "url"]. */
export function patchedKeys(patch: ConfigPatch, prefix: string[] = []): string[][] {
  return Object.entries(patch).flatMap(([key, value]) =>
    isPlainObject(value) ? patchedKeys(value, [...prefix, key]) : [[...prefix, key]],
  );
}

/** Where the applied config of the store at `storePath` lives; none for an in-memory store. */
export function appliedConfigPath(storePath: string): string | undefined {
  return storePath === ":memory:" ? undefined : `${storePath}.applied-config.json`;
}

/** The applied config document, or undefined when upstream never applied one. */
export function readAppliedConfig(file: string): ConfigPatch | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new LinliError("LINLI_ERR_CONFIG_UNREADABLE", `cannot read ${file}: ${String(cause)}`, {
      cause,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_INVALID",
      `${file} (the config applied from upstream) is not valid JSON: delete it to start from the config file alone`,
      { cause },
    );
  }
  if (!isPlainObject(value)) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_INVALID",
      `${file} (the config applied from upstream) must be an object of sections: delete it to start from the config file alone`,
    );
  }
  return value;
}

/**
 * Writes the applied config atomically (a temp file renamed over it, both
 * synced), readable by the agent's user only: it may hold the MQTT password.
 */
export function saveAppliedConfig(file: string, patch: ConfigPatch): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, `${JSON.stringify(patch, null, 2)}\n`, { mode: 0o600 });
    syncPath(temp, "r+");
    renameSync(temp, file);
    syncPath(dirname(file), "r");
  } catch (cause) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // What matters is the error below; a stray temp file is overwritten next time.
    }
    throw new LinliError(
      "LINLI_ERR_CONFIG_NOT_SAVED",
      `cannot save the applied config to ${file} (${(cause as NodeJS.ErrnoException).code ?? String(cause)}): check that the store's folder is writable and not full`,
      { cause },
    );
  }
}

function syncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Config keys the environment sets on this kiosk ("uplink.url" → "LINLI_UPLINK_URL"): they win at every start. */
export function environmentKeys(env: NodeJS.ProcessEnv): Map<string, string> {
  return new Map(readEnvOverrides(env).overrides.map(({ key }) => [key.path.join("."), key.name]));
}

import { LinliError } from "@linli/protocols";
import { type CommandResult, schemaProblem, type UplinkCommand } from "@linli/protocols/api";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import {
  applyConfigPatch,
  type Config,
  type ConfigPatch,
  ConfigSchema,
  crossCheck,
} from "../config/index.js";
import type { Logger } from "../log.js";
import { errorResult, explain, ok } from "./command-results.js";

/** One set-config, as the hooks see it. */
export interface ConfigChange {
  previous: Config;
  next: Config;
  /** What the command asked for, shaped like the config (null removes a key). */
  patch: ConfigPatch;
  /** The top-level sections whose values differ. */
  changed: string[];
}

export interface ConfigHooks {
  /** set-config: the running config. */
  currentConfig?: () => Config;
  /** set-config: refuses a change this kiosk does not make live, by throwing a coded error. */
  checkConfig?: (change: ConfigChange) => void;
  /** set-config: applies a validated config; true when the uplink reconnected with it. */
  applyConfig?: (next: Config, signal: AbortSignal) => Promise<boolean>;
  /** set-config: keeps an applied change for the next start; a throw rolls the change back. */
  saveConfig?: (change: ConfigChange) => void | Promise<void>;
}

export interface ConfigChangerOptions {
  hooks: ConfigHooks;
  log: Logger;
  /** How long the uplink has to reconnect before a rollback; else uplink.configRollbackSeconds. */
  reconnectTimeoutMs?: number;
}

const configValidator = Compile(ConfigSchema);
/** How long an apply that timed out gets to wind down and say what it last saw. */
const WIND_DOWN_MS = 250;

/**
 * set-config: merges the command's keys over the running config, checks the
 * result as loadConfig would, applies it, and rolls back to the previous
 * config when the uplink cannot reconnect with it in time. One at a time.
 */
export class ConfigChanger {
  readonly #options: ConfigChangerOptions;
  #chain: Promise<unknown> = Promise.resolve();

  constructor(options: ConfigChangerOptions) {
    this.#options = options;
  }

  /** How long a set-config has to reconnect before its rollback. */
  timeoutMs(): number {
    const configured = this.#options.hooks.currentConfig?.().uplink.configRollbackSeconds ?? 30;
    return this.#options.reconnectTimeoutMs ?? configured * 1000;
  }

  change(command: UplinkCommand<"set-config">): Promise<CommandResult> {
    const run = this.#chain.then(() => this.#change(command));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #change(command: UplinkCommand<"set-config">): Promise<CommandResult> {
    const { hooks, log } = this.#options;
    if (!hooks.currentConfig || !hooks.applyConfig) {
      throw new LinliError(
        "LINLI_ERR_UPLINK_COMMAND_UNAVAILABLE",
        "this kiosk cannot set its config",
      );
    }
    const previous = hooks.currentConfig();
    const next = checkedConfig(applyConfigPatch(previous, command.config));
    const change: ConfigChange = {
      previous,
      next,
      patch: command.config,
      changed: topLevelChanges(previous, next),
    };
    hooks.checkConfig?.(change);
    if (change.changed.length === 0) return ok(command.id, { applied: true, changed: [] });
    const timeoutMs = this.timeoutMs();
    let problem = await this.#tryApply(next, timeoutMs);
    let code = "LINLI_ERR_UPLINK_CONFIG_ROLLED_BACK";
    if (problem === undefined) {
      try {
        await hooks.saveConfig?.(change);
        log.info({ id: command.id, changed: change.changed }, "set-config applied");
        return ok(command.id, { applied: true, changed: change.changed });
      } catch (error) {
        code = error instanceof LinliError ? error.code : "LINLI_ERR_CONFIG_NOT_SAVED";
        problem = `it could not be saved for the next start: ${(error as Error).message}`;
      }
    }
    log.warn({ id: command.id, problem }, "set-config failed: rolling back");
    const rollback = await this.#tryApply(previous, timeoutMs);
    if (rollback !== undefined) {
      log.error({ id: command.id, problem: rollback }, "rolling back the config failed too");
    }
    return errorResult(
      command.id,
      code,
      `the new config was not kept: ${problem}; ${rollback === undefined ? "the previous config is back" : `rolling back failed too: ${rollback}`}`,
    );
  }

  /** undefined when applied and reconnected, else why not. */
  async #tryApply(config: Config, timeoutMs: number): Promise<string | undefined> {
    const apply = this.#options.hooks.applyConfig;
    if (!apply) return "nothing applies config here";
    const controller = new AbortController();
    const applying = apply(config, controller.signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(resolve, timeoutMs, "timeout");
    });
    try {
      const outcome = await Promise.race([applying, timedOut]);
      if (outcome !== "timeout")
        return outcome ? undefined : "the uplink could not reconnect with it";
      controller.abort();
      const seconds = Math.round(timeoutMs / 100) / 10;
      const last = await lastWords(applying);
      return `the uplink did not reconnect within ${seconds} s${last ? ` (last: ${last})` : ""}`;
    } catch (error) {
      return explain(error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Why an aborted apply gave up, if it says so promptly. */
async function lastWords(applying: Promise<boolean>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, WIND_DOWN_MS, undefined);
  });
  const said = applying.then(
    () => undefined,
    (error: unknown) => {
      const cause = (error as { cause?: unknown } | undefined)?.cause;
      return cause instanceof LinliError ? explain(cause) : undefined;
    },
  );
  try {
    return await Promise.race([said, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

/** The agent's own config schema, defaults and cross-key checks, as loadConfig applies them. */
function checkedConfig(merged: Record<string, unknown>): Config {
  const candidate = Value.Default(ConfigSchema, structuredClone(merged));
  if (!configValidator.Check(candidate)) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_INVALID",
      schemaProblem(configValidator.Errors(candidate), "the config"),
    );
  }
  const config = candidate as Config;
  const [problem] = crossCheck(config);
  if (problem) {
    throw new LinliError("LINLI_ERR_CONFIG_INVALID", `the config's ${problem.text}`);
  }
  return config;
}

function topLevelChanges(before: Config, after: Config): string[] {
  return (Object.keys(after) as (keyof Config)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

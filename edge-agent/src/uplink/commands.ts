import { LinliError, maskPhoneNumbers } from "@linli/protocols";
import {
  type CommandResult,
  notJson,
  schemaProblem,
  type UplinkCommand,
  type UplinkCommandName,
  UplinkCommands,
} from "@linli/protocols/api";
import { Compile } from "typebox/compile";
import { Value } from "typebox/value";
import { type Config, ConfigSchema } from "../config/index.js";
import type { Logger } from "../log.js";
import type { SqliteDatabase } from "../store/index.js";
import type { KioskTopics } from "./topics.js";

/**
 * The little the command router, dataset sync and telemetry need of an MQTT
 * client: a few lines adapt mqtt.js or the uplink's own client to it.
 */
export interface UplinkPort {
  publish(topic: string, payload: string, options: { qos: 0 | 1; retain: boolean }): Promise<void>;
  subscribe(topic: string, qos: 0 | 1): Promise<void>;
  /** May return a function that removes the handler. */
  onMessage(handler: (topic: string, payload: Buffer) => void): undefined | (() => void);
}

export type CommandHandler<N extends UplinkCommandName> = (
  command: UplinkCommand<N>,
) => unknown | Promise<unknown>;

export interface CommandHooks {
  /** reload-dataset: e.g. read the outlet data again; what it returns is the result's data. */
  reloadDataset?: () => unknown | Promise<unknown>;
  /** rebirth: republish every retained state (status, device state). */
  rebirth?: () => unknown | Promise<unknown>;
  /** restart: called once the ok result is stored and published. */
  restart?: () => unknown | Promise<unknown>;
  /** set-config: the running config. */
  currentConfig?: () => Config;
  /** set-config: applies a validated config; true when the uplink reconnected with it. */
  applyConfig?: (next: Config, signal: AbortSignal) => Promise<boolean>;
}

export interface CommandRouterOptions {
  db: SqliteDatabase;
  client: UplinkPort;
  topics: KioskTopics;
  log: Logger;
  hooks?: CommandHooks;
  /** How long set-config waits for the uplink to reconnect before rolling back (30 s). */
  reconnectTimeoutMs?: number;
  /** A handler still running after this gets a timeout result (2 min). */
  commandTimeoutMs?: number;
  /** Processed ids kept for idempotency: at most this many (10,000) … */
  rememberCount?: number;
  /** … and none older than this (7 days). */
  rememberMs?: number;
}

interface Outcome {
  result: CommandResult;
  afterReply?: () => unknown;
}

const BAD_COMMAND = "LINLI_ERR_UPLINK_BAD_COMMAND";
const NAMES = Object.keys(UplinkCommands) as UplinkCommandName[];
const VALIDATORS = Object.fromEntries(
  NAMES.map((name) => [name, Compile(UplinkCommands[name])]),
) as unknown as Record<UplinkCommandName, ReturnType<typeof Compile>>;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const configValidator = Compile(ConfigSchema);

/**
 * Takes `cmd/{name}` (and `config`, as set-config), checks every payload,
 * and runs each command id once: a retried id gets the stored result again,
 * and a retry that arrives while the first still runs waits for its result.
 * Processed ids live in `uplink_commands` (created here until a migration
 * takes it over); a command interrupted by a crash is never rerun blindly.
 */
export class CommandRouter {
  readonly #options: CommandRouterOptions;
  readonly #handlers = new Map<UplinkCommandName, (command: never) => unknown>();
  readonly #inflight = new Map<string, Promise<Outcome>>();
  #configChain: Promise<unknown> = Promise.resolve();
  #removeHandler: (() => void) | undefined;
  #running = false;
  #sincePrune = 0;

  constructor(options: CommandRouterOptions) {
    this.#options = options;
  }

  /** Registers what a command does; its return value is the ok result's data. */
  register<N extends UplinkCommandName>(name: N, handler: CommandHandler<N>): this {
    this.#handlers.set(name, handler as (command: never) => unknown);
    return this;
  }

  async start(): Promise<void> {
    const interrupted = errorResult(
      "",
      "LINLI_ERR_UPLINK_COMMAND_INTERRUPTED",
      "the agent stopped while this command ran, so its outcome is unknown: check the device and send a new command id",
    );
    const { changes } = this.#options.db
      .prepare(
        "UPDATE uplink_commands SET state = 'done', result = json_set(?, '$.id', id), finished_at = ? WHERE state = 'running'",
      )
      .run(JSON.stringify(interrupted), new Date().toISOString());
    if (changes) this.#options.log.warn({ commands: changes }, "commands interrupted by a stop");
    this.prune();
    this.#running = true;
    const removed = this.#options.client.onMessage((topic, payload) => {
      if (!this.#running) return;
      const name = this.#nameOf(topic);
      if (name === undefined) return;
      this.#handle(name, payload).catch((error: unknown) =>
        this.#options.log.error({ err: error, command: name }, "command handling failed"),
      );
    });
    this.#removeHandler = removed ?? undefined;
    await this.#options.client.subscribe(this.#options.topics.commands, 1);
    await this.#options.client.subscribe(this.#options.topics.config, 1);
  }

  stop(): void {
    this.#running = false;
    this.#removeHandler?.();
    this.#removeHandler = undefined;
  }

  /** Forgets processed ids past the count or age limit (running ones stay). */
  prune(now = Date.now()): number {
    const { db } = this.#options;
    const cutoff = new Date(now - (this.#options.rememberMs ?? 7 * 24 * 3600_000)).toISOString();
    const old = db
      .prepare("DELETE FROM uplink_commands WHERE state = 'done' AND received_at < ?")
      .run(cutoff).changes;
    const over = db
      .prepare(
        `DELETE FROM uplink_commands WHERE state = 'done' AND id IN
          (SELECT id FROM uplink_commands ORDER BY received_at DESC LIMIT -1 OFFSET ?)`,
      )
      .run(this.#options.rememberCount ?? 10_000).changes;
    return old + over;
  }

  #nameOf(topic: string): string | undefined {
    const { topics } = this.#options;
    if (topic === topics.config) return "set-config";
    const prefix = topics.command("");
    const name = topic.startsWith(prefix) ? topic.slice(prefix.length) : "";
    return name === "" || name.includes("/") ? undefined : name;
  }

  async #handle(name: string, payload: Buffer): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(payload.toString("utf8"));
    } catch (error) {
      return this.#reject(name, undefined, notJson("the payload", error));
    }
    const raw =
      typeof value === "object" && value !== null ? (value as { id?: unknown }).id : undefined;
    const id = typeof raw === "string" && ID.test(raw) ? raw : undefined;
    if (!isCommandName(name)) {
      return this.#reject(name, id, `unknown command "${name}": known are ${NAMES.join(", ")}`);
    }
    if (id === undefined) {
      const reason = "the command has no id of 1 to 64 letters, digits, _ or -";
      return this.#reject(name, undefined, reason);
    }
    const known = this.#inflight.get(id) ?? this.#stored(id);
    if (known) {
      this.#options.log.info({ command: name, id }, "command id seen before: result sent again");
      return this.#reply(name, (await known).result);
    }
    const validator = VALIDATORS[name];
    if (!validator.Check(value)) {
      return this.#reject(name, id, schemaProblem(validator.Errors(value), "the command"));
    }
    const run = this.#execute(name, value as UplinkCommand, id);
    this.#inflight.set(id, run);
    try {
      const outcome = await run;
      await this.#reply(name, outcome.result);
      await outcome.afterReply?.();
    } finally {
      this.#inflight.delete(id);
    }
  }

  #stored(id: string): Promise<Outcome> | undefined {
    const row = this.#options.db
      .prepare("SELECT result FROM uplink_commands WHERE id = ? AND state = 'done'")
      .get(id) as { result: string } | undefined;
    return row ? Promise.resolve({ result: JSON.parse(row.result) as CommandResult }) : undefined;
  }

  async #execute(name: UplinkCommandName, command: UplinkCommand, id: string): Promise<Outcome> {
    const { db, log } = this.#options;
    db.prepare(
      "INSERT INTO uplink_commands (id, name, state, received_at) VALUES (?, ?, 'running', ?)",
    ).run(id, name, new Date().toISOString());
    let outcome: Outcome;
    try {
      outcome = await withTimeout(
        this.#dispatch(name, command, id),
        this.#options.commandTimeoutMs ?? 120_000,
        () =>
          new LinliError(
            "LINLI_ERR_UPLINK_COMMAND_TIMEOUT",
            `${name} did not finish in time, so its outcome is unknown: check the device and send a new command id`,
          ),
      );
    } catch (error) {
      outcome = { result: failure(id, error) };
    }
    db.prepare(
      "UPDATE uplink_commands SET state = 'done', result = ?, finished_at = ? WHERE id = ?",
    ).run(JSON.stringify(outcome.result), new Date().toISOString(), id);
    log.info({ command: name, id, status: outcome.result.status }, "command done");
    if (++this.#sincePrune >= 500) {
      this.#sincePrune = 0;
      this.prune();
    }
    return outcome;
  }

  async #dispatch(name: UplinkCommandName, command: UplinkCommand, id: string): Promise<Outcome> {
    const hooks = this.#options.hooks ?? {};
    const handler = this.#handlers.get(name);
    if (handler) return { result: ok(id, await handler(command as never)) };
    switch (name) {
      case "set-config":
        return { result: await this.#setConfig(command as UplinkCommand<"set-config">) };
      case "reload-dataset":
        if (hooks.reloadDataset) return { result: ok(id, await hooks.reloadDataset()) };
        break;
      case "rebirth":
        if (hooks.rebirth) return { result: ok(id, await hooks.rebirth()) };
        break;
      case "restart":
        if (hooks.restart)
          return { result: ok(id, { restarting: true }), afterReply: hooks.restart };
        break;
    }
    throw new LinliError(
      "LINLI_ERR_UPLINK_COMMAND_UNAVAILABLE",
      `this kiosk cannot run ${name} (nothing handles it here)`,
    );
  }

  /** Validates the merged config, applies it, and rolls back when the uplink cannot reconnect. */
  #setConfig(command: UplinkCommand<"set-config">): Promise<CommandResult> {
    const run = this.#configChain.then(async (): Promise<CommandResult> => {
      const { currentConfig, applyConfig } = this.#options.hooks ?? {};
      if (!currentConfig || !applyConfig) {
        throw new LinliError(
          "LINLI_ERR_UPLINK_COMMAND_UNAVAILABLE",
          "this kiosk cannot set its config",
        );
      }
      const previous = currentConfig();
      const next = checkedConfig(deepMerge(previous, command.config));
      const changed = topLevelChanges(previous, next);
      const timeoutMs = this.#options.reconnectTimeoutMs ?? 30_000;
      const problem = await this.#tryApply(next, timeoutMs);
      if (problem === undefined) return ok(command.id, { applied: true, changed });
      this.#options.log.warn({ id: command.id, problem }, "set-config failed: rolling back");
      const rollback = await this.#tryApply(previous, timeoutMs);
      if (rollback !== undefined) {
        this.#options.log.error(
          { id: command.id, problem: rollback },
          "rolling back the config failed too",
        );
      }
      return errorResult(
        command.id,
        "LINLI_ERR_UPLINK_CONFIG_ROLLED_BACK",
        `the new config was not kept: ${problem}; ${rollback === undefined ? "the previous config is back" : `rolling back failed too: ${rollback}`}`,
      );
    });
    this.#configChain = run.catch(() => undefined);
    return run;
  }

  /** undefined when applied and reconnected, else why not. */
  async #tryApply(config: Config, timeoutMs: number): Promise<string | undefined> {
    const apply = this.#options.hooks?.applyConfig;
    if (!apply) return "nothing applies config here";
    const controller = new AbortController();
    const seconds = Math.round(timeoutMs / 100) / 10;
    try {
      const reconnected = await withTimeout(apply(config, controller.signal), timeoutMs, () => {
        controller.abort();
        return new Error(`the uplink did not reconnect within ${seconds} s`);
      });
      return reconnected ? undefined : "the uplink could not reconnect with it";
    } catch (error) {
      return (error as Error).message;
    }
  }

  async #reject(name: string, id: string | undefined, reason: string): Promise<void> {
    this.#options.log.warn({ command: name, id, reason }, "command rejected");
    if (id !== undefined) await this.#reply(name, errorResult(id, BAD_COMMAND, reason));
  }

  async #reply(name: string, result: CommandResult): Promise<void> {
    try {
      await this.#options.client.publish(
        this.#options.topics.commandResult(name),
        JSON.stringify(result),
        { qos: 1, retain: false },
      );
    } catch (error) {
      // The result is stored: a retry of the command gets it.
      this.#options.log.warn(
        { err: error, command: name, id: result.id },
        "command result not sent",
      );
    }
  }
}

function isCommandName(name: string): name is UplinkCommandName {
  return Object.hasOwn(UplinkCommands, name);
}

function ok(id: string, data: unknown): CommandResult {
  return { id, status: "ok", data: data === undefined ? null : data };
}

function errorResult(id: string, code: string, message: string): CommandResult {
  return { id, status: "error", error: { code, message: maskPhoneNumbers(message) } };
}

function failure(id: string, error: unknown): CommandResult {
  const code = error instanceof LinliError ? error.code : "LINLI_ERR_UPLINK_COMMAND_FAILED";
  return errorResult(id, code, String((error as Error).message ?? error));
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and values replace. */
function deepMerge(under: unknown, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = isPlainObject(under) ? { ...under } : {};
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    const merged = isPlainObject(below) && isPlainObject(value) ? deepMerge(below, value) : value;
    // defineProperty: a "__proto__" key stays an own (and so unknown, rejected) key.
    Object.defineProperty(out, key, {
      value: merged,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** The agent's own config schema, defaults and the unique device ids, as loadConfig checks them. */
function checkedConfig(merged: Record<string, unknown>): Config {
  const candidate = Value.Default(ConfigSchema, structuredClone(merged));
  if (!configValidator.Check(candidate)) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_INVALID",
      schemaProblem(configValidator.Errors(candidate), "the config"),
    );
  }
  const config = candidate as Config;
  const ids = config.devices.map((device) => device.id);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) {
    throw new LinliError(
      "LINLI_ERR_CONFIG_INVALID",
      `the config's devices use the id "${twice}" twice: device ids must be unique`,
    );
  }
  return config;
}

function topLevelChanges(before: Config, after: Config): string[] {
  return (Object.keys(after) as (keyof Config)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}

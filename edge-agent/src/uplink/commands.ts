import { LinliError } from "@linli/protocols";
import {
  type CommandResult,
  notJson,
  schemaProblem,
  type UplinkCommand,
  type UplinkCommandName,
  UplinkCommands,
} from "@linli/protocols/api";
import { Compile } from "typebox/compile";
import type { Logger } from "../log.js";
import {
  reportStoreFailure,
  type SqliteDatabase,
  STORE_FULL,
  storeFailureOf,
} from "../store/index.js";
import { errorResult, failure, ok, withTimeout } from "./command-results.js";
import type { UplinkPort } from "./port.js";
import { ConfigChanger, type ConfigHooks } from "./set-config.js";
import type { KioskTopics } from "./topics.js";

export type { UplinkPort } from "./port.js";
export type { ConfigChange, ConfigHooks } from "./set-config.js";

export type CommandHandler<N extends UplinkCommandName> = (
  command: UplinkCommand<N>,
) => unknown | Promise<unknown>;

export interface CommandHooks extends ConfigHooks {
  /** reload-dataset: e.g. read the outlet data again; what it returns is the result's data. */
  reloadDataset?: () => unknown | Promise<unknown>;
  /** rebirth: republish every retained state (status, device state). */
  rebirth?: () => unknown | Promise<unknown>;
  /** restart: called once the ok result is stored and published. */
  restart?: () => unknown | Promise<unknown>;
}

export interface CommandRouterOptions {
  db: SqliteDatabase;
  client: UplinkPort;
  topics: KioskTopics;
  log: Logger;
  hooks?: CommandHooks;
  /** How long set-config waits for the uplink to reconnect before rolling back (else uplink.configRollbackSeconds). */
  reconnectTimeoutMs?: number;
  /** A handler still running after this gets a timeout result (2 min; set-config gets its rollback time on top). */
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
  readonly #config: ConfigChanger;
  #removeHandler: (() => void) | undefined;
  #running = false;
  #sincePrune = 0;

  constructor(options: CommandRouterOptions) {
    this.#options = options;
    this.#config = new ConfigChanger({
      hooks: options.hooks ?? {},
      log: options.log,
      ...(options.reconnectTimeoutMs === undefined
        ? {}
        : { reconnectTimeoutMs: options.reconnectTimeoutMs }),
    });
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
          (SELECT id FROM uplink_commands ORDER BY received_at DESC, rowid DESC LIMIT -1 OFFSET ?)`,
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
    try {
      db.prepare(
        "INSERT INTO uplink_commands (id, name, state, received_at) VALUES (?, ?, 'running', ?)",
      ).run(id, name, new Date().toISOString());
    } catch (error) {
      const full = storeFailureOf(error);
      if (!full) throw error;
      // Commands are idempotent by their recorded id: one that cannot be recorded does not run.
      reportStoreFailure(db, error);
      const why = `the kiosk's store cannot take writes now (${full.code}), so this command was not run: send it again with the same id once telemetry reports the store writable`;
      return { result: errorResult(id, STORE_FULL, why) };
    }
    let outcome: Outcome;
    try {
      // set-config may try the new config and then the old one, each for its rollback time.
      const rollbacks = name === "set-config" ? 2 * this.#config.timeoutMs() : 0;
      outcome = await withTimeout(
        this.#dispatch(name, command, id),
        (this.#options.commandTimeoutMs ?? 120_000) + rollbacks,
        () =>
          new LinliError(
            "LINLI_ERR_UPLINK_COMMAND_TIMEOUT",
            `${name} did not finish in time, so its outcome is unknown: check the device and send a new command id`,
          ),
      );
    } catch (error) {
      outcome = { result: failure(id, error) };
    }
    try {
      db.prepare(
        "UPDATE uplink_commands SET state = 'done', result = ?, finished_at = ? WHERE id = ?",
      ).run(JSON.stringify(outcome.result), new Date().toISOString(), id);
    } catch (error) {
      // The result still goes out; the next start marks the command interrupted.
      if (!reportStoreFailure(db, error)) throw error;
    }
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
        return { result: await this.#config.change(command as UplinkCommand<"set-config">) };
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

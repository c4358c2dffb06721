import { existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { LinliError } from "@linli/protocols";
import Database from "better-sqlite3";
import type { Logger } from "../log.js";
import { storeFailureOf } from "./health.js";
import { MIGRATIONS, type Migration } from "./migrations.js";

export type SqliteDatabase = Database.Database;

/**
 * The kiosk's SQLite file: WAL, versioned migrations, and a corrupt file moved
 * aside (never deleted) so an unattended kiosk comes back with a fresh store
 * and the evidence kept for the operator.
 */
export class Store {
  readonly path: string;
  #db: SqliteDatabase | undefined;
  readonly #log: Logger;
  readonly #migrations: readonly Migration[];

  constructor(path: string, log: Logger, migrations: readonly Migration[] = MIGRATIONS) {
    this.path = path;
    this.#log = log;
    this.#migrations = migrations;
  }

  get db(): SqliteDatabase {
    if (!this.#db) {
      throw new LinliError(
        "LINLI_ERR_STORE_CLOSED",
        "the store is not open; start the agent first",
      );
    }
    return this.#db;
  }

  start(): void {
    if (this.path !== ":memory:") this.#ensureFolder();
    try {
      this.#db = this.#open();
    } catch (cause) {
      if (!isCorruption(cause) || this.path === ":memory:") throw storeError(this.path, cause);
      const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      this.#log.error(
        { err: cause, path: this.path, movedTo: aside },
        "the store is corrupt: moved it aside and starting with a fresh one",
      );
      for (const suffix of ["", "-wal", "-shm"]) {
        if (existsSync(this.path + suffix)) renameSync(this.path + suffix, aside + suffix);
      }
      this.#db = this.#open();
    }
  }

  stop(): void {
    this.#db?.close();
    this.#db = undefined;
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  #ensureFolder(): void {
    try {
      mkdirSync(dirname(this.path), { recursive: true });
    } catch (cause) {
      throw storeError(this.path, cause);
    }
  }

  #open(): SqliteDatabase {
    const db = new Database(this.path);
    try {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      db.pragma("foreign_keys = ON");
      db.pragma("busy_timeout = 5000");
      const check = db.pragma("quick_check", { simple: true });
      if (check !== "ok") throw Object.assign(new Error(String(check)), { code: "SQLITE_CORRUPT" });
      this.#migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  #migrate(db: SqliteDatabase): void {
    const current = db.pragma("user_version", { simple: true }) as number;
    const latest = this.#migrations.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new LinliError(
        "LINLI_ERR_STORE_TOO_NEW",
        `the store ${this.path} is at schema version ${current}, newer than this agent knows (${latest}): run the newer agent or restore a backup`,
      );
    }
    for (const migration of this.#migrations) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.pragma(`user_version = ${migration.version}`);
      })();
      this.#log.info({ version: migration.version, name: migration.name }, "store migrated");
    }
  }
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB";
}

function storeError(path: string, cause: unknown): LinliError {
  if (cause instanceof LinliError) return cause;
  const reason = (cause as { code?: string }).code ?? String(cause);
  // SQLITE_IOERR_SHMSIZE, say, is often ENOSPC creating the -shm file: the doctor tells them apart.
  const what = storeFailureOf(cause)
    ? "the disk holding it is full, failing or read-only: linli doctor says which, and what to do"
    : "check that its folder exists and the agent's user may write there";
  return new LinliError(
    "LINLI_ERR_STORE_UNWRITABLE",
    `cannot open the store ${path} (${reason}): ${what}`,
    { cause },
  );
}

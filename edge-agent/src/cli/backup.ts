import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LinliError } from "@linli/protocols";
import Database from "better-sqlite3";
import { loadConfig } from "../config/index.js";
import { demoBaseConfig } from "../demo/config.js";
import { freeBytesAt } from "../store/health.js";

export interface BackupCommandOptions {
  config?: string;
  demo?: boolean;
  /** How many backups to keep, newest first; 3 by default. */
  keep?: string;
  /** Where backups go; `backups/` beside the store by default. */
  dir?: string;
}

export interface BackupIo {
  print?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface BackupResult {
  backup: string;
  removed: string[];
  /** Whether the live store was compacted (it is when a quarter or more of it is free pages). */
  vacuumed: boolean;
  /** Why a store worth compacting was not: too little free space for VACUUM's copies. */
  vacuumSkipped?: string;
}

export interface BackupOptions {
  dir?: string;
  keep: number;
  now: Date;
  /** Free space the agent keeps for residents' records (store.reserveBytes): never used up here. */
  reserveBytes?: number;
  /** Free bytes on the filesystem holding a path; the real reading by default (tests stand in). */
  freeBytes?: (path: string) => number | undefined;
}

/** Compact the live store when this share of its pages is free. */
const VACUUM_FREE_SHARE = 0.25;
const PREFIX = "linli-";
const MB = 1024 * 1024;

const mb = (bytes: number) => `${Math.ceil(bytes / MB)} MB`;

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

function storeError(message: string, cause: unknown): LinliError {
  const reason = (cause as { code?: string }).code ?? (cause as Error).message;
  return new LinliError("LINLI_ERR_STORE_BACKUP_FAILED", `${message} (${reason})`, { cause });
}

/**
 * A compact, checked copy of the store, taken while the agent runs:
 * `VACUUM INTO` reads one snapshot (WAL readers do not block the agent's
 * writers) and writes a defragmented file, renamed into place only once
 * complete and intact, so a full disk leaves the older backups as they were.
 * The oldest backups beyond `keep` are removed; the live store is compacted
 * when a quarter of it is free pages (its writes wait at most the agent's
 * 5 s busy timeout, which the nightly timer makes unlikely to matter).
 *
 * Neither may fill the disk under the agent: the copy is made only with its
 * size free on top of the agent's reserve, and VACUUM (which writes the
 * whole store twice over, a temporary copy and the WAL) only with twice the
 * store's size free on top of it; otherwise the backup fails and the
 * compaction is skipped, each saying how much room it wants.
 */
export function backupStore(storePath: string, options: BackupOptions): BackupResult {
  if (storePath === ":memory:" || !existsSync(storePath)) {
    throw new LinliError(
      "LINLI_ERR_STORE_BACKUP_NOTHING",
      `there is no store at ${storePath} to back up`,
    );
  }
  const dir = options.dir ?? join(dirname(storePath), "backups");
  const target = join(dir, `${PREFIX}${stamp(options.now)}.db`);
  const partial = `${target}.partial`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    rmSync(partial, { force: true });
    const db = new Database(storePath, { fileMustExist: true });
    const freeBytes = options.freeBytes ?? freeBytesAt;
    const reserve = options.reserveBytes ?? 0;
    let vacuumed = false;
    let vacuumSkipped: string | undefined;
    try {
      db.pragma("busy_timeout = 5000");
      const pageSize = db.pragma("page_size", { simple: true }) as number;
      const pages = db.pragma("page_count", { simple: true }) as number;
      const free = db.pragma("freelist_count", { simple: true }) as number;
      const copyBytes = (pages - free) * pageSize;
      const roomForCopy = freeBytes(join(dir, "x")) ?? Number.POSITIVE_INFINITY;
      if (roomForCopy < copyBytes + reserve) {
        throw new LinliError(
          "LINLI_ERR_STORE_BACKUP_NO_SPACE",
          `not enough free space in ${dir} for a backup of ${storePath}: it needs about ${mb(copyBytes)} plus the ${mb(reserve)} the agent keeps in reserve, and ${mb(roomForCopy)} are free; the older backups are as they were. Free space, or give --dir on another disk`,
        );
      }
      db.prepare("VACUUM INTO ?").run(partial);
      if (pages > 0 && free / pages >= VACUUM_FREE_SHARE) {
        const wanted = 2 * pages * pageSize + reserve;
        const room = freeBytes(storePath) ?? Number.POSITIVE_INFINITY;
        if (room < wanted) {
          vacuumSkipped = `compacting needs about ${mb(wanted)} free (twice the store, plus the agent's reserve) and ${mb(room)} are free`;
        } else {
          db.exec("VACUUM");
          // In WAL mode the file shrinks only once the compacted pages are checkpointed.
          db.pragma("wal_checkpoint(TRUNCATE)");
          vacuumed = true;
        }
      }
    } finally {
      db.close();
    }
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma("quick_check", { simple: true });
      if (check !== "ok") throw Object.assign(new Error(String(check)), { code: "CORRUPT" });
    } finally {
      copy.close();
    }
    renameSync(partial, target);
    const backups = readdirSync(dir)
      .filter((name) => name.startsWith(PREFIX) && name.endsWith(".db"))
      .sort()
      .reverse();
    const removed = backups.slice(options.keep).map((name) => join(dir, name));
    for (const old of removed) rmSync(old, { force: true });
    return { backup: target, removed, vacuumed, ...(vacuumSkipped ? { vacuumSkipped } : {}) };
  } catch (cause) {
    try {
      rmSync(partial, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
    if (cause instanceof LinliError) throw cause;
    throw storeError(`cannot back up ${storePath} into ${dir}`, cause);
  }
}

export function backupCommand(
  options: BackupCommandOptions,
  io: BackupIo = {},
): BackupResult | undefined {
  const print = io.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const keep = options.keep === undefined ? 3 : Number(options.keep);
  if (!Number.isInteger(keep) || keep < 1 || keep > 100) {
    throw new LinliError(
      "LINLI_ERR_CLI_BACKUP_KEEP",
      "--keep must be a whole number from 1 to 100",
    );
  }
  const { config } = loadConfig({
    file: options.config,
    ...(io.env ? { env: io.env } : {}),
    ...(options.demo ? { base: demoBaseConfig({ quiet: true }) } : {}),
  });
  let result: BackupResult;
  try {
    result = backupStore(config.store.path, {
      keep,
      now: io.now?.() ?? new Date(),
      reserveBytes: config.store.reserveBytes,
      ...(options.dir ? { dir: options.dir } : {}),
    });
  } catch (error) {
    // A kiosk whose agent has not run yet has nothing to lose: not a failure for the timer.
    if ((error as { code?: string }).code !== "LINLI_ERR_STORE_BACKUP_NOTHING") throw error;
    print(`nothing to back up yet: ${(error as Error).message}`);
    return undefined;
  }
  print(`backed up ${config.store.path} to ${result.backup}`);
  if (result.vacuumed) print(`compacted ${config.store.path}`);
  if (result.vacuumSkipped) print(`not compacted: ${result.vacuumSkipped}`);
  for (const old of result.removed) print(`removed the older backup ${basename(old)}`);
  return result;
}

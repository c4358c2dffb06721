import { existsSync, type Stats } from "node:fs";
import { mkdtemp, open, rm, stat, statfs, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import type { Config } from "../config/index.js";
import { type Finding, fail, pass } from "./finding.js";
import { getJson, httpUrl } from "./ports.js";
import type { AgentUser, UserInfo } from "./user.js";

/** The only folder the installed service may write (ProtectSystem=strict, StateDirectory=linli). */
export const SERVICE_STATE_DIR = "/var/lib/linli";
/** Below this much free space the agent soon cannot record parcels, ratings or events. */
export const MIN_FREE_BYTES = 100 * 1024 * 1024;

const MB = 1024 * 1024;
const FREE_SPACE_FIX = `free space: sudo journalctl --vacuum-size=100M; remove old backups from ${SERVICE_STATE_DIR}/backups; find what grew: sudo du -xh / | sort -h | tail`;

/** The nearest folder on the way to `path` that exists, or the file that blocks the way. */
async function nearestExisting(path: string): Promise<{ path: string; stats: Stats }> {
  let current = resolve(path);
  for (;;) {
    const stats = await stat(current).catch(() => undefined);
    if (stats) return { path: current, stats };
    const parent = dirname(current);
    if (parent === current) throw new Error(`nothing of ${path} exists`);
    current = parent;
  }
}

/** What the store's writes take: a few of its pages, where a full disk answers ENOSPC. */
const PROBE_BYTES = 64 * 1024;

/**
 * Creates a folder in `dir` with a file of real bytes in it, and removes
 * both: what the agent needs for its file, -wal and -shm. An empty folder
 * alone would pass on a full disk.
 */
async function probeWrite(dir: string): Promise<NodeJS.ErrnoException | undefined> {
  let made: string | undefined;
  try {
    made = await mkdtemp(join(dir, ".linli-doctor-"));
    await writeFile(join(made, "probe"), Buffer.alloc(PROBE_BYTES, 0x4c));
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  } finally {
    if (made) await rm(made, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function probeOpen(file: string): Promise<NodeJS.ErrnoException | undefined> {
  try {
    await (await open(file, "r+")).close();
    return undefined;
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/** Whether `user` may write in (and reach) `target`, judged from owners and modes. */
async function userMayWrite(target: string, user: UserInfo): Promise<string | undefined> {
  const gids = new Set([user.gid, ...user.groups.map((group) => group.gid)]);
  const allows = (stats: Stats, bits: number) => {
    const shift = stats.uid === user.uid ? 6 : gids.has(stats.gid) ? 3 : 0;
    return ((stats.mode >> shift) & bits) === bits;
  };
  const targetStats = await stat(target);
  const chain: string[] = [];
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    chain.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of chain) {
    if (!allows(await stat(dir), 0o1)) return `${user.name} may not enter ${dir}`;
  }
  const needed = targetStats.isDirectory() ? 0o3 : 0o2;
  return allows(targetStats, needed) ? undefined : `${target} is not writable by ${user.name}`;
}

function writeFailure(path: string, where: string, error: NodeJS.ErrnoException): Finding {
  const check = "store";
  const stops = "so the agent cannot keep its store (it would stop with exit code 73)";
  switch (error.code) {
    case "ENOTDIR":
      return fail(
        check,
        `store.path ${path} goes through ${where}, which is a file, not a folder, ${stops}`,
        `set store.path to a file in a folder, e.g. ${SERVICE_STATE_DIR}/linli.db`,
      );
    case "EROFS":
      return fail(
        check,
        `${where} is on a read-only filesystem, ${stops}`,
        "if the disk went read-only after errors, see dmesg and run fsck; otherwise set store.path under a writable folder",
      );
    case "EPERM":
      return fail(
        check,
        `${where} refuses writes even from root (an immutable attribute?), ${stops}`,
        `lsattr -d ${where}; sudo chattr -i ${where}`,
      );
    case "ENOSPC":
    case "EDQUOT":
      return fail(
        check,
        `the disk holding ${where} is full: the agent cannot record anything (a running one refuses pickups, sales, bookings and ratings, and keeps answering lookups; a new start may not get through its own writes)`,
        FREE_SPACE_FIX,
      );
    default:
      return fail(
        check,
        `${where} is not writable (${error.code ?? error.message}), ${stops}`,
        `sudo chown linli:linli ${where}`,
      );
  }
}

function integrity(path: string): Finding {
  const check = "store";
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const result = db.pragma("quick_check", { simple: true });
      const version = db.pragma("user_version", { simple: true });
      return result === "ok"
        ? pass(check, `${path}: writable, intact, schema version ${version}`)
        : fail(
            check,
            `${path} is damaged (${result}); the agent will move it aside and start fresh`,
            "nothing to do for the agent; keep the moved-aside file for the operator",
          );
    } finally {
      db.close();
    }
  } catch (error) {
    return fail(check, `${path} cannot be read as SQLite (${(error as Error).message})`);
  }
}

export interface StoreCheckOptions {
  user: AgentUser;
  /** Whether the agent runs as the installed service (ProtectSystem=strict). */
  installed: boolean;
}

export async function checkStore(path: string, options: StoreCheckOptions): Promise<Finding> {
  const check = "store";
  if (path === ":memory:") return pass(check, "in memory: nothing is kept across restarts");
  const folder = dirname(resolve(path));
  if (options.installed && !resolve(path).startsWith(`${SERVICE_STATE_DIR}/`)) {
    return fail(
      check,
      `store.path ${path} is outside ${SERVICE_STATE_DIR}, the only folder the installed service may write (ProtectSystem=strict)`,
      `set store.path to ${SERVICE_STATE_DIR}/linli.db`,
    );
  }
  const reached = await nearestExisting(folder);
  if (!reached.stats.isDirectory())
    return writeFailure(path, reached.path, Object.assign(new Error("file"), { code: "ENOTDIR" }));
  const probed = await probeWrite(reached.path);
  if (probed) return writeFailure(path, reached.path, probed);
  const exists = existsSync(path);
  if (exists) {
    const opened = await probeOpen(path);
    if (opened) return writeFailure(path, path, opened);
  }
  const { info } = options.user;
  if (info && info.uid !== process.getuid?.()) {
    for (const target of exists ? [reached.path, path] : [reached.path]) {
      const refused = await userMayWrite(target, info);
      if (refused) {
        return fail(
          check,
          `${refused}, so the agent cannot keep its store (it would stop with exit code 73)`,
          `sudo chown ${info.name}:${info.name} ${target}`,
        );
      }
    }
  }
  if (!exists) return pass(check, `${path} does not exist yet; the agent will create it`);
  return integrity(path);
}

/** What a running agent's /api/v1/health says of its store (`store`, StoreHealth). */
export interface RunningStore {
  writable: boolean;
  reason: string | null;
  lastError: string | null;
  since: string;
  freeBytes: number | null;
  reserveBytes: number;
}

const REASONS: Readonly<Record<string, string>> = {
  full: "its disk is full",
  low_space: "free space is below store.reserveBytes",
  io_error: "the disk fails to write",
  read_only: "the disk went read-only",
};

/** The store as the agent serving `config`'s HTTP address reports it; undefined if it does not. */
export async function runningStore(config: Config): Promise<RunningStore | undefined> {
  try {
    const health = (await getJson(`${httpUrl(config)}/api/v1/health`)) as
      | { store?: RunningStore }
      | undefined;
    return health?.store;
  } catch {
    return undefined;
  }
}

/** Whether the running agent can write its store, as it says itself (older agents do not say). */
export function checkRunningStore(store: RunningStore | undefined): Finding | undefined {
  if (!store) return undefined;
  const check = "store writes";
  if (store.writable) return pass(check, "the running agent records pickups, sales and ratings");
  const why = REASONS[store.reason ?? ""] ?? "it cannot write";
  const code = store.lastError ? ` (${store.lastError})` : "";
  const free =
    store.freeBytes === null
      ? ""
      : `; ${Math.floor(store.freeBytes / MB)} MB free, ${Math.floor(store.reserveBytes / MB)} MB kept in reserve`;
  const fix =
    store.reason === "io_error" || store.reason === "read_only"
      ? "see dmesg for disk errors, run fsck, or replace the disk; restore the store from a backup if it is damaged"
      : `${FREE_SPACE_FIX}; the agent takes writes again by itself once there is room`;
  return fail(
    check,
    `the running agent cannot write its store since ${store.since}: ${why}${code}${free}. It refuses new pickups, sales, bookings, ratings and reports (507 LINLI_ERR_STORE_FULL) and still answers lookups`,
    fix,
  );
}

export async function checkDisk(path: string, minFreeBytes = MIN_FREE_BYTES): Promise<Finding> {
  const check = "disk";
  if (path === ":memory:") return pass(check, "the store is in memory");
  let where: string;
  try {
    where = (await nearestExisting(dirname(resolve(path)))).path;
  } catch {
    return fail(check, `cannot find the disk that would hold ${path}`);
  }
  const stats = await statfs(where).catch(() => undefined);
  if (!stats) return fail(check, `cannot read the free space of the disk holding ${where}`);
  const free = stats.bavail * stats.bsize;
  const total = stats.blocks * stats.bsize;
  const shown = `${Math.floor(free / MB)} MB free of ${Math.floor(total / MB)} MB on the disk holding ${where}`;
  if (free >= minFreeBytes) return pass(check, shown);
  return fail(
    check,
    `only ${shown}: once it is full the agent can no longer record parcels, ratings or events (residents can still look things up), and telemetry reports it`,
    FREE_SPACE_FIX,
  );
}

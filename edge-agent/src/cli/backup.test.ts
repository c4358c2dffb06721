import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { Store } from "../store/index.js";
import { backupCommand, backupStore } from "./backup.js";

let dir: string;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "linli-backup-"));
  store = new Store(join(dir, "linli.db"), createLogger({ level: "silent" }));
  store.start();
  store.db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
});

afterEach(() => {
  store.stop();
  rmSync(dir, { recursive: true, force: true });
});

const at = (day: number) => new Date(Date.UTC(2026, 0, day, 3, 15));

function rowsIn(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM notes").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("linli backup", () => {
  it("copies the store while the agent holds it open and is writing, leaving out what is not committed", () => {
    store.db.prepare("INSERT INTO notes (text) VALUES (?)").run("已提交");
    // The agent is in the middle of a transaction when the nightly backup runs.
    store.db.exec("BEGIN IMMEDIATE");
    store.db.prepare("INSERT INTO notes (text) VALUES (?)").run("未提交");
    const { backup } = backupStore(store.path, { keep: 3, now: at(1) });
    store.db.exec("COMMIT");

    expect(backup).toBe(join(dir, "backups", "linli-20260101T031500Z.db"));
    expect(rowsIn(backup)).toBe(1);
    expect(rowsIn(store.path)).toBe(2);
    const copy = new Database(backup, { readonly: true });
    expect(copy.pragma("quick_check", { simple: true })).toBe("ok");
    expect(copy.pragma("user_version", { simple: true })).toBe(store.schemaVersion);
    copy.close();
  });

  it("keeps the newest backups and removes the older ones", () => {
    const made = [1, 2, 3, 4].map((day) => backupStore(store.path, { keep: 3, now: at(day) }));
    expect(made[3]?.removed).toEqual([join(dir, "backups", "linli-20260101T031500Z.db")]);
    expect(readdirSync(join(dir, "backups")).sort()).toEqual([
      "linli-20260102T031500Z.db",
      "linli-20260103T031500Z.db",
      "linli-20260104T031500Z.db",
    ]);
  });

  it("compacts the live store once a quarter of it is free pages", () => {
    const insert = store.db.prepare("INSERT INTO notes (text) VALUES (?)");
    store.db.transaction(() => {
      for (let i = 0; i < 5_000; i += 1) insert.run("便利店".repeat(50));
    })();
    expect(backupStore(store.path, { keep: 3, now: at(1) }).vacuumed).toBe(false);
    store.db.exec("DELETE FROM notes WHERE id > 100");
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    const before = statSync(store.path).size;
    expect(backupStore(store.path, { keep: 3, now: at(2) }).vacuumed).toBe(true);
    expect(statSync(store.path).size).toBeLessThan(before / 2);
    expect(rowsIn(store.path)).toBe(100);
  });

  it("never compacts when the disk lacks room for VACUUM's copies, and says how much it needs", () => {
    const insert = store.db.prepare("INSERT INTO notes (text) VALUES (?)");
    store.db.transaction(() => {
      for (let i = 0; i < 5_000; i += 1) insert.run("便利店".repeat(50));
    })();
    store.db.exec("DELETE FROM notes WHERE id > 100");
    store.db.pragma("wal_checkpoint(TRUNCATE)");
    const size = statSync(store.path).size;
    // Room for the compact copy and the agent's reserve, not for twice the store on top.
    const free = 1.5 * size;
    const result = backupStore(store.path, {
      keep: 3,
      now: at(1),
      reserveBytes: 1024,
      freeBytes: () => free,
    });
    expect(result.vacuumed).toBe(false);
    expect(result.vacuumSkipped).toMatch(
      /^compacting needs about \d+ MB free \(twice the store, plus the agent's reserve\) and \d+ MB are free$/,
    );
    expect(statSync(store.path).size).toBe(size);
    expect(rowsIn(result.backup)).toBe(100);
  });

  it("makes no backup that would eat into the agent's reserve, and keeps the older ones", () => {
    const first = backupStore(store.path, { keep: 3, now: at(1) });
    const refused = () =>
      backupStore(store.path, {
        keep: 3,
        now: at(2),
        reserveBytes: 16 * 1024 * 1024,
        freeBytes: () => 8 * 1024 * 1024,
      });
    expect(refused).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_STORE_BACKUP_NO_SPACE",
        message: expect.stringMatching(
          /plus the 16 MB the agent keeps in reserve, and 8 MB are free/,
        ),
      }),
    );
    expect(readdirSync(join(dir, "backups"))).toEqual([basename(first.backup)]);
  });

  it("leaves no partial file and says why when the backup folder cannot be made", () => {
    const blocked = join(dir, "linli.db");
    expect(() => backupStore(store.path, { keep: 3, now: at(1), dir: join(blocked, "x") })).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_STORE_BACKUP_FAILED" }),
    );
    expect(existsSync(join(dir, "backups"))).toBe(false);
  });

  it("runs from the config, and has nothing to do (and does not fail) before the agent made a store", () => {
    const config = join(dir, "linli.yaml");
    const kiosk = {
      site: "s",
      id: "k",
      name: "测试",
      location: { lng: 121.5, lat: 31.2, datum: "gcj02" },
    };
    const printed: string[] = [];
    const print = (line: string) => printed.push(line);
    writeFileSync(config, JSON.stringify({ kiosk, store: { path: store.path } }));
    expect(backupCommand({ config }, { print, env: {}, now: () => at(9) })?.backup).toBe(
      join(dir, "backups", "linli-20260109T031500Z.db"),
    );
    writeFileSync(config, JSON.stringify({ kiosk, store: { path: join(dir, "never.db") } }));
    expect(backupCommand({ config }, { print, env: {} })).toBeUndefined();
    expect(printed.at(-1)).toBe(
      `nothing to back up yet: there is no store at ${join(dir, "never.db")} to back up`,
    );
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { MIGRATIONS } from "./migrations.js";
import { Store } from "./store.js";

function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: "info", destination }), lines };
}

describe("the kiosk store", () => {
  it("creates the schema at the latest migration, in WAL mode", () => {
    const store = new Store(
      join(mkdtempSync(join(tmpdir(), "linli-store-")), "linli.db"),
      createLogger({ level: "silent" }),
    );
    store.start();
    expect(store.schemaVersion).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    store.stop();
  });

  it("moves a corrupt file aside with a log line, keeps it, and starts fresh", () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-store-"));
    const path = join(dir, "linli.db");
    writeFileSync(path, "this is not a SQLite database, whatever the name says".repeat(100));
    const { log, lines } = capturingLogger();
    const store = new Store(path, log);
    store.start();
    expect(store.schemaVersion).toBe(MIGRATIONS.at(-1)?.version);
    store.stop();
    const aside = readdirSync(dir).filter((name) => name.startsWith("linli.db.corrupt-"));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] as string), "utf8")).toContain(
      "this is not a SQLite database",
    );
    expect(lines.join("")).toContain("the store is corrupt: moved it aside");
  });

  it("refuses a store written by a newer agent instead of damaging it", () => {
    const path = join(mkdtempSync(join(tmpdir(), "linli-store-")), "linli.db");
    const newer = new Store(path, createLogger({ level: "silent" }), [
      ...MIGRATIONS,
      { version: 999, name: "from the future", sql: "CREATE TABLE future (x INTEGER) STRICT;" },
    ]);
    newer.start();
    newer.stop();
    const older = new Store(path, createLogger({ level: "silent" }));
    expect(() => older.start()).toThrow(/schema version 999, newer than this agent knows/);
    expect(existsSync(path)).toBe(true);
  });

  it("says plainly when its folder cannot be created", () => {
    const dir = mkdtempSync(join(tmpdir(), "linli-store-"));
    writeFileSync(join(dir, "not-a-folder"), "");
    const path = join(dir, "not-a-folder", "linli.db");
    const store = new Store(path, createLogger({ level: "silent" }));
    expect(() => store.start()).toThrow(
      /cannot open the store .*not-a-folder\/linli\.db \((EEXIST|ENOTDIR)\): check that its folder exists/,
    );
  });
});

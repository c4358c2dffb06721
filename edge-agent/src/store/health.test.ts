import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { LinliError } from "@linli/protocols";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import {
  recordEssential,
  reportStoreFailure,
  requireStoreWritable,
  StoreHealth,
  type StoreHealthOptions,
  storeFailureOf,
} from "./health.js";
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

const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.stop();
});

/**
 * A real store file whose growth is capped with PRAGMA max_page_count: a write
 * that needs a new page fails with SQLite's own SQLITE_FULL, as on a full disk.
 */
function cappedStore() {
  const store = new Store(
    join(mkdtempSync(join(tmpdir(), "linli-health-")), "linli.db"),
    createLogger({ level: "silent" }),
  );
  store.start();
  stores.push(store);
  store.db.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  const insert = store.db.prepare("INSERT INTO filler (data) VALUES (randomblob(4096))");
  return {
    store,
    /** A write that takes a new page. */
    write: () => insert.run(),
    rows: () => (store.db.prepare("SELECT count(*) AS n FROM filler").get() as { n: number }).n,
    full: () => {
      const pages = store.db.pragma("page_count", { simple: true }) as number;
      store.db.pragma(`max_page_count = ${pages}`);
    },
    roomAgain: () => store.db.pragma("max_page_count = 1073741823"),
  };
}

function healthOf(
  capped: ReturnType<typeof cappedStore>,
  options: Partial<StoreHealthOptions> = {},
) {
  const { log, lines } = capturingLogger();
  const health = new StoreHealth({
    db: () => capped.store.db,
    storePath: capped.store.path,
    reserveBytes: 0,
    log,
    probe: () => capped.write(),
    checkMs: 3_600_000,
    probeEveryMs: 0,
    ...options,
  });
  const seen: boolean[] = [];
  health.onChange((state) => seen.push(state.writable));
  return { health, lines, seen };
}

const count = (lines: string[], text: string) => lines.filter((line) => line.includes(text)).length;

describe("which failed writes mean the store cannot take writes", () => {
  it.each([
    ["SQLITE_FULL", "full"],
    ["ENOSPC", "full"],
    ["EDQUOT", "full"],
    ["SQLITE_IOERR", "io_error"],
    ["SQLITE_IOERR_WRITE", "io_error"],
    ["SQLITE_IOERR_FSYNC", "io_error"],
    ["SQLITE_IOERR_SHMSIZE", "io_error"],
    ["EIO", "io_error"],
    ["SQLITE_READONLY", "read_only"],
    ["SQLITE_READONLY_DBMOVED", "read_only"],
    ["EROFS", "read_only"],
  ])("%s means %s", (code, fault) => {
    expect(storeFailureOf(Object.assign(new Error("failed"), { code }))).toEqual({ code, fault });
  });

  it.each([
    "SQLITE_IOERR_NOMEM",
    "SQLITE_BUSY",
    "SQLITE_CONSTRAINT_UNIQUE",
    "SQLITE_CORRUPT",
    "EACCES",
    "LINLI_ERR_PARCEL_WRONG_CODE",
  ])("%s is some other failure", (code) => {
    expect(storeFailureOf(Object.assign(new Error("failed"), { code }))).toBeUndefined();
  });

  it("looks through the causes a failure was wrapped in", () => {
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    const wrapped = new Error("the dataset could not be stored", { cause: full });
    expect(storeFailureOf(wrapped)).toEqual({ code: "SQLITE_FULL", fault: "full" });
  });

  it("is what SQLite itself throws when the file cannot grow, and the transaction rolls back", () => {
    const capped = cappedStore();
    capped.write();
    capped.full();
    let thrown: unknown;
    try {
      capped.store.db.transaction(() => {
        capped.write();
        capped.write();
      })();
    } catch (error) {
      thrown = error;
    }
    expect(storeFailureOf(thrown)).toEqual({ code: "SQLITE_FULL", fault: "full" });
    expect(capped.store.db.inTransaction).toBe(false);
    expect(capped.rows()).toBe(1);
  });
});

describe("the store's health", () => {
  it("turns unwritable on a failed write, logs it once however many fail, and refuses actions ahead", () => {
    const capped = cappedStore();
    const { health, lines, seen } = healthOf(capped);
    health.start();
    capped.full();
    for (let i = 0; i < 5; i += 1) {
      try {
        capped.write();
      } catch (error) {
        expect(reportStoreFailure(capped.store.db, error)).toBe(true);
      }
    }
    expect(health.state()).toMatchObject({
      writable: false,
      reason: "full",
      lastError: "SQLITE_FULL",
    });
    expect(count(lines, "the store cannot take writes")).toBe(1);
    expect(seen).toEqual([false]);
    let refusal: unknown;
    try {
      requireStoreWritable(capped.store.db);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(LinliError);
    expect(refusal).toMatchObject({
      code: "LINLI_ERR_STORE_FULL",
      status: 507,
      details: { reason: "full", lastError: "SQLITE_FULL" },
    });
    health.stop();
  });

  it("takes writes again, without a restart, on the first probe write that succeeds", () => {
    const capped = cappedStore();
    const { health, lines, seen } = healthOf(capped);
    health.start();
    capped.full();
    expect(() => capped.write()).toThrow();
    health.noteFailure(Object.assign(new Error("full"), { code: "SQLITE_FULL" }));
    const failedAt = health.state().since;
    expect(health.check().writable).toBe(false);

    capped.roomAgain();
    expect(() => health.requireWritable()).not.toThrow();
    expect(health.state()).toMatchObject({ writable: true, reason: null, lastError: null });
    expect(health.state().since >= failedAt).toBe(true);
    expect(seen).toEqual([false, true]);
    expect(count(lines, "the store takes writes again")).toBe(1);
    health.stop();
  });

  it("waits a while after a failed write before probing again, so a small probe that fits does not flap the state", () => {
    const capped = cappedStore();
    let now = Date.parse("2024-06-07T10:00:00Z");
    const { health, seen } = healthOf(capped, { probeEveryMs: 5_000, now: () => new Date(now) });
    health.start();
    health.noteFailure(Object.assign(new Error("full"), { code: "SQLITE_FULL" }));
    now += 1_000;
    expect(() => health.requireWritable()).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_STORE_FULL" }),
    );
    expect(capped.rows()).toBe(0);
    now += 5_000;
    expect(() => health.requireWritable()).not.toThrow();
    expect(capped.rows()).toBe(1);
    expect(seen).toEqual([false, true]);
    health.stop();
  });

  it("refuses new actions while free space is below the reserve, before any write fails", () => {
    const capped = cappedStore();
    let free = 100 * 1024;
    const { health, seen } = healthOf(capped, {
      reserveBytes: 1024 * 1024,
      freeBytes: () => free,
    });
    health.start();
    expect(health.state()).toMatchObject({
      writable: false,
      reason: "low_space",
      lastError: null,
      freeBytes: 100 * 1024,
      reserveBytes: 1024 * 1024,
    });
    expect(() => requireStoreWritable(capped.store.db)).toThrow(
      expect.objectContaining({
        code: "LINLI_ERR_STORE_FULL",
        details: expect.objectContaining({ reason: "low_space" }),
      }),
    );
    free = 2 * 1024 * 1024;
    expect(health.check().writable).toBe(true);
    expect(seen).toEqual([false, true]);
    health.stop();
  });

  it("answers a failed essential write with 507 LINLI_ERR_STORE_FULL, and passes other refusals on", () => {
    const capped = cappedStore();
    const { health } = healthOf(capped);
    health.start();
    capped.full();
    expect(() => recordEssential(capped.store.db, () => capped.write())).toThrow(
      expect.objectContaining({ code: "LINLI_ERR_STORE_FULL", status: 507 }),
    );
    expect(health.writable).toBe(false);
    const wrongCode = new LinliError("LINLI_ERR_PARCEL_WRONG_CODE", "wrong", { status: 404 });
    expect(() =>
      recordEssential(capped.store.db, () => {
        throw wrongCode;
      }),
    ).toThrow(wrongCode);
    health.stop();
    // Once stopped, the database is nobody's: nothing is checked ahead.
    expect(() => requireStoreWritable(capped.store.db)).not.toThrow();
  });

  it("probes the real store by writing to it", () => {
    const capped = cappedStore();
    const { log } = capturingLogger();
    const health = new StoreHealth({
      db: () => capped.store.db,
      storePath: capped.store.path,
      reserveBytes: 0,
      log,
      probeEveryMs: 0,
    });
    health.start();
    health.noteFailure(Object.assign(new Error("full"), { code: "SQLITE_FULL" }));
    expect(health.check().writable).toBe(true);
    const proof = capped.store.db
      .prepare("SELECT value FROM meta WHERE key = 'store.writable_at'")
      .get() as { value: string };
    expect(Date.parse(proof.value)).not.toBeNaN();
    expect(health.state().freeBytes).toBeGreaterThan(0);
    health.stop();
  });
});
